import { createSerialQueue } from '../../lib/serial.js';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  SMTP_TLS_MODES,
  type MailSettings,
  type OutboxMessage as OutboxMessageView,
  type OutboxPage,
  type MailKind,
  type OutboxQuery,
  type TestMailResponse,
  type UpdateMailSettingsRequest,
} from '@oig/shared';
import type { Config } from '../../config.js';
import { AppError } from '../../http/app-error.js';
import { escapeHtml } from '../../lib/html.js';
import type { Actor, AuditService } from '../audit/index.js';
import type { SettingsStore } from '../../db/settings-store.js';
import { DEFAULT_FROM, type MailService, type OutboxMessage } from './mail.service.js';

/** Settings key of the SMTP server set in the Options tab. */
export const MAIL_SMTP_KEY = 'mail.smtp';

/**
 * As stored. The password is kept as given (SMTP AUTH needs it in clear); it lives only in this
 * settings row and never leaves it except towards the SMTP server.
 */
const storedSmtpSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  tlsMode: z.enum(SMTP_TLS_MODES),
  username: z.string().nullable(),
  password: z.string().nullable(),
  fromAddress: z.string(),
});
export type StoredSmtp = z.infer<typeof storedSmtpSchema>;

const readStored = (settings: SettingsStore): Promise<StoredSmtp | undefined> =>
  settings.get(MAIL_SMTP_KEY, storedSmtpSchema);

/** The SMTP URL the transport takes (see createSmtpTransport for the `tls` parameter). */
export function smtpUrlOf(s: StoredSmtp): string {
  const host = s.host.includes(':') && !s.host.startsWith('[') ? `[${s.host}]` : s.host;
  const auth = s.username
    ? `${encodeURIComponent(s.username)}${s.password ? `:${encodeURIComponent(s.password)}` : ''}@`
    : '';
  if (s.tlsMode === 'tls') return `smtps://${auth}${host}:${s.port}`;
  return `smtp://${auth}${host}:${s.port}?tls=${s.tlsMode}`;
}

/**
 * The mail service's hooks: the SMTP URL (Options tab, else OIG_SMTP_URL, else none: .eml files)
 * and the sender. Read from the database at every delivery batch / enqueue, so a change made in
 * any process applies at once in all of them.
 */
export function mailSettingsHooks(settings: SettingsStore, config: Pick<Config, 'smtpUrl'>) {
  return {
    smtpUrl: async (): Promise<string | undefined> => {
      const s = await readStored(settings);
      return s ? smtpUrlOf(s) : config.smtpUrl;
    },
    fromAddress: async (): Promise<string | undefined> => (await readStored(settings))?.fromAddress,
  };
}

const iso = (t: number | null): string | null => (t === null ? null : new Date(t).toISOString());
const outboxView = (m: OutboxMessage): OutboxMessageView => ({
  id: m.id,
  kind: m.kind,
  to: m.to,
  subject: m.subject,
  subjectParams: m.subjectParams,
  state: m.state,
  attempts: m.attempts,
  nextAttemptAt: m.state === 'queued' ? iso(m.nextAttemptAt) : null,
  lastError: m.lastError,
  lastErrorReason: m.lastErrorReason,
  createdAt: new Date(m.createdAt).toISOString(),
  sentAt: m.state === 'sent' ? iso(m.sentAt) : null,
  savedAt: m.state === 'saved' ? iso(m.sentAt) : null,
  fileName: m.fileName,
});

/** What the audit log keeps of the settings: the password only as set/unset (masked anyway). */
const auditSnapshot = (s: StoredSmtp | undefined) =>
  s ? { ...s, password: s.password ? 'set' : null } : { source: 'none' };

/** The admin side of mail: SMTP settings (Options tab), test message, outbox list/retry/discard. */
export function createMailAdminService(deps: {
  settings: SettingsStore;
  mail: MailService;
  audit: AuditService;
  config: Pick<Config, 'smtpUrl'>;
  logger: Logger;
  now?: () => number;
}) {
  const { settings, mail, audit, config, logger } = deps;
  const now = deps.now ?? Date.now;

  const view = (s: StoredSmtp | undefined): MailSettings => {
    const outboxFolder = mail.outboxDir;
    if (s) {
      return {
        source: 'options',
        host: s.host,
        port: s.port,
        tlsMode: s.tlsMode,
        username: s.username,
        passwordSet: !!s.password,
        fromAddress: s.fromAddress,
        outboxFolder,
      };
    }
    if (config.smtpUrl) {
      const u = new URL(config.smtpUrl);
      const secure = u.protocol === 'smtps:';
      return {
        source: 'environment',
        host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: u.port ? Number(u.port) : secure ? 465 : 587,
        tlsMode: secure ? 'tls' : u.searchParams.get('tls') === 'none' ? 'none' : 'starttls',
        username: u.username ? decodeURIComponent(u.username) : null,
        passwordSet: !!u.password,
        fromAddress: DEFAULT_FROM,
        outboxFolder,
      };
    }
    return {
      source: 'none',
      host: null,
      port: null,
      tlsMode: null,
      username: null,
      passwordSet: false,
      fromAddress: DEFAULT_FROM,
      outboxFolder,
    };
  };

  // Read-modify-write of one stored value (password kept when omitted): one at a time here.
  const serialized = createSerialQueue();

  const mustExist = async (id: string): Promise<OutboxMessage> => {
    const m = await mail.get(id);
    if (!m) throw new AppError('not_found', 'outbox_message_not_found', 'No such message in the outbox');
    return m;
  };

  return {
    async getSettings(): Promise<MailSettings> {
      return view(await readStored(settings));
    },

    async updateSettings(req: UpdateMailSettingsRequest, actor: Actor): Promise<MailSettings> {
      return serialized(async () => {
        const before = await readStored(settings);
        if ('clear' in req) {
          if (before) {
            await settings.remove(MAIL_SMTP_KEY);
            await audit.record(
              actor,
              'mail.settings.update',
              'Mail settings',
              auditSnapshot(before),
              auditSnapshot(undefined),
            );
            logger.info({ actor: actor.username }, 'mail settings cleared');
          }
          return view(undefined);
        }
        const username = req.username ? req.username : null;
        const password =
          req.password === undefined ? (before?.password ?? null) : req.password ? req.password : null;
        const after: StoredSmtp = {
          host: req.host,
          port: req.port,
          tlsMode: req.tlsMode,
          username,
          password,
          fromAddress: req.fromAddress,
        };
        if (before && JSON.stringify(before) === JSON.stringify(after)) return view(after);
        await settings.set(MAIL_SMTP_KEY, after, now());
        await audit.record(
          actor,
          'mail.settings.update',
          'Mail settings',
          auditSnapshot(before),
          auditSnapshot(after),
        );
        logger.info(
          {
            actor: actor.username,
            host: after.host,
            port: after.port,
            tlsMode: after.tlsMode,
            username: after.username,
          },
          'mail settings updated',
        );
        return view(after);
      });
    },

    /**
     * Queues a test message; delivery happens in the background (see the outbox). The answer says
     * what became of it (with no SMTP server: saved to its file, see MailService.outcome).
     */
    async sendTest(to: string, actor: Actor): Promise<TestMailResponse> {
      const s = view(await readStored(settings));
      const server = hostname();
      const at = new Date(now()).toISOString();
      const route =
        s.source === 'none'
          ? `no SMTP server (saved as .eml files in ${s.outboxFolder})`
          : `SMTP server ${s.host}:${s.port} (${s.source === 'options' ? 'Options tab' : 'OIG_SMTP_URL'})`;
      const m = await mail.enqueue({
        kind: 'test' satisfies MailKind,
        to: [to],
        subject: 'OIG test message',
        subjectParams: {},
        text:
          `This is a test message from the OIG Admin Console on ${server}, ` +
          `sent at ${at} by ${actor.username} through ${route}.\n`,
        html:
          `<p>This is a test message from the OIG Admin Console on <b>${escapeHtml(server)}</b>, ` +
          `sent at ${escapeHtml(at)} by ${escapeHtml(actor.username)} ` +
          `through ${escapeHtml(route)}.</p>`,
      });
      await audit.record(actor, 'mail.test', to, undefined, { id: m.id, to });
      return { id: m.id, mail: await mail.outcome(m.id) };
    },

    async listOutbox(q: OutboxQuery): Promise<OutboxPage> {
      const page = await mail.page({
        limit: q.limit,
        offset: q.offset,
        ...(q.state ? { state: q.state } : {}),
      });
      return { messages: page.messages.map(outboxView), total: page.total };
    },

    async retry(id: string, actor: Actor): Promise<OutboxMessageView> {
      const m = await mustExist(id);
      if (!(await mail.retry(id))) {
        const state = (await mail.get(id))?.state ?? m.state;
        throw new AppError(
          'conflict',
          'retry_only_failed',
          `Only a failed message can be retried; this one is ${state}`,
          { params: { state } },
        );
      }
      await audit.record(
        actor,
        'mail.retry',
        id,
        { state: m.state, subject: m.subject },
        { state: 'queued' },
      );
      return outboxView((await mail.get(id)) ?? m);
    },

    async discard(id: string, actor: Actor): Promise<OutboxMessageView> {
      const m = await mustExist(id);
      if (!(await mail.discard(id))) {
        const state = (await mail.get(id))?.state ?? m.state;
        throw new AppError(
          'conflict',
          'discard_only_pending',
          `Only a queued or failed message can be discarded; this one is ${state}`,
          { params: { state } },
        );
      }
      await audit.record(
        actor,
        'mail.discard',
        id,
        { state: m.state, subject: m.subject },
        { state: 'discarded' },
      );
      return outboxView((await mail.get(id)) ?? m);
    },
  };
}
export type MailAdminService = ReturnType<typeof createMailAdminService>;

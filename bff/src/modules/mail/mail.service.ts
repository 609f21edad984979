import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { MailDeliveryError, MailOutcome, ReasonParams, StatusReason } from '@oig/shared';
import type { Config } from '../../config.js';
import type { DbKind } from '../../db/db.js';
import type { MailState } from '../../db/schema.js';
import { AppError } from '../../http/app-error.js';
import { nextTurn } from '../../lib/slices.js';
import { readReason } from '../../lib/stored-reason.js';
import {
  createFileTransport,
  createSmtpTransport,
  DEFAULT_SMTP_TIMEOUTS,
  emlFileName,
  type MailMessage,
  type MailTransport,
  type SmtpTimeouts,
} from './mail-transport.js';
import { partsOf, type MailRepo, type OutboxRow } from './mail.repo.js';
import { enqueueSchema, refuseLineBreaks, type EnqueueMail } from './mail.validation.js';

export type { EnqueueMail } from './mail.validation.js';

/** An attachment's bytes handed to nodemailer between two turns of the event loop (base64, lines, CRLF). */
const ENCODE_SLICE_BYTES = 128 * 1024;
/** Messages sent at once by one process. */
export const MAIL_CONCURRENCY = 4;
/** Rows claimed per batch. */
const CLAIM_BATCH = 16;
/** Back-off: 30 s × 2^(attempt − 1), at most 30 min; after MAX_ATTEMPTS the message fails. */
export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_MS = 30 * 60_000;
export const MAX_ATTEMPTS = 10;
/**
 * How long a claimed row belongs to its sender. Far longer than one delivery can take under
 * the SMTP timeouts; when it ends without an outcome (the process died), any process requeues it.
 */
export const SENDING_LEASE_MS = 10 * 60_000;
/**
 * How long a console action (test message, report now, user list, language strings) waits for its
 * message to be written when no SMTP server is set (a local file: normally a few milliseconds),
 * so that its answer can say "saved to file". Beyond it the answer says it is still queued.
 * SMTP deliveries are never waited for (a server may take its timeouts).
 */
export const FILE_OUTCOME_WAIT_MS = 2_000;
/** The sender until one is set in the Options tab. */
export const DEFAULT_FROM = 'OIG Admin Console <oig@localhost>';
/** Connection-level failures worth another try (besides any SMTP 4xx answer). */
const RETRY_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

/**
 * An attachment as `mail_outbox.attachments` lists it: its content in `parts` rows of
 * mail_attachment_parts (`size` bytes in all), or, in a row enqueued before migration 0011, in
 * `contentBase64`.
 */
type StoredAttachment = { filename: string; contentType: string } & (
  { size: number; parts: number; contentBase64?: undefined } | { contentBase64: string }
);

/** A message of the outbox as the service shows it. */
export interface OutboxMessage {
  id: string;
  messageId: string;
  kind: string;
  idempotencyKey: string | null;
  to: string[];
  subject: string;
  state: MailState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  /** lastError as a code and params (null without one, or when a previous version wrote the text). */
  lastErrorReason: StatusReason | null;
  /** The values the console says the subject with (null for rows queued before they were stored). */
  subjectParams: ReasonParams | null;
  createdAt: number;
  /** When it was delivered: sent (SMTP) or saved (its file written). */
  sentAt: number | null;
  /** The .eml file's name in the outbox folder (state 'saved'). */
  fileName: string | null;
}

const parseParams = (json: string | null): ReasonParams | null => {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as ReasonParams) : null;
  } catch {
    return null;
  }
};

const view = (r: OutboxRow): OutboxMessage => ({
  id: r.id,
  messageId: r.message_id,
  kind: r.kind,
  idempotencyKey: r.idempotency_key,
  to: JSON.parse(r.to_addresses) as string[],
  subject: r.subject,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  lastErrorReason: readReason(r.last_error_reason, r.last_error),
  subjectParams: parseParams(r.subject_params),
  createdAt: r.created_at,
  sentAt: r.sent_at,
  fileName: r.file_name,
});

const DNS_CODES = new Set(['EDNS', 'EAI_AGAIN', 'ENOTFOUND']);

/** What to do after a failed delivery: another try later, or failed for good; why, in words and as a code. */
export function classifyMailError(err: unknown): {
  retry: boolean;
  error: string;
  reason: StatusReason<MailDeliveryError>;
} {
  const e = (err ?? {}) as { responseCode?: number; code?: string; response?: string; message?: string };
  const error = (e.response ?? e.message ?? String(err)).slice(0, 1000);
  const detail = (e.message ?? String(err)).slice(0, 1000);
  const answer = { responseCode: e.responseCode ?? 0, response: (e.response ?? '').slice(0, 1000) };
  if (e.code === 'EAUTH')
    return {
      retry: !(typeof e.responseCode === 'number' && e.responseCode >= 500),
      error,
      reason: { code: 'auth_failed', params: typeof e.responseCode === 'number' ? answer : {} },
    };
  if (typeof e.responseCode === 'number' && e.responseCode >= 400)
    return {
      retry: e.responseCode < 500,
      error,
      reason: { code: e.responseCode < 500 ? 'smtp_deferred' : 'smtp_refused', params: answer },
    };
  const code = e.code ?? '';
  const reason: StatusReason<MailDeliveryError> =
    code === 'ETIMEDOUT'
      ? { code: 'timeout', params: {} }
      : code === 'ETLS'
        ? { code: 'tls_failed', params: {} }
        : DNS_CODES.has(code)
          ? { code: 'dns_failed', params: { code, detail } }
          : RETRY_CODES.has(code)
            ? { code: 'connection_failed', params: { code, detail } }
            : err instanceof AttachmentPartError
              ? { code: 'attachment_missing', params: { detail } }
              : { code: 'other', params: { detail } };
  // Anything else (a full disk for the .eml files, an unexpected protocol answer) is retried
  // too, up to MAX_ATTEMPTS: it is not the server refusing this message.
  return { retry: true, error, reason };
}

/** An attachment's stored parts are missing or of the wrong size (the attempt fails, it is retried). */
export class AttachmentPartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttachmentPartError';
  }
}

export const backoffMs = (attempt: number): number =>
  Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1), RETRY_MAX_MS);

/**
 * The mail outbox: enqueue validates and stores; a worker (start/stop, unref'd timer) claims due
 * rows and delivers them, MAIL_CONCURRENCY at a time, by SMTP (OIG_SMTP_URL) or, with no SMTP
 * configured, as .eml files in `<dataDir>/outbox`.
 *
 * Delivery is at least once. The Message-ID is made at enqueue and kept: when a process dies
 * between handing a message to the server and marking it sent, the row stays 'sending'; at the
 * next start (SQLite: one process, so every such row) or when its lease ends (PostgreSQL, where
 * other processes may be sending) it is requeued and sent again with the same Message-ID. The
 * receiving MTA may then see that Message-ID twice; that is the documented at-least-once
 * boundary (SMTP has no transaction we could commit together with the database).
 */
export function createMailService(deps: {
  repo: MailRepo;
  dbKind: DbKind;
  config: Pick<Config, 'smtpUrl' | 'dataDir'>;
  logger: Logger;
  now?: () => number;
  timeouts?: Partial<SmtpTimeouts>;
  /** Worker period (0 = only runOnce / kicks after enqueue). */
  pollMs?: number;
  /** How long `outcome` waits for an .eml file to be written (default FILE_OUTCOME_WAIT_MS). */
  outcomeWaitMs?: number;
  /** SMTP URL in use; defaults to OIG_SMTP_URL (the Options tab will provide one later). */
  smtpUrl?: () => Promise<string | undefined> | string | undefined;
  /** Sender of new messages that name none; defaults to DEFAULT_FROM (read at every enqueue). */
  fromAddress?: () => Promise<string | undefined> | string | undefined;
}) {
  const { repo, config, logger } = deps;
  const now = deps.now ?? Date.now;
  const timeouts: SmtpTimeouts = { ...DEFAULT_SMTP_TIMEOUTS, ...deps.timeouts };
  const pollMs = deps.pollMs ?? 15_000;
  const outcomeWaitMs = deps.outcomeWaitMs ?? FILE_OUTCOME_WAIT_MS;
  const smtpUrl = deps.smtpUrl ?? (() => config.smtpUrl);
  const outboxDir = path.join(config.dataDir, 'outbox');
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  const transportFor = async (): Promise<MailTransport> => {
    const url = await smtpUrl();
    return url ? createSmtpTransport(url, timeouts) : createFileTransport(outboxDir);
  };

  /** An attachment's content, one part per statement; throws when a part is missing or the size is wrong. */
  async function* readParts(
    mailId: string,
    attachment: number,
    stored: { size: number; parts: number },
  ): AsyncGenerator<Buffer> {
    let size = 0;
    for (let part = 0; part < stored.parts; part++) {
      const bytes = await repo.part(mailId, attachment, part);
      if (!bytes)
        throw new AttachmentPartError(
          `attachment ${attachment + 1}: part ${part + 1} of ${stored.parts} is missing`,
        );
      size += bytes.byteLength;
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      // nodemailer encodes what it is given at once, and a SQLite read resolves without a turn of
      // the event loop: small slices with a turn between them keep each step to a few ms.
      for (let at = 0; at < buf.length; at += ENCODE_SLICE_BYTES) {
        yield buf.subarray(at, at + ENCODE_SLICE_BYTES);
        await nextTurn();
      }
    }
    if (size !== stored.size)
      throw new AttachmentPartError(
        `attachment ${attachment + 1}: ${size} bytes stored, ${stored.size} expected`,
      );
  }

  const toMessage = (r: OutboxRow): MailMessage => ({
    messageId: r.message_id,
    from: r.from_address,
    to: JSON.parse(r.to_addresses) as string[],
    subject: r.subject,
    ...(r.html !== null ? { html: r.html } : {}),
    ...(r.text_body !== null ? { text: r.text_body } : {}),
    ...(r.headers ? { headers: JSON.parse(r.headers) as Record<string, string> } : {}),
    ...(r.attachments
      ? {
          attachments: (JSON.parse(r.attachments) as StoredAttachment[]).map((a, i) =>
            a.contentBase64 !== undefined
              ? {
                  filename: a.filename,
                  contentType: a.contentType,
                  content: a.contentBase64,
                  encoding: 'base64',
                }
              : {
                  filename: a.filename,
                  contentType: a.contentType,
                  // Read a part at a time as nodemailer encodes and sends it (SMTP or the .eml file).
                  content: Readable.from(readParts(r.id, i, a), { objectMode: false }),
                },
          ),
        }
      : {}),
    // Never read local files or URLs named in a message.
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  const deliver = async (transport: MailTransport, row: OutboxRow): Promise<void> => {
    const log = logger.child({
      mailId: row.id,
      messageId: row.message_id,
      kind: row.kind,
      attempt: row.attempts,
      transport: transport.kind,
    });
    try {
      const receipt = await transport.send(toMessage(row), row.id);
      if (receipt.fileName !== undefined) {
        // No SMTP server: the message is a file in the outbox folder; it reached nobody.
        await repo.markSaved(row.id, row.attempts, receipt.fileName, now());
        log.info({ fileName: receipt.fileName, outboxDir }, 'mail saved to file (no SMTP server)');
      } else {
        await repo.markSent(row.id, row.attempts, now());
        log.info('mail sent');
      }
    } catch (err) {
      const { retry, error, reason } = classifyMailError(err);
      if (retry && row.attempts < MAX_ATTEMPTS) {
        const at = now() + backoffMs(row.attempts);
        await repo.markRetry(row.id, row.attempts, error, reason, at, now());
        log.warn({ error, nextAttemptAt: at }, 'mail not sent; will retry');
      } else {
        await repo.markFailed(row.id, row.attempts, error, reason, now());
        log.error({ error }, 'mail failed');
      }
    }
  };

  /** Claims and sends due rows until none is left; returns how many were attempted. */
  const drain = async (): Promise<number> => {
    await repo.requeueInterrupted(now(), false);
    let attempted = 0;
    for (;;) {
      const rows = await repo.claimDue(now(), CLAIM_BATCH, SENDING_LEASE_MS);
      if (rows.length === 0) break;
      attempted += rows.length;
      // The server is read after the claim: a message enqueued after a settings change never
      // goes out through the server configured before it.
      // A transport that cannot even be set up fails each claimed row the usual way (retried).
      const transport = await transportFor().catch((err: unknown): MailTransport => ({
        kind: 'smtp',
        send: () => Promise.reject(err),
        close: () => undefined,
      }));
      try {
        let next = 0;
        const lane = async () => {
          while (next < rows.length) await deliver(transport, rows[next++]!);
        };
        await Promise.all(Array.from({ length: Math.min(MAIL_CONCURRENCY, rows.length) }, lane));
      } finally {
        transport.close();
      }
    }
    return attempted;
  };

  const schedule = (delayMs: number) => {
    if (!started || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void service.runOnce().finally(() => {
        if (pollMs > 0) schedule(pollMs);
      });
    }, delayMs);
    timer.unref();
  };

  /**
   * Runs the worker for one row (the pass under way, then one more that claims it) and resolves
   * when the row is no longer pending or outcomeWaitMs has passed, whichever comes first.
   */
  const settle = async (id: string, pending: (r: OutboxRow) => boolean): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, outcomeWaitMs);
      timer.unref();
    });
    const work = (async () => {
      for (let pass = 0; pass < 2 && started; pass++) {
        await service.runOnce();
        const r = await repo.get(id);
        if (!r || !pending(r)) return;
      }
    })().catch((err: unknown) => logger.warn({ err, mailId: id }, 'mail outcome not read'));
    try {
      await Promise.race([work, bound]);
    } finally {
      clearTimeout(timer);
    }
  };

  /** Something became due now: run at once, or right after the pass under way. */
  const kick = () => {
    if (!started) return;
    if (running) {
      void running.finally(kick);
      return;
    }
    if (timer) clearTimeout(timer);
    timer = undefined;
    schedule(0);
  };

  const service = {
    /** Validates and stores a message; with an idempotency key already used, returns that row. */
    async enqueue(input: EnqueueMail): Promise<OutboxMessage> {
      refuseLineBreaks(input);
      const parsed = enqueueSchema.safeParse(input);
      if (!parsed.success) throw AppError.fromZod(parsed.error, input, 'Mail');
      const m = parsed.data;
      const id = randomUUID();
      const t = now();
      const attachments = m.attachments?.map((a): StoredAttachment => ({
        filename: a.filename,
        contentType: a.contentType,
        size: a.content.byteLength,
        parts: partsOf(a.content.byteLength),
      }));
      const contents = m.attachments?.map((a) => a.content) ?? [];
      const { row, created } = await repo.enqueue(
        {
          id,
          message_id: `<${id}@oig.invalid>`,
          kind: m.kind,
          idempotency_key: m.idempotencyKey ?? null,
          from_address: m.from ?? (await deps.fromAddress?.()) ?? DEFAULT_FROM,
          to_addresses: JSON.stringify(m.to),
          subject: m.subject,
          subject_params: m.subjectParams ? JSON.stringify(m.subjectParams) : null,
          html: m.html ?? null,
          text_body: m.text ?? null,
          headers: m.headers ? JSON.stringify(m.headers) : null,
          attachments: attachments ? JSON.stringify(attachments) : null,
          next_attempt_at: t,
          created_at: t,
        },
        contents,
      );
      if (created) {
        logger.info({ mailId: row.id, kind: row.kind }, 'mail queued');
        kick();
      }
      return view(row);
    },

    async get(id: string): Promise<OutboxMessage | undefined> {
      const r = await repo.get(id);
      return r && view(r);
    },

    async list(opts: { state?: MailState; limit?: number; offset?: number } = {}): Promise<OutboxMessage[]> {
      return (await repo.list(opts)).map(view);
    },

    /** One page of the outbox, newest first, and how many rows match in all. */
    async page(opts: {
      state?: MailState;
      limit: number;
      offset: number;
    }): Promise<{ messages: OutboxMessage[]; total: number }> {
      const filter = opts.state ? { state: opts.state } : {};
      const [rows, total] = await Promise.all([
        repo.list({ ...filter, limit: opts.limit, offset: opts.offset }),
        repo.count(filter),
      ]);
      return { messages: rows.map(view), total };
    },

    /** Where messages go as .eml files when no SMTP server is configured. */
    outboxDir,

    /**
     * What became of a message just enqueued, for the console's answer. With no SMTP server
     * (delivery 'file') and the worker running, this process delivers due mail at once and waits
     * up to outcomeWaitMs for the row to leave queued/sending; over SMTP it answers at once.
     * Another process may have claimed the row (PostgreSQL): then it is still 'sending' here.
     */
    async outcome(id: string): Promise<MailOutcome> {
      let row = await repo.get(id);
      if (!row) throw new AppError('not_found', 'outbox_message_not_found', 'No such message in the outbox');
      const pending = (r: OutboxRow) => r.state === 'queued' || r.state === 'sending';
      // The message is queued already: a failed read of the settings must not fail the answer
      // (the user would send it again); it is then answered as over SMTP, without waiting.
      const smtp = await Promise.resolve()
        .then(smtpUrl)
        .then(
          (url) => !!url,
          (err: unknown) => {
            logger.warn({ err, mailId: id }, 'mail settings not read; outcome answered without waiting');
            return true;
          },
        );
      if (!smtp && started && pending(row)) {
        await settle(id, pending);
        row = (await repo.get(id)) ?? row;
      }
      // A delivered row says how it went; a pending one, how it goes with the settings of now.
      const delivery =
        row.state === 'saved' ? 'file' : row.state === 'sent' ? 'smtp' : smtp ? 'smtp' : 'file';
      return {
        id: row.id,
        state: row.state,
        delivery,
        fileName: row.file_name ?? (delivery === 'file' ? emlFileName(row.id) : null),
        outboxFolder: delivery === 'file' ? outboxDir : null,
      };
    },

    /** failed → queued (due now). */
    async retry(id: string): Promise<boolean> {
      const ok = await repo.retry(id, now());
      if (ok) kick();
      return ok;
    },

    /** queued | failed → discarded. */
    discard: (id: string): Promise<boolean> => repo.discard(id, now()),

    /**
     * Requeues rows a previous run of this process left 'sending' (SQLite: all of them, since
     * it has one process; PostgreSQL: those whose lease ended, others may still be sending).
     */
    async recover(): Promise<number> {
      const n = await repo.requeueInterrupted(now(), deps.dbKind === 'sqlite');
      if (n > 0)
        logger.warn({ messages: n }, 'mail interrupted while sending; sending again (same Message-ID)');
      return n;
    },

    /** One pass of the worker: sends every due row. Never two passes at once in one process. */
    runOnce(): Promise<number> {
      running ??= drain()
        .catch((err: unknown) => {
          logger.warn({ err }, 'mail outbox pass failed');
          return 0;
        })
        .finally(() => (running = undefined));
      return running;
    },

    async start(): Promise<void> {
      if (started) return;
      await service.recover();
      started = true;
      schedule(0);
    },

    async stop(): Promise<void> {
      started = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
  return service;
}
export type MailService = ReturnType<typeof createMailService>;

import { createSerialQueue } from '../../../lib/serial.js';
import {
  importReportFileName,
  USER_LIST_COLUMNS,
  USER_LIST_REPORTED_ERRORS,
  type MivoiceEmailResponse,
  type MivoiceUser,
  type MivoiceUsersPage,
  type MivoiceUsersQuery,
  type UserListImportQuery,
  type UserListImportReport,
} from '@oig/shared';
import type { Logger } from 'pino';
import type { UploadedFile } from '../../../http/upload.js';
import { toCsv, withBom } from '../../../lib/csv.js';
import type { Actor, AuditService } from '../../audit/index.js';
import type { MailService } from '../../mail/index.js';
import type { MivoiceSettingsService } from '../settings/index.js';
import {
  parseUserList,
  planImport,
  sortErrors,
  type ParsedUserList,
  type StoredUser,
} from './user-list.csv.js';
import type { UserListRepo } from './user-list.repo.js';

export const USER_LIST_FILE_NAME = 'mivoice-users.csv';
export const USER_LIST_MAIL_KIND = 'mivoice-user-list';
const APP_NAME = 'MiVoice Integration for Google';
/**
 * Problems listed in the full report CSV at most (a file with more is wrong throughout; this bounds
 * its memory and time).
 */
export const FULL_REPORT_MAX_ERRORS = 100_000;

const view = (r: StoredUser): MivoiceUser => ({
  primaryEmail: r.primary_email,
  fullName: r.full_name,
  givenName: r.given_name,
  familyName: r.family_name,
  phoneNumber: r.phone_number,
  phoneType: r.phone_type,
  recordSource: r.record_source,
  updatedAt: new Date(Number(r.updated_at)).toISOString(),
});

/** The export file: USER_LIST_COLUMNS in order, mark_as_delete empty, cells neutralised, CRLF, BOM. */
export function renderUserListCsv(rows: readonly StoredUser[]): string {
  return withBom(
    toCsv(
      {
        fields: [...USER_LIST_COLUMNS],
        data: rows.map((r) => [
          r.primary_email,
          r.full_name,
          r.given_name,
          r.family_name,
          r.phone_number,
          r.phone_type ?? '',
          '',
          r.record_source,
        ]),
      },
      { phoneColumns: ['phone_number'] },
    ),
  );
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The MiVoice Integration for Google user list: browse, import a CSV (strict or skipping bad
 * rows, or only checking), export it, mail it to the MiVoice administrator e-mail.
 */
export function createUserListService(deps: {
  repo: UserListRepo;
  mail: Pick<MailService, 'enqueue' | 'outcome'>;
  mivoiceSettings: Pick<MivoiceSettingsService, 'exportAddress'>;
  audit: Pick<AuditService, 'record'>;
  logger: Logger;
  now?: () => number;
}) {
  const { repo, logger } = deps;
  const now = deps.now ?? Date.now;
  /** Imports of this process run one after the other (other processes: the transaction's table lock). */
  const serialised = createSerialQueue();

  /**
   * The parsed file's rows against the stored list: the plan, and the first `max` problems of
   * both checks merged in file order (each list holds its own first `max`), all counted.
   */
  const checkAgainst = async (
    parsed: ParsedUserList,
    stored: (keys: readonly string[]) => Promise<Map<string, StoredUser>>,
    max: number,
  ) => {
    const plan = planImport(
      parsed.candidates,
      await stored(parsed.candidates.map((c) => c.phoneKey)),
      now(),
      { maxIssues: max },
    );
    const errors = sortErrors([...parsed.errors, ...plan.errors]).slice(0, max);
    return {
      parsed,
      plan,
      errors,
      errorCount: parsed.errorCount + plan.errorCount,
      badRows: parsed.badRows + plan.errorCount,
    };
  };

  const exportRows = async () => {
    const rows = await repo.all();
    return { rows, csv: renderUserListCsv(rows), users: new Set(rows.map((r) => r.email_key)).size };
  };

  return {
    async list(q: MivoiceUsersQuery): Promise<MivoiceUsersPage> {
      const { rows, total } = await repo.page({ q: q.q, limit: q.limit, offset: q.offset });
      return { total, items: rows.map(view) };
    },

    /**
     * Imports a user-list file. The file is decoded, parsed and every cell checked first (a
     * file-level problem is a 400 naming the line); then, in one transaction, the rows are
     * checked against the stored list and — unless this is a dry run, or strict mode found a
     * bad row — written, all or nothing.
     */
    async import(file: UploadedFile, opts: UserListImportQuery, actor: Actor): Promise<UserListImportReport> {
      const t0 = performance.now();
      // Parsed inside the queue: one file's rows in memory at a time.
      const result = await serialised(async () => {
        const parsed = await parseUserList(file.bytes);
        // A dry run reads the stored rows and locks nothing.
        if (opts.dryRun)
          return {
            ...(await checkAgainst(parsed, repo.stored, USER_LIST_REPORTED_ERRORS)),
            carriedOut: false,
          };
        return repo.importTransaction(async (tx) => {
          const checked = await checkAgainst(parsed, tx.stored, USER_LIST_REPORTED_ERRORS);
          const carriedOut = opts.mode === 'skip' || checked.errorCount === 0;
          if (carriedOut) await tx.write(checked.plan.deletes, checked.plan.upserts);
          return { ...checked, carriedOut };
        });
      });
      const { parsed, plan, errors, errorCount, badRows, carriedOut } = result;
      const report: UserListImportReport = {
        added: plan.added,
        updated: plan.updated,
        deleted: plan.deleted,
        unchanged: plan.unchanged,
        errors,
        errorCount,
        badRows,
        errorsTruncated: errorCount > errors.length,
        rows: parsed.rows,
        dryRun: opts.dryRun,
        mode: opts.mode,
        applied: carriedOut && plan.added + plan.updated + plan.deleted > 0,
        delimiter: parsed.delimiter,
        encoding: parsed.encoding,
      };
      const summary = {
        file: file.name,
        mode: opts.mode,
        rows: report.rows,
        added: report.added,
        updated: report.updated,
        deleted: report.deleted,
        unchanged: report.unchanged,
        badRows,
        errors: errorCount,
      };
      if (carriedOut)
        await deps.audit.record(
          actor,
          'mivoice.users.import',
          `User list import "${file.name}"`,
          undefined,
          summary,
        );
      logger.info(
        {
          actor: actor.username,
          ...summary,
          dryRun: opts.dryRun,
          applied: report.applied,
          ms: Math.round(performance.now() - t0),
        },
        'user list import',
      );
      return report;
    },

    /**
     * The validation report of a file as CSV (line, column, message, in English): the problems a
     * dry run finds, not only the first USER_LIST_REPORTED_ERRORS — up to FULL_REPORT_MAX_ERRORS,
     * then a last line says how many more. Changes nothing.
     */
    async reportCsv(file: UploadedFile): Promise<{ fileName: string; csv: string; errorCount: number }> {
      return serialised(async () => {
        const parsed = await parseUserList(file.bytes, { maxIssues: FULL_REPORT_MAX_ERRORS });
        const { errors, errorCount } = await checkAgainst(parsed, repo.stored, FULL_REPORT_MAX_ERRORS);
        const data = errors.map((e) => [String(e.line), e.column ?? '', e.message]);
        if (errorCount > errors.length)
          data.push([
            '',
            '',
            `… and ${(errorCount - errors.length).toLocaleString('en-US')} more problems not listed`,
          ]);
        logger.info({ file: file.name, rows: parsed.rows, errors: errorCount }, 'user list report');
        return {
          fileName: importReportFileName(file.name),
          csv: withBom(toCsv({ fields: ['line', 'column', 'message'], data })),
          errorCount,
        };
      });
    },

    /** The export file (Download). */
    async exportCsv(): Promise<{ fileName: string; csv: string }> {
      return { fileName: USER_LIST_FILE_NAME, csv: (await exportRows()).csv };
    },

    /** "Email User List": the export, queued to the MiVoice administrator e-mail (409 when none is set). */
    async email(actor: Actor): Promise<MivoiceEmailResponse> {
      const to = await deps.mivoiceSettings.exportAddress();
      const { rows, csv, users } = await exportRows();
      const counts = `${plural(users, 'user')}, ${plural(rows.length, 'phone number')}`;
      const mail = await deps.mail.enqueue({
        kind: USER_LIST_MAIL_KIND,
        to: [to],
        subject: `${APP_NAME} user list (${plural(users, 'user')})`,
        text:
          `The ${APP_NAME} user list of this OIG is attached (${USER_LIST_FILE_NAME}: ${counts}), ` +
          `as of ${new Date(now()).toISOString()}.\r\n\r\n` +
          'Import it back in the MiVoice tab (User List, Add) after editing it; ' +
          'rows marked mark_as_delete=yes remove their phone number.\r\n',
        attachments: [
          {
            filename: USER_LIST_FILE_NAME,
            contentType: 'text/csv; charset=utf-8',
            contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
          },
        ],
      });
      await deps.audit.record(actor, 'mivoice.users.email', 'MiVoice user list', undefined, {
        to,
        users,
        phoneNumbers: rows.length,
        mailId: mail.id,
      });
      logger.info({ actor: actor.username, to, users, mailId: mail.id }, 'user list mailed');
      return { mailId: mail.id, to, mail: await deps.mail.outcome(mail.id) };
    },
  };
}
export type UserListService = ReturnType<typeof createUserListService>;

import { createSerialQueue } from '../../../lib/serial.js';
import {
  exceedsStoredLimit,
  importReportFileName,
  USER_LIST_COLUMNS,
  USER_LIST_MAX_STORED,
  USER_LIST_REPORTED_ERRORS,
  userListStoredLimit,
  type MivoiceEmailResponse,
  type MivoiceUser,
  type MivoiceUsersPage,
  type MivoiceUsersQuery,
  type UserListImportQuery,
  type UserListImportReport,
  type MailKind,
} from '@oig/shared';
import type { Logger } from 'pino';
import type { UploadedFile } from '../../../http/upload.js';
import { csvLines, toCsv, withBom } from '../../../lib/csv.js';
import { nextTurn, sliceClock } from '../../../lib/slices.js';
import type { Actor, AuditService } from '../../audit/index.js';
import type { MailService } from '../../mail/index.js';
import type { MivoiceSettingsService } from '../settings/index.js';
import {
  mergeErrors,
  parseUserList,
  planImport,
  type ParsedUserList,
  type StoredUser,
  USER_LIST_REPORT_FIELDS,
} from './user-list.csv.js';
import type { ListCursor, UserListRepo } from './user-list.repo.js';

export const USER_LIST_FILE_NAME = 'mivoice-users.csv';
export const USER_LIST_MAIL_KIND = 'mivoice-user-list' satisfies MailKind;
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

const exportCells = (r: StoredUser) => [
  r.primary_email,
  r.full_name,
  r.given_name,
  r.family_name,
  r.phone_number,
  r.phone_type ?? '',
  '',
  r.record_source,
];
const PHONE_COLUMNS = { phoneColumns: ['phone_number'] };

/** The export file: USER_LIST_COLUMNS in order, mark_as_delete empty, cells neutralised, CRLF, BOM. */
export function renderUserListCsv(rows: readonly StoredUser[]): string {
  return withBom(toCsv({ fields: [...USER_LIST_COLUMNS], data: rows.map(exportCells) }, PHONE_COLUMNS));
}

/** The export of an empty list (papaparse ends a header without rows with a CRLF). */
const EXPORT_EMPTY = renderUserListCsv([]);
/** The export's first chunk when there are rows: the BOM and the header line, without its CRLF. */
const EXPORT_HEAD = withBom(csvLines(USER_LIST_COLUMNS, [[...USER_LIST_COLUMNS]]));
/** A page of rows as the export writes them after the chunks before it (a CRLF first), in UTF-8. */
const exportLines = (rows: readonly StoredUser[]) =>
  Buffer.from(`\r\n${csvLines(USER_LIST_COLUMNS, rows.map(exportCells), PHONE_COLUMNS)}`, 'utf8');

/**
 * A file made of UTF-8 chunks (the CSV of a large list is rendered a page at a time, and sent a
 * chunk at a time).
 */
export interface CsvChunks {
  fileName: string;
  chunks: Buffer[];
}

/** Report lines rendered between two turns of the event loop (each a few µs). */
const REPORT_LINES_PER_CHUNK = 2_000;

/**
 * The chunks as one buffer (an e-mail attachment), copied a few at a time: one copy of 25 MiB
 * would hold the event loop for ~20 ms on a busy machine.
 */
async function joined(chunks: readonly Buffer[]): Promise<Buffer> {
  const clock = sliceClock(5);
  const all = Buffer.allocUnsafe(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    at += c.copy(all, at);
    await clock.pause();
  }
  return all;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The MiVoice Integration for Google user list: browse, import a CSV (strict or skipping bad
 * rows, or only checking), export it, mail it to the MiVoice administrator e-mail.
 */
export function createUserListService(deps: {
  repo: UserListRepo;
  /** Most phone numbers stored (default USER_LIST_MAX_STORED; tests: a few). */
  maxStored?: number;
  mail: Pick<MailService, 'enqueue' | 'outcome'>;
  mivoiceSettings: Pick<MivoiceSettingsService, 'exportAddress'>;
  audit: Pick<AuditService, 'record'>;
  logger: Logger;
  now?: () => number;
}) {
  const { repo, logger } = deps;
  const now = deps.now ?? Date.now;
  const maxStored = deps.maxStored ?? USER_LIST_MAX_STORED;
  /**
   * Imports of this process run one after the other (other processes: the transaction's table
   * lock); on SQLite an export's reads too, so that its pages show one state of the list.
   */
  const serialised = createSerialQueue();

  /**
   * The parsed file's rows against the stored list: the plan, and the first `max` problems of
   * both checks merged in file order (each list holds its own first `max`), all counted.
   */
  const checkAgainst = async (
    parsed: ParsedUserList,
    store: { count(): Promise<number>; stored(keys: readonly string[]): Promise<Map<string, StoredUser>> },
    max: number,
  ) => {
    const clock = sliceClock();
    const current = await store.count();
    const plan = await planImport(
      parsed.candidates,
      await store.stored(parsed.candidates.map((c) => c.phoneKey)),
      now(),
      { maxIssues: max },
      clock,
    );
    const errors = await mergeErrors(parsed.errors, plan.errors, max, clock);
    const after = current + plan.added - plan.deleted;
    return {
      parsed,
      plan,
      errors,
      errorCount: parsed.errorCount + plan.errorCount,
      badRows: parsed.badRows + plan.errorCount,
      limitExceeded: exceedsStoredLimit(current, after, maxStored)
        ? userListStoredLimit(current, after, maxStored)
        : null,
    };
  };

  /**
   * The export file from one state of the list, rendered a page of rows at a time (bounded
   * statements and slices, the event loop turning in between): its chunks, and the users and
   * phone numbers in it.
   */
  const exportChunks = async () => {
    const read = () =>
      repo.readConsistent(async (reader) => {
        const chunks = [Buffer.from(EXPORT_HEAD, 'utf8')];
        let numbers = 0;
        let users = 0;
        let lastEmail: string | null = null;
        let cursor: ListCursor | null = null;
        for (;;) {
          const rows = await reader.pageAfter(cursor);
          if (rows.length === 0) break;
          chunks.push(exportLines(rows));
          // In e-mail order: a user's numbers are next to each other.
          for (const r of rows)
            if (r.email_key !== lastEmail) {
              users++;
              lastEmail = r.email_key;
            }
          numbers += rows.length;
          cursor = rows[rows.length - 1]!;
          await nextTurn();
        }
        if (numbers === 0) chunks[0] = Buffer.from(EXPORT_EMPTY, 'utf8');
        return { chunks, numbers, users };
      });
    return repo.kind === 'sqlite' ? serialised(read) : read();
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
          return { ...(await checkAgainst(parsed, repo, USER_LIST_REPORTED_ERRORS)), carriedOut: false };
        return repo.importTransaction(async (tx) => {
          const checked = await checkAgainst(parsed, tx, USER_LIST_REPORTED_ERRORS);
          // Refused whole when it would take the list over its maximum; else all or nothing
          // (strict), or the good rows (skip).
          const carriedOut =
            checked.limitExceeded === null && (opts.mode === 'skip' || checked.errorCount === 0);
          if (carriedOut) await tx.write(checked.plan.deletes, checked.plan.upserts);
          return { ...checked, carriedOut };
        });
      });
      const { parsed, plan, errors, errorCount, badRows, carriedOut, limitExceeded } = result;
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
        limitExceeded,
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
        ...(limitExceeded ? { limitExceeded: limitExceeded.params } : {}),
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
     * The validation report of a file as CSV (Line, Column, Problem in English, and the problem's
     * code for tools: USER_LIST_REPORT_FIELDS): the problems a
     * dry run finds, not only the first USER_LIST_REPORTED_ERRORS — up to FULL_REPORT_MAX_ERRORS,
     * then a last line says how many more. Changes nothing.
     */
    async reportCsv(file: UploadedFile): Promise<CsvChunks & { errorCount: number }> {
      return serialised(async () => {
        const parsed = await parseUserList(file.bytes, { maxIssues: FULL_REPORT_MAX_ERRORS });
        const { errors, errorCount } = await checkAgainst(parsed, repo, FULL_REPORT_MAX_ERRORS);
        // Rendered a few thousand lines at a time: 100,000 lines are ~10 MB of CSV.
        const fields = [...USER_LIST_REPORT_FIELDS];
        // As toCsv would write it whole: a header alone ends with a CRLF, else the lines follow it.
        const head = errors.length === 0 ? toCsv({ fields, data: [] }) : toCsv([fields]);
        const chunks = [Buffer.from(withBom(head), 'utf8')];
        for (let i = 0; i < errors.length; i += REPORT_LINES_PER_CHUNK) {
          const lines = errors
            .slice(i, i + REPORT_LINES_PER_CHUNK)
            .map((e) => [String(e.line), e.column ?? '', e.message, e.code]);
          chunks.push(Buffer.from(`\r\n${toCsv(lines)}`, 'utf8'));
          await nextTurn();
        }
        const more = errorCount - errors.length;
        if (more > 0)
          chunks.push(
            Buffer.from(
              `\r\n${toCsv([['', '', `… and ${more.toLocaleString('en-US')} more problems not listed`, '']])}`,
              'utf8',
            ),
          );
        logger.info({ file: file.name, rows: parsed.rows, errors: errorCount }, 'user list report');
        return { fileName: importReportFileName(file.name), chunks, errorCount };
      });
    },

    /** The export file (Download), in chunks. */
    async exportCsv(): Promise<CsvChunks> {
      return { fileName: USER_LIST_FILE_NAME, chunks: (await exportChunks()).chunks };
    },

    /** "Email User List": the export, queued to the MiVoice administrator e-mail (409 when none is set). */
    async email(actor: Actor): Promise<MivoiceEmailResponse> {
      const to = await deps.mivoiceSettings.exportAddress();
      const { chunks, numbers, users } = await exportChunks();
      // The outbox stores it in parts of MAIL_PART_BYTES and hands it to nodemailer a slice at a time.
      const attachment = await joined(chunks);
      const counts = `${plural(users, 'user')}, ${plural(numbers, 'phone number')}`;
      const mail = await deps.mail.enqueue({
        kind: USER_LIST_MAIL_KIND,
        to: [to],
        subject: `${APP_NAME} user list (${plural(users, 'user')})`,
        subjectParams: { users },
        text:
          `The ${APP_NAME} user list of this OIG is attached (${USER_LIST_FILE_NAME}: ${counts}), ` +
          `as of ${new Date(now()).toISOString()}.\r\n\r\n` +
          'Import it back in the MiVoice tab (User List, Add) after editing it; ' +
          'rows marked mark_as_delete=yes remove their phone number.\r\n',
        attachments: [
          {
            filename: USER_LIST_FILE_NAME,
            contentType: 'text/csv; charset=utf-8',
            content: attachment,
          },
        ],
      });
      await deps.audit.record(actor, 'mivoice.users.email', 'MiVoice user list', undefined, {
        to,
        users,
        phoneNumbers: numbers,
        mailId: mail.id,
      });
      logger.info({ actor: actor.username, to, users, mailId: mail.id }, 'user list mailed');
      return { mailId: mail.id, to, mail: await deps.mail.outcome(mail.id) };
    },
  };
}
export type UserListService = ReturnType<typeof createUserListService>;

import { createSerialQueue } from '../../../lib/serial.js';
import {
  IssueList,
  LANGUAGES,
  LANGUAGE_CODES,
  LOCALIZATION_APP_NAMES,
  LOCALIZATION_APPS,
  comparePlaceholders,
  LOCALIZATION_COLUMNS,
  restoreCell,
  type LanguageCode,
  type LocalizationApp,
  type LocalizationImportReport,
  type LocalizationIssue,
  type LocalizationLanguage,
  type LocalizationOverview,
  type LocalizationStrings,
  type MivoiceEmailResponse,
  type MailKind,
} from '@oig/shared';
import type { Logger } from 'pino';
import { AppError, fieldProblem } from '../../../http/app-error.js';
import type { UploadedFile } from '../../../http/upload.js';
import { toCsv, withBom } from '../../../lib/csv.js';
import { sliceClock } from '../../../lib/slices.js';
import type { Actor, AuditService } from '../../audit/index.js';
import type { MailService } from '../../mail/index.js';
import type { MivoiceSettingsService } from '../settings/index.js';
import { ENGLISH } from './english.js';
import { readCsvRecords } from '../../../lib/csv-read.js';
import {
  decodeLocalizationFile,
  detectDelimiter,
  localizationFileName,
  parseLocalizationFileName,
} from './localization.file.js';
import type { LocalizationRepo } from './localization.repo.js';

export const LOCALIZATION_MAIL_KIND = 'mivoice-localization' satisfies MailKind;
const NAMES = new Map<string, string>(LANGUAGES.map((l) => [l.code, l.name]));
const ORDER = new Map<string, number>(LANGUAGE_CODES.map((c, i) => [c, i]));

const quote = (s: string) => `"${s}"`;
const placeholderList = (p: string[]) => (p.length === 0 ? 'none' : p.join(' '));

/** A language's CSV as exported (and as mailed). */
export interface LocalizationCsv {
  fileName: string;
  bytes: Buffer;
}

/**
 * Localization of the MiVoice Integration applications: built-in English (Appendix A) plus
 * imported languages. A language's strings are its stored values, English per missing key;
 * English itself may be overridden by importing `en`.
 */
export function createLocalizationService(deps: {
  repo: LocalizationRepo;
  mail: Pick<MailService, 'enqueue' | 'outcome'>;
  mivoiceSettings: Pick<MivoiceSettingsService, 'exportAddress'>;
  audit: AuditService;
  logger: Logger;
  now?: () => number;
}) {
  const { repo, audit, logger } = deps;
  const now = deps.now ?? Date.now;
  /** Imports run one after the other: one file's text and rows in memory at a time. */
  const serialised = createSerialQueue();

  /** Every key of the application → its value in `language` (English where not stored), in the appendix order. */
  async function effective(app: LocalizationApp, language: LanguageCode): Promise<Array<[string, string]>> {
    const stored = await repo.strings(app, language === 'en' ? ['en'] : [language, 'en']);
    const own = stored.get(language)!;
    const en = stored.get('en')!;
    const english = ENGLISH[app];
    return english.keys.map((k) => [k, own.get(k) ?? en.get(k) ?? english.text.get(k)!]);
  }

  /**
   * How complete a language's stored values are against English: the imported `en` where it holds
   * the key, else the built-in text (for `en` itself, the built-in text). Counts over the
   * application's keys; the three add up to the number of keys.
   */
  function completeness(
    app: LocalizationApp,
    language: string,
    own: ReadonlyMap<string, string>,
    importedEnglish: ReadonlyMap<string, string>,
  ): { translated: number; sameAsEnglish: number; missing: number } {
    const english = ENGLISH[app];
    let translated = 0;
    let sameAsEnglish = 0;
    for (const k of english.keys) {
      const value = own.get(k);
      if (value === undefined) continue;
      const reference = (language === 'en' ? undefined : importedEnglish.get(k)) ?? english.text.get(k)!;
      if (value === reference) sameAsEnglish++;
      else translated++;
    }
    return { translated, sameAsEnglish, missing: english.keys.length - translated - sameAsEnglish };
  }

  /** Checks every row, in time-bounded slices (a 1 MB file of 20,000 bad rows is ~50 ms of work). */
  async function validate(app: LocalizationApp, text: string) {
    const english = ENGLISH[app];
    const slice = sliceClock();
    const delimiter = detectDelimiter(text);
    // Read row by row (the file is at most 1 MB and LOCALIZATION_MAX_LINES lines).
    const records = readCsvRecords(text, delimiter);
    records.next(); // the header
    const errors = new IssueList<LocalizationIssue>();
    const seen = new Map<string, number>();
    const good: Array<[string, string]> = [];
    for (const { line, cells } of records) {
      if (slice.due()) await slice.pause();
      // Blank lines are skipped, and so are rows of empty cells (spreadsheets write "," for an empty row).
      if (cells.every((c) => c.trim() === '')) continue;
      const restored = cells.map(restoreCell);
      if (restored.length !== 2) {
        errors.push({
          line,
          key: null,
          kind: 'bad_row',
          params: { found: String(restored.length) },
          message: `Expected 2 fields (${LOCALIZATION_COLUMNS.join(',')}), found ${restored.length}`,
        });
        continue;
      }
      const key = restored[0]!.trim();
      const value = restored[1]!;
      const englishText = english.text.get(key);
      if (englishText === undefined) {
        errors.push({
          line,
          key,
          kind: 'unknown_key',
          params: { application: LOCALIZATION_APP_NAMES[app] },
          message: `Unknown key ${quote(key)}: not a string of ${LOCALIZATION_APP_NAMES[app]}`,
        });
        continue;
      }
      const first = seen.get(key);
      if (first !== undefined) {
        errors.push({
          line,
          key,
          kind: 'duplicate_key',
          params: { firstLine: String(first) },
          message: `Duplicate key ${quote(key)} (first on line ${first})`,
        });
        continue;
      }
      seen.set(key, line);
      if (value.trim() === '') {
        errors.push({ line, key, kind: 'empty_value', params: {}, message: `Empty value for ${quote(key)}` });
        continue;
      }
      const { ok, expected, found } = comparePlaceholders(englishText, value, 'mivoice');
      if (!ok) {
        errors.push({
          line,
          key,
          kind: 'placeholder_mismatch',
          params: { english: englishText, expected: expected.join(', '), found: found.join(', ') },
          message:
            `Placeholders of ${quote(key)} must match the English string ${quote(englishText)}: ` +
            `expected ${placeholderList(expected)}; found ${placeholderList(found)}`,
        });
        continue;
      }
      good.push([key, value]);
    }
    const warnings: LocalizationIssue[] = english.keys
      .filter((k) => !seen.has(k))
      .map((k) => ({
        line: null,
        key: k,
        kind: 'missing_key' as const,
        params: { english: english.text.get(k)! },
        message: `Missing key ${quote(k)}: the English string ${quote(english.text.get(k)!)} is used`,
      }));
    // Stored in the appendix order.
    const order = new Map(english.keys.map((k, i) => [k, i]));
    good.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
    return { errors: errors.items, errorCount: errors.count, warnings, good };
  }

  /** The CSV of a language: BOM, CRLF, header, every key in the appendix order. */
  async function exportCsv(app: LocalizationApp, language: LanguageCode): Promise<LocalizationCsv> {
    const rows = await effective(app, language);
    const csv = `${withBom(toCsv({ fields: [...LOCALIZATION_COLUMNS], data: rows }))}\r\n`;
    return { fileName: localizationFileName(app, language), bytes: Buffer.from(csv, 'utf8') };
  }

  /** The audit target of a language of an application. */
  const target = (app: LocalizationApp, language: string) =>
    `${LOCALIZATION_APP_NAMES[app]} — ${NAMES.get(language) ?? language} (${language})`;

  const languageView = (
    app: LocalizationApp,
    l: { language: string; importedAt: number; importedBy: string; fileName: string },
    counts: { translated: number; sameAsEnglish: number; missing: number },
  ): LocalizationLanguage => ({
    code: l.language as LanguageCode,
    name: NAMES.get(l.language) ?? l.language,
    ...counts,
    total: ENGLISH[app].keys.length,
    builtIn: false,
    importedAt: new Date(l.importedAt).toISOString(),
    importedBy: l.importedBy,
    fileName: l.fileName,
  });

  return {
    /**
     * Both applications, each with built-in English first (an imported `en` shown on it), then the
     * imported languages in Appendix B order.
     */
    async overview(): Promise<LocalizationOverview> {
      const stored = await repo.languages();
      const applications: LocalizationOverview['applications'] = [];
      for (const application of LOCALIZATION_APPS) {
        const total = ENGLISH[application].keys.length;
        const mine = stored.filter((l) => l.application === application && ORDER.has(l.language));
        const en = mine.find((l) => l.language === 'en');
        // One read per application: at most (languages × keys) rows, every value compared with English.
        const values = await repo.strings(
          application,
          mine.map((l) => l.language),
        );
        const importedEnglish = values.get('en') ?? new Map<string, string>();
        const english: LocalizationLanguage = {
          code: 'en',
          name: NAMES.get('en')!,
          translated: total,
          sameAsEnglish: 0,
          missing: 0,
          total,
          builtIn: true,
          importedAt: en ? new Date(en.importedAt).toISOString() : null,
          importedBy: en?.importedBy ?? null,
          fileName: en?.fileName ?? null,
        };
        const others = mine
          .filter((l) => l.language !== 'en')
          .sort((a, b) => ORDER.get(a.language)! - ORDER.get(b.language)!);
        applications.push({
          application,
          fileNamePrefix: LOCALIZATION_APP_NAMES[application],
          languages: [
            english,
            ...others.map((l) =>
              languageView(
                application,
                l,
                completeness(application, l.language, values.get(l.language)!, importedEnglish),
              ),
            ),
          ],
        });
      }
      return { applications };
    },

    /**
     * Imports a translated file. Problems with the file as a whole (name, encoding, header,
     * CSV syntax) are 400s; problems with rows are the report's errors, and then nothing is
     * stored. Missing keys are warnings: the language is stored and English fills them.
     */
    async import(file: UploadedFile, actor: Actor): Promise<LocalizationImportReport> {
      const { application, language, fileName } = parseLocalizationFileName(file.name);
      // One file at a time in memory.
      return serialised(async () => {
        const { text, encoding } = decodeLocalizationFile(file.bytes);
        const { errors, errorCount, warnings, good } = await validate(application, text);
        if (errorCount === 0 && good.length === 0) {
          throw new AppError(
            'validation_failed',
            'localization_no_strings',
            `The file has no strings: after the header ${LOCALIZATION_COLUMNS.join(',')} ` +
              'it needs one row per translated key (export a language to get a file to translate)',
            { fields: { file: fieldProblem('no_strings', 'No strings after the header') } },
          );
        }
        const total = ENGLISH[application].keys.length;
        const importedEnglish =
          language === 'en' ? new Map() : (await repo.strings(application, ['en'])).get('en')!;
        const { translated, sameAsEnglish } = completeness(
          application,
          language,
          new Map(good),
          importedEnglish,
        );
        const report: LocalizationImportReport = {
          application,
          language,
          fileName,
          stored: errorCount === 0,
          translated,
          sameAsEnglish,
          total,
          errors,
          errorCount,
          errorsTruncated: errorCount > errors.length,
          warnings,
        };
        if (!report.stored) {
          logger.info({ application, language, fileName, errors: errorCount }, 'localization file refused');
          return report;
        }
        const before = await repo.language(application, language);
        await repo.replace({
          application,
          language,
          fileName,
          importedAt: now(),
          importedBy: actor.username,
          strings: good,
        });
        await audit.record(
          actor,
          'mivoice.localization.import',
          target(application, language),
          before
            ? {
                fileName: before.fileName,
                translated: before.count,
                importedAt: new Date(before.importedAt).toISOString(),
                importedBy: before.importedBy,
              }
            : null,
          {
            fileName,
            strings: good.length,
            translated,
            sameAsEnglish,
            total,
            missingKeys: warnings.length,
            encoding,
          },
        );
        logger.info(
          {
            actor: actor.username,
            application,
            language,
            fileName,
            translated: good.length,
            total,
            encoding,
          },
          'localization imported',
        );
        return report;
      });
    },

    exportCsv,

    /** "Email Language Strings": the export, mailed to the MiVoice administrator e-mail. */
    async email(app: LocalizationApp, language: LanguageCode, actor: Actor): Promise<MivoiceEmailResponse> {
      const to = await deps.mivoiceSettings.exportAddress();
      const csv = await exportCsv(app, language);
      const name = NAMES.get(language) ?? language;
      const mail = await deps.mail.enqueue({
        kind: LOCALIZATION_MAIL_KIND,
        to: [to],
        subject: `${LOCALIZATION_APP_NAMES[app]}: language strings (${name}, ${language})`,
        subjectParams: { application: app, language, languageName: name },
        text:
          `The attached file ${csv.fileName} holds the ${name} strings of ${LOCALIZATION_APP_NAMES[app]} ` +
          '(messageKey,languageValue; English where not translated).\n\n' +
          'Translate the languageValue column, keep the file name (xx = the language code) ' +
          'and import it in the MiVoice tab, Localization.\n',
        attachments: [
          {
            filename: csv.fileName,
            contentType: 'text/csv; charset=utf-8',
            content: csv.bytes,
          },
        ],
      });
      await audit.record(actor, 'mivoice.localization.email', target(app, language), undefined, {
        to,
        fileName: csv.fileName,
        mailId: mail.id,
      });
      logger.info(
        { actor: actor.username, application: app, language, to, mailId: mail.id },
        'language strings queued',
      );
      return { mailId: mail.id, to, mail: await deps.mail.outcome(mail.id) };
    },

    /** Deletes an imported language (an imported `en` reverts English to the built-in strings). */
    async remove(app: LocalizationApp, language: LanguageCode, actor: Actor): Promise<void> {
      const before = await repo.language(app, language);
      if (!before) {
        if (language === 'en')
          throw new AppError(
            'conflict',
            'english_built_in',
            `English is built in to ${LOCALIZATION_APP_NAMES[app]} and cannot be deleted`,
            { params: { app: LOCALIZATION_APP_NAMES[app] } },
          );
        throw new AppError(
          'not_found',
          'language_not_imported',
          `${NAMES.get(language) ?? language} (${language}) is not imported for ${LOCALIZATION_APP_NAMES[app]}`,
          {
            params: {
              code: language,
              language: NAMES.get(language) ?? language,
              app: LOCALIZATION_APP_NAMES[app],
            },
          },
        );
      }
      if (!(await repo.remove(app, language)))
        throw new AppError(
          'not_found',
          'language_not_imported',
          `${NAMES.get(language) ?? language} (${language}) is not imported for ${LOCALIZATION_APP_NAMES[app]}`,
          {
            params: {
              code: language,
              language: NAMES.get(language) ?? language,
              app: LOCALIZATION_APP_NAMES[app],
            },
          },
        );
      await audit.record(
        actor,
        'mivoice.localization.delete',
        target(app, language),
        {
          fileName: before.fileName,
          translated: before.count,
          importedAt: new Date(before.importedAt).toISOString(),
          importedBy: before.importedBy,
        },
        null,
      );
      logger.info({ actor: actor.username, application: app, language }, 'localization deleted');
    },

    /** For MiVoice clients: every key, the language's value where stored, English otherwise. */
    async strings(app: LocalizationApp, language: LanguageCode): Promise<LocalizationStrings> {
      return Object.fromEntries(await effective(app, language));
    },
  };
}
export type LocalizationService = ReturnType<typeof createLocalizationService>;

import type { LocalizationApp } from '@oig/shared';
import type { Db, DbKind } from '../../../db/db.js';

/** An imported language as stored, with the number of strings it holds. */
export interface StoredLanguage {
  application: LocalizationApp;
  language: string;
  fileName: string;
  importedAt: number;
  importedBy: string;
  count: number;
}

export interface LanguageImport {
  application: LocalizationApp;
  language: string;
  fileName: string;
  importedAt: number;
  importedBy: string;
  /** key → value, every one stored. */
  strings: ReadonlyArray<readonly [string, string]>;
}

/** The only database code of localization: imported languages and their strings. */
export function createLocalizationRepo(db: Db, _kind: DbKind) {
  return {
    /** Every imported language of both applications, with its string count. */
    async languages(): Promise<StoredLanguage[]> {
      const [rows, counts] = await Promise.all([
        db.selectFrom('localization_languages').selectAll().execute(),
        db
          .selectFrom('localization_strings')
          .select(['application', 'language', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy(['application', 'language'])
          .execute(),
      ]);
      const n = new Map(counts.map((c) => [`${c.application}/${c.language}`, Number(c.n)]));
      return rows.map((r) => ({
        application: r.application,
        language: r.language,
        fileName: r.file_name,
        importedAt: Number(r.imported_at),
        importedBy: r.imported_by,
        count: n.get(`${r.application}/${r.language}`) ?? 0,
      }));
    },

    async language(application: LocalizationApp, language: string): Promise<StoredLanguage | undefined> {
      const [row, count] = await Promise.all([
        db
          .selectFrom('localization_languages')
          .selectAll()
          .where('application', '=', application)
          .where('language', '=', language)
          .executeTakeFirst(),
        db
          .selectFrom('localization_strings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('application', '=', application)
          .where('language', '=', language)
          .executeTakeFirstOrThrow(),
      ]);
      if (!row) return undefined;
      return {
        application,
        language,
        fileName: row.file_name,
        importedAt: Number(row.imported_at),
        importedBy: row.imported_by,
        count: Number(count.n),
      };
    },

    /** The stored strings of the given languages of an application: language → key → value. */
    async strings(
      application: LocalizationApp,
      languages: readonly string[],
    ): Promise<Map<string, Map<string, string>>> {
      const out = new Map<string, Map<string, string>>(languages.map((l) => [l, new Map()]));
      if (languages.length === 0) return out;
      const rows = await db
        .selectFrom('localization_strings')
        .select(['language', 'message_key', 'value'])
        .where('application', '=', application)
        .where('language', 'in', [...languages])
        .execute();
      for (const r of rows) out.get(r.language)?.set(r.message_key, r.value);
      return out;
    },

    /**
     * Stores a language, replacing whatever it held, in one transaction. The language row is
     * written first: on PostgreSQL its row lock makes a second import of the same language wait
     * for this one to commit, then replace it in turn.
     */
    async replace(input: LanguageImport): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('localization_languages')
          .values({
            application: input.application,
            language: input.language,
            file_name: input.fileName,
            imported_at: input.importedAt,
            imported_by: input.importedBy,
          })
          .onConflict((oc) =>
            oc.columns(['application', 'language']).doUpdateSet({
              file_name: input.fileName,
              imported_at: input.importedAt,
              imported_by: input.importedBy,
            }),
          )
          .execute();
        await trx
          .deleteFrom('localization_strings')
          .where('application', '=', input.application)
          .where('language', '=', input.language)
          .execute();
        if (input.strings.length > 0) {
          await trx
            .insertInto('localization_strings')
            .values(
              input.strings.map(([key, value]) => ({
                application: input.application,
                language: input.language,
                message_key: key,
                value,
              })),
            )
            .execute();
        }
      });
    },

    /** Deletes an imported language and its strings; false if it was not there. */
    async remove(application: LocalizationApp, language: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const deleted = await trx
          .deleteFrom('localization_languages')
          .where('application', '=', application)
          .where('language', '=', language)
          .executeTakeFirst();
        await trx
          .deleteFrom('localization_strings')
          .where('application', '=', application)
          .where('language', '=', language)
          .execute();
        return Number(deleted.numDeletedRows) > 0;
      });
    },
  };
}
export type LocalizationRepo = ReturnType<typeof createLocalizationRepo>;

import {
  LANGUAGE_CODES,
  localizationImportReportSchema,
  localizationOverviewSchema,
  neutraliseCell,
} from '@oig/shared';
import supertest from 'supertest';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DB_KINDS,
  freshDb,
  signIn,
  signInSupport,
  startHarness,
  type Harness,
} from '../../../../test/harness.js';
import { startSmtpPeer, type SmtpPeer } from '../../../../test/smtp-peer.js';
import { ENGLISH } from '../english.js';

type Agent = Awaited<ReturnType<typeof signIn>>['agent'];
type Rows = Array<[string, string]>;

const T0 = Date.parse('2026-06-01T09:30:00Z');
const FAST = { connectionTimeoutMs: 2_000, greetingTimeoutMs: 1_000, socketTimeoutMs: 2_000 };
const API = '/api/v1/mivoice/localization';
const IMPORT = `${API}/import`;
const PUBLIC = '/mitel/oig/rest/resources/v1/localization';
const G = 'MiVoice Integration for Google';
const S = 'MiVoice Integration for Salesforce';
const JA_NAME = `${G}_ja.csv`;
const ADMIN_EMAIL = 'mivoice-admin@example.com';
const CODES = LANGUAGE_CODES.join(', ');

const englishRows = (app: 'google' | 'salesforce'): Rows =>
  ENGLISH[app].keys.map((k) => [k, ENGLISH[app].text.get(k)!]);
const englishObject = (app: 'google' | 'salesforce') => Object.fromEntries(englishRows(app));

/** Japanese for every Google key, with the values a CSV writer must get right. */
const SPECIAL: Record<string, string> = {
  duration_format: '{0}分{1}秒',
  call_log_quick_note_label: 'クイックノート {0}',
  err_not_verified: '未認証の電話番号、{0}',
  signed_in_as: '{0} としてサインイン',
  save: '保存, "今すぐ"',
  cancel: 'キャンセル\r\n二行目',
  hold: '保留\n再開',
  search: '=HYPERLINK("http://evil.example")',
  dialpad: "'=すでに引用",
  name: '  名前 ',
  email: '-1',
  phone: '+81 3 1234 5678',
  work: '@仕事',
  favorites: 'お気に入り 😀',
  tooltips: 'タブ\tあり',
  answer: '"',
  redirect: '転送,',
};
const JA: Rows = englishRows('google').map(([k, en]) => [k, SPECIAL[k] ?? `「${en}」の日本語`]);

/**
 * A cell as the export format writes it, built here independently of the product: neutralised,
 * quoted when needed (also when it holds `;` or a tab).
 */
const cell = (v: string) => {
  const n = neutraliseCell(v);
  return /[",;\r\n\t\uFEFF]|^ | $/.test(n) ? `"${n.replace(/"/g, '""')}"` : n;
};
/** The exact export format: BOM, CRLF, header, rows, a final CRLF. */
const exportFormat = (rows: Rows) =>
  `\uFEFF${['messageKey,languageValue', ...rows.map(([k, v]) => `${cell(k)},${cell(v)}`)].join('\r\n')}\r\n`;
/** A plain file (no quoting needed) from lines. */
const lines = (...ls: string[]) => `${ls.join('\r\n')}\r\n`;

/** Collects the raw bytes of a response (supertest's parser hook). */
const bytes = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
type Parser = Parameters<supertest.Test['parse']>[0];

describe.each(DB_KINDS)('MiVoice localization (%s)', (kind) => {
  let h: Harness;
  let admin: Agent;
  let support: Agent;
  let peer: SmtpPeer;
  const clock = { t: T0 };

  const upload = (agent: Agent, fileName: string, content: string | Buffer) =>
    agent.post(IMPORT).attach('file', typeof content === 'string' ? Buffer.from(content, 'utf8') : content, {
      filename: fileName,
      contentType: 'text/csv',
    });
  const exported = async (agent: Agent | supertest.Agent, app: string, lang: string) => {
    const res = await agent
      .get(`${API}/${app}/${lang}/export`)
      .buffer(true)
      .parse(bytes as unknown as Parser)
      .expect(200);
    return { res, body: res.body as Buffer };
  };
  const publicStrings = async (app: string, lang: string) =>
    (await supertest(h.app).get(`${PUBLIC}/${app}/${lang}`).expect(200)).body as Record<string, string>;
  const overview = async () => localizationOverviewSchema.parse((await admin.get(API).expect(200)).body);
  const languagesOf = async (app: 'google' | 'salesforce') =>
    (await overview()).applications.find((a) => a.application === app)!.languages;
  const stored = async (app: string, lang: string) =>
    Object.fromEntries(
      (
        await h.ctx.db.db
          .selectFrom('localization_strings')
          .select(['message_key', 'value'])
          .where('application', '=', app as 'google')
          .where('language', '=', lang)
          .execute()
      ).map((r) => [r.message_key, r.value]),
    );
  const auditRows = (action: string) =>
    h.ctx.db.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('at').execute();
  /** Every row this part can change, plus the audit log and the outbox. */
  const snapshot = async () => {
    const db = h.ctx.db.db;
    const out: Record<string, string[]> = {};
    for (const t of ['localization_languages', 'localization_strings', 'audit_log', 'mail_outbox'] as const) {
      out[t] = ((await db.selectFrom(t).selectAll().execute()) as unknown[])
        .map((r) => JSON.stringify(r))
        .sort();
    }
    return out;
  };
  const importJapanese = async () => {
    const res = await upload(admin, JA_NAME, exportFormat(JA)).expect(200);
    expect(res.body.stored).toBe(true);
  };

  beforeAll(async () => {
    peer = await startSmtpPeer();
    h = await startHarness(freshDb(kind), {
      start: false,
      env: { OIG_SMTP_URL: peer.url },
      context: { now: () => clock.t, mail: { timeouts: FAST, pollMs: 0 } },
    });
    admin = (await signIn(h)).agent;
    support = (await signInSupport(h, admin)).agent;
  });
  afterAll(async () => {
    await h?.dispose();
    await peer?.close();
  });
  beforeEach(async () => {
    const db = h.ctx.db.db;
    await db.deleteFrom('localization_strings').execute();
    await db.deleteFrom('localization_languages').execute();
    await db.deleteFrom('mail_outbox').execute();
    await db.deleteFrom('audit_log').execute();
    peer.messages.length = 0;
    clock.t = T0;
    await admin.put('/api/v1/mivoice/settings').send({ adminEmail: null }).expect(200);
  });

  describe('built-in English', () => {
    it('the list shows English first for both applications, built in and complete', async () => {
      const o = await overview();
      expect(o.applications.map((a) => [a.application, a.fileNamePrefix])).toEqual([
        ['google', G],
        ['salesforce', S],
      ]);
      expect(o.applications[0]!.languages).toEqual([
        {
          code: 'en',
          name: 'English',
          translated: 90,
          sameAsEnglish: 0,
          missing: 0,
          total: 90,
          builtIn: true,
          importedAt: null,
          importedBy: null,
          fileName: null,
        },
      ]);
      expect(o.applications[1]!.languages).toEqual([
        {
          code: 'en',
          name: 'English',
          translated: 94,
          sameAsEnglish: 0,
          missing: 0,
          total: 94,
          builtIn: true,
          importedAt: null,
          importedBy: null,
          fileName: null,
        },
      ]);
    });

    it('export: BOM, CRLF, header, every key in the appendix order; named like the import rule', async () => {
      for (const app of ['google', 'salesforce'] as const) {
        const { res, body } = await exported(admin, app, 'en');
        expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(res.headers['content-disposition']).toBe(
          `attachment; filename="${app === 'google' ? G : S}_en.csv"`,
        );
        expect(body.equals(Buffer.from(exportFormat(englishRows(app)), 'utf8'))).toBe(true);
      }
      const text = (await exported(admin, 'google', 'en')).body.toString('utf8');
      expect(
        text.startsWith(
          '\uFEFFmessageKey,languageValue\r\nmy_ext,My Extension\r\nenable_feature,Enable Feature\r\n',
        ),
      ).toBe(true);
      expect(text).toContain('\r\nduration_format,"{0} minutes, {1} seconds"\r\n');
      expect(text.endsWith('\r\nmissed,Missed\r\n')).toBe(true);
      // A language not imported yet: the English template under that language's name.
      const { res, body } = await exported(admin, 'google', 'ja');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${JA_NAME}"`);
      expect(body.equals(Buffer.from(exportFormat(englishRows('google')), 'utf8'))).toBe(true);
    });

    it('public endpoint: every key in order, no session needed; a language not imported is English', async () => {
      for (const app of ['google', 'salesforce'] as const) {
        const en = await publicStrings(app, 'en');
        expect(Object.entries(en)).toEqual(englishRows(app));
        expect(await publicStrings(app, 'fr')).toEqual(englishObject(app));
      }
    });

    it('English cannot be deleted: 409 "built in", nothing changed', async () => {
      const before = await snapshot();
      const res = await admin.delete(`${API}/google/en`).expect(409);
      expect(res.body.error.message).toBe(`English is built in to ${G} and cannot be deleted`);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('import, happy paths', () => {
    it('Japanese: the exported file is byte-identical to the uploaded one (CJK, quotes, commas, line breaks, formulas, blanks)', async () => {
      const file = Buffer.from(exportFormat(JA), 'utf8');
      const res = await upload(admin, JA_NAME, file).expect(200);
      expect(localizationImportReportSchema.parse(res.body)).toEqual({
        application: 'google',
        language: 'ja',
        fileName: JA_NAME,
        stored: true,
        translated: 90,
        sameAsEnglish: 0,
        total: 90,
        errors: [],
        errorCount: 0,
        errorsTruncated: false,
        warnings: [],
      });
      // Formula-looking cells travel neutralised and are stored as they were meant.
      expect(file.toString('utf8')).toContain(`\r\nsearch,"'=HYPERLINK(""http://evil.example"")"\r\n`);
      expect(file.toString('utf8')).toContain(`\r\ndialpad,''=すでに引用\r\n`);
      expect(await stored('google', 'ja')).toEqual(Object.fromEntries(JA));

      const first = (await exported(admin, 'google', 'ja')).body;
      expect(first.equals(file)).toBe(true);
      // Download → upload → download changes nothing.
      await upload(admin, JA_NAME, first).expect(200);
      expect((await exported(admin, 'google', 'ja')).body.equals(file)).toBe(true);

      expect(await publicStrings('google', 'ja')).toEqual(Object.fromEntries(JA));
      expect((await publicStrings('google', 'ja')).cancel).toBe('キャンセル\r\n二行目');
      // The other application is untouched.
      expect(await publicStrings('salesforce', 'ja')).toEqual(englishObject('salesforce'));

      const langs = await languagesOf('google');
      expect(langs.map((l) => l.code)).toEqual(['en', 'ja']);
      expect(langs[1]).toEqual({
        code: 'ja',
        name: 'Japanese',
        translated: 90,
        sameAsEnglish: 0,
        missing: 0,
        total: 90,
        builtIn: false,
        importedAt: new Date(T0).toISOString(),
        importedBy: 'admin',
        fileName: JA_NAME,
      });

      const audit = await auditRows('mivoice.localization.import');
      expect(audit).toHaveLength(2);
      expect(audit[0]).toMatchObject({ actor: 'admin', target: `${G} — Japanese (ja)`, before: null });
      expect(JSON.parse(audit[0]!.after!)).toEqual({
        fileName: JA_NAME,
        strings: 90,
        translated: 90,
        sameAsEnglish: 0,
        total: 90,
        missingKeys: 0,
        encoding: 'utf-8',
      });
      expect(JSON.parse(audit[1]!.before!)).toMatchObject({ fileName: JA_NAME, translated: 90 });
    });

    it('Salesforce pt-BR, file name in other cases; languages listed in Appendix B order', async () => {
      const rows: Rows = englishRows('salesforce').map(([k, en]) => [k, `${en} (pt-BR) ção`]);
      const res = await upload(
        admin,
        'mivoice integration for SALESFORCE_pt-BR.CSV',
        exportFormat(rows),
      ).expect(200);
      expect(res.body).toMatchObject({
        application: 'salesforce',
        language: 'pt-br',
        fileName: 'mivoice integration for SALESFORCE_pt-BR.CSV',
        stored: true,
        translated: 94,
        total: 94,
      });
      const { res: r, body } = await exported(admin, 'salesforce', 'PT-br');
      expect(r.headers['content-disposition']).toBe(`attachment; filename="${S}_pt-br.csv"`);
      expect(body.equals(Buffer.from(exportFormat(rows), 'utf8'))).toBe(true);
      await upload(admin, `${S}_da.csv`, lines('messageKey,languageValue', 'login,Log ind')).expect(200);
      await upload(admin, `${S}_zh-CN.csv`, lines('messageKey,languageValue', 'login,登录')).expect(200);
      expect((await languagesOf('salesforce')).map((l) => [l.code, l.translated, l.total])).toEqual([
        ['en', 94, 94],
        ['zh-cn', 1, 94],
        ['da', 1, 94],
        ['pt-br', 94, 94],
      ]);
    });

    it('UTF-16LE with BOM, tab-delimited (Excel "Unicode Text"), and UTF-16BE, are decoded', async () => {
      const text =
        '\uFEFFmessageKey\tlanguageValue\r\nsave\t保存\r\ncancel\t"取り消し, ""今""\r\n次"\r\nduration_format\t{0}分{1}秒\r\n';
      const le = await upload(admin, JA_NAME, Buffer.from(text, 'utf16le')).expect(200);
      expect(le.body).toMatchObject({ stored: true, translated: 3, total: 90, errors: [] });
      expect(le.body.warnings).toHaveLength(87);
      expect(await stored('google', 'ja')).toEqual({
        save: '保存',
        cancel: '取り消し, "今"\r\n次',
        duration_format: '{0}分{1}秒',
      });
      const be = await upload(
        admin,
        `${G}_ko.csv`,
        Buffer.from(text.replace('保存', '저장'), 'utf16le').swap16(),
      ).expect(200);
      expect(be.body).toMatchObject({ language: 'ko', stored: true, translated: 3 });
      expect((await publicStrings('google', 'ko')).save).toBe('저장');
      const audit = await auditRows('mivoice.localization.import');
      expect(audit.map((a) => JSON.parse(a.after!).encoding)).toEqual(['utf-16le', 'utf-16be']);
    });

    it('semicolons, LF, no BOM, quoted header names in any case, blank lines and rows of empty cells skipped', async () => {
      const text = '"MessageKey";"LANGUAGEVALUE"\nsave;Speichern\n\ncancel;"Abbrechen; sofort"\n;\n  ;\n';
      const res = await upload(admin, `${G}_de.csv`, text).expect(200);
      expect(res.body).toMatchObject({ stored: true, translated: 2, errors: [] });
      expect(await stored('google', 'de')).toEqual({ save: 'Speichern', cancel: 'Abbrechen; sofort' });
    });

    it('missing keys: warnings (line null), the language is stored; the public endpoint and the export fall back to English per key', async () => {
      const res = await upload(
        admin,
        JA_NAME,
        lines('messageKey,languageValue', 'save,保存', 'my_ext,内線', 'missed,不在'),
      ).expect(200);
      const report = localizationImportReportSchema.parse(res.body);
      expect(report).toMatchObject({ stored: true, translated: 3, total: 90, errors: [] });
      expect(report.warnings).toHaveLength(87);
      expect(report.warnings[0]).toEqual({
        line: null,
        key: 'enable_feature',
        kind: 'missing_key',
        params: { english: 'Enable Feature' },
        message: 'Missing key "enable_feature": the English string "Enable Feature" is used',
      });
      expect(report.warnings.every((w) => w.line === null && w.kind === 'missing_key')).toBe(true);
      expect(report.warnings.map((w) => w.key)).toEqual(
        ENGLISH.google.keys.filter((k) => !['save', 'my_ext', 'missed'].includes(k)),
      );

      const strings = await publicStrings('google', 'ja');
      expect(Object.keys(strings)).toEqual(ENGLISH.google.keys);
      expect(strings).toEqual({ ...englishObject('google'), save: '保存', my_ext: '内線', missed: '不在' });
      expect((await languagesOf('google'))[1]).toMatchObject({ code: 'ja', translated: 3, total: 90 });
      const csv = (await exported(admin, 'google', 'ja')).body;
      expect(
        csv.equals(
          Buffer.from(exportFormat(englishRows('google').map(([k, v]) => [k, strings[k] ?? v])), 'utf8'),
        ),
      ).toBe(true);
    });

    it('importing a language again replaces it entirely; other languages stay', async () => {
      await importJapanese();
      await upload(admin, `${G}_fr.csv`, lines('messageKey,languageValue', 'save,Enregistrer')).expect(200);
      clock.t = T0 + 60_000;
      const res = await upload(
        admin,
        `${G}_JA.csv`,
        lines('messageKey,languageValue', 'logs,ログ', 'save,セーブ'),
      ).expect(200);
      expect(res.body).toMatchObject({ language: 'ja', translated: 2, fileName: `${G}_JA.csv` });
      expect(await stored('google', 'ja')).toEqual({ logs: 'ログ', save: 'セーブ' });
      expect(await stored('google', 'fr')).toEqual({ save: 'Enregistrer' });
      expect((await languagesOf('google')).find((l) => l.code === 'ja')).toMatchObject({
        translated: 2,
        fileName: `${G}_JA.csv`,
        importedAt: new Date(T0 + 60_000).toISOString(),
      });
    });

    it('two imports of one language at the same time: both succeed, the result is exactly one of them', async () => {
      const a = lines(
        'messageKey,languageValue',
        ...englishRows('google')
          .slice(0, 40)
          .map(([k, en]) => `${k},${cell(`A-${en}`)}`),
      );
      const b = lines(
        'messageKey,languageValue',
        ...englishRows('google')
          .slice(30, 90)
          .map(([k, en]) => `${k},${cell(`B-${en}`)}`),
      );
      const [ra, rb] = await Promise.all([upload(admin, JA_NAME, a), upload(admin, JA_NAME, b)]);
      expect([ra.status, rb.status, ra.body.stored, rb.body.stored]).toEqual([200, 200, true, true]);
      const values = Object.values(await stored('google', 'ja'));
      const which = values[0]!.slice(0, 2);
      expect(values).toHaveLength(which === 'A-' ? 40 : 60);
      expect(values.every((v) => v.startsWith(which))).toBe(true);
      expect(await h.ctx.db.db.selectFrom('localization_languages').selectAll().execute()).toHaveLength(1);
    });

    it('completeness: translated, the same as English and missing are told apart (3 of 90 is not 100%)', async () => {
      // A file holding every key, 3 of them translated and the rest left in English.
      const rows: Rows = englishRows('google').map(([k, en], i) => [k, i < 3 ? `${en} (ja)` : en]);
      const res = await upload(admin, JA_NAME, exportFormat(rows)).expect(200);
      expect(res.body).toMatchObject({ stored: true, translated: 3, sameAsEnglish: 87, total: 90 });
      expect((await languagesOf('google'))[1]).toMatchObject({
        code: 'ja',
        translated: 3,
        sameAsEnglish: 87,
        missing: 0,
        total: 90,
      });
      // 5 keys of the file, 2 of them in English: 85 missing.
      await upload(admin, JA_NAME, exportFormat([...rows.slice(1, 4), ...rows.slice(10, 12)])).expect(200);
      expect((await languagesOf('google'))[1]).toMatchObject({
        translated: 2,
        sameAsEnglish: 3,
        missing: 85,
        total: 90,
      });
      // English is the imported en where it has the key: a value equal to it is the same as English,
      // one equal to the built-in text it replaced is not.
      const builtIn = new Map(englishRows('google'));
      const [save, cancel] = [
        ['save', builtIn.get('save')!],
        ['cancel', builtIn.get('cancel')!],
      ] as const;
      await upload(admin, `${G}_en.csv`, lines('messageKey,languageValue', 'save,Store')).expect(200);
      await upload(
        admin,
        JA_NAME,
        lines('messageKey,languageValue', 'save,Store', `cancel,${cancel[1]}`),
      ).expect(200);
      expect(save[1]).not.toBe('Store');
      expect((await languagesOf('google'))[1]).toMatchObject({
        translated: 0,
        sameAsEnglish: 2,
        missing: 88,
      });
      await upload(admin, JA_NAME, lines('messageKey,languageValue', `save,${save[1]}`)).expect(200);
      expect((await languagesOf('google'))[1]).toMatchObject({
        translated: 1,
        sameAsEnglish: 0,
        missing: 89,
      });
    });

    it('importing en overrides English (over the built-in, per key) until it is deleted', async () => {
      const res = await upload(
        admin,
        `${G}_en.csv`,
        lines('messageKey,languageValue', 'save,Store', 'cancel,Dismiss'),
      ).expect(200);
      expect(res.body).toMatchObject({ language: 'en', stored: true, translated: 2 });
      expect(res.body.warnings).toHaveLength(88);
      const en = { ...englishObject('google'), save: 'Store', cancel: 'Dismiss' };
      expect(await publicStrings('google', 'en')).toEqual(en);
      // Every other language falls back to the effective English.
      await upload(admin, JA_NAME, lines('messageKey,languageValue', 'cancel,キャンセル')).expect(200);
      expect(await publicStrings('google', 'ja')).toEqual({ ...en, cancel: 'キャンセル' });
      expect(await publicStrings('google', 'fr')).toEqual(en);
      expect((await exported(admin, 'google', 'en')).body.toString('utf8')).toContain('\r\nsave,Store\r\n');
      const langs = await languagesOf('google');
      expect(langs.map((l) => l.code)).toEqual(['en', 'ja']);
      expect(langs[0]).toEqual({
        code: 'en',
        name: 'English',
        translated: 90,
        sameAsEnglish: 0,
        missing: 0,
        total: 90,
        builtIn: true,
        importedAt: new Date(T0).toISOString(),
        importedBy: 'admin',
        fileName: `${G}_en.csv`,
      });

      await admin.delete(`${API}/google/en`).expect(204);
      expect(await publicStrings('google', 'en')).toEqual(englishObject('google'));
      expect(await publicStrings('google', 'ja')).toEqual({
        ...englishObject('google'),
        cancel: 'キャンセル',
      });
      await admin.delete(`${API}/google/en`).expect(409);
    });

    it('a path before the file name is ignored (also ..\\ and /)', async () => {
      for (const name of [
        `C:/Users/translator/Desktop/${JA_NAME}`,
        `..\\..\\${JA_NAME}`,
        `../../${JA_NAME}`,
      ]) {
        const res = await upload(admin, name, lines('messageKey,languageValue', 'save,保存')).expect(200);
        expect(res.body).toMatchObject({ language: 'ja', fileName: JA_NAME, stored: true });
      }
    });
  });

  describe('delete', () => {
    it('an imported language: 204, gone from the list, the public endpoint falls back to English, audited', async () => {
      await importJapanese();
      clock.t = T0 + 5_000;
      await admin.delete(`${API}/google/JA`).expect(204);
      expect((await languagesOf('google')).map((l) => l.code)).toEqual(['en']);
      expect(await stored('google', 'ja')).toEqual({});
      expect(await publicStrings('google', 'ja')).toEqual(englishObject('google'));
      const audit = await auditRows('mivoice.localization.delete');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'admin', target: `${G} — Japanese (ja)`, after: null });
      expect(JSON.parse(audit[0]!.before!)).toEqual({
        fileName: JA_NAME,
        translated: 90,
        importedAt: new Date(T0).toISOString(),
        importedBy: 'admin',
      });
    });

    it('a language not imported: 404 naming it; bad path parameters: 400 naming them', async () => {
      await importJapanese();
      const before = await snapshot();
      const res = await admin.delete(`${API}/salesforce/ja`).expect(404);
      expect(res.body.error.message).toBe(`Japanese (ja) is not imported for ${S}`);
      const badLang = await admin.delete(`${API}/google/jp`).expect(400);
      expect(Object.keys(badLang.body.error.fields)).toEqual(['lang']);
      expect(badLang.body.error.message).toBe(`Path is invalid: lang: Language must be one of ${CODES}`);
      const badApp = await admin.delete(`${API}/outlook/ja`).expect(400);
      expect(Object.keys(badApp.body.error.fields)).toEqual(['app']);
      expect(await snapshot()).toEqual(before);
      await admin.get(`${API}/outlook/ja/export`).expect(400);
    });
  });

  describe('bad files: a clear error, nothing stored, the stored language unchanged', () => {
    interface FileCase {
      name: string;
      content: string | Buffer;
      status: number;
      message: string | RegExp;
      field?: string | RegExp;
    }
    const ok = lines('messageKey,languageValue', 'save,保存');
    const LATIN1 = Buffer.concat([
      Buffer.from('messageKey,languageValue\r\nsave,Enregistrer\r\ncancel,Annul', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from('\r\n'),
    ]);
    const FILE_CASES: Record<string, FileCase> = {
      'no application name': {
        name: 'strings_ja.csv',
        content: ok,
        status: 400,
        message: `The file name must be "${G}_xx.csv" or "${S}_xx.csv", where xx is a language code (${CODES}); got "strings_ja.csv"`,
      },
      'a path that leaves no name (..\\)': {
        name: `${JA_NAME}\\..`,
        content: ok,
        status: 400,
        message: 'No file was sent in the field "file"',
        field: 'A file is required',
      },
      'a good name in a folder, then ..\\ to another file': {
        name: `${JA_NAME}\\..\\evil.csv`,
        content: ok,
        status: 400,
        message: /^The file name must be .*; got "evil\.csv"$/,
      },
      'missing .csv': {
        name: `${G}_ja`,
        content: ok,
        status: 400,
        message: `The file name must end with .csv: "${G}_xx.csv"; got "${G}_ja"`,
        field: 'The file name must end with .csv',
      },
      '.txt': { name: `${G}_ja.txt`, content: ok, status: 400, message: /must end with \.csv/ },
      'code xx': {
        name: `${G}_xx.csv`,
        content: ok,
        status: 400,
        message: `"xx" in "${G}_xx.csv" is not a language code: name the file "${G}_xx.csv" where xx is one of ${CODES}`,
        field: `Unknown language code "xx": use one of ${CODES}`,
      },
      'code jp': {
        name: `${S}_jp.csv`,
        content: ok,
        status: 400,
        message: `"jp" in "${S}_jp.csv" is not a language code: name the file "${S}_xx.csv" where xx is one of ${CODES}`,
      },
      'code pt_br': {
        name: `${G}_pt_br.csv`,
        content: ok,
        status: 400,
        message: /^"pt_br" in .* is not a language code/,
      },
      'wrong header': {
        name: JA_NAME,
        content: lines('key,value', 'save,保存'),
        status: 400,
        message:
          'Line 1: the header must be messageKey,languageValue (comma, semicolon or tab between them); found "key,value"',
        field: 'Line 1: the header must be messageKey,languageValue',
      },
      'header with a third column': {
        name: JA_NAME,
        content: lines('messageKey,languageValue,notes', 'save,保存,x'),
        status: 400,
        message:
          /^Line 1: the header must be messageKey,languageValue .*found "messageKey,languageValue,notes"$/,
      },
      'BOM only': {
        name: JA_NAME,
        content: '\uFEFF',
        status: 400,
        message: /^Line 1: the header must be .*; the first line is empty$/,
      },
      'Latin-1 bytes': {
        name: JA_NAME,
        content: LATIN1,
        status: 400,
        message:
          'Line 3 is not UTF-8 (byte 0xE9): the file is in another encoding such as Latin-1/Windows-1252, or mixes encodings. Save it as "CSV UTF-8" or as "Unicode Text"',
        field: 'Line 3: not UTF-8',
      },
      '0 bytes': {
        name: JA_NAME,
        content: Buffer.alloc(0),
        status: 400,
        message: `The file "${JA_NAME}" is empty (0 bytes)`,
        field: 'The file is empty',
      },
      'over 1 MB': {
        name: JA_NAME,
        content: Buffer.concat([Buffer.from(ok), Buffer.alloc(1024 * 1024, 0x61)]),
        status: 413,
        message: 'The file is larger than 1 MB; split it into smaller files',
        field: 'At most 1 MB',
      },
      'truncated quote': {
        name: JA_NAME,
        content: 'messageKey,languageValue\r\nsave,保存\r\ncancel,"キャンセル\r\nlogs,ログ\r\n',
        status: 400,
        message:
          'Line 3: a quoted field is never closed (its opening " has no closing " before the end of the file). Check the quotes on that line',
        field: 'Line 3: quote not closed',
      },
      'text after a closing quote': {
        name: JA_NAME,
        content: lines('messageKey,languageValue', 'save,"保存"x'),
        status: 400,
        message: /^Line 2: a quoted field has text after its closing quote/,
      },
    };

    it.each(Object.entries(FILE_CASES))('%s', async (_label, c) => {
      await importJapanese();
      const before = await snapshot();
      const res = await upload(admin, c.name, c.content);
      expect(res.status, res.text).toBe(c.status);
      if (typeof c.message === 'string') expect(res.body.error.message).toBe(c.message);
      else expect(res.body.error.message).toMatch(c.message);
      expect(Object.keys(res.body.error.fields)).toEqual(['file']);
      if (typeof c.field === 'string') expect(res.body.error.fields.file).toBe(c.field);
      expect(await snapshot()).toEqual(before);
      expect(await publicStrings('google', 'ja')).toEqual(Object.fromEntries(JA));
    });

    it('no file in the field "file": 400, nothing changed', async () => {
      const before = await snapshot();
      const res = await admin
        .post(IMPORT)
        .attach('upload', Buffer.from(ok), { filename: JA_NAME, contentType: 'text/csv' })
        .expect(400);
      expect(res.body.error.fields).toEqual({ file: 'Exactly one file' });
      const json = await admin.post(IMPORT).send({ file: ok }).expect(400);
      expect(json.body.error.fields).toEqual({ file: 'A file is required' });
      expect(await snapshot()).toEqual(before);
    });

    const ROW_CASES: Record<
      string,
      {
        content: string;
        errors: Array<{
          line: number;
          key: string | null;
          kind: string;
          params: Record<string, string>;
          message: string;
        }>;
        translated: number;
      }
    > = {
      'unknown key': {
        content: lines('messageKey,languageValue', 'my_ext,内線', 'no_such_key,何か'),
        translated: 1,
        errors: [
          {
            line: 3,
            key: 'no_such_key',
            kind: 'unknown_key',
            params: { application: G },
            message: `Unknown key "no_such_key": not a string of ${G}`,
          },
        ],
      },
      'unknown key after a value over two lines (physical lines count)': {
        content: lines('messageKey,languageValue', 'my_ext,"内\r\n線"', 'version_info,v2'),
        translated: 1,
        errors: [
          {
            line: 4,
            key: 'version_info',
            kind: 'unknown_key',
            params: { application: G },
            message: `Unknown key "version_info": not a string of ${G}`,
          },
        ],
      },
      'duplicate key': {
        content: lines('messageKey,languageValue', 'my_ext,内線', 'save,保存', 'my_ext,内線2'),
        translated: 2,
        errors: [
          {
            line: 4,
            key: 'my_ext',
            kind: 'duplicate_key',
            params: { firstLine: '2' },
            message: 'Duplicate key "my_ext" (first on line 2)',
          },
        ],
      },
      'placeholder {0} missing': {
        content: lines('messageKey,languageValue', 'call_log_quick_note_label,クイックノート'),
        translated: 0,
        errors: [
          {
            line: 2,
            key: 'call_log_quick_note_label',
            kind: 'placeholder_mismatch',
            params: { english: 'Quick Note {0}', expected: '{0}', found: '' },
            message:
              'Placeholders of "call_log_quick_note_label" must match the English string "Quick Note {0}": expected {0}; found none',
          },
        ],
      },
      'extra placeholder {2}': {
        content: lines('messageKey,languageValue', 'save,保存', 'duration_format,{0}分{1}秒{2}'),
        translated: 1,
        errors: [
          {
            line: 3,
            key: 'duration_format',
            kind: 'placeholder_mismatch',
            params: { english: '{0} minutes, {1} seconds', expected: '{0}, {1}', found: '{0}, {1}, {2}' },
            message:
              'Placeholders of "duration_format" must match the English string "{0} minutes, {1} seconds": expected {0} {1}; found {0} {1} {2}',
          },
        ],
      },
      'placeholder renumbered, or doubled': {
        content: lines(
          'messageKey,languageValue',
          'signed_in_as,{1} でサインイン',
          'err_not_verified,{0}{0}',
        ),
        translated: 0,
        errors: [
          {
            line: 2,
            key: 'signed_in_as',
            kind: 'placeholder_mismatch',
            params: { english: 'Signed in as {0}', expected: '{0}', found: '{1}' },
            message:
              'Placeholders of "signed_in_as" must match the English string "Signed in as {0}": expected {0}; found {1}',
          },
          {
            line: 3,
            key: 'err_not_verified',
            kind: 'placeholder_mismatch',
            params: { english: 'Unauthorized phone number, {0}', expected: '{0}', found: '{0}, {0}' },
            message:
              'Placeholders of "err_not_verified" must match the English string "Unauthorized phone number, {0}": expected {0}; found {0} {0}',
          },
        ],
      },
      'empty values': {
        content: lines('messageKey,languageValue', 'save,', 'cancel,"   "', 'logs,ログ'),
        translated: 1,
        errors: [
          { line: 2, key: 'save', kind: 'empty_value', params: {}, message: 'Empty value for "save"' },
          { line: 3, key: 'cancel', kind: 'empty_value', params: {}, message: 'Empty value for "cancel"' },
        ],
      },
      'wrong field count': {
        content: lines('messageKey,languageValue', 'save,保存,extra', 'cancel', 'logs,ログ'),
        translated: 1,
        errors: [
          {
            line: 2,
            key: null,
            kind: 'bad_row',
            params: { found: '3' },
            message: 'Expected 2 fields (messageKey,languageValue), found 3',
          },
          {
            line: 3,
            key: null,
            kind: 'bad_row',
            params: { found: '1' },
            message: 'Expected 2 fields (messageKey,languageValue), found 1',
          },
        ],
      },
    };

    it.each(Object.entries(ROW_CASES))('%s: 200 with the errors by line, stored false', async (_label, c) => {
      await importJapanese();
      const before = await snapshot();
      const res = await upload(admin, JA_NAME, c.content).expect(200);
      const report = localizationImportReportSchema.parse(res.body);
      expect(report).toMatchObject({
        application: 'google',
        language: 'ja',
        fileName: JA_NAME,
        stored: false,
        translated: c.translated,
        total: 90,
      });
      expect(report.errors).toEqual(c.errors);
      // Missing keys are still reported (as warnings).
      expect(report.warnings.length).toBeGreaterThan(80);
      expect(await snapshot()).toEqual(before);
      expect(await publicStrings('google', 'ja')).toEqual(Object.fromEntries(JA));
    });
  });

  describe('Email Language Strings', () => {
    it('without the administrator e-mail: 409 naming adminEmail, nothing queued or audited', async () => {
      await importJapanese();
      const before = await snapshot();
      const res = await admin.post(`${API}/google/ja/email`).expect(409);
      expect(Object.keys(res.body.error.fields)).toEqual(['adminEmail']);
      expect(await snapshot()).toEqual(before);
    });

    it('reaches the SMTP peer with the CSV attachment byte-equal to the export; audited', async () => {
      await importJapanese();
      await admin.put('/api/v1/mivoice/settings').send({ adminEmail: ADMIN_EMAIL }).expect(200);
      const res = await admin.post(`${API}/google/JA/email`).expect(202);
      expect(res.body).toEqual({
        mailId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        to: ADMIN_EMAIL,
        mail: { id: res.body.mailId, state: 'queued', delivery: 'smtp', fileName: null, outboxFolder: null },
      });
      const row = await h.ctx.db.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        id: res.body.mailId,
        kind: 'mivoice-localization',
        to_addresses: JSON.stringify([ADMIN_EMAIL]),
        state: 'queued',
      });
      expect((await admin.get('/api/v1/mail/outbox').expect(200)).body.messages[0]).toMatchObject({
        kind: 'mivoice-localization',
        subjectParams: { application: 'google', language: 'ja', languageName: 'Japanese' },
      });

      expect(await h.ctx.mail.runOnce()).toBe(1);
      expect(peer.messages).toHaveLength(1);
      const m = peer.messages[0]!;
      expect(m.envelope.to).toEqual([ADMIN_EMAIL]);
      expect(m.parsed.subject).toBe(`${G}: language strings (Japanese, ja)`);
      expect(m.parsed.text).toContain(JA_NAME);
      expect(m.parsed.attachments).toHaveLength(1);
      const a = m.parsed.attachments[0]!;
      expect(a.filename).toBe(JA_NAME);
      expect(a.contentType).toBe('text/csv');
      const download = (await exported(admin, 'google', 'ja')).body;
      expect(a.content.equals(download)).toBe(true);
      expect(a.content.equals(Buffer.from(exportFormat(JA), 'utf8'))).toBe(true);

      const audit = await auditRows('mivoice.localization.email');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: 'admin', target: `${G} — Japanese (ja)` });
      expect(JSON.parse(audit[0]!.after!)).toEqual({
        to: ADMIN_EMAIL,
        fileName: JA_NAME,
        mailId: res.body.mailId,
      });
    });

    it('English of Salesforce by default (nothing imported)', async () => {
      await admin.put('/api/v1/mivoice/settings').send({ adminEmail: ADMIN_EMAIL }).expect(200);
      await admin.post(`${API}/salesforce/en/email`).expect(202);
      await h.ctx.mail.runOnce();
      const a = peer.messages[0]!.parsed.attachments[0]!;
      expect(a.filename).toBe(`${S}_en.csv`);
      expect(a.content.equals(Buffer.from(exportFormat(englishRows('salesforce')), 'utf8'))).toBe(true);
    });
  });

  describe('roles', () => {
    it('support: 403 on import, delete and email, nothing changed; reading is allowed', async () => {
      await importJapanese();
      await admin.put('/api/v1/mivoice/settings').send({ adminEmail: ADMIN_EMAIL }).expect(200);
      const before = await snapshot();
      for (const res of [
        await upload(support, `${G}_fr.csv`, lines('messageKey,languageValue', 'save,Enregistrer')),
        await upload(support, JA_NAME, lines('messageKey,languageValue', 'save,上書き')),
        await support.delete(`${API}/google/ja`),
        await support.post(`${API}/google/ja/email`),
      ]) {
        expect(res.status, res.text).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
      expect(await snapshot()).toEqual(before);
      await support.get(API).expect(200);
      expect(
        (await exported(support, 'google', 'ja')).body.equals(Buffer.from(exportFormat(JA), 'utf8')),
      ).toBe(true);
    });

    it('no session: 401 on the console routes', async () => {
      await supertest(h.app).get(API).expect(401);
      await supertest(h.app).get(`${API}/google/ja/export`).expect(401);
      await supertest(h.app).post(IMPORT).attach('file', Buffer.from('x'), JA_NAME).expect(401);
    });
  });

  describe('public endpoint for MiVoice clients', () => {
    it('no cookie needed; language in any case; CORS for any origin', async () => {
      await importJapanese();
      const res = await supertest(h.app)
        .get(`${PUBLIC}/google/JA`)
        .set('Origin', 'https://crm.example.com')
        .expect(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(Object.entries(res.body)).toEqual(JA);
      expect(await publicStrings('google', 'Ja')).toEqual(Object.fromEntries(JA));
      expect(await publicStrings('salesforce', 'PT-BR')).toEqual(englishObject('salesforce'));
    });

    it('markup in translations is data: stored and served exactly, as JSON with nosniff (never as HTML)', async () => {
      const xss = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>'];
      const rows: Rows = englishRows('google').map(([k, en], i) => [k, i < xss.length ? xss[i]! : en]);
      expect((await upload(admin, `${G}_fr.csv`, exportFormat(rows)).expect(200)).body).toMatchObject({
        stored: true,
        errorCount: 0,
      });
      const res = await supertest(h.app).get(`${PUBLIC}/google/fr`).expect(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(Object.values(res.body).slice(0, xss.length)).toEqual(xss);
      expect((await exported(admin, 'google', 'fr')).body.toString('utf8')).toBe(exportFormat(rows));
    });

    it('unknown application or language: 404 JSON naming it', async () => {
      const app = await supertest(h.app).get(`${PUBLIC}/outlook/ja`).expect(404);
      expect(app.body.error).toEqual({
        code: 'not_found',
        message: 'Unknown application "outlook": use google or salesforce',
        reason: 'unknown_application',
        params: { app: 'outlook', allowed: 'google, salesforce' },
      });
      const lang = await supertest(h.app).get(`${PUBLIC}/google/jp`).expect(404);
      expect(lang.body.error).toEqual({
        code: 'not_found',
        message: `Unknown language "jp": use one of ${CODES}`,
        reason: 'unknown_language',
        params: { language: 'jp', allowed: CODES },
      });
      // Application names are exact (lower case), as in the SPEC's path.
      await supertest(h.app).get(`${PUBLIC}/Google/ja`).expect(404);
      const other = await supertest(h.app).get(`${PUBLIC}/google`).expect(404);
      expect(other.body.error.code).toBe('not_found');
      await supertest(h.app).get(`${PUBLIC}/google/ja/more`).expect(404);
      // Read-only.
      await supertest(h.app).post(`${PUBLIC}/google/ja`).send({ save: 'x' }).expect(404);
    });
  });
});

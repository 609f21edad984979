import { comparePlaceholders, LANGUAGE_CODES, placeholdersOf } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, NAMESPACES, type Language } from '@/lib/i18n';

/**
 * The console's strings in all 17 languages, held to English: the same files and keys (plural keys
 * by each language's own CLDR categories), no empty text, the same placeholders (the rule the
 * MiVoice localization import applies, shared), and no string left in English unless it is a
 * product name or code, or listed for that language in `same-as-english/<code>.json`.
 */
type Tree = { [key: string]: string | Tree };

const files = import.meta.glob<Tree>('@locales/*/*.json', { import: 'default', eager: true });
const sameAsEnglishFiles = import.meta.glob<{ keys: string[] }>('./same-as-english/*.json', {
  import: 'default',
  eager: true,
});

function entries(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`),
  );
}

/** file name (without .json) → key → text, for one language folder. */
function strings(language: string): Map<string, Map<string, string>> {
  return new Map(
    Object.entries(files)
      .filter(([path]) => path.split('/').at(-2) === language)
      .map(([path, tree]) => [/([^/]+)\.json$/.exec(path)![1]!, new Map(entries(tree))]),
  );
}

const PLURAL = /^(.*)_(zero|one|two|few|many|other)$/;

/**
 * Values that are the same in every language: product and protocol names and codes. Anything else
 * left in English must be listed, key by key, for its language.
 */
const NAMES_AND_CODES = new Set([
  'OIG',
  'Mitel',
  'MiVoice Business',
  'MiVoice Integration',
  'MiContact Center',
  'MiCC',
  'Open Media',
  'SOAP',
  'REST',
  'WSDL',
  'CSV',
  'SMTP',
  'TLS',
  'STARTTLS',
  'Google',
  'Salesforce',
  'OAuth',
  'JSON',
  'API',
  'ID',
  'IP',
  'URL',
  'ACL',
  'MCS',
  'IPv4',
  'IPv6',
  'HTTP',
  'HTTPS',
  'OK',
]);

/** Only placeholders, digits and punctuation (`{{shown}} / {{total}}`, `—`). */
const NO_WORDS = /^[\s\d\p{P}\p{S}]*$/u;
const withoutPlaceholders = (text: string) => text.replace(/\{\{[^{}]*\}\}/g, '');

const isNameOrCode = (text: string) =>
  NAMES_AND_CODES.has(text.trim()) || NO_WORDS.test(withoutPlaceholders(text));

const pluralCategories = (language: Language) =>
  new Intl.PluralRules(LANGUAGES.find((l) => l.code === language)!.tag).resolvedOptions().pluralCategories;

/** The base of a plural key (`count_one` → `count`); undefined for a key that is not one. */
function pluralBase(keys: Map<string, string>, key: string): string | undefined {
  const plural = PLURAL.exec(key);
  return plural && keys.has(`${plural[1]}_one`) && keys.has(`${plural[1]}_other`) ? plural[1] : undefined;
}

/** Placeholder names a plural form other than `other` may leave out: `count`, and what English's `one` leaves out. */
function optionalInForm(englishKeys: Map<string, string>, key: string): string[] {
  const base = pluralBase(englishKeys, key.replace(/_(zero|two|few|many)$/, '_one'));
  if (!base || key.endsWith('_other')) return [];
  const names = (text: string) => placeholdersOf(text, 'i18next').map((p) => p.slice(2).split(/[,}]/)[0]!);
  const inOne = names(englishKeys.get(`${base}_one`)!);
  return ['count', ...names(englishKeys.get(`${base}_other`)!).filter((n) => !inOne.includes(n))];
}

/** The keys `language` must have in `file`, each with its English original. */
function expectedKeys(english: Map<string, string>, language: Language): Map<string, string> {
  const expected = new Map<string, string>();
  for (const [key, text] of english) {
    const plural = PLURAL.exec(key);
    if (plural && pluralBase(english, key)) {
      for (const category of pluralCategories(language))
        expected.set(`${plural[1]}_${category}`, english.get(`${plural[1]}_other`)!);
    } else {
      expected.set(key, text);
    }
  }
  return expected;
}

const english = strings('en');
const others = LANGUAGES.filter((l) => l.code !== 'en');

describe('the console languages', () => {
  it('are the 17 languages of Appendix B, each with its folder of strings', () => {
    expect(LANGUAGES.map((l) => l.code).sort()).toEqual([...LANGUAGE_CODES].sort());
    const folders = new Set(Object.keys(files).map((path) => path.split('/').at(-2)));
    expect([...folders].sort()).toEqual([...LANGUAGE_CODES].sort());
    expect(english.size).toBe(NAMESPACES.length);
  });

  it('lists each language by its own name, once', () => {
    const labels = LANGUAGES.map((l) => l.label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const { tag, label } of LANGUAGES) {
      const own = new Intl.DisplayNames([tag], { type: 'language' }).of(tag.split('-')[0]!)!;
      // The own name starts with the language's own word for itself (Português, 日本語, Русский…).
      expect(label.toLocaleLowerCase(tag), tag).toContain(
        own.toLocaleLowerCase(tag).split(/[\s(]/)[0]!.slice(0, 2),
      );
    }
  });

  it('gives English both plural forms wherever it has one', () => {
    for (const [file, keys] of english)
      for (const key of keys.keys()) {
        if (/_(zero|one|two|few|many)$/.test(key))
          expect(pluralBase(keys, key), `${file}:${key}`).toBeDefined();
      }
  });

  describe.each(others)('$label ($code)', ({ code }) => {
    const translated = strings(code);
    const listed = new Set(sameAsEnglishFiles[`./same-as-english/${code}.json`]?.keys ?? []);

    it('has every file and key of English (plurals in its own categories), none extra, none empty', () => {
      expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [file, englishKeys] of english) {
        const keys = translated.get(file) ?? new Map<string, string>();
        const expected = expectedKeys(englishKeys, code);
        expect(
          [...keys.keys()].filter((k) => !expected.has(k)),
          `${file}: keys English lacks`,
        ).toEqual([]);
        expect(
          [...expected.keys()].filter((k) => !keys.has(k)),
          `${file}: missing keys`,
        ).toEqual([]);
        for (const [key, text] of keys) expect(text.trim(), `${file}:${key}`).not.toBe('');
      }
    });

    it('keeps the placeholders of English in every string', () => {
      for (const [file, englishKeys] of english) {
        const keys = translated.get(file) ?? new Map<string, string>();
        for (const [key, englishText] of expectedKeys(englishKeys, code)) {
          const text = keys.get(key);
          if (text === undefined) continue; // reported above
          const optional = optionalInForm(englishKeys, key);
          const check = comparePlaceholders(englishText, text, 'i18next', { optional });
          expect(check, `${file}:${key}: ${text}`).toMatchObject({ ok: true });
        }
      }
    });

    it('leaves a string in English only for a name or code, or where its list says so', () => {
      const same: string[] = [];
      const unexplained: string[] = [];
      for (const [file, englishKeys] of english) {
        const keys = translated.get(file) ?? new Map<string, string>();
        for (const [key, englishText] of englishKeys) {
          if (keys.get(key) !== englishText) continue;
          same.push(`${file}:${key}`);
          if (!isNameOrCode(englishText) && !listed.has(`${file}:${key}`)) unexplained.push(`${file}:${key}`);
        }
      }
      expect(unexplained, 'identical to English and not listed').toEqual([]);
      expect(
        [...listed].filter((k) => !same.includes(k)),
        'listed but translated (or gone)',
      ).toEqual([]);
    });
  });
});

describe('the placeholder rule', () => {
  it('is the one shared with the MiVoice localization import', () => {
    expect(placeholdersOf('{{count, number}} of {{max}}', 'i18next')).toEqual([
      '{{count,number}}',
      '{{max}}',
    ]);
  });
});

import { createInstance } from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import type { LanguageCode } from '@oig/shared';
import type enAccounts from '@locales/en/accounts.json';
import type enAuth from '@locales/en/auth.json';
import type enCommon from '@locales/en/common.json';
import type enMail from '@locales/en/mail.json';
import type enMivoice from '@locales/en/mivoice.json';
import type enNetworkElements from '@locales/en/network-elements.json';
import type enOpenMedia from '@locales/en/open-media.json';
import type enOptions from '@locales/en/options.json';
import type enOverview from '@locales/en/overview.json';
import type enSessions from '@locales/en/sessions.json';

/** The console's strings by namespace, typed from the English files (so `t` checks its keys). */
export interface Resources {
  common: typeof enCommon;
  auth: typeof enAuth;
  overview: typeof enOverview;
  sessions: typeof enSessions;
  accounts: typeof enAccounts;
  networkElements: typeof enNetworkElements;
  options: typeof enOptions;
  mail: typeof enMail;
  mivoice: typeof enMivoice;
  openMedia: typeof enOpenMedia;
}
export type Namespace = keyof Resources;

/** Each namespace's file in `locales/<language>/`. */
const FILES: Record<Namespace, string> = {
  common: 'common',
  auth: 'auth',
  overview: 'overview',
  sessions: 'sessions',
  accounts: 'accounts',
  networkElements: 'network-elements',
  options: 'options',
  mail: 'mail',
  mivoice: 'mivoice',
  openMedia: 'open-media',
};
export const NAMESPACES = Object.keys(FILES) as Namespace[];

/** The console's i18next (its own instance, so a test can start a fresh one; react-i18next uses it). */
const i18n = createInstance();

/**
 * The console's languages: the 17 of Appendix B (the languages of the MiVoice Integration clients,
 * `LANGUAGE_CODES` in shared — a test keeps both lists equal), each listed by its own name, in the
 * order of those names (Latin script first). `tag` is the BCP 47 tag for `<html lang>` and Intl.
 */
export const LANGUAGES = [
  { code: 'da', tag: 'da', label: 'Dansk' },
  { code: 'de', tag: 'de', label: 'Deutsch' },
  { code: 'en', tag: 'en', label: 'English' },
  { code: 'es', tag: 'es', label: 'Español' },
  { code: 'fr', tag: 'fr', label: 'Français' },
  { code: 'it', tag: 'it', label: 'Italiano' },
  { code: 'nl', tag: 'nl', label: 'Nederlands' },
  { code: 'nb', tag: 'nb', label: 'Norsk bokmål' },
  { code: 'pt-br', tag: 'pt-BR', label: 'Português (Brasil)' },
  { code: 'pt-pt', tag: 'pt-PT', label: 'Português (Portugal)' },
  { code: 'fi', tag: 'fi', label: 'Suomi' },
  { code: 'sv', tag: 'sv', label: 'Svenska' },
  { code: 'ru', tag: 'ru', label: 'Русский' },
  { code: 'ja', tag: 'ja', label: '日本語' },
  { code: 'zh-cn', tag: 'zh-CN', label: '简体中文' },
  { code: 'zh-tw', tag: 'zh-TW', label: '繁體中文' },
  { code: 'ko', tag: 'ko', label: '한국어' },
] as const satisfies readonly { code: LanguageCode; tag: string; label: string }[];
export type Language = (typeof LANGUAGES)[number]['code'];

export const LANGUAGE_STORAGE_KEY = 'oig.language';

/**
 * Every strings file is a chunk of its own (`strings-<language>-<file>`, see vite.config.ts): the
 * first load holds none, a page loads only its namespaces, and only in the console's language.
 */
const FILE_LOADERS = import.meta.glob<{ default: object }>('@locales/*/*.json');
const LOADERS = new Map(
  Object.entries(FILE_LOADERS).map(([file, load]) => [
    /([^/]+)\/([^/]+)\.json$/.exec(file)!.slice(1).join('/'),
    load,
  ]),
);

const backend = resourcesToBackend((language: string, ns: string) => {
  const load = LOADERS.get(`${language}/${FILES[ns as Namespace]}`);
  return load
    ? load().then((strings) => strings.default)
    : Promise.reject(new Error(`No console strings for ${language}/${ns}`));
});

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

/** The BCP 47 tag of a console language (`pt-pt` → `pt-PT`). */
export function languageTag(language: Language): string {
  return LANGUAGES.find((l) => l.code === language)?.tag ?? 'en';
}

/** The console language for one BCP 47 tag of the browser, or undefined when none fits. */
function consoleLanguageFor(tag: string): Language | undefined {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag).maximize();
  } catch {
    return undefined; // not a well-formed tag
  }
  const region = locale.region ?? '';
  switch (locale.language) {
    case 'zh':
      // Traditional script (Taiwan, Hong Kong, Macao) or Simplified (mainland, Singapore).
      return locale.script === 'Hant' ? 'zh-tw' : 'zh-cn';
    case 'pt':
      // Portuguese outside Brazil follows Portugal's norm; a bare `pt` means Brazil (CLDR).
      return region === 'BR' ? 'pt-br' : 'pt-pt';
    case 'no':
    case 'nn':
    case 'nb':
      return 'nb';
    default:
      return isLanguage(locale.language) ? locale.language : undefined;
  }
}

/**
 * The best console language for the browser's preferred languages (`navigator.languages`, most
 * preferred first): the first that one of the 17 serves, else English.
 */
export function preferredLanguage(browserLanguages: readonly string[]): Language {
  for (const tag of browserLanguages) {
    const language = consoleLanguageFor(tag);
    if (language) return language;
  }
  return 'en';
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  // Old WebViews have no `languages`.
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** The language chosen in this browser before; on a first visit, the browser's own best match. */
export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(value)) return value;
  } catch {
    // Storage may be unavailable (private mode): follow the browser.
  }
  return preferredLanguage(browserLanguages());
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

/** i18next's loader of backend files (`services.backendConnector`, untyped in i18next's types). */
interface BackendConnector {
  load(languages: string[], namespaces: string[], done: (errors?: unknown) => void): void;
}

const failed = (what: string, errors: unknown) =>
  new Error(`Could not load the console strings ${what}`, { cause: errors });

/**
 * Loads `namespaces` in `language` (each file once; those already there at once). Rejects when a
 * file could not be loaded (offline, or a new release replaced it).
 */
function loadStrings(language: Language, namespaces: readonly string[]): Promise<void> {
  const connector = i18n.services.backendConnector as BackendConnector;
  return new Promise((resolve, reject) =>
    connector.load([language], [...namespaces], (errors) =>
      errors ? reject(failed(`${namespaces.join(', ')} (${language})`, errors)) : resolve(),
    ),
  );
}

/**
 * Loads a page's namespaces in the console's language (called with the page's chunk) and keeps them
 * in use: a later change of language loads them in the new one too. Rejects when they could not be
 * loaded, which the page's route shows as it shows a chunk that could not be loaded.
 */
export function loadNamespaces(namespaces: readonly Namespace[]): Promise<void> {
  if (!i18n.options.ns) throw new Error('startI18n first');
  return new Promise((resolve, reject) => {
    void i18n.loadNamespaces([...namespaces], (errors) =>
      errors ? reject(failed(namespaces.join(', '), errors)) : resolve(),
    );
  });
}

/** The number of the latest language request: a later choice wins over one still loading. */
let latestChoice = 0;

/**
 * Switches the console language (the strings in use loaded in it first) and remembers the choice.
 * False when the strings could not be loaded: the language and the stored choice stay as they were.
 */
export async function changeLanguage(language: Language): Promise<boolean> {
  const choice = ++latestChoice;
  try {
    await loadStrings(language, i18n.options.ns as readonly string[]);
  } catch {
    return false;
  }
  if (choice !== latestChoice) return true; // another language was chosen meanwhile
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
  await i18n.changeLanguage(language);
  return true;
}

let started: Promise<void> | undefined;

/**
 * Starts i18n in `language` (the stored one by default) and loads its `common` strings and
 * `namespaces` (English when they cannot be loaded). The console renders once this resolves, so
 * nothing shows in another language first. i18n is set up when this returns, so pages may load
 * their namespaces at once. Starts once; later calls return the first one's promise.
 */
export function startI18n(language: Language = storedLanguage(), namespaces: readonly Namespace[] = []) {
  started ??= (async () => {
    i18n.on('languageChanged', (lng) => {
      if (typeof document !== 'undefined')
        document.documentElement.lang = isLanguage(lng) ? languageTag(lng) : lng;
    });
    let loadFailed: unknown;
    await i18n
      .use(backend)
      .use(initReactI18next)
      .init(
        {
          lng: language,
          // Only the chosen language's strings are loaded: every key exists in each language (tests).
          fallbackLng: false,
          load: 'currentOnly',
          supportedLngs: LANGUAGES.map((l) => l.code),
          lowerCaseLng: true, // the codes are `pt-br`, `zh-tw` (the folders' names), not `pt-BR`
          ns: ['common', ...namespaces],
          defaultNS: 'common',
          interpolation: { escapeValue: false }, // React escapes text.
          initAsync: false,
          returnNull: false,
          showSupportNotice: false,
        },
        (errors) => {
          loadFailed = errors;
        },
      );
    if (loadFailed && language !== 'en') {
      // The files could not be loaded (e.g. a deployment replaced them): English it is.
      await i18n.changeLanguage('en');
    }
  })();
  return started;
}

export { i18n };

import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAccounts from '@locales/en/accounts.json';
import enAuth from '@locales/en/auth.json';
import enCommon from '@locales/en/common.json';
import enMail from '@locales/en/mail.json';
import type enMivoice from '@locales/en/mivoice.json';
import enNetworkElements from '@locales/en/network-elements.json';
import enOptions from '@locales/en/options.json';
import type enOpenMedia from '@locales/en/open-media.json';
import enOverview from '@locales/en/overview.json';
import enSessions from '@locales/en/sessions.json';

/**
 * A namespace whose strings load with its tab's chunk instead of the first-load bundle: typed
 * here (so `t` checks its keys), empty until the tab's module calls `addLazyNamespace`.
 */
function lazyNamespace<T>(): T {
  return {} as T;
}

/**
 * The bundled strings: English only. Another language's strings are a chunk of their own, loaded
 * when the console is first used in it (`loadLanguage`); English is always there as the fallback.
 */
export const resources = {
  en: {
    common: enCommon,
    auth: enAuth,
    overview: enOverview,
    sessions: enSessions,
    accounts: enAccounts,
    networkElements: enNetworkElements,
    options: enOptions,
    mail: enMail,
    mivoice: lazyNamespace<typeof enMivoice>(),
    openMedia: lazyNamespace<typeof enOpenMedia>(),
  },
} as const;

export const LANGUAGES = [
  { code: 'en', label: 'English' },
  { code: 'fr', label: 'Français' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

export const LANGUAGE_STORAGE_KEY = 'oig.language';

function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((l) => l.code === value);
}

export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : 'en';
  } catch {
    return 'en';
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
}

/** The bundled namespaces' strings of each language other than English, as a chunk each. */
const LANGUAGE_CHUNKS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Record<string, object> }>> = {
  fr: () => import('./locales/fr'),
};

/**
 * Makes a language's strings available (English always is): its chunk is loaded once. Safe to call
 * before or after initI18n.
 */
export async function loadLanguage(language: Language): Promise<void> {
  if (language === 'en' || i18n.hasResourceBundle(language, 'common')) return;
  const { default: bundles } = await LANGUAGE_CHUNKS[language]();
  for (const [ns, bundle] of Object.entries(bundles))
    i18n.addResourceBundle(language, ns, bundle, true, true);
}

/** The number of the latest language request: a later choice wins over one still loading. */
let latestChoice = 0;

/**
 * Switches the console language (its strings loaded first) and remembers the choice. False when
 * the strings could not be loaded: the language and the stored choice stay as they were.
 */
export async function changeLanguage(language: Language): Promise<boolean> {
  const choice = ++latestChoice;
  try {
    await loadLanguage(language);
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

/**
 * Starts i18n in `language` (English by default), whose strings must already be loaded: the
 * console starts through startI18n, which loads them first.
 */
export function initI18n(language: Language = 'en') {
  if (!i18n.isInitialized) {
    i18n.on('languageChanged', (lng) => {
      if (typeof document !== 'undefined') document.documentElement.lang = lng;
    });
    void i18n.use(initReactI18next).init({
      resources,
      lng: language,
      fallbackLng: 'en',
      supportedLngs: LANGUAGES.map((l) => l.code),
      ns: [
        'common',
        'auth',
        'overview',
        'sessions',
        'accounts',
        'networkElements',
        'options',
        'mail',
        'mivoice',
        'openMedia',
      ],
      defaultNS: 'common',
      interpolation: { escapeValue: false }, // React escapes text.
      initAsync: false,
      returnNull: false,
      showSupportNotice: false,
    });
  } else if (i18n.language !== language) {
    void i18n.changeLanguage(language);
  }
  return i18n;
}

/** The keys of a lazily loaded namespace (see lazyNamespace), i.e. those of `resources`' empty placeholders. */
export type LazyNamespace = 'mivoice' | 'openMedia';

/**
 * Adds the strings of a lazily loaded namespace in every console language; called when the
 * tab's chunk loads (at once if i18n is ready, else as soon as it is). Idempotent.
 */
export function addLazyNamespace(ns: LazyNamespace, bundles: Record<Language, object>): void {
  const add = () => {
    for (const { code } of LANGUAGES) i18n.addResourceBundle(code, ns, bundles[code], true, true);
  };
  if (i18n.isInitialized) add();
  else i18n.on('initialized', add);
}

export { i18n };

/** Starts i18n in the stored language, its strings loaded first (English if they cannot be). */
export async function startI18n(): Promise<void> {
  initI18n('en');
  const language = storedLanguage();
  if (language === 'en') return;
  try {
    await loadLanguage(language);
    await i18n.changeLanguage(language);
  } catch {
    // The chunk could not be loaded (e.g. a deployment replaced it): English it is.
  }
}

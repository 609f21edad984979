import {
  LANGUAGE_CODES,
  LOCALIZATION_APP_NAMES,
  LOCALIZATION_APPS,
  type LanguageCode,
  type LocalizationApp,
} from '@oig/shared';

export type LocalizationFileName =
  | { ok: true; app: LocalizationApp; lang: LanguageCode }
  /** Not `MiVoice Integration for Google|Salesforce_<code>.csv` at all. */
  | { ok: false; reason: 'pattern' }
  /** The right shape, but `code` is not a language of Appendix B. */
  | { ok: false; reason: 'language'; app: LocalizationApp; code: string };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const RULE = new RegExp(
  `^(${LOCALIZATION_APPS.map((a) => escape(LOCALIZATION_APP_NAMES[a])).join('|')})_([^_/\\\\]+)\\.csv$`,
  'i',
);
const CODES: ReadonlySet<string> = new Set(LANGUAGE_CODES);

/**
 * Reads application and language from a localization file's name, `MiVoice Integration for
 * Google_ja.csv` or `MiVoice Integration for Salesforce_pt-BR.csv` (case-insensitive).
 */
export function parseLocalizationFileName(name: string): LocalizationFileName {
  const match = RULE.exec(name.trim());
  if (!match) return { ok: false, reason: 'pattern' };
  const appName = (match[1] ?? '').toLowerCase();
  const app = LOCALIZATION_APPS.find((a) => LOCALIZATION_APP_NAMES[a].toLowerCase() === appName) ?? 'google';
  const code = (match[2] ?? '').toLowerCase();
  if (!CODES.has(code)) return { ok: false, reason: 'language', app, code: match[2] ?? '' };
  return { ok: true, app, lang: code as LanguageCode };
}

/** The file name the rule expects, e.g. `MiVoice Integration for Google_xx.csv`. */
export function expectedFileName(app: LocalizationApp, code = 'xx'): string {
  return `${LOCALIZATION_APP_NAMES[app]}_${code}.csv`;
}

import { LOCALIZATION_APP_NAMES, type LanguageCode, type LocalizationApp } from '@oig/shared';

/** GET: an application's strings in a language as CSV (messageKey,languageValue; English where not translated). */
export function getLanguageExportUrl(app: LocalizationApp, lang: LanguageCode): string {
  return `/api/v1/mivoice/localization/${app}/${encodeURIComponent(lang)}/export`;
}

/** The name the server gives that file, the one it is imported from (used if its answer names none). */
export function getLanguageExportFileName(app: LocalizationApp, lang: LanguageCode): string {
  return `${LOCALIZATION_APP_NAMES[app]}_${lang}.csv`;
}

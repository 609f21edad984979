import type { LanguageCode, LocalizationApp } from '@oig/shared';

/** GET: an application's strings in a language as CSV (messageKey,languageValue; English where not translated). */
export function getLanguageExportUrl(app: LocalizationApp, lang: LanguageCode): string {
  return `/api/v1/mivoice/localization/${app}/${encodeURIComponent(lang)}/export`;
}

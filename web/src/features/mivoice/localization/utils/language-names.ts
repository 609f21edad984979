import type { LanguageCode } from '@oig/shared';

/** BCP 47 tags whose Intl names match Appendix B ("Chinese (Simplified)", "Portuguese (Brazil)"). */
const TAGS: Partial<Record<LanguageCode, string>> = {
  'zh-cn': 'zh-Hans',
  'zh-tw': 'zh-Hant',
  'pt-pt': 'pt-PT',
  'pt-br': 'pt-BR',
};
const cache = new Map<string, Intl.DisplayNames | null>();

function displayNames(uiLanguage: string): Intl.DisplayNames | null {
  let names = cache.get(uiLanguage);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([uiLanguage], { type: 'language', languageDisplay: 'standard' });
    } catch {
      names = null;
    }
    cache.set(uiLanguage, names);
  }
  return names;
}

/**
 * A language's name in the console's language (e.g. "Japanese", "japonais" → "Japonais");
 * `fallback` when the browser has none.
 */
export function languageName(code: LanguageCode, uiLanguage: string, fallback: string): string {
  const name = displayNames(uiLanguage)?.of(TAGS[code] ?? code);
  if (!name || name.toLowerCase() === (TAGS[code] ?? code).toLowerCase()) return fallback;
  return name.charAt(0).toLocaleUpperCase(uiLanguage) + name.slice(1);
}

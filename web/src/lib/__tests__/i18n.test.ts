import { describe, expect, it, vi } from 'vitest';
import { createFormatters } from '@/lib/format';
import {
  changeLanguage,
  i18n,
  LANGUAGE_STORAGE_KEY,
  preferredLanguage,
  storedLanguage,
  type Language,
} from '@/lib/i18n';

/** A console i18n of its own (fresh modules), as a first visit has: no strings loaded yet. */
async function freshI18n() {
  vi.resetModules();
  return import('@/lib/i18n');
}

describe('i18n', () => {
  it('starts in the stored language with only its common strings and those asked for, none in English', async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    const fresh = await freshI18n();
    await fresh.startI18n(undefined, ['overview']);
    expect(fresh.currentLanguage()).toBe('fr');
    expect(fresh.i18n.t('common:cancel')).toBe('Annuler');
    expect(fresh.i18n.hasResourceBundle('fr', 'overview')).toBe(true);
    expect(fresh.i18n.hasResourceBundle('fr', 'sessions')).toBe(false);
    expect(fresh.i18n.hasResourceBundle('en', 'common')).toBe(false);
    expect(document.documentElement.lang).toBe('fr');
  });

  it('loads a page’s strings in the console language, and those in use in the next language chosen', async () => {
    const fresh = await freshI18n();
    await fresh.startI18n('en');
    await fresh.loadNamespaces(['sessions']);
    expect(fresh.i18n.t('sessions:live.count', { count: 1 })).toBe('1 session');
    expect(fresh.i18n.hasResourceBundle('fr', 'sessions')).toBe(false);

    expect(await fresh.changeLanguage('fr')).toBe(true);
    expect(fresh.i18n.t('sessions:live.count', { count: 2 })).toBe('2 sessions');
    expect(fresh.i18n.t('common:cancel')).toBe('Annuler');
    expect(fresh.i18n.hasResourceBundle('fr', 'overview')).toBe(false);
    expect(fresh.storedLanguage()).toBe('fr');
  });

  it('keeps the latest choice when an earlier language is still loading', async () => {
    const fresh = await freshI18n();
    await fresh.startI18n('en');
    const french = fresh.changeLanguage('fr'); // its strings take a moment
    expect(await fresh.changeLanguage('en')).toBe(true);
    expect(await french).toBe(true);
    expect(fresh.currentLanguage()).toBe('en');
    expect(fresh.storedLanguage()).toBe('en');
    expect(fresh.i18n.t('common:cancel')).toBe('Cancel');
  });

  it('switches language, remembers it and formats numbers and dates for it', async () => {
    await changeLanguage('fr');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('fr');
    expect(storedLanguage()).toBe('fr');
    expect(i18n.t('sessions:live.count', { count: 25_000 })).toBe('25\u202f000 sessions');
    expect(createFormatters('fr').dateTime('2025-03-04T10:00:00Z')).toMatch(/mars 2025/);
    await changeLanguage('en');
    expect(i18n.t('sessions:live.count', { count: 1 })).toBe('1 session');
    expect(i18n.t('sessions:live.count', { count: 25_000 })).toBe('25,000 sessions');
  });

  it('falls back to English for an unknown stored language', () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'xx');
    expect(storedLanguage()).toBe('en');
  });

  it('follows the browser’s languages on a first visit: the first one the console speaks, else English', () => {
    expect(preferredLanguage(['ja-JP', 'en-US'])).toBe('ja');
    expect(preferredLanguage(['xx', 'de-AT', 'fr'])).toBe('de');
    expect(preferredLanguage(['zh-HK'])).toBe('zh-tw');
    expect(preferredLanguage(['zh-Hant'])).toBe('zh-tw');
    expect(preferredLanguage(['zh'])).toBe('zh-cn');
    expect(preferredLanguage(['zh-SG'])).toBe('zh-cn');
    expect(preferredLanguage(['pt'])).toBe('pt-br');
    expect(preferredLanguage(['pt-AO'])).toBe('pt-pt');
    expect(preferredLanguage(['pt-PT'])).toBe('pt-pt');
    expect(preferredLanguage(['no'])).toBe('nb');
    expect(preferredLanguage(['nn-NO'])).toBe('nb');
    expect(preferredLanguage(['pl-PL', 'cs'])).toBe('en');
    expect(preferredLanguage(['not a tag!'])).toBe('en');
    expect(preferredLanguage([])).toBe('en');
  });

  it('takes the browser’s language when nothing was chosen, the stored choice when one was', () => {
    const languages = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['ru-RU', 'en']);
    try {
      window.localStorage.removeItem(LANGUAGE_STORAGE_KEY);
      expect(storedLanguage()).toBe('ru');
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'sv');
      expect(storedLanguage()).toBe('sv');
    } finally {
      languages.mockRestore();
    }
  });

  it('sets <html lang> to the language’s BCP 47 tag', async () => {
    expect(await changeLanguage('zh-tw')).toBe(true);
    expect(document.documentElement.lang).toBe('zh-TW');
    expect(await changeLanguage('pt-br')).toBe(true);
    expect(document.documentElement.lang).toBe('pt-BR');
    await changeLanguage('en');
    expect(document.documentElement.lang).toBe('en');
  });

  /** `key` in `language` for each count, and the plural form i18next's resources hold for it. */
  async function pluralForms(language: Language, key: string, counts: number[]) {
    expect(await changeLanguage(language)).toBe(true);
    await i18n.loadNamespaces('sessions');
    const rules = new Intl.PluralRules(language);
    return counts.map((count) => ({
      count,
      category: rules.select(count),
      text: i18n.t(`sessions:${key}` as never, { count }),
      form: i18n.getResource(language, 'sessions', `${key}_${rules.select(count)}`) as string,
    }));
  }

  it('says Russian counts in its four plural forms (1, 21 / 2, 3 / 5, 11 / 1.5)', async () => {
    const forms = await pluralForms('ru', 'live.count', [1, 21, 2, 3, 5, 11, 1.5]);
    expect(forms.map((f) => f.category)).toEqual(['one', 'one', 'few', 'few', 'many', 'many', 'other']);
    for (const f of forms)
      expect(f.text, String(f.count)).toBe(f.form.replace('{{count, number}}', f.count.toLocaleString('ru')));
    // one, few and many read differently (other, for fractions, shares few's ending: 1,5 сеанса).
    expect(new Set(forms.filter((f) => f.category !== 'other').map((f) => f.form)).size).toBe(3);
    await changeLanguage('en');
  });

  it('says Japanese counts in its one form, and French 1,000,000 in its own', async () => {
    const ja = await pluralForms('ja', 'live.count', [1, 2, 25_000]);
    expect(ja.map((f) => f.category)).toEqual(['other', 'other', 'other']);
    expect(ja[2]!.text).toBe(ja[2]!.form.replace('{{count, number}}', '25,000'));
    const fr = await pluralForms('fr', 'live.count', [1, 2, 1_000_000]);
    expect(fr.map((f) => f.category)).toEqual(['one', 'other', 'many']);
    expect(fr[2]!.text).toBe(fr[2]!.form.replace('{{count, number}}', '1\u202f000\u202f000'));
    expect(fr[2]!.text).not.toMatch(/_many|live\.count/);
    await changeLanguage('en');
  });

  it('formats numbers, dates and times in the console language (Intl)', () => {
    const at = '2025-03-04T10:05:00Z';
    expect(createFormatters('de').number(1_234_567)).toBe('1.234.567');
    expect(createFormatters('ru').number(25_000)).toBe('25\u00a0000');
    expect(createFormatters('ja').dateTime(at)).toMatch(/^2025\/03\/04 /);
    expect(createFormatters('zh-cn').dateTime(at)).toMatch(/^2025年3月4日 /);
    expect(createFormatters('ko').dateTime(at)).toMatch(/^2025\. 3\. 4\. /);
    expect(createFormatters('ru').dateTime(at)).toMatch(/^4 мар\. 2025 г\./);
    expect(createFormatters('pt-br').percent(0.25)).toBe('25%');
    expect(createFormatters('fi').percent(0.25)).toBe('25\u00a0%');
  });
});

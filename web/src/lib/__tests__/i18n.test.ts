import { describe, expect, it } from 'vitest';
import { createFormatters } from '@/lib/format';
import {
  changeLanguage,
  currentLanguage,
  i18n,
  LANGUAGE_STORAGE_KEY,
  resources,
  startI18n,
  storedLanguage,
} from '@/lib/i18n';
import frBundles from '@/lib/locales/fr';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

describe('i18n', () => {
  // The French chunk holds every bundled namespace but the lazy ones (which load with their tab).
  const bundled = (Object.keys(resources.en) as (keyof typeof resources.en)[]).filter(
    (ns) => ns !== 'mivoice' && ns !== 'openMedia',
  );
  const fr = frBundles as Record<string, Tree>;

  it('has every English string in French too, and no extra ones', () => {
    expect(Object.keys(fr).sort()).toEqual([...bundled].sort());
    for (const ns of bundled) {
      expect(keys(fr[ns]!).sort(), ns).toEqual(keys(resources.en[ns] as Tree).sort());
    }
  });

  it('keeps the interpolation placeholders of each string in the translation', () => {
    const placeholders = (s: string) =>
      (s.match(/{{\s*(\w+)/g) ?? []).map((p) => p.replace(/{{\s*/, '')).sort();
    for (const ns of bundled) {
      const en = resources.en[ns] as Tree;
      const frNs = fr[ns]!;
      for (const key of keys(en)) {
        const get = (tree: Tree) =>
          key
            .split('.')
            .reduce<string | Tree>((node, part) => (node as Tree)[part] as string | Tree, tree) as string;
        expect(placeholders(get(frNs)), `${ns}:${key}`).toEqual(placeholders(get(en)));
      }
    }
  });

  /** Forgets the French strings the test setup loaded, as a first visit has none. */
  const forgetFrench = () => {
    for (const ns of Object.keys(frBundles)) i18n.removeResourceBundle('fr', ns);
    expect(i18n.hasResourceBundle('fr', 'common')).toBe(false);
  };

  it('starts in the stored language, its chunk loaded before the first render', async () => {
    forgetFrench();
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fr');
    await startI18n();
    expect(i18n.hasResourceBundle('fr', 'common')).toBe(true);
    expect(currentLanguage()).toBe('fr');
    expect(i18n.t('common:cancel')).toBe('Annuler');
    await changeLanguage('en');
  });

  it('keeps the latest choice when an earlier language is still loading', async () => {
    forgetFrench();
    const french = changeLanguage('fr'); // its chunk takes a moment
    expect(await changeLanguage('en')).toBe(true);
    expect(await french).toBe(true);
    expect(currentLanguage()).toBe('en');
    expect(storedLanguage()).toBe('en');
    expect(i18n.t('common:cancel')).toBe('Cancel');
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
});

import { describe, expect, it } from 'vitest';
import { createFormatters } from '@/lib/format';
import { changeLanguage, i18n, LANGUAGE_STORAGE_KEY, resources, storedLanguage } from '@/lib/i18n';

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

describe('i18n', () => {
  it('has every English string in French too, and no extra ones', () => {
    for (const ns of Object.keys(resources.en) as (keyof typeof resources.en)[]) {
      expect(keys(resources.fr[ns] as Tree).sort(), ns).toEqual(keys(resources.en[ns] as Tree).sort());
    }
  });

  it('keeps the interpolation placeholders of each string in the translation', () => {
    const placeholders = (s: string) =>
      (s.match(/{{\s*(\w+)/g) ?? []).map((p) => p.replace(/{{\s*/, '')).sort();
    for (const ns of Object.keys(resources.en) as (keyof typeof resources.en)[]) {
      const en = resources.en[ns] as Tree;
      const fr = resources.fr[ns] as Tree;
      for (const key of keys(en)) {
        const get = (tree: Tree) =>
          key
            .split('.')
            .reduce<string | Tree>((node, part) => (node as Tree)[part] as string | Tree, tree) as string;
        expect(placeholders(get(fr)), `${ns}:${key}`).toEqual(placeholders(get(en)));
      }
    }
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

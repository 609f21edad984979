import { describe, expect, it, vi } from 'vitest';
import { createFormatters } from '@/lib/format';
import { changeLanguage, i18n, LANGUAGE_STORAGE_KEY, NAMESPACES, storedLanguage } from '@/lib/i18n';

type Tree = { [key: string]: string | Tree };

function entries(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`),
  );
}

const files = import.meta.glob<Tree>('@locales/*/*.json', { import: 'default', eager: true });
const byLanguage = (lng: string) =>
  new Map(
    Object.entries(files)
      .filter(([path]) => path.includes(`/${lng}/`))
      .map(([path, tree]) => [/([^/]+)\.json$/.exec(path)![1]!, tree]),
  );

/** A console i18n of its own (fresh modules), as a first visit has: no strings loaded yet. */
async function freshI18n() {
  vi.resetModules();
  return import('@/lib/i18n');
}

describe('i18n', () => {
  const en = byLanguage('en');
  const fr = byLanguage('fr');

  it('has one file per namespace in each language, every English string in French, and no extra ones', () => {
    expect(en.size).toBe(NAMESPACES.length);
    expect([...fr.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [file, tree] of en) {
      const frEntries = new Map(entries(fr.get(file)!));
      expect([...frEntries.keys()].sort(), file).toEqual(
        entries(tree)
          .map(([key]) => key)
          .sort(),
      );
      for (const [key, text] of frEntries) expect(text.trim(), `${file}:${key}`).not.toBe('');
    }
  });

  it('keeps the interpolation placeholders of each string in the translation', () => {
    const placeholders = (s: string) =>
      (s.match(/{{\s*(\w+)/g) ?? []).map((p) => p.replace(/{{\s*/, '')).sort();
    for (const [file, tree] of en) {
      const frEntries = new Map(entries(fr.get(file)!));
      for (const [key, text] of entries(tree)) {
        expect(placeholders(frEntries.get(key) ?? ''), `${file}:${key}`).toEqual(placeholders(text));
      }
    }
  });

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
});

import enMivoice from '@locales/en/mivoice.json';
import frMivoice from '@locales/fr/mivoice.json';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import '../i18n';

type Tree = { [key: string]: string | Tree };

function entries(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`),
  );
}

const placeholders = (s: string) => (s.match(/{{\s*(\w+)/g) ?? []).map((p) => p.replace(/{{\s*/, '')).sort();

// The namespace loads with the tab's chunk (not through lib/i18n's bundled resources), so the
// checks the console runs on its bundled namespaces are repeated here.
describe('mivoice strings', () => {
  it('has every English string in French, with the same placeholders, and no extra ones', () => {
    const en = new Map(entries(enMivoice));
    const fr = new Map(entries(frMivoice));
    expect([...fr.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of en) expect(placeholders(fr.get(key) ?? ''), key).toEqual(placeholders(text));
    for (const [key, text] of fr) expect(text.trim(), key).not.toBe('');
  });

  it('are registered in both languages once the tab module is loaded, and are real French', async () => {
    expect(i18n.t('mivoice:google.sync')).toBe('Sync with Google');
    expect(i18n.t('mivoice:users.emailList')).toBe('Email User List');
    expect(i18n.t('mivoice:localization.emailStrings')).toBe('Email Language Strings');
    await i18n.changeLanguage('fr');
    expect(i18n.t('mivoice:google.sync')).toBe('Synchroniser avec Google');
    expect(i18n.t('mivoice:localization.count', { count: 3 })).toBe('3 langues');
    await i18n.changeLanguage('en');
  });
});

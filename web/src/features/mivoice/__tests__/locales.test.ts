import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';

// Every namespace's files are checked against each other in lib/__tests__/i18n.test.ts; the tab's
// strings load with its route (app/router.tsx), and the test setup loads them in every language.
describe('mivoice strings', () => {
  it('are there in both languages, and are real French', async () => {
    expect(i18n.t('mivoice:google.sync')).toBe('Sync with Google');
    expect(i18n.t('mivoice:users.emailList')).toBe('Email User List');
    expect(i18n.t('mivoice:localization.emailStrings')).toBe('Email Language Strings');
    await i18n.changeLanguage('fr');
    expect(i18n.t('mivoice:google.sync')).toBe('Synchroniser avec Google');
    expect(i18n.t('mivoice:localization.count', { count: 3 })).toBe('3 langues');
    await i18n.changeLanguage('en');
  });
});

import { describe, expect, it } from 'vitest';
import { comparePlaceholders, placeholdersOf } from './placeholders';

describe('placeholder rule', () => {
  it('reads MiVoice placeholders as a sorted multiset', () => {
    expect(placeholdersOf('{1} and {0} and {0}', 'mivoice')).toEqual(['{0}', '{0}', '{1}']);
    expect(placeholdersOf('no {x} here, nor {{y}}', 'mivoice')).toEqual([]);
  });

  it('reads i18next placeholders with their format, blanks removed', () => {
    expect(placeholdersOf('{{ count, number }} of {{max}}', 'i18next')).toEqual([
      '{{count,number}}',
      '{{max}}',
    ]);
    expect(placeholdersOf('{0} is not one', 'i18next')).toEqual([]);
  });

  it('accepts a translation with the same placeholders in another order', () => {
    expect(comparePlaceholders('{0} of {1}', '{1} の {0}', 'mivoice').ok).toBe(true);
    expect(comparePlaceholders('{{a}} then {{b}}', '{{b}} puis {{a}}', 'i18next').ok).toBe(true);
  });

  it('refuses a missing, an extra, a renamed or a reformatted placeholder', () => {
    expect(comparePlaceholders('{0} of {1}', '{0}', 'mivoice')).toEqual({
      ok: false,
      expected: ['{0}', '{1}'],
      found: ['{0}'],
    });
    expect(comparePlaceholders('{0}', '{0} {0}', 'mivoice').ok).toBe(false);
    expect(comparePlaceholders('{{name}}', '{{nom}}', 'i18next').ok).toBe(false);
    expect(comparePlaceholders('{{count, number}} x', '{{count}} x', 'i18next').ok).toBe(false);
  });

  it('lets an optional placeholder be left out, never added or changed', () => {
    const opt = { optional: ['count'] };
    expect(comparePlaceholders('{{count, number}} sessions', 'одна сессия', 'i18next', opt).ok).toBe(true);
    expect(
      comparePlaceholders('{{count, number}} sessions', '{{count, number}} сессия', 'i18next', opt).ok,
    ).toBe(true);
    expect(comparePlaceholders('{{count, number}} of {{max}}', 'одна', 'i18next', opt).ok).toBe(false);
    expect(comparePlaceholders('sessions', '{{count}} сессий', 'i18next', opt).ok).toBe(false);
    expect(comparePlaceholders('{{count, number}} x', '{{count}} x', 'i18next', opt).ok).toBe(false);
  });
});

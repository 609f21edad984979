import { describe, expect, it } from 'vitest';
import { accountId, accountPath } from '../utils/account-path';
import { changeLanguage } from '@/lib/i18n';
import { validationMessages } from '@/lib/form/zod-messages';
import { createAccountFormSchema, localPasswordFormSchema, PASSWORD_MESSAGES } from '../utils/password-form';

const check = (localPassword: string, confirm: string) =>
  validationMessages(localPasswordFormSchema, { localPassword, confirm }, { messages: PASSWORD_MESSAGES });

describe('localPasswordFormSchema', () => {
  it('applies the local password rule (8–128 characters, no leading or trailing blank) and equality', () => {
    expect(check('abcdefgh', 'abcdefgh')).toEqual({});
    expect(check('a b c d e', 'a b c d e')).toEqual({});
    expect(check('', '')).toEqual({ localPassword: 'Enter a local password.' });
    expect(check('abcdefg', 'abcdefg').localPassword).toBe(
      'The local password must be at least 8 characters.',
    );
    expect(check('x'.repeat(129), 'x'.repeat(129)).localPassword).toBe(
      'The local password must be at most 128 characters.',
    );
    expect(check('trailing ', 'trailing ').localPassword).toBe(
      'The local password must not start or end with a blank.',
    );
    expect(check('abcdefgh', 'abcdefgH')).toEqual({ confirm: 'The two passwords do not match.' });
  });

  it('speaks French too', async () => {
    await changeLanguage('fr');
    try {
      expect(check('court', 'autre')).toEqual({
        localPassword: 'Le mot de passe local doit comporter au moins 8 caractères.',
        confirm: 'Les deux mots de passe ne correspondent pas.',
      });
    } finally {
      await changeLanguage('en');
    }
  });

  it('asks for an application of the list when creating', () => {
    const schema = createAccountFormSchema(new Set(['a']));
    const values = { application: '', localPassword: 'abcdefgh', confirm: 'abcdefgh' };
    const messages = (application: string) =>
      validationMessages(schema, { ...values, application }, { messages: PASSWORD_MESSAGES });
    expect(messages('')).toEqual({ application: 'Select an application.' });
    // Chosen, but it has left the list meanwhile.
    expect(messages('b')).toEqual({ application: 'Select an application.' });
    expect(messages('a')).toEqual({});
  });
});

describe('accountPath', () => {
  it('URL-encodes both names', () => {
    expect(accountPath({ companyName: 'Acme / Labs', applicationName: 'Call Recorder' })).toBe(
      '/api/v1/accounts/Acme%20%2F%20Labs/Call%20Recorder',
    );
    expect(accountPath({ companyName: 'a?b#c', applicationName: '50% off' })).toBe(
      '/api/v1/accounts/a%3Fb%23c/50%25%20off',
    );
    expect(accountId({ companyName: 'a', applicationName: 'b' })).not.toBe(
      accountId({ companyName: 'a b', applicationName: '' }),
    );
  });
});

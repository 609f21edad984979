import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { accountId, accountPath } from '../utils/account-path';
import { hasErrors, validatePasswords } from '../utils/validate-password';

const t = i18n.getFixedT('en', 'accounts');

describe('validatePasswords', () => {
  it('applies the local password rule (8–128 characters, no leading or trailing blank) and equality', () => {
    expect(validatePasswords({ localPassword: 'abcdefgh', confirm: 'abcdefgh' }, t)).toEqual({});
    expect(validatePasswords({ localPassword: 'a b c d e', confirm: 'a b c d e' }, t)).toEqual({});
    expect(validatePasswords({ localPassword: '', confirm: '' }, t)).toEqual({
      localPassword: 'Enter a local password.',
    });
    expect(validatePasswords({ localPassword: 'abcdefg', confirm: 'abcdefg' }, t).localPassword).toBe(
      'The local password must be at least 8 characters.',
    );
    expect(
      validatePasswords({ localPassword: 'x'.repeat(129), confirm: 'x'.repeat(129) }, t).localPassword,
    ).toBe('The local password must be at most 128 characters.');
    expect(validatePasswords({ localPassword: 'trailing ', confirm: 'trailing ' }, t).localPassword).toBe(
      'The local password must not start or end with a blank.',
    );
    const mismatch = validatePasswords({ localPassword: 'abcdefgh', confirm: 'abcdefgH' }, t);
    expect(mismatch).toEqual({ confirm: 'The two passwords do not match.' });
    expect(hasErrors(mismatch)).toBe(true);
    expect(hasErrors({ localPassword: undefined })).toBe(false);
  });

  it('speaks French too', () => {
    const fr = i18n.getFixedT('fr', 'accounts');
    expect(validatePasswords({ localPassword: 'court', confirm: 'autre' }, fr)).toEqual({
      localPassword: 'Le mot de passe local doit comporter au moins 8 caractères.',
      confirm: 'Les deux mots de passe ne correspondent pas.',
    });
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

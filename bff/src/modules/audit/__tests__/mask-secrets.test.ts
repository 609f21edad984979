import { AUDIT_MASK } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { isSecretKey, maskSecrets } from '../audit.service.js';

describe('maskSecrets', () => {
  it('masks every key that names a secret, in any case or spelling style', () => {
    const secret = [
      'password',
      'Password',
      'localPassword',
      'currentPassword',
      'newPassword',
      'applicationPassword',
      'smtpPassword',
      'SMTP_PASSWORD',
      'local_password_hash',
      'password2',
      'passwd',
      'passphrase',
      'serviceAccountKey',
      'privateKey',
      'apiKey',
      'clientSecret',
      'secret',
      'accessToken',
      'csrfToken',
      'credentials',
      'authorization',
      'cookie',
      'voicemailPin',
    ];
    for (const key of secret) {
      expect(isSecretKey(key), key).toBe(true);
      expect(maskSecrets({ [key]: 'clear-text-1' }), key).toEqual({ [key]: AUDIT_MASK });
    }
  });

  it('keeps keys that only describe a secret, and ordinary keys, readable', () => {
    const harmless = {
      passwordChangedAt: '2026-01-01T00:00:00Z',
      passwordSet: true,
      tokenLast4: '1234',
      keyId: 'k1',
      keepAlive: 600,
      username: 'bob',
      role: 'support',
      ipAddress: '192.0.2.1',
      usageReportEmail: 'a@b.com',
    };
    expect(maskSecrets(harmless)).toEqual(harmless);
  });

  it('masks inside nested objects and arrays, masks a whole secret object, and keeps null', () => {
    const input = {
      account: {
        companyName: 'Acme',
        localPassword: 'p1',
        nested: [{ applicationPassword: 'p2', name: 'x' }],
      },
      credentials: { user: 'u', pass: 'p3' },
      list: ['a', { newPassword: 'p4' }],
      password: null,
      smtpPassword: undefined,
    };
    expect(maskSecrets(input)).toEqual({
      account: {
        companyName: 'Acme',
        localPassword: AUDIT_MASK,
        nested: [{ applicationPassword: AUDIT_MASK, name: 'x' }],
      },
      credentials: AUDIT_MASK,
      list: ['a', { newPassword: AUDIT_MASK }],
      password: null,
      smtpPassword: undefined,
    });
    // The input is not changed.
    expect(input.account.localPassword).toBe('p1');
  });

  it('masks secrets inside values: PEM private keys and URL passwords, whatever the key', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n';
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(maskSecrets({ keyPem: pem, certificatePem: cert })).toEqual({
      keyPem: AUDIT_MASK,
      certificatePem: cert,
    });
    expect(maskSecrets({ smtpUrl: 'smtp://mailer:s3cr3t@mail.example.com:2525' })).toEqual({
      smtpUrl: `smtp://mailer:${AUDIT_MASK}@mail.example.com:2525`,
    });
    expect(maskSecrets({ mcsUrl: 'https://mcs.example.com:8443/acl' })).toEqual({
      mcsUrl: 'https://mcs.example.com:8443/acl',
    });
    expect(maskSecrets({ note: 'see https://a:b@h/x and smtp://c:d@e' })).toEqual({
      note: `see https://a:${AUDIT_MASK}@h/x and smtp://c:${AUDIT_MASK}@e`,
    });
  });
});

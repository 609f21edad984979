import { describe, expect, it } from 'vitest';
import {
  aclFileSchema,
  createAccountRequestSchema,
  licenseFileSchema,
  localPasswordSchema,
  sessionHistoryQuerySchema,
  createUserRequestSchema,
  canonicalIp,
  isIpAddress,
  importReportFileName,
} from './index.js';

describe('local password rule (8–128, no leading or trailing blanks)', () => {
  it('accepts the edges', () => {
    expect(localPasswordSchema.safeParse('12345678').success).toBe(true);
    expect(localPasswordSchema.safeParse('x'.repeat(128)).success).toBe(true);
    expect(localPasswordSchema.safeParse('in ner').success).toBe(false); // 6 chars
    expect(localPasswordSchema.safeParse('with inner blank').success).toBe(true);
  });
  it('refuses with a message naming the rule', () => {
    const msg = (v: unknown) => localPasswordSchema.safeParse(v).error?.issues[0]?.message;
    expect(msg('1234567')).toMatch(/at least 8/);
    expect(msg('x'.repeat(129))).toMatch(/at most 128/);
    expect(msg(' leading-blank')).toMatch(/blank/);
    expect(msg('trailing-blank ')).toMatch(/blank/);
    expect(msg(12345678)).toBeDefined();
  });
});

describe('account request', () => {
  it('refuses unknown fields and control characters in names', () => {
    expect(
      createAccountRequestSchema.safeParse({
        companyName: 'A',
        applicationName: 'B',
        localPassword: '12345678',
        extra: 1,
      }).success,
    ).toBe(false);
    expect(
      createAccountRequestSchema.safeParse({
        companyName: 'A\u0000',
        applicationName: 'B',
        localPassword: '12345678',
      }).success,
    ).toBe(false);
    expect(
      createAccountRequestSchema.safeParse({
        companyName: 'A',
        applicationName: '<b>x</b>',
        localPassword: '12345678',
      }).success,
    ).toBe(true);
  });
});

describe('ACL and license files (SPEC §10 formats)', () => {
  it('parses the documented ACL shape and refuses bad enums', () => {
    const ok = {
      applications: [
        {
          companyName: 'Acme',
          applicationName: 'Recorder',
          applicationPassword: 'p',
          serviceType: 'standard',
          licenseProfile: 'third-party',
        },
      ],
    };
    expect(aclFileSchema.safeParse(ok).success).toBe(true);
    expect(
      aclFileSchema.safeParse({ applications: [{ ...ok.applications[0], serviceType: 'gold' }] }).success,
    ).toBe(false);
  });
  it('caps MiVoice licenses at 1,500 and call control at the 25,000-user server license', () => {
    const base = {
      standardCallControl: 50,
      advancedCallControl: 0,
      google: 50,
      salesforce: 50,
      dataAccess: 50,
      virtualEnablement: false,
      miVoiceIntegration: true,
      trustedMode: false,
    };
    expect(licenseFileSchema.safeParse(base).success).toBe(true);
    expect(licenseFileSchema.safeParse({ ...base, google: 1_501 }).success).toBe(false);
    expect(licenseFileSchema.safeParse({ ...base, standardCallControl: 25_001 }).success).toBe(false);
    expect(licenseFileSchema.safeParse({ ...base, dataAccess: -1 }).success).toBe(false);
    expect(licenseFileSchema.safeParse({ ...base, unknown: 1 }).success).toBe(false);
  });
});

describe('history query and console users', () => {
  it('needs ISO dates with an offset, from not after to', () => {
    expect(
      sessionHistoryQuerySchema.safeParse({ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00+01:00' })
        .success,
    ).toBe(true);
    expect(sessionHistoryQuerySchema.safeParse({ from: '2026-11-01' }).success).toBe(false);
    expect(
      sessionHistoryQuerySchema.safeParse({ from: '2026-11-03T00:00:00Z', to: '2026-11-02T00:00:00Z' })
        .success,
    ).toBe(false);
  });
  it('validates user names and roles', () => {
    expect(
      createUserRequestSchema.safeParse({
        username: 'ops.support',
        password: 'long-enough-1',
        role: 'support',
      }).success,
    ).toBe(true);
    expect(
      createUserRequestSchema.safeParse({ username: 'a b', password: 'long-enough-1', role: 'support' })
        .success,
    ).toBe(false);
    expect(
      createUserRequestSchema.safeParse({ username: 'ops', password: 'long-enough-1', role: 'root' }).success,
    ).toBe(false);
  });
});

describe('IP addresses of network elements', () => {
  it.each([
    ['192.0.2.10', '192.0.2.10'],
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:db8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['::1', '::1'],
    ['::', '::'],
    ['::ffff:192.0.2.10', '192.0.2.10'],
    ['::FFFF:c000:20a', '192.0.2.10'],
    ['fe80::1:2', 'fe80::1:2'],
  ])('%s is stored as %s', (given, canonical) => {
    expect(isIpAddress(given)).toBe(true);
    expect(canonicalIp(given)).toBe(canonical);
  });

  it.each([
    '999.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    'fe80::1%eth0',
    'localhost',
    '2001:db8::1::2',
    '01.2.3.4',
    '::ffff:999.0.0.1',
    '',
  ])('refuses %s', (v) => {
    expect(isIpAddress(v)).toBe(false);
  });
});

describe('import report file name (server and console alike)', () => {
  it.each([
    ['users.csv', 'users-report.csv'],
    ['Users.CSV', 'Users-report.csv'],
    ['équipe 2026.csv', 'équipe 2026-report.csv'],
    ['My users (v2).csv', 'My users _v2_-report.csv'],
    ['a"b\r\nc.csv', 'a_b_c-report.csv'],
    ['.csv', 'import-report.csv'],
    ['', 'import-report.csv'],
  ])('%j → %j', (name, expected) => {
    expect(importReportFileName(name)).toBe(expected);
  });
});

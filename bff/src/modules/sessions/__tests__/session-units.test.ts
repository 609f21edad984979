import { describe, expect, it } from 'vitest';
import { capacityOf, countersFor } from '../../licensing/index.js';
import { formatSignedBytes, parseSignedBytes } from '../advanced-auth.js';
import { canonicalSessionId, newSessionId } from '../session-ids.js';
import { isSupportedVersion } from '../session-manager.js';

describe('session ids', () => {
  it('are positive xs:long values from the CSPRNG, never repeating in a large sample', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = newSessionId();
      expect(id).toMatch(/^[1-9]\d{15,18}$/);
      expect(BigInt(id) <= 2n ** 63n - 1n).toBe(true);
      ids.add(id);
    }
    expect(ids.size).toBe(20_000);
    // Spread over the whole range: the leading digit varies (not a counter).
    expect(new Set([...ids].map((i) => i.length)).size).toBeGreaterThan(1);
  });

  it('canonicalises presented ids and refuses what is not a positive xs:long', () => {
    expect(canonicalSessionId(' 0012345678901234567 ')).toBe('12345678901234567');
    expect(canonicalSessionId('9223372036854775807')).toBe('9223372036854775807');
    for (const bad of [
      undefined,
      null,
      '',
      '0',
      '-1',
      '1e5',
      '0x10',
      '9223372036854775808',
      '12345678901234567890',
      'abc',
      '1.5',
    ]) {
      expect(canonicalSessionId(bad)).toBeUndefined();
    }
  });
});

describe('signed bytes text form', () => {
  it('round-trips bytes through Java signed-byte notation', () => {
    const bytes = Buffer.from([0, 1, 127, 128, 200, 255]);
    expect(formatSignedBytes(bytes)).toBe('[0,1,127,-128,-56,-1]');
    expect(parseSignedBytes('[0, 1,127,-128, -56,-1]')).toEqual(bytes);
    expect(parseSignedBytes(' [13,-24,6,120] ')).toEqual(Buffer.from([13, 232, 6, 120]));
  });
  it('refuses malformed text', () => {
    for (const bad of [
      '',
      '[]',
      '13,-24',
      '[128]',
      '[-129]',
      '[1,,2]',
      '[a]',
      '[1.5]',
      `[${'1,'.repeat(5000)}1]`,
    ])
      expect(parseSignedBytes(bad)).toBeUndefined();
  });
});

describe('WSDL versions', () => {
  it('accepts every version up to 4.0, and missing or empty as the latest', () => {
    for (const v of [undefined, '', '1.0', '1.2', '2.0', '2.1', '3.0', '4.0', '4', '3.1.2'])
      expect(isSupportedVersion(v)).toBe(true);
  });
  it('refuses higher and malformed versions', () => {
    for (const v of ['4.1', '5.0', '10', 'latest', '2.x', '0.9', '-1'])
      expect(isSupportedVersion(v)).toBe(false);
  });
});

describe('license consumption rules', () => {
  const inv = {
    standardCallControl: 10,
    advancedCallControl: 2,
    google: 3,
    salesforce: 4,
    dataAccess: 5,
    virtualEnablement: false,
    miVoiceIntegration: true,
    trustedMode: false,
  };
  it('follows SPEC §5 per application profile and protocol', () => {
    expect(countersFor('google', 'soap')).toEqual(['google', 'miVoiceIntegration', 'standardCallControl']);
    expect(countersFor('salesforce', 'soap')).toEqual([
      'miVoiceIntegration',
      'salesforce',
      'standardCallControl',
    ]);
    expect(countersFor('salesforce-advanced', 'soap', true)).toEqual([
      'advancedCallControl',
      'miVoiceIntegration',
      'salesforce',
    ]);
    // Without a certificate the session is standard, and so is its call-control license.
    expect(countersFor('salesforce-advanced', 'soap', false)).toEqual([
      'miVoiceIntegration',
      'salesforce',
      'standardCallControl',
    ]);
    expect(countersFor('third-party', 'soap')).toEqual([]);
    for (const p of ['google', 'salesforce', 'salesforce-advanced', 'third-party'] as const)
      expect(countersFor(p, 'rest')).toEqual(['dataAccess']);
  });
  it('caps MiVoice Integration sessions at 1,500, or 0 when the flag is off', () => {
    expect(capacityOf(inv, 'miVoiceIntegration')).toBe(1_500);
    expect(capacityOf({ ...inv, miVoiceIntegration: false }, 'miVoiceIntegration')).toBe(0);
    expect(capacityOf(inv, 'google')).toBe(3);
  });
});

import {
  GOOGLE_SYNC_FAILURES,
  MAIL_DELIVERY_ERRORS,
  MAIL_KINDS,
  MCS_FETCH_FAILURES,
  PROBE_REASONS,
} from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { PROBE_REASON_KEYS } from '@/features/network-elements/utils/element-text';
import { i18n } from '@/lib/i18n';

/** The string stored for a key in one language (no fallback to another language). */
const stored = (language: string, ns: string, key: string): unknown => i18n.getResource(language, ns, key);

/** Every code of each shared list and the console key that says it. */
const KEYS: Array<[string, string, string]> = [
  ...MCS_FETCH_FAILURES.map((c): [string, string, string] => [c, 'accounts', `acl.failures.${c}`]),
  ...PROBE_REASONS.map((c): [string, string, string] => [c, 'networkElements', PROBE_REASON_KEYS[c]]),
  ...GOOGLE_SYNC_FAILURES.map((c): [string, string, string] => [c, 'mivoice', `google.syncErrors.${c}`]),
  ['not_stored (busy)', 'mivoice', 'google.syncErrors.not_stored_busy'],
  ...MAIL_DELIVERY_ERRORS.map((c): [string, string, string] => [c, 'mail', `outbox.errors.${c}`]),
  ...MAIL_KINDS.map((c): [string, string, string] => [c, 'mail', `outbox.kinds.${c}`]),
  ...MAIL_KINDS.filter((c) => c !== 'mivoice-user-list').map((c): [string, string, string] => [
    c,
    'mail',
    `outbox.subjects.${c}`,
  ]),
  ['mivoice-user-list (one)', 'mail', 'outbox.subjects.mivoice-user-list_one'],
  ['mivoice-user-list (other)', 'mail', 'outbox.subjects.mivoice-user-list_other'],
];

describe('stored status texts: every code has the console words', () => {
  it.each(['en', 'fr'])('in %s', (language) => {
    const missing = KEYS.filter(([, ns, key]) => typeof stored(language, ns, key) !== 'string').map(
      ([code, ns, key]) => `${code} → ${ns}:${key}`,
    );
    expect(missing).toEqual([]);
    expect(KEYS.length).toBeGreaterThan(50);
    // The lookup sees a missing key as missing (no fallback to another language or the key itself).
    expect(stored(language, 'accounts', 'acl.failures.no_such_code')).toBeUndefined();
  });
});

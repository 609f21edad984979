/** Largest key text the server accepts (characters). */
export const SERVICE_ACCOUNT_KEY_MAX = 20_000;

export type ServiceAccountKeyCheck =
  | { ok: true; clientEmail: string }
  | { ok: false; reason: 'empty' | 'tooLong' | 'json' | 'notServiceAccount' };

/**
 * Checks a Google service-account key file's text before it is sent: JSON, an object with
 * string `client_email` and `private_key`, and `type` "service_account" when present. The key
 * itself is never shown; only its client e-mail is.
 */
export function checkServiceAccountKey(text: string): ServiceAccountKeyCheck {
  if (text.trim() === '') return { ok: false, reason: 'empty' };
  if (text.length > SERVICE_ACCOUNT_KEY_MAX) return { ok: false, reason: 'tooLong' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, reason: 'notServiceAccount' };
  const key = value as Record<string, unknown>;
  if (key.type !== undefined && key.type !== 'service_account')
    return { ok: false, reason: 'notServiceAccount' };
  if (
    typeof key.client_email !== 'string' ||
    key.client_email === '' ||
    typeof key.private_key !== 'string' ||
    key.private_key === ''
  ) {
    return { ok: false, reason: 'notServiceAccount' };
  }
  return { ok: true, clientEmail: key.client_email };
}

/** Data of the heavy-work harness at its largest sizes: seeded rows and generated upload files. */
import { emailKeyOf, phoneKeyOf, USER_LIST_COLUMNS } from '@oig/shared';
import type { MivoiceUsersTable, SessionHistoryTable } from '../../db/schema.js';

/** The i-th seeded user-list row: user i's work phone (userListRow in driver.ts writes the same). */
export function seededUser(i: number, now: number): MivoiceUsersTable {
  const phone = seededPhone(i);
  const email = `user${i}@example.com`;
  return {
    phone_key: phoneKeyOf(phone),
    phone_number: phone,
    primary_email: email,
    email_key: emailKeyOf(email),
    full_name: `User ${i}`,
    given_name: 'User',
    family_name: String(i),
    phone_type: 'work',
    record_source: 'csv',
    updated_at: now,
  };
}
export const seededPhone = (i: number) => `+1 555 ${String(i).padStart(7, '0')}`;

/** The i-th of `n` ended sessions spread evenly over [start, start + spanMs). */
export function historyRow(i: number, n: number, start: number, spanMs: number): SessionHistoryTable {
  const created = start + Math.floor((i / n) * spanMs);
  return {
    handle: `h${i}`,
    token_last4: String(i % 10_000).padStart(4, '0'),
    company_name: i % 2 ? 'Acme' : 'Mitel',
    application_name: i % 2 ? 'Call Recorder' : 'MiVoice Integration for Google',
    service_type: 'standard',
    protocol: i % 3 ? 'rest' : 'soap',
    client_address: `10.0.${(i >> 8) & 255}.${i & 255}`,
    created_at: created,
    last_activity_at: created + 60_000,
    licenses: i % 2 ? '["dataAccess"]' : '["google","standardCallControl"]',
    ended_at: created + 120_000,
    end_reason: i % 5 ? 'logout' : 'keepalive-timeout',
  };
}

/**
 * A user-list file of `rows` rows for the seeded users 0…rows−1: every full name changed, so an import
 * updates each stored row; names padded so the file comes near `targetBytes`. With `shift` > 0, row i
 * gives user i's phone number to user i + shift — every row a problem (a number owned by another e-mail).
 */
export function userListFile(rows: number, targetBytes: number, shift = 0): Buffer {
  const header = USER_LIST_COLUMNS.join(',');
  const line = (i: number, filler: string) =>
    `user${i + shift}@example.com,"User ${i} renamed ${filler}",User,${i},${seededPhone(i)},work,,csv`;
  const pad = Math.max(0, Math.floor((targetBytes - header.length) / rows) - line(rows - 1, '').length - 2);
  const filler = 'x'.repeat(pad);
  const lines = [header];
  for (let i = 0; i < rows; i++) lines.push(line(i, filler));
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

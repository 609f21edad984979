/** Session history rows of the heavy-work harness (the user list's are in ../user-list-data.ts). */
import type { SessionHistoryTable } from '../../db/schema.js';

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

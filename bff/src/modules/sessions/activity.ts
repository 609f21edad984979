/**
 * How stale a session's last-activity time may be in the database. A keep-alive is written
 * only when the stored time is older than this, so 25,000 sessions do not mean 25,000 writes a
 * round; expiry allows the same amount on top of the window, so no session is ever ended for
 * it. One twentieth of the window (30 s at most): 0.5 s for SOAP's 10 s, 30 s for REST's 10 min.
 */
export const ACTIVITY_WRITE_DIVISOR = 20;
export const ACTIVITY_WRITE_CAP_MS = 30_000;

/**
 * When a stored session expires at the latest: last activity + window + write allowance, as
 * SQL. The expiry index is built on exactly this expression, so the sweep reads only the
 * sessions that are due instead of scanning them all.
 */
// Changing the formula needs a migration that rebuilds app_sessions_expiry_idx.
const ALLOWANCE_SQL = `keepalive_ms / ${ACTIVITY_WRITE_DIVISOR}`;
export const EXPIRES_AT_SQL =
  'last_activity_at + keepalive_ms + ' +
  `(case when ${ALLOWANCE_SQL} < ${ACTIVITY_WRITE_CAP_MS} then ${ALLOWANCE_SQL} else ${ACTIVITY_WRITE_CAP_MS} end)`;

export function activityWriteEveryMs(keepAliveMs: number): number {
  return Math.min(Math.floor(keepAliveMs / ACTIVITY_WRITE_DIVISOR), ACTIVITY_WRITE_CAP_MS);
}

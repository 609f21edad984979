import type { Logger } from 'pino';
import type { EndReason } from '@oig/shared';
import { parseSignedBytes, verifyChallengeSignature } from './advanced-auth.js';
import type { CachedSession } from './session-cache.js';
import { fail, type Outcome } from './session-outcome.js';
import type { Refusal } from './refused-logins.js';
import type { AppSessionRow, SessionsRepo } from './sessions.repo.js';

export interface AdvancedAuthenticateDeps {
  sessions: Pick<SessionsRepo, 'takeChallenge' | 'findByHandle' | 'markAdvanced'>;
  /** Told of each failed authentication (recorded as a refused login, advanced_login_failed). */
  refused: (r: Refusal) => void;
  /** Ends the session (and drops it from the cache). */
  end: (handle: string, reason: EndReason) => Promise<boolean>;
  now: () => number;
  logger: Logger;
}

/**
 * Advanced login, step two, on a live session: the signature of the challenge must verify with
 * the key of the certificate given at loginEx. The challenge is single-use (taken in the database,
 * so across processes); a failed attempt ends the session. The certificate checks and the
 * signature itself are in `advanced-auth.ts`.
 */
export async function authenticateAdvanced(
  d: AdvancedAuthenticateDeps,
  s: CachedSession,
  signed: string | undefined,
  clientAddress?: string,
): Promise<Outcome> {
  /** Records the failure against the session's application (its row read now, unless known). */
  const refuse = async (known?: AppSessionRow) => {
    const row = known ?? (await d.sessions.findByHandle(s.handle));
    if (!row) return;
    d.refused({
      protocol: row.protocol,
      companyName: row.company_name,
      applicationName: row.application_name,
      clientAddress: clientAddress ?? row.client_address,
      reason: 'advanced_login_failed',
    });
  };
  const challenge = s.challenge;
  const certificatePem = s.certificatePem;
  if (!challenge || !certificatePem) {
    // No pending challenge: a replay, or a standard session. The live session is left alone.
    d.logger.warn({ session: s.handle }, 'authenticate without a pending challenge');
    await refuse();
    return fail('authenticationFailed');
  }
  s.challenge = null;
  if (!(await d.sessions.takeChallenge(s.handle, challenge, d.now()))) {
    // Taken already (by another process, perhaps successfully) or expired: only a session
    // still waiting on an expired challenge is ended; an authenticated one carries on.
    const row = await d.sessions.findByHandle(s.handle);
    if (row) await refuse(row);
    if (row && row.challenge === null) {
      s.serviceType = row.service_type;
      s.certificatePem = null;
    } else if (row) {
      await d.end(s.handle, 'authentication-failed');
    }
    d.logger.warn({ session: s.handle }, 'advanced authentication failed: challenge expired or already used');
    return fail('authenticationFailed');
  }
  const signature = signed === undefined ? undefined : parseSignedBytes(signed);
  if (!signature || !verifyChallengeSignature(challenge, signature, certificatePem)) {
    await refuse();
    await d.end(s.handle, 'authentication-failed');
    d.logger.warn(
      { session: s.handle, reason: signature ? 'bad signature' : 'malformed signed bytes' },
      'advanced authentication failed',
    );
    return fail('authenticationFailed');
  }
  await d.sessions.markAdvanced(s.handle);
  s.serviceType = 'advanced';
  s.certificatePem = null;
  d.logger.info({ session: s.handle }, 'advanced authentication succeeded');
  return { ok: true };
}

import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Logger } from 'pino';
import {
  AUDIT_MASK,
  type AuditAction,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
  type Role,
} from '@oig/shared';
import type { AuditRepo } from './audit.repo.js';

/**
 * Who does something: the signed-in console user and where the request came from. A failed
 * sign-in names the user name tried, with no role ('') when no such user exists.
 */
export interface Actor {
  username: string;
  role: Role | '';
  address: string | null;
}

type Snapshot = Record<string, unknown> | null | undefined;

/**
 * Which values are secrets (never written to the audit log, whatever their shape):
 * - a key whose name ENDS with a secret word, in any case and spelling style, optionally
 *   followed by digits: password, passwd, passphrase, pwd, pass, pin, secret, token, key,
 *   hash, credential(s), authorization, cookie. So password, localPassword, currentPassword,
 *   newPassword, applicationPassword, smtpPassword, SMTP_PASSWORD, password2, serviceAccountKey,
 *   privateKey, apiKey, clientSecret, accessToken, local_password_hash are masked;
 * - keys that merely START with such a word describe a secret without holding it and stay
 *   readable: passwordChangedAt, passwordSet, tokenLast4, keyId. Harmless false positives
 *   (sortKey, bypass) are masked, which only costs readability;
 * - whatever the key, a string holding a PEM private key is masked, and the password of a URL
 *   with credentials (smtp://user:secret@host) is masked in place.
 * null/undefined stay as they are: "no password" is not a secret.
 */
const SECRET_KEY =
  /(password|passwd|passphrase|pwd|pass|pin|secret|token|key|hash|credentials?|authorization|cookie)[0-9]*$/i;
const PRIVATE_KEY_PEM = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s/@]*@/gi;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A copy of a snapshot with every secret replaced by the mask (nested objects and arrays too). */
export function maskSecrets<T>(value: T): T {
  if (typeof value === 'string') {
    if (PRIVATE_KEY_PEM.test(value)) return AUDIT_MASK as T;
    return value.replace(URL_PASSWORD, (_m, head: string) => `${head}:${AUDIT_MASK}@`) as T;
  }
  if (Array.isArray(value)) return (value as unknown[]).map((v) => maskSecrets(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        isSecretKey(k) && v !== null && v !== undefined ? AUDIT_MASK : maskSecrets(v),
      ]),
    ) as T;
  }
  return value;
}

/**
 * Whether two snapshots say the same, as they would be stored (JSON: keys in any order, undefined
 * dropped), compared before secrets are masked (a new password is a change).
 */
export function sameSnapshot(before: Snapshot, after: Snapshot): boolean {
  const stored = (v: Snapshot) => (v ? (JSON.parse(JSON.stringify(v)) as unknown) : null);
  return isDeepStrictEqual(stored(before), stored(after));
}

export function createAuditService(repo: AuditRepo, logger: Logger, now: () => number = Date.now) {
  const service = {
    /**
     * Records one change: who, what, on which target, before → after (secrets masked). A failure
     * to write the audit entry is logged and does not undo the change that already happened.
     */
    async record(
      actor: Actor,
      action: AuditAction,
      target: string,
      before?: Snapshot,
      after?: Snapshot,
    ): Promise<void> {
      const row = {
        id: randomUUID(),
        at: now(),
        actor: actor.username,
        actor_role: actor.role,
        address: actor.address,
        action,
        target,
        before: before ? JSON.stringify(maskSecrets(before)) : null,
        after: after ? JSON.stringify(maskSecrets(after)) : null,
      };
      try {
        await repo.insert(row);
        logger.trace({ action, target, actor: actor.username }, 'audit entry written');
      } catch (err) {
        logger.error({ err, action, target, actor: actor.username }, 'audit entry could not be written');
      }
    },

    /**
     * Records a save only if it changed something: a save of what is already there (before equal
     * to after) leaves no entry. Returns whether an entry was written.
     */
    async recordChange(
      actor: Actor,
      action: AuditAction,
      target: string,
      before: Snapshot,
      after: Snapshot,
    ): Promise<boolean> {
      if (sameSnapshot(before, after)) return false;
      await service.record(actor, action, target, before, after);
      return true;
    },

    async list(q: AuditQuery): Promise<AuditPage> {
      const { rows, total } = await repo.list({
        limit: q.limit,
        offset: q.offset,
        ...(q.actor ? { actor: q.actor } : {}),
        ...(q.action ? { action: q.action } : {}),
        ...(q.q ? { q: q.q } : {}),
        ...(q.from ? { from: Date.parse(q.from) } : {}),
        ...(q.to ? { to: Date.parse(q.to) } : {}),
      });
      const entries: AuditEntry[] = rows.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        actor: r.actor,
        actorRole: r.actor_role,
        address: r.address,
        action: r.action as AuditAction,
        target: r.target,
        before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null,
        after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null,
      }));
      return { entries, total };
    },
  };
  return service;
}
export type AuditService = ReturnType<typeof createAuditService>;

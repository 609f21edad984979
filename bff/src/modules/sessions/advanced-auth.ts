import { randomBytes, verify, X509Certificate } from 'node:crypto';
import type { SessionErrorKey } from '@oig/shared';
import type { AclEntry } from '../accounts/index.js';

/** How long an advanced-login challenge may wait for its signature. */
export const CHALLENGE_TTL_MS = 60_000;

export function newChallenge(): string {
  return randomBytes(32).toString('base64');
}

const pair = (p: string): string | undefined => {
  const i = p.indexOf('=');
  return i > 0 ? `${p.slice(0, i).trim().toUpperCase()}=${p.slice(i + 1).trim()}` : undefined;
};

/**
 * Attribute pairs of a certificate subject as Node prints it: one attribute per line. Values
 * are taken whole, so "CN=Evil/CN=App" or "CN=Evil,CN=App" stays one value and matches nothing.
 */
function certificateSubjectPairs(subject: string): Set<string> {
  return new Set(subject.split('\n').flatMap((line) => pair(line) ?? []));
}

/** Attribute pairs the ACL asks for, written "CN=App, O=Acme" (RFC 4514 order does not matter). */
function aclSubjectPairs(subject: string): string[] {
  return subject.split(',').flatMap((p) => pair(p) ?? []);
}

const validAt = (cert: X509Certificate, now: Date) =>
  now >= new Date(cert.validFrom) && now <= new Date(cert.validTo);

/**
 * Checks an application certificate for advanced login: a well-formed X.509 certificate,
 * issued and signed by one of the trusted MCS CAs, valid now, and matching the ACL entry.
 */
export function checkApplicationCertificate(
  pem: string,
  trusted: readonly X509Certificate[],
  entry: AclEntry,
  now: Date,
): { ok: true; cert: X509Certificate } | { ok: false; error: SessionErrorKey } {
  if (entry.serviceType !== 'advanced') return { ok: false, error: 'advancedNotAllowed' };
  if (trusted.length === 0) return { ok: false, error: 'certificateNotTrusted' };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem.replace(/\\n/g, '\n'));
  } catch {
    return { ok: false, error: 'certificateNotTrusted' };
  }
  // Issued and signed by a trusted CA that is itself valid now; RSA keys only (MD5 with RSA).
  const issuedByTrusted = trusted.some((ca) => {
    try {
      return validAt(ca, now) && cert.checkIssued(ca) && cert.verify(ca.publicKey);
    } catch {
      return false;
    }
  });
  if (!issuedByTrusted || cert.publicKey.asymmetricKeyType !== 'rsa')
    return { ok: false, error: 'certificateNotTrusted' };
  if (!validAt(cert, now)) return { ok: false, error: 'certificateExpired' };
  if (entry.certificateSubject) {
    const have = certificateSubjectPairs(cert.subject);
    for (const want of aclSubjectPairs(entry.certificateSubject))
      if (!have.has(want)) return { ok: false, error: 'certificateMismatch' };
  }
  return { ok: true, cert };
}

/** Parses Java's signed-bytes text form "[13,-24,6,120]" into bytes; undefined if malformed. */
export function parseSignedBytes(text: string): Buffer | undefined {
  const m = /^\s*\[([\s\S]*)\]\s*$/.exec(text);
  if (!m) return undefined;
  const body = m[1]!.trim();
  if (body === '') return undefined;
  const parts = body.split(',');
  if (parts.length > 4096) return undefined;
  const out = Buffer.alloc(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!.trim();
    if (!/^-?\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v < -128 || v > 127) return undefined;
    out[i] = v & 0xff;
  }
  return out;
}

/** Formats bytes as Java's signed-bytes text (what applications send). */
export function formatSignedBytes(bytes: Uint8Array): string {
  return `[${Array.from(bytes, (b) => (b > 127 ? b - 256 : b)).join(',')}]`;
}

/** Verifies an MD5-with-RSA signature of the challenge's UTF-8 bytes with the certificate's key. */
export function verifyChallengeSignature(challenge: string, signature: Buffer, certPem: string): boolean {
  try {
    const cert = new X509Certificate(certPem);
    return verify('md5', Buffer.from(challenge, 'utf8'), cert.publicKey, signature);
  } catch {
    return false;
  }
}

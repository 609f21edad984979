import {
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

const scryptAsync = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** Cost of new hashes: N=2^15, r=8, p=1 (about 50–100 ms; 32 MiB). */
const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

/** Salted slow hash, self-describing: `scrypt$N$r$p$salt$key` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEYLEN, { N, r: R, p: P, maxmem: MAXMEM });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, 'base64url');
  const key = await scryptAsync(password, Buffer.from(saltB64, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return timingSafeEqual(key, expected);
}

/** A hash to verify against when the user does not exist, so timing does not reveal it. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** What a check gave: the password's verdict, or 'refused' when a guard did not let the slow hash run. */
export type Verdict = boolean | 'refused';

/**
 * Wraps the slow hash of a check not yet known, e.g. a throttle takes an attempt before it and
 * gives it back after a success. Runs once for all identical concurrent checks, which share its
 * verdict.
 */
export type SlowGuard = (slowHash: () => Promise<boolean>) => Promise<Verdict>;

/**
 * Remembers successful verifications so that a reconnect storm (1,500 applications presenting
 * the same local password at once) costs one slow hash, not 1,500. Keys are HMACs under a
 * per-process random key of (stored hash, presented password): nothing reversible is kept, and
 * a changed stored hash can never match an old entry. Failures are never cached.
 */
export class VerifiedPasswordCache {
  private readonly key = randomBytes(32);
  private readonly entries = new Map<string, true>();
  /** Verifications under way: identical concurrent attempts share one slow hash. */
  private readonly pending = new Map<string, Promise<Verdict>>();
  constructor(
    private readonly max = 10_000,
    private readonly verifySlow: (password: string, stored: string) => Promise<boolean> = verifyPassword,
  ) {}

  private keyOf(password: string, stored: string): string {
    return createHmac('sha256', this.key).update(stored).update('\0').update(password).digest('base64url');
  }

  /**
   * 'good': this exact password was verified against this stored hash; 'pending': the same
   * check is under way (a new caller shares it); 'unknown': a call would cost a slow hash.
   */
  state(password: string, stored: string): 'good' | 'pending' | 'unknown' {
    const k = this.keyOf(password, stored);
    return this.entries.has(k) ? 'good' : this.pending.has(k) ? 'pending' : 'unknown';
  }

  /**
   * Whether `password` matches `stored`. Only a check that needs the slow hash runs `guard`
   * (set at once as the check under way, so identical callers arriving while the guard waits
   * share it). Without a guard the verdict is never 'refused'.
   */
  async verify(password: string, stored: string, guard?: SlowGuard): Promise<Verdict> {
    const k = this.keyOf(password, stored);
    if (this.entries.has(k)) return true;
    const running = this.pending.get(k);
    if (running) return running;
    const slowHash = () =>
      this.verifySlow(password, stored).then((ok) => {
        if (ok) {
          if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
          this.entries.set(k, true);
        }
        return ok;
      });
    const check = (guard ? guard(slowHash) : slowHash()).finally(() => this.pending.delete(k));
    this.pending.set(k, check);
    return check;
  }
}

/** SHA-256 of a bearer token, as stored in the database (never the token itself). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

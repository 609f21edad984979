import { randomBytes } from 'node:crypto';

const MAX_LONG = (1n << 63n) - 1n;
const MIN_ID = 10n ** 15n;

/**
 * A new session id: 63 bits from the CSPRNG, as a positive xs:long in decimal (SOAP carries it
 * as xs:long; REST as a string). At least 16 digits, so ids never look alike by length.
 */
export function newSessionId(): string {
  for (;;) {
    const b = randomBytes(8);
    b[0]! &= 0x7f;
    const v = b.readBigUInt64BE();
    if (v >= MIN_ID) return v.toString();
  }
}

/** The canonical form of a presented id, or undefined when it is not a positive xs:long. */
export function canonicalSessionId(raw: string | undefined | null): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const s = raw.trim();
  if (!/^\d{1,19}$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v <= 0n || v > MAX_LONG) return undefined;
  return v.toString();
}

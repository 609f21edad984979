/**
 * Time on the wire: xs:dateTime text with microsecond precision, and the stamp counter that keeps
 * every TimeStamp the peer hands out strictly increasing.
 *
 * A client polls GetOpenMediaRequestsByTime with RetrieveLaterThan = the TimeStamp of its previous
 * answer. That only works without gaps or repeats if no event is ever stamped at or before a
 * TimeStamp already handed out, and every event after it is stamped later. One counter, shared by
 * events and answers, that never returns the same microsecond twice guarantees both.
 */

/** Microseconds since the Unix epoch; a Number holds them exactly until the year 2255. */
export type Micros = number;

/** Hands out strictly increasing stamps: `max(now, last + 1)` in microseconds. */
export class StampCounter {
  private last: Micros = 0;

  next(nowMs: number): Micros {
    const now = Math.floor(nowMs) * 1000;
    this.last = now > this.last ? now : this.last + 1;
    return this.last;
  }

  /** The latest stamp handed out (0 before the first). */
  get latest(): Micros {
    return this.last;
  }
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `2026-12-07T06:45:36.123456Z`, always six fraction digits, always UTC. */
export function formatMicros(us: Micros): string {
  const ms = Math.floor(us / 1000);
  const d = new Date(ms);
  const micros = us - Math.floor(us / 1_000_000) * 1_000_000;
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}` +
    `.${pad(micros, 6)}Z`
  );
}

const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses an xs:dateTime with or without a fraction and an offset (no offset is read as UTC, as
 * the seed's times are GMT). Fraction digits beyond the sixth are dropped, which is exact for a
 * "later than" comparison against whole-microsecond stamps. `undefined` when it is not one.
 */
export function parseDateTime(text: string): Micros | undefined {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || minute > 59 || second > 59) return undefined;
  if (hour > 24 || (hour === 24 && (minute !== 0 || second !== 0))) return undefined;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999 (.NET sends 0001-01-01).
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return undefined; // 31 April and the like
  date.setUTCHours(hour, minute, second, 0);
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 14 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const ms = date.getTime() - offsetMinutes * 60_000;
  if (!Number.isFinite(ms)) return undefined;
  const micros = frac ? Number(frac.slice(0, 6).padEnd(6, '0')) : 0;
  return ms * 1000 + micros;
}

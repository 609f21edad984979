import { sql } from 'kysely';
import type { Db } from '../db/db.js';

/**
 * Windows over an indexed integer column (epoch ms), so that a scan of a large table is a series of
 * bounded statements (docs/architecture.md, "Heavy work and the event loop"): each window spans
 * about `size` rows of the index — more only when many rows share its edge value — and a window
 * holds every row of each value it spans (a value is never split between two windows).
 *
 * Finding a window's edge reads `size` index entries and no table row (`… limit 1 offset size-1`).
 */
export interface WindowScan {
  table: 'session_history';
  column: 'ended_at' | 'created_at';
  /** Inclusive bounds of the whole scan; absent: unbounded on that side. */
  lo?: number;
  hi?: number;
  /** Newest first (descending) or oldest first. */
  order: 'desc' | 'asc';
  /** Index entries per window. */
  size: number;
}

/** How large the bounded statements of a scan are (tests make them small to span many windows). */
export interface ScanSize {
  /** Rows of the index per window. */
  windowRows: number;
  /** Rows per read within a window. */
  pageRows: number;
}
/** A window's statements each take a few milliseconds on SQLite at 1,000,000 history rows. */
export const SCAN_SIZE: ScanSize = { windowRows: 20_000, pageRows: 1_000 };

/** An inclusive range [lo, hi] of the column. */
export interface Window {
  lo: number;
  hi: number;
}

/**
 * The windows of a scan, in its order, within the column's min and max when the scan begins: rows
 * added meanwhile beyond them (sessions ending now) are not read.
 */
export async function* windows(db: Db, s: WindowScan): AsyncGenerator<Window> {
  const table = sql.table(s.table);
  const col = sql.ref(s.column);
  // Two statements: SQLite answers a lone min() or max() from the index, not both at once.
  const min = (await sql<{ v: number | string | null }>`select min(${col}) as v from ${table}`.execute(db))
    .rows[0];
  const max = (await sql<{ v: number | string | null }>`select max(${col}) as v from ${table}`.execute(db))
    .rows[0];
  if (min?.v == null || max?.v == null) return;
  const floor = Math.max(Number(min.v), s.lo ?? Number.NEGATIVE_INFINITY);
  const top = Math.min(Number(max.v), s.hi ?? Number.POSITIVE_INFINITY);
  if (s.order === 'desc') {
    for (let hi = top; hi >= floor;) {
      const r = await sql<{ v: number | string }>`select ${col} as v from ${table}
        where ${col} >= ${floor} and ${col} <= ${hi} order by ${col} desc limit 1 offset ${s.size - 1}`.execute(
        db,
      );
      const v = r.rows[0]?.v;
      const lo = v === undefined ? floor : Number(v);
      yield { lo, hi };
      hi = lo - 1;
    }
  } else {
    for (let lo = floor; lo <= top;) {
      const r = await sql<{ v: number | string }>`select ${col} as v from ${table}
        where ${col} >= ${lo} and ${col} <= ${top} order by ${col} limit 1 offset ${s.size - 1}`.execute(db);
      const v = r.rows[0]?.v;
      const hi = v === undefined ? top : Number(v);
      yield { lo, hi };
      lo = hi + 1;
    }
  }
}

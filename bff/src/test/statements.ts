import Database from 'better-sqlite3';
import pg from 'pg';
import type { DbKind } from './harness.js';

export interface StatementLog {
  /** Each statement run meanwhile: its SQL and how many rows it returned (a read) or changed (a write). */
  statements: Array<{ sql: string; rows: number }>;
  stop(): void;
}

/**
 * Watches the statements the product runs (both drivers, without changing what they do), so a test
 * can check that a heavy operation reads in bounded statements.
 */
export function watchStatements(kind: DbKind): StatementLog {
  const statements: StatementLog['statements'] = [];
  if (kind === 'sqlite') {
    const mem = new Database(':memory:');
    const proto = Object.getPrototypeOf(mem.prepare('select 1')) as Record<string, unknown>;
    mem.close();
    const all = proto.all as (this: { source: string }, ...a: unknown[]) => unknown[];
    const run = proto.run as (this: { source: string }, ...a: unknown[]) => { changes: number };
    proto.all = function (this: { source: string }, ...a: unknown[]) {
      const rows = all.apply(this, a);
      statements.push({ sql: this.source, rows: rows.length });
      return rows;
    };
    proto.run = function (this: { source: string }, ...a: unknown[]) {
      const r = run.apply(this, a);
      statements.push({ sql: this.source, rows: r.changes });
      return r;
    };
    return {
      statements,
      stop: () => {
        proto.all = all;
        proto.run = run;
      },
    };
  }
  const proto = pg.Client.prototype as unknown as Record<string, unknown>;
  const original = proto.query as (this: unknown, ...a: unknown[]) => unknown;
  proto.query = function (this: unknown, ...a: unknown[]) {
    const out = original.apply(this, a);
    const text = typeof a[0] === 'string' ? a[0] : ((a[0] as { text?: string } | undefined)?.text ?? '');
    if (out && typeof (out as Promise<unknown>).then === 'function')
      void (out as Promise<{ rows?: unknown[]; rowCount?: number | null; command?: string }>).then(
        (r) =>
          statements.push({
            sql: text,
            rows:
              r.command === 'SELECT' ? (r.rows?.length ?? 0) : Math.max(r.rows?.length ?? 0, r.rowCount ?? 0),
          }),
        () => undefined,
      );
    return out;
  };
  return { statements, stop: () => void (proto.query = original) };
}

/** Counts turns of the event loop (setImmediate callbacks) until stopped. */
export function countTurns(): { stop(): number } {
  let turns = 0;
  let on = true;
  const spin = () => {
    if (!on) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  return {
    stop: () => {
      on = false;
      return turns;
    },
  };
}

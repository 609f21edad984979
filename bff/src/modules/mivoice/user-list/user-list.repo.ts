import { containsPattern, lowerLike } from '../../../lib/sql-like.js';
import { nextTurn, sliceClock } from '../../../lib/slices.js';
import { CompiledQuery, sql, type SqlBool } from 'kysely';
import type { Db, DbKind } from '../../../db/db.js';
import { holdCheckpoints, releaseCheckpoints } from '../../../db/sqlite-checkpoint.js';
import type { MivoiceUsersTable } from '../../../db/schema.js';

type Row = MivoiceUsersTable;

/**
 * Bounded statements (the 100 ms event-loop budget, docs/architecture.md "Heavy work"): better-sqlite3
 * runs each statement on the main thread, and pg parses a whole result there when it arrives, so
 * no read here returns more than READ_PAGE rows or scans more than SCAN_CHUNK, and the event loop
 * turns between two statements.
 */
/** Rows per chunk of an import's writes (PostgreSQL: one statement, an array per column). */
const WRITE_CHUNK = 5_000;
/** Rows (or keys) per read statement: a keyset page of the list. */
export const READ_PAGE = 1_000;
/** Rows a filtered page's count or select examines per statement (SQLite). */
export const SCAN_CHUNK = 5_000;

const COLUMNS = [
  'phone_key',
  'phone_number',
  'primary_email',
  'email_key',
  'full_name',
  'given_name',
  'family_name',
  'phone_type',
  'record_source',
  'updated_at',
] as const;
const UPDATED = COLUMNS.filter((c) => c !== 'phone_key');
/** Rows per SQLite insert statement (10 parameters each; SQLite allows 32,766). */
const SQLITE_ROWS_PER_STATEMENT = 1_000;
const upsertSqlCache = new Map<number, string>();
/** `insert … values (?,…),(?,…) on conflict (phone_key) do update …` for n rows. */
function sqliteUpsert(n: number): string {
  let text = upsertSqlCache.get(n);
  if (!text) {
    const tuple = `(${COLUMNS.map(() => '?').join(',')})`;
    const columns = COLUMNS.map((c) => `"${c}"`).join(', ');
    const values = Array(n).fill(tuple).join(',');
    const updates = UPDATED.map((c) => `"${c}" = excluded."${c}"`).join(', ');
    text =
      `insert into "mivoice_users" (${columns}) values ${values} ` +
      `on conflict ("phone_key") do update set ${updates}`;
    // Full groups and the last partial one of an import; never more than a few sizes.
    if (upsertSqlCache.size > 16) upsertSqlCache.clear();
    upsertSqlCache.set(n, text);
  }
  return text;
}

/** The writes of one import, run inside its transaction. */
export interface ImportTx {
  /** How many phone numbers are stored. */
  count(): Promise<number>;
  /** The stored rows of these phone keys. */
  stored(keys: readonly string[]): Promise<Map<string, Row>>;
  /** Deletes `deletes`, then inserts or overwrites `upserts`, in chunks. */
  write(deletes: readonly string[], upserts: readonly Row[]): Promise<void>;
}

export interface UserListRepoOptions {
  /** Called after each chunk written inside an import transaction (tests: kill the process there). */
  afterChunk?: (written: number) => void;
  /** Rows per chunk (default 5,000). */
  writeChunk?: number;
  /** Rows per read statement (default READ_PAGE; tests: a few, to span several pages). */
  readPage?: number;
  /** Rows examined per statement of a filtered page on SQLite (default SCAN_CHUNK). */
  scanChunk?: number;
}

/** A position in the list's order (e-mail key, then phone key). */
export type ListCursor = Pick<Row, 'email_key' | 'phone_key'>;

/** Reads the list in its order, a bounded page at a time. */
export interface ListReader {
  /** The rows after `cursor` (from the start when null), at most one page; empty at the end. */
  pageAfter(cursor: ListCursor | null): Promise<Row[]>;
}

/** SQLite: the keys as a subquery, `(select value from json_each(?))` with their JSON array. */
const jsonValues = (keys: readonly string[]) => sql`(select value from json_each(${JSON.stringify(keys)}))`;

const num = (r: Row): Row => ({ ...r, updated_at: Number(r.updated_at) });

/** The only database code of the user list (table mivoice_users). */
export function createUserListRepo(db: Db, kind: DbKind, opts: UserListRepoOptions = {}) {
  const writeChunk = opts.writeChunk ?? WRITE_CHUNK;
  const readPage = opts.readPage ?? READ_PAGE;
  const scanChunk = opts.scanChunk ?? SCAN_CHUNK;
  /** Same order on both databases: byte order of e-mail key, then phone key (mivoice_users_order_idx). */
  const byEmailThenPhone =
    kind === 'postgres' ? sql`email_key collate "C", phone_key collate "C"` : sql`email_key, phone_key`;
  const orderKey =
    kind === 'postgres' ? sql`(email_key collate "C", phone_key collate "C")` : sql`(email_key, phone_key)`;
  /** Rows after the cursor in that order (a row value comparison the index serves). */
  const after = (c: ListCursor) => sql<SqlBool>`${orderKey} > (${c.email_key}, ${c.phone_key})`;
  const upTo = (c: ListCursor) => sql<SqlBool>`${orderKey} <= (${c.email_key}, ${c.phone_key})`;

  const countIn = async (exec: Db): Promise<number> => {
    const { n } = await exec
      .selectFrom('mivoice_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  };

  const readerOf = (exec: Db): ListReader => ({
    async pageAfter(cursor) {
      let q = exec.selectFrom('mivoice_users').selectAll();
      if (cursor) q = q.where(after(cursor));
      return (await q.orderBy(byEmailThenPhone).limit(readPage).execute()).map(num);
    },
  });

  const filtered = (q: string | undefined) => {
    let query = db.selectFrom('mivoice_users');
    const text = q?.trim();
    if (text) {
      // Case-insensitive substring (lower() on both sides; LIKE wildcards escaped). A phone
      // filter also matches the stored key, so "555 0100" finds "+1 (555) 01-00".
      const pattern = containsPattern(text);
      const match = (col: 'primary_email' | 'full_name' | 'given_name' | 'family_name' | 'phone_number') =>
        lowerLike(col, pattern);
      const key = text.replace(/[\s.\-()]/g, '');
      const byKey = /^\+?[0-9]+$/.test(key) ? [lowerLike('phone_key', containsPattern(key))] : [];
      query = query.where((eb) =>
        eb.or([
          match('primary_email'),
          match('full_name'),
          match('given_name'),
          match('family_name'),
          match('phone_number'),
          ...byKey,
        ]),
      );
    }
    return query;
  };

  /**
   * The stored rows of these phone keys (keys: any number; a few hundred thousand at most). A list
   * no larger than the keys is read whole, in keyset pages of the primary key (every row is then
   * in the map, wanted or not: fewer than the keys); a larger one key page by key page.
   */
  const storedIn = async (exec: Db, keys: readonly string[]): Promise<Map<string, Row>> => {
    const out = new Map<string, Row>();
    if (keys.length === 0) return out;
    const count = await countIn(exec);
    if (count === 0) return out;
    if (count <= keys.length) {
      let last: string | null = null;
      for (;;) {
        let q = exec.selectFrom('mivoice_users').selectAll();
        if (last !== null) q = q.where('phone_key', '>', last);
        const rows = await q.orderBy('phone_key').limit(readPage).execute();
        for (const r of rows) out.set(r.phone_key, num(r));
        if (rows.length < readPage) return out;
        last = rows[rows.length - 1]!.phone_key;
        await nextTurn();
      }
    }
    for (let i = 0; i < keys.length; i += readPage) {
      const chunk = keys.slice(i, i + readPage);
      const { rows } =
        kind === 'postgres'
          ? await sql<Row>`select * from mivoice_users where phone_key = any(${chunk}::text[])`.execute(exec)
          : await sql<Row>`select * from mivoice_users where phone_key in ${jsonValues(chunk)}`.execute(exec);
      for (const r of rows) out.set(r.phone_key, num(r));
      await nextTurn();
    }
    return out;
  };

  const upsertChunk = async (exec: Db, rows: readonly Row[]) => {
    const set = sql.join(UPDATED.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`));
    const cols = sql.join(COLUMNS.map((c) => sql.ref(c)));
    if (kind === 'postgres') {
      const arr = <K extends keyof Row>(k: K) => rows.map((r) => r[k]);
      /** One column of the rows as a text[] parameter. */
      const t = (k: keyof Row) => sql`${arr(k)}::text[]`;
      await sql`insert into mivoice_users (${cols})
        select * from unnest(${t('phone_key')}, ${t('phone_number')}, ${t('primary_email')}, ${t('email_key')},
          ${t('full_name')}, ${t('given_name')}, ${t('family_name')}, ${t('phone_type')},
          ${arr('record_source')}::text[], ${arr('updated_at')}::bigint[])
        on conflict (phone_key) do update set ${set}`.execute(exec);
      return;
    }
    // SQLite: multi-row VALUES with bound parameters (the statement text is the same for every
    // full group, so it is built once; no query compilation for 10,000 values); the event loop
    // turns whenever a slice's time is used.
    const slice = sliceClock();
    for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
      await slice.pause();
      const n = Math.min(SQLITE_ROWS_PER_STATEMENT, rows.length - i);
      const params: unknown[] = new Array(n * COLUMNS.length);
      let p = 0;
      for (let j = i; j < i + n; j++) {
        const r = rows[j]!;
        params[p++] = r.phone_key;
        params[p++] = r.phone_number;
        params[p++] = r.primary_email;
        params[p++] = r.email_key;
        params[p++] = r.full_name;
        params[p++] = r.given_name;
        params[p++] = r.family_name;
        params[p++] = r.phone_type;
        params[p++] = r.record_source;
        params[p++] = r.updated_at;
      }
      await exec.executeQuery(CompiledQuery.raw(sqliteUpsert(n), params));
    }
  };

  const deleteChunk = async (exec: Db, keys: readonly string[]) => {
    if (kind === 'postgres')
      await sql`delete from mivoice_users where phone_key = any(${keys}::text[])`.execute(exec);
    else await sql`delete from mivoice_users where phone_key in ${jsonValues(keys)}`.execute(exec);
  };

  const importTx = (exec: Db): ImportTx => ({
    count: () => countIn(exec),
    stored: (keys) => storedIn(exec, keys),
    async write(deletes, upserts) {
      let written = 0;
      const chunkDone = async (n: number) => {
        written += n;
        opts.afterChunk?.(written);
        // better-sqlite3 is synchronous: let other work in between chunks.
        await nextTurn();
      };
      for (let i = 0; i < deletes.length; i += writeChunk) {
        const chunk = deletes.slice(i, i + writeChunk);
        await deleteChunk(exec, chunk);
        await chunkDone(chunk.length);
      }
      for (let i = 0; i < upserts.length; i += writeChunk) {
        const chunk = upserts.slice(i, i + writeChunk);
        await upsertChunk(exec, chunk);
        await chunkDone(chunk.length);
      }
    },
  });

  /**
   * A page of the filtered list and the matches in all, on SQLite: the list is walked in its order
   * SCAN_CHUNK index entries at a time (the chunk's end found on the index alone), each chunk's
   * matches counted — and the page's rows read from the chunks it falls in — by statements bounded
   * to that chunk, the event loop turning in between. One LIKE scan of the whole table would be one
   * synchronous statement of ~200 ms at the maximum list; PostgreSQL runs it on its server.
   */
  const scanPage = async (q: string, limit: number, offset: number) => {
    const rows: Row[] = [];
    let total = 0;
    let lo: ListCursor | null = null;
    for (;;) {
      let bound = db.selectFrom('mivoice_users').select(['email_key', 'phone_key']);
      if (lo) bound = bound.where(after(lo));
      const hi: ListCursor | undefined = await bound
        .orderBy(byEmailThenPhone)
        .limit(1)
        .offset(scanChunk - 1)
        .executeTakeFirst();
      let range = filtered(q);
      if (lo) range = range.where(after(lo));
      if (hi) range = range.where(upTo(hi));
      const { n } = await range.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const matches = Number(n);
      const from = Math.max(offset, total);
      const to = Math.min(offset + limit, total + matches);
      if (from < to) {
        const found = await range
          .selectAll()
          .orderBy(byEmailThenPhone)
          .limit(to - from)
          .offset(from - total)
          .execute();
        rows.push(...found.map(num));
      }
      total += matches;
      if (!hi) return { rows, total };
      lo = hi;
      await nextTurn();
    }
  };

  return {
    kind,

    async page(f: {
      q?: string | undefined;
      limit: number;
      offset: number;
    }): Promise<{ rows: Row[]; total: number }> {
      const text = f.q?.trim();
      if (kind === 'sqlite' && text) return scanPage(text, f.limit, f.offset);
      const q = filtered(f.q);
      const [rows, count] = await Promise.all([
        q.selectAll().orderBy(byEmailThenPhone).limit(f.limit).offset(f.offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows: rows.map(num), total: Number(count.n) };
    },

    /** The stored rows of these phone keys, read outside any import (dry runs: nothing is locked). */
    stored: (keys: readonly string[]) => storedIn(db, keys),

    /** How many phone numbers are stored. */
    count: () => countIn(db),

    /**
     * Runs `fn` with a reader of one consistent state of the list (the export): on PostgreSQL a
     * read-only REPEATABLE READ transaction (every page from one snapshot, even with imports of
     * other processes committing meanwhile); on SQLite, with its one process, the caller keeps
     * this process's imports out (the service's queue).
     */
    readConsistent<T>(fn: (reader: ListReader) => Promise<T>): Promise<T> {
      if (kind === 'sqlite') return fn(readerOf(db));
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute((trx) => fn(readerOf(trx)));
    },

    /**
     * Runs one import in one transaction: everything it writes commits together or not at all
     * (a process killed meanwhile leaves the old list). On PostgreSQL the table is locked
     * against other writers first (SHARE ROW EXCLUSIVE: reads go on), so what `fn` reads stays
     * true until the commit even with several processes. SQLite: BEGIN IMMEDIATE, the write
     * lock from the start; the process has one SQLite connection, so its other queries wait for
     * the commit (≈ 1 s for 100,000 rows) — the event loop is given back between chunks, so
     * requests that need no query (SOAP/REST keep-alives of cached sessions) go on meanwhile.
     */
    async importTransaction<T>(fn: (tx: ImportTx) => Promise<T>): Promise<T> {
      if (kind === 'postgres') {
        return db.transaction().execute(async (trx) => {
          await sql`lock table mivoice_users in share row exclusive mode`.execute(trx);
          return fn(importTx(trx));
        });
      }
      // Its COMMIT would checkpoint the tens of MB it wrote on the main thread: a worker does.
      await holdCheckpoints(db);
      try {
        return await db.connection().execute(async (conn) => {
          await sql`begin immediate`.execute(conn);
          try {
            const result = await fn(importTx(conn));
            await sql`commit`.execute(conn);
            return result;
          } catch (err) {
            await sql`rollback`.execute(conn).catch(() => undefined);
            throw err;
          }
        });
      } finally {
        // Not awaited: the answer does not wait for the checkpoint (a failed one is SQLite's to redo).
        void releaseCheckpoints(db, () => undefined);
      }
    },
  };
}
export type UserListRepo = ReturnType<typeof createUserListRepo>;

import { containsPattern, lowerLike } from '../../../lib/sql-like.js';
import { CompiledQuery, sql } from 'kysely';
import type { Db, DbKind } from '../../../db/db.js';
import type { MivoiceUsersTable } from '../../../db/schema.js';

type Row = MivoiceUsersTable;

/** Rows written between two yields of an import (PostgreSQL: one statement, an array per column). */
const WRITE_CHUNK = 5_000;
/** Keys per read statement. */
const READ_CHUNK = 20_000;

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
}

/** SQLite: the keys as a subquery, `(select value from json_each(?))` with their JSON array. */
const jsonValues = (keys: readonly string[]) => sql`(select value from json_each(${JSON.stringify(keys)}))`;

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The only database code of the user list (table mivoice_users). */
export function createUserListRepo(db: Db, kind: DbKind, opts: UserListRepoOptions = {}) {
  const writeChunk = opts.writeChunk ?? WRITE_CHUNK;
  /** Same order on both databases: byte order of e-mail key, then phone key. */
  const byEmailThenPhone =
    kind === 'postgres' ? sql`email_key collate "C", phone_key collate "C"` : sql`email_key, phone_key`;

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

  const storedIn = async (exec: Db, keys: readonly string[]): Promise<Map<string, Row>> => {
    const out = new Map<string, Row>();
    if (keys.length === 0) return out;
    const { n } = await exec
      .selectFrom('mivoice_users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const count = Number(n);
    if (count === 0) return out;
    if (count <= keys.length) {
      // A list no larger than the file: one scan beats a lookup per key.
      const wanted = new Set(keys);
      for (const r of await exec.selectFrom('mivoice_users').selectAll().execute())
        if (wanted.has(r.phone_key)) out.set(r.phone_key, { ...r, updated_at: Number(r.updated_at) });
      return out;
    }
    for (let i = 0; i < keys.length; i += READ_CHUNK) {
      const chunk = keys.slice(i, i + READ_CHUNK);
      const { rows } =
        kind === 'postgres'
          ? await sql<Row>`select * from mivoice_users where phone_key = any(${chunk}::text[])`.execute(exec)
          : await sql<Row>`select * from mivoice_users where phone_key in ${jsonValues(chunk)}`.execute(exec);
      for (const r of rows) out.set(r.phone_key, { ...r, updated_at: Number(r.updated_at) });
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
    // full group, so it is built once; no query compilation for 10,000 values).
    for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
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
    stored: (keys) => storedIn(exec, keys),
    async write(deletes, upserts) {
      let written = 0;
      const chunkDone = async (n: number) => {
        written += n;
        opts.afterChunk?.(written);
        // better-sqlite3 is synchronous: let other work in between chunks.
        await yieldToOthers();
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

  return {
    async page(f: {
      q?: string | undefined;
      limit: number;
      offset: number;
    }): Promise<{ rows: Row[]; total: number }> {
      const q = filtered(f.q);
      const [rows, count] = await Promise.all([
        q.selectAll().orderBy(byEmailThenPhone).limit(f.limit).offset(f.offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows: rows.map((r) => ({ ...r, updated_at: Number(r.updated_at) })), total: Number(count.n) };
    },

    /** The stored rows of these phone keys, read outside any import (dry runs: nothing is locked). */
    stored: (keys: readonly string[]) => storedIn(db, keys),

    /** The whole list, ordered by e-mail key then phone key (export). */
    async all(): Promise<Row[]> {
      const rows = await db.selectFrom('mivoice_users').selectAll().orderBy(byEmailThenPhone).execute();
      return rows.map((r) => ({ ...r, updated_at: Number(r.updated_at) }));
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
    importTransaction<T>(fn: (tx: ImportTx) => Promise<T>): Promise<T> {
      if (kind === 'postgres') {
        return db.transaction().execute(async (trx) => {
          await sql`lock table mivoice_users in share row exclusive mode`.execute(trx);
          return fn(importTx(trx));
        });
      }
      return db.connection().execute(async (conn) => {
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
    },
  };
}
export type UserListRepo = ReturnType<typeof createUserListRepo>;

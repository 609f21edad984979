import {
  MAX_MICC_ELEMENTS,
  MAX_MIVB_ELEMENTS,
  type StatusReason,
  type NetworkElementSetup,
  type NetworkElementStatus,
  type NetworkElementType,
} from '@oig/shared';
import { PostgresAdapter, sql, type Selectable, type Transaction } from 'kysely';
import type { Db, DbKind } from '../../db/db.js';
import type { Database, NetworkElementsTable } from '../../db/schema.js';
import { readReason, storeReason } from '../../lib/stored-reason.js';

/** An element as stored: `settings` holds the custom values only (null for a Default element). */
export interface NetworkElementRow {
  id: string;
  type: NetworkElementType;
  setup: NetworkElementSetup;
  ipAddress: string;
  version: string | null;
  settings: Record<string, unknown> | null;
  status: NetworkElementStatus;
  statusDetail: string | null;
  /** statusDetail as a code and params; null when it has none (or a previous version wrote the detail). */
  statusReason: StatusReason | null;
  lastCheckedAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** Open Media credentials of a MiCC element (always null for a MiVB one). */
  openMediaLogonId: string | null;
  openMediaPassword: string | null;
}

/** A change of the Open Media credentials: undefined keeps the stored value, null removes it. */
export interface CredentialChange {
  logonId?: string | null;
  password?: string | null;
}

/** What an element is made of when it is added or edited. */
export interface ElementValues {
  type: NetworkElementType;
  setup: NetworkElementSetup;
  /** Canonical form (canonicalIp). */
  ipAddress: string;
  settings: Record<string, unknown> | null;
  /** Only a MiCC element has credentials; without a logon ID there is no password either. */
  openMedia?: CredentialChange;
}

/** The credentials an element has after a change (a MiVB element and a removed logon ID: none). */
export function credentialsAfter(
  v: Pick<ElementValues, 'type' | 'openMedia'>,
  before?: Pick<NetworkElementRow, 'openMediaLogonId' | 'openMediaPassword'>,
): { openMediaLogonId: string | null; openMediaPassword: string | null } {
  if (v.type !== 'micc') return { openMediaLogonId: null, openMediaPassword: null };
  const change = v.openMedia ?? {};
  const logonId = change.logonId === undefined ? (before?.openMediaLogonId ?? null) : change.logonId;
  const password = change.password === undefined ? (before?.openMediaPassword ?? null) : change.password;
  return { openMediaLogonId: logonId, openMediaPassword: logonId === null ? null : password };
}

/** Why a write was refused; the stored data is unchanged. */
export type WriteConflict = 'duplicate_ip' | 'micc_exists' | 'mivb_full';

export type UpdateOutcome =
  | { outcome: 'ok'; before: NetworkElementRow; after: NetworkElementRow; targetChanged: boolean }
  | { outcome: 'not_found' }
  | { outcome: WriteConflict };

/** What the prober needs of an element. */
export type ProbeTarget = Pick<NetworkElementRow, 'id' | 'type' | 'setup' | 'ipAddress' | 'settings'>;

export interface ProbeResult {
  id: string;
  /** The address and type that were probed: a result for an element edited meanwhile is dropped. */
  ipAddress: string;
  type: NetworkElementType;
  startedAt: number;
  status: Exclude<NetworkElementStatus, 'unknown'>;
  detail: string | null;
  reason: StatusReason | null;
}

function parseSettings(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const toRow = (r: Selectable<NetworkElementsTable>): NetworkElementRow => ({
  id: r.id,
  type: r.type,
  setup: r.setup,
  ipAddress: r.ip_address,
  version: r.version,
  settings: parseSettings(r.settings),
  status: r.status,
  statusDetail: r.status_detail,
  statusReason: readReason(r.status_reason, r.status_detail),
  lastCheckedAt: r.last_checked_at === null ? null : Number(r.last_checked_at),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  openMediaLogonId: r.open_media_logon_id ?? null,
  openMediaPassword: r.open_media_password ?? null,
});

/**
 * Maps a unique-index violation (SQLite or PostgreSQL) to the rule it enforces: one element
 * per address, and one MiContact Center (index network_elements_one_micc of migration 0002).
 */
export function conflictOf(err: unknown): WriteConflict | undefined {
  const e = (err ?? {}) as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e.code !== '23505' && e.code !== 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const where = `${text(e.constraint)} ${text(e.message)}`;
  if (/one_micc|network_elements\.type\b/.test(where)) return 'micc_exists';
  if (/ip_address/.test(where)) return 'duplicate_ip';
  return undefined;
}

/**
 * Network elements. Writes run in one transaction that first checks the rules (address
 * unique, one MiCC, at most 250 MiVB); on PostgreSQL the transaction locks the table against
 * other writers (readers are not blocked), so the limits hold with several processes. The
 * unique indexes back the same rules, and their violations map to the same conflicts.
 * `kind` is optional; without it the dialect is read from the Kysely instance.
 */
export function createNetworkElementsRepo(db: Db, kind?: DbKind) {
  const isPostgres = kind ? kind === 'postgres' : db.getExecutor().adapter instanceof PostgresAdapter;

  const exclusive = <T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> =>
    db.transaction().execute(async (trx) => {
      if (isPostgres) await sql`lock table network_elements in share row exclusive mode`.execute(trx);
      return fn(trx);
    });

  const countOf = async (
    trx: Transaction<Database>,
    type: NetworkElementType,
    exceptId?: string,
  ): Promise<number> => {
    let q = trx
      .selectFrom('network_elements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', type);
    if (exceptId) q = q.where('id', '<>', exceptId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  /** The first rule the values would break (ignoring the element being edited), if any. */
  const ruleBroken = async (
    trx: Transaction<Database>,
    v: ElementValues,
    exceptId?: string,
  ): Promise<WriteConflict | undefined> => {
    let same = trx.selectFrom('network_elements').select('id').where('ip_address', '=', v.ipAddress);
    if (exceptId) same = same.where('id', '<>', exceptId);
    if (await same.executeTakeFirst()) return 'duplicate_ip';
    if (v.type === 'micc' && (await countOf(trx, 'micc', exceptId)) >= MAX_MICC_ELEMENTS)
      return 'micc_exists';
    if (v.type === 'mivb' && (await countOf(trx, 'mivb', exceptId)) >= MAX_MIVB_ELEMENTS) return 'mivb_full';
    return undefined;
  };

  const orConflict = <T>(p: Promise<T>): Promise<T | WriteConflict> =>
    p.catch((err: unknown) => {
      const c = conflictOf(err);
      if (c) return c;
      throw err;
    });

  return {
    async count(): Promise<number> {
      const r = await db
        .selectFrom('network_elements')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },

    /** Versions of the MiVoice Business elements, for serviceVersions. */
    mivbVersions(): Promise<Array<{ ipAddress: string; version: string | null }>> {
      return db
        .selectFrom('network_elements')
        .select(['ip_address as ipAddress', 'version'])
        .where('type', '=', 'mivb')
        .orderBy('ip_address')
        .execute();
    },

    async list(): Promise<NetworkElementRow[]> {
      return (await db.selectFrom('network_elements').selectAll().execute()).map(toRow);
    },

    /** The MiContact Center element, if there is one (at most one exists). */
    async micc(): Promise<NetworkElementRow | undefined> {
      const r = await db
        .selectFrom('network_elements')
        .selectAll()
        .where('type', '=', 'micc')
        .executeTakeFirst();
      return r && toRow(r);
    },

    async find(id: string): Promise<NetworkElementRow | undefined> {
      const r = await db.selectFrom('network_elements').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toRow(r);
    },

    /** Adds an element, or says which rule refused it. */
    async insert(id: string, v: ElementValues, now: number): Promise<'ok' | WriteConflict> {
      return orConflict(
        exclusive(async (trx) => {
          const broken = await ruleBroken(trx, v);
          if (broken) return broken;
          const creds = credentialsAfter(v);
          await trx
            .insertInto('network_elements')
            .values({
              id,
              type: v.type,
              setup: v.setup,
              ip_address: v.ipAddress,
              version: null,
              settings: v.settings ? JSON.stringify(v.settings) : null,
              status: 'unknown',
              status_detail: null,
              status_reason: null,
              last_checked_at: null,
              created_at: now,
              updated_at: now,
              open_media_logon_id: creds.openMediaLogonId,
              open_media_password: creds.openMediaPassword,
            })
            .execute();
          return 'ok' as const;
        }),
      );
    },

    /**
     * Replaces an element's values. When `targetChanged(before)` says the probe target moved
     * (address, type, MiCC protocol), the last probe result no longer applies: back to unknown.
     */
    async update(
      id: string,
      v: ElementValues,
      now: number,
      targetChanged: (before: NetworkElementRow) => boolean,
    ): Promise<UpdateOutcome> {
      const res = await orConflict(
        exclusive(async (trx): Promise<UpdateOutcome> => {
          const found = await trx
            .selectFrom('network_elements')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirst();
          if (!found) return { outcome: 'not_found' };
          const broken = await ruleBroken(trx, v, id);
          if (broken) return { outcome: broken };
          const before = toRow(found);
          const moved = targetChanged(before);
          const creds = credentialsAfter(v, before);
          const after = await trx
            .updateTable('network_elements')
            .set({
              type: v.type,
              setup: v.setup,
              ip_address: v.ipAddress,
              settings: v.settings ? JSON.stringify(v.settings) : null,
              updated_at: now,
              open_media_logon_id: creds.openMediaLogonId,
              open_media_password: creds.openMediaPassword,
              ...(moved
                ? {
                    status: 'unknown' as const,
                    status_detail: null,
                    status_reason: null,
                    last_checked_at: null,
                    version: null,
                  }
                : {}),
            })
            .where('id', '=', id)
            .returningAll()
            .executeTakeFirstOrThrow();
          return { outcome: 'ok', before, after: toRow(after), targetChanged: moved };
        }),
      );
      return typeof res === 'string' ? { outcome: res } : res;
    },

    /** Deletes; returns the element as it was, or undefined when there was none. */
    async remove(id: string): Promise<NetworkElementRow | undefined> {
      const r = await db
        .deleteFrom('network_elements')
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return r && toRow(r);
    },

    async probeTargets(): Promise<ProbeTarget[]> {
      const rows = await db
        .selectFrom('network_elements')
        .select(['id', 'type', 'setup', 'ip_address', 'settings'])
        .execute();
      return rows.map((r) => ({
        id: r.id,
        type: r.type,
        setup: r.setup,
        ipAddress: r.ip_address,
        settings: parseSettings(r.settings),
      }));
    },

    async probeTarget(id: string): Promise<ProbeTarget | undefined> {
      const r = await db
        .selectFrom('network_elements')
        .select(['id', 'type', 'setup', 'ip_address', 'settings'])
        .where('id', '=', id)
        .executeTakeFirst();
      return (
        r && {
          id: r.id,
          type: r.type,
          setup: r.setup,
          ipAddress: r.ip_address,
          settings: parseSettings(r.settings),
        }
      );
    },

    /**
     * Writes a probe result, only onto the element that was probed: an UPDATE (a deleted
     * element stays deleted), the same address and type, not edited since the probe started,
     * and no result from a later probe already there. Returns whether it was written.
     */
    async recordProbe(r: ProbeResult): Promise<boolean> {
      const res = await db
        .updateTable('network_elements')
        .set({
          status: r.status,
          status_detail: r.detail,
          status_reason: storeReason(r.reason, r.detail),
          last_checked_at: r.startedAt,
        })
        .where('id', '=', r.id)
        .where('ip_address', '=', r.ipAddress)
        .where('type', '=', r.type)
        .where('updated_at', '<=', r.startedAt)
        .where((eb) => eb.or([eb('last_checked_at', 'is', null), eb('last_checked_at', '<=', r.startedAt)]))
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },
  };
}
export type NetworkElementsRepo = ReturnType<typeof createNetworkElementsRepo>;

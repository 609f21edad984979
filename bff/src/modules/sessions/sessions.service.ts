import {
  END_REASON_LABELS,
  LICENSE_LABELS,
  SERVICE_TYPE_LABELS,
  SESSION_PROTOCOL_LABELS,
  TERMINATE_MAX,
  type EndReason,
  type LiveSession,
  type LiveSessionFilter,
  type LiveSessionList,
  type SessionHistoryEntry,
  type SessionHistoryQuery,
} from '@oig/shared';
import { toCsv } from '../../lib/csv.js';
import { mapSliced, sliceClock } from '../../lib/slices.js';
import type { Logger } from 'pino';
import { visibleLicenses, type LicenseCounter } from '../licensing/index.js';
import type { Actor, AuditService } from '../audit/index.js';
import type { SessionManager } from './session-manager.js';
import type { AppSessionRow, LivePageQuery, SessionHistoryRow, SessionsRepo } from './sessions.repo.js';

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

function toLive(r: AppSessionRow | SessionHistoryRow): LiveSession {
  return {
    id: r.handle,
    applicationName: r.application_name,
    companyName: r.company_name,
    createdAt: iso(r.created_at),
    type: r.service_type,
    protocol: r.protocol,
    clientAddress: r.client_address,
    lastActivityAt: iso(r.last_activity_at),
    licenses: visibleLicenses(JSON.parse(r.licenses) as LicenseCounter[]),
    sessionIdLast4: r.token_last4,
  };
}

/**
 * The history CSV, for people: English words for the type, protocol, end reason and licenses, then
 * the same four as codes in columns of their own (for tools: stable whatever the wording).
 */
const HISTORY_CSV_FIELDS = [
  'Application Name',
  'Company Name',
  'Type',
  'Protocol',
  'Client Address',
  'Creation Date and Time',
  'Last Activity',
  'End Time',
  'End Reason',
  'Licenses',
  'Session ID (last 4)',
  'Type Code',
  'Protocol Code',
  'End Reason Code',
  'License Codes',
] as const;
/** History rows written to CSV between two looks at the slice clock. */
const CSV_CHUNK = 250;

/** Console view of application sessions: live list, history, termination. */
/** At most this many sessions are named in one audit entry (the count is always exact). */
const AUDIT_NAMED_SESSIONS = 100;

export function createSessionsService(deps: {
  repo: SessionsRepo;
  manager: SessionManager;
  audit: AuditService;
  logger: Logger;
  /** Sessions ended at once by a termination of many (default 1). */
  endConcurrency?: number;
}) {
  const { repo, manager, audit, logger } = deps;
  const endConcurrency = Math.max(1, deps.endConcurrency ?? 1);
  const describe = (r: Pick<AppSessionRow, 'company_name' | 'application_name' | 'token_last4'>) =>
    `${r.company_name} / ${r.application_name} …${r.token_last4}`;

  async function history(
    q: SessionHistoryQuery,
  ): Promise<{ sessions: SessionHistoryEntry[]; total: number }> {
    const { rows, total } = await repo.history({
      application: q.application,
      from: q.from ? Date.parse(q.from) : undefined,
      to: q.to ? Date.parse(q.to) : undefined,
      limit: q.limit,
    });
    return {
      sessions: await mapSliced(rows, (r) => ({
        ...toLive(r),
        endedAt: iso(r.ended_at),
        endReason: r.end_reason as EndReason,
      })),
      total,
    };
  }

  return {
    /** Sessions open now (the Overview). */
    countLive: (): Promise<number> => repo.countLive(),

    /** Open sessions per application, keyed by appKey (the Accounts tab). */
    activeByApp: (): Promise<Map<string, number>> => repo.activeByApp(),

    /** A page of the live sessions matching a filter, and how many match and are live. */
    async live(q: LivePageQuery): Promise<LiveSessionList> {
      const { rows, total, live } = await repo.livePage(q);
      return { sessions: rows.map(toLive), total, live, offset: q.offset, limit: q.limit };
    },

    history,

    /** The history as CSV, written a few hundred rows at a time with turns between. */
    async historyCsv(q: SessionHistoryQuery): Promise<string> {
      const rows = (await history(q)).sessions;
      const cells = (r: SessionHistoryEntry) => [
        r.applicationName,
        r.companyName,
        SERVICE_TYPE_LABELS[r.type],
        SESSION_PROTOCOL_LABELS[r.protocol],
        r.clientAddress,
        r.createdAt,
        r.lastActivityAt,
        r.endedAt,
        END_REASON_LABELS[r.endReason],
        r.licenses.map((l) => LICENSE_LABELS[l]).join(', '),
        r.sessionIdLast4,
        r.type,
        r.protocol,
        r.endReason,
        r.licenses.join(' '),
      ];
      // Application names come from outside: never let a spreadsheet run them as formulas.
      const parts = [toCsv({ fields: [...HISTORY_CSV_FIELDS], data: rows.slice(0, CSV_CHUNK).map(cells) })];
      const slice = sliceClock();
      for (let i = CSV_CHUNK; i < rows.length; i += CSV_CHUNK) {
        await slice.pause();
        parts.push(toCsv(rows.slice(i, i + CSV_CHUNK).map(cells)));
      }
      return parts.join('\r\n');
    },

    /**
     * Terminates every session matching the filter now (at most TERMINATE_MAX); returns how many
     * were ended. Audited as one entry, with the filter's terms.
     */
    async terminateMatching(filter: LiveSessionFilter, actor: Actor): Promise<number> {
      const handles = await repo.matchingHandles(filter, TERMINATE_MAX);
      return terminate(handles, actor, filter.terms.map((t) => t.text).join(' '));
    },

    terminate: (handles: string[], actor: Actor) => terminate(handles, actor),
  };

  /** Terminates sessions by handle; returns how many were still live. */
  async function terminate(handles: string[], actor: Actor, filter?: string): Promise<number> {
    const wanted = [...new Set(handles)];
    const named = new Map((await repo.describeLive(wanted)).map((r) => [r.handle, r]));
    const ended: string[] = [];
    // `endConcurrency` ends at a time (on PostgreSQL their round trips overlap), and a turn of the
    // event loop every slice: on SQLite each end is a synchronous transaction, run one at a time.
    const slice = sliceClock();
    let next = 0;
    let failure: Error | undefined;
    const worker = async () => {
      while (next < wanted.length && failure === undefined) {
        const h = wanted[next++]!;
        try {
          if (await manager.end(h, 'terminated')) ended.push(h);
        } catch (err) {
          failure ??= err instanceof Error ? err : new Error(String(err)); // the others stop after their current end
        }
        await slice.pause();
      }
    };
    await Promise.all(Array.from({ length: Math.min(endConcurrency, wanted.length) }, worker));
    // What was ended is audited even when an end failed half-way (then the error goes on).
    if (ended.length > 0) {
      const names = ended.slice(0, AUDIT_NAMED_SESSIONS).map((h) => {
        const r = named.get(h);
        return r ? describe(r) : `session ${h}`;
      });
      await audit.record(
        actor,
        'session.terminate',
        ended.length === 1 ? names[0]! : `${ended.length} sessions`,
        null,
        {
          terminated: ended.length,
          sessions: names,
          ...(ended.length > names.length ? { notListed: ended.length - names.length } : {}),
          ...(filter !== undefined ? { filter } : {}),
          ...(failure !== undefined ? { stoppedByError: true } : {}),
        },
      );
    }
    logger.info(
      { actor: actor.username, requested: handles.length, terminated: ended.length, filter },
      'sessions terminated by administrator',
    );
    if (failure !== undefined) throw failure;
    return ended.length;
  }
}
export type SessionsService = ReturnType<typeof createSessionsService>;

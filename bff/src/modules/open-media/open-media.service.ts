import { randomBytes } from 'node:crypto';
import type {
  AddOpenMediaRequest,
  AddOpenMediaResult,
  CancelOpenMediaRequest,
  DivertOpenMediaRequest,
  DivertOpenMediaResult,
  ModifyOpenMediaRequest,
  OpenMediaHistory,
  OpenMediaOptions,
  OpenMediaRequestList,
  OpenMediaServiceGroupList,
} from '@oig/shared';
import type { Logger } from 'pino';
import { AppError, fieldProblem } from '../../http/app-error.js';
import type { Actor, AuditService } from '../audit/index.js';
import type { MiccLookup, MiccTarget } from '../network-elements/index.js';
import { isOpenMediaError, openMediaError } from './errors.js';
import type { OpenMediaFeed } from './feed.js';
import type { OpenMediaOperations } from './operations.js';

const OPTIONS_TARGET = 'Open Media options';

/**
 * MiContact Center Open Media for the console: the MiCC's service groups and requests (support
 * and administrators), and the actions on requests (administrators; each audited with what was
 * done). The MiCC element is read at every call, so an edit of it applies at once.
 */
export function createOpenMediaService(deps: {
  micc: MiccLookup;
  ops: OpenMediaOperations;
  feed: OpenMediaFeed;
  audit: AuditService;
  logger: Logger;
  now: () => number;
}) {
  const { micc, ops, feed, audit, logger } = deps;

  const target = async (): Promise<MiccTarget> => {
    const t = await micc.miccTarget();
    if (!t) throw openMediaError('micc_not_configured');
    return t;
  };

  /** Runs a call about one request; a MiCC that no longer knows a request the list holds live restarted. */
  const about = async <T>(t: MiccTarget, openMediaId: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      if (isOpenMediaError(err) && err.reason === 'request_not_found') feed.forgotten(t, openMediaId);
      throw err;
    }
  };

  /** After a change, the next list must show it; a failed poll is the list's problem, not the action's. */
  const refresh = async (t: MiccTarget): Promise<void> => {
    try {
      await feed.refresh(t);
    } catch (err) {
      logger.warn({ err }, 'Open Media list could not be refreshed after an action');
    }
  };

  /**
   * The list as JSON text, made once per state of the list (5,000 requests are about 1 MB of
   * text) and tagged with a version: every read between two changes sends the same text.
   */
  let memo: { list: OpenMediaRequestList; json: string; etag: string } | undefined;
  let version = 0;
  // A tag names one list of one process: another process, or this one after a restart, counts
  // from 1 again, so a browser's If-None-Match from elsewhere must never match by chance.
  const boot = randomBytes(6).toString('base64url');

  return {
    async requestsJson(): Promise<{ json: string; etag: string }> {
      const list = await feed.read(await target());
      const m = memo;
      if (
        !m ||
        m.list.requests !== list.requests ||
        m.list.asOf !== list.asOf ||
        m.list.problem !== list.problem
      ) {
        version += 1;
        memo = { list, json: JSON.stringify(list), etag: `W/"om-${boot}-${version}"` };
      }
      return memo!;
    },

    async serviceGroups(tenantId: number): Promise<OpenMediaServiceGroupList> {
      const groups = await ops.serviceGroups(await target(), tenantId);
      return { tenantId, groups: groups.sort((a, b) => a.serviceGroupId - b.serviceGroupId) };
    },

    async history(openMediaId: string): Promise<OpenMediaHistory> {
      const t = await target();
      const a = await about(t, openMediaId, () => ops.history(t, openMediaId));
      const events = [...a.events]
        .sort((x, y) => x.stamp - y.stamp)
        .map(({ openMediaId: _id, stamp: _s, ewt: _e, ...event }) => event);
      return { openMediaId, events, asOf: a.timeStamp };
    },

    async add(input: AddOpenMediaRequest, actor: Actor): Promise<AddOpenMediaResult> {
      if (input.queueStartTime !== undefined && Date.parse(input.queueStartTime) > deps.now()) {
        const m = 'Queue start time must be in the past';
        throw new AppError(
          'validation_failed',
          'queue_start_in_future',
          `Open Media request is invalid: queueStartTime: ${m}`,
          { fields: { queueStartTime: fieldProblem('queue_start_in_future', m) } },
        );
      }
      const t = await target();
      const result = await ops.add(t, input);
      await audit.record(actor, 'open-media.request.add', result.openMediaId, undefined, { ...input });
      logger.info({ actor: actor.username, openMediaId: result.openMediaId }, 'Open Media request added');
      await refresh(t);
      return result;
    },

    async cancel(openMediaId: string, input: CancelOpenMediaRequest, actor: Actor): Promise<void> {
      const t = await target();
      await about(t, openMediaId, () => ops.cancel(t, openMediaId, input));
      await audit.record(actor, 'open-media.request.cancel', openMediaId, undefined, { ...input });
      logger.info({ actor: actor.username, openMediaId }, 'Open Media request cancelled');
      await refresh(t);
    },

    async divert(
      openMediaId: string,
      input: DivertOpenMediaRequest,
      actor: Actor,
    ): Promise<DivertOpenMediaResult> {
      const t = await target();
      const result = await about(t, openMediaId, () => ops.divert(t, openMediaId, input));
      await audit.record(actor, 'open-media.request.divert', openMediaId, undefined, { ...input });
      logger.info({ actor: actor.username, openMediaId }, 'Open Media request diverted');
      await refresh(t);
      return result;
    },

    async modify(openMediaId: string, input: ModifyOpenMediaRequest, actor: Actor): Promise<void> {
      const t = await target();
      await about(t, openMediaId, () => ops.modify(t, openMediaId, input));
      await audit.record(actor, 'open-media.request.modify', openMediaId, undefined, { ...input });
      logger.info({ actor: actor.username, openMediaId }, 'Open Media request modified');
      await refresh(t);
    },

    async setOptions(input: OpenMediaOptions, actor: Actor): Promise<void> {
      await ops.setOptions(await target(), input);
      await audit.record(actor, 'open-media.options.set', OPTIONS_TARGET, undefined, { ...input });
      logger.info({ actor: actor.username }, 'Open Media options set');
    },
  };
}
export type OpenMediaService = ReturnType<typeof createOpenMediaService>;

/**
 * The heavy-work harness (issue 14, item 1): the product runs in one child process (target.ts), 20
 * SOAP applications keep their sessions alive from another (keepers.ts), and a driver — the
 * behaviour test `src/__tests__/heavy-work.test.ts` or the benchmark's phase `bench/heavy-work.ts` —
 * runs each heavy console operation at its largest size over HTTP meanwhile. Shared by both.
 */

/** The SOAP keep-alive window the product runs with here (OIG_SOAP_KEEPALIVE_S). */
export const KEEPALIVE_WINDOW_S = 2;

/**
 * The environment variable naming the built console (web/dist) the product's process serves; without
 * it, the API alone (a non-existent folder).
 */
export const WEB_DIST_ENV = 'HEAVY_WORK_WEB_DIST';

/** Commands to the product's process. */
export type TargetCommand =
  /** Longest event-loop stall of the product's main thread between `start` and `stop`. */
  | { op: 'lag'; action: 'start' | 'stop' }
  /**
   * Fills the database (not measured): `rows` rows of `what`, directly; live sessions by real REST
   * logins of the keepers' application (its account must exist).
   */
  | { op: 'seed'; what: 'userList' | 'history' | 'liveSessions' | 'refused'; rows: number; month?: string }
  | { op: 'stop' };

/** Commands to the keepers' process. */
export type KeepersCommand =
  | {
      op: 'start';
      url: string;
      sessions: number;
      intervalMs: number;
      /** A keep-alive not answered within this is a miss (the application would give the session up). */
      deadlineMs: number;
      app: {
        companyName: string;
        applicationName: string;
        applicationPassword: string;
        localPassword: string;
      };
    }
  | { op: 'stop' };

export interface KeepersReport {
  sessions: number;
  /** Keep-alives answered `result="true"` within the deadline. */
  ok: number;
  /** Keep-alives unanswered within the deadline, refused, or failed — with the first few reasons. */
  missed: number;
  reasons: string[];
  /** Sessions whose last keep-alive, sent after the operation ended, was answered true. */
  aliveAtEnd: number;
  /** Keep-alive round trips (ms), for percentiles. */
  latenciesMs: number[];
}

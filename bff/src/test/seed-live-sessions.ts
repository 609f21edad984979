/**
 * Live application sessions at scale for benchmarks and harnesses: real logins through the session
 * manager (licenses counted, rows written as the product writes them), many at a time. The
 * applications must be in the ACL with an account (local password) and licensed for their share;
 * each session then lives for its protocol's keep-alive period (OIG_REST_KEEPALIVE_S,
 * OIG_SOAP_KEEPALIVE_S) unless kept alive.
 */
import type { SessionProtocol } from '@oig/shared';
import type { AppContext } from '../context.js';

export interface SeedApplication {
  companyName: string;
  applicationName: string;
  applicationPassword: string;
  localPassword: string;
}

export interface SeedLiveSessionsOptions {
  /** Sessions to create. */
  n: number;
  /** Logins under way at once (default 20). */
  concurrency?: number;
  /** Applications logged in as, in turn (session i uses apps[i % apps.length]). */
  apps: readonly SeedApplication[];
  /** Protocols, in turn (default REST only: its keep-alive period is the long one). */
  protocols?: readonly SessionProtocol[];
  /** Client address of session i (default 10.a.b.c spelled from i, so addresses differ). */
  address?: (i: number) => string;
}

export interface SeededLiveSessions {
  /** Session ids (bearer credentials) of the sessions created, in no particular order. */
  ids: string[];
  /** Logins refused, with the first few reasons. */
  failures: number;
  reasons: string[];
  ms: number;
}

const spreadAddress = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

export async function seedLiveSessions(
  ctx: Pick<AppContext, 'manager'>,
  opts: SeedLiveSessionsOptions,
): Promise<SeededLiveSessions> {
  const { n, apps } = opts;
  if (apps.length === 0) throw new Error('seedLiveSessions: no applications');
  const protocols = opts.protocols ?? ['rest'];
  const address = opts.address ?? spreadAddress;
  const ids: string[] = [];
  const reasons: string[] = [];
  let failures = 0;
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const app = apps[i % apps.length]!;
      const r = await ctx.manager.login({
        protocol: protocols[i % protocols.length]!,
        companyName: app.companyName,
        applicationName: app.applicationName,
        applicationPassword: app.applicationPassword,
        localPassword: app.localPassword,
        clientAddress: address(i),
      });
      if (r.ok) ids.push(r.sessionId);
      else {
        failures++;
        if (reasons.length < 5) reasons.push(JSON.stringify(r));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 20) }, worker));
  return { ids, failures, reasons, ms: performance.now() - t0 };
}

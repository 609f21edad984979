import { randomBytes, randomUUID } from 'node:crypto';
import type { UsageCounter } from '@oig/shared';
import { sql } from 'kysely';
import type { Harness } from '../../../test/harness.js';

/** Usage tests: sessions written straight into the tables, with exact times. */
export interface AppName {
  companyName: string;
  applicationName: string;
}

export const GOOGLE: AppName = { companyName: 'Mitel', applicationName: 'MiVoice Integration for Google' };
export const SALESFORCE: AppName = {
  companyName: 'Mitel',
  applicationName: 'MiVoice Integration for Salesforce',
};
export const ACME: AppName = { companyName: 'Acme', applicationName: 'Call Recorder' };

/** What countersFor gives each kind of session. */
export const C = {
  google: ['google', 'miVoiceIntegration', 'standardCallControl'] as UsageCounter[],
  salesforceAdvanced: ['advancedCallControl', 'miVoiceIntegration', 'salesforce'] as UsageCounter[],
  salesforceStandard: ['miVoiceIntegration', 'salesforce', 'standardCallControl'] as UsageCounter[],
  rest: ['dataAccess'] as UsageCounter[],
  thirdParty: [] as UsageCounter[],
};

export interface SessionSpec {
  app: AppName;
  counters: UsageCounter[];
  start: string;
  /** null: still live (app_sessions, licenses taken in license_usage). */
  end: string | null;
}

const base = (s: SessionSpec) => {
  const start = Date.parse(s.start);
  if (Number.isNaN(start) || (s.end !== null && Number.isNaN(Date.parse(s.end))))
    throw new Error(`bad time in ${JSON.stringify(s)}`);
  return {
    handle: randomUUID(),
    token_last4: String(1000 + Math.floor(Math.random() * 9000)),
    company_name: s.app.companyName,
    application_name: s.app.applicationName,
    service_type: 'standard' as const,
    protocol: s.counters.includes('dataAccess') ? ('rest' as const) : ('soap' as const),
    client_address: '192.0.2.7',
    created_at: start,
    last_activity_at: start,
    licenses: JSON.stringify(s.counters),
  };
};

export async function addSessions(h: Harness, specs: SessionSpec[]): Promise<void> {
  const db = h.ctx.db.db;
  for (const s of specs) {
    if (s.end === null) {
      await db
        .insertInto('app_sessions')
        .values({
          ...base(s),
          token_hash: randomBytes(16).toString('hex'),
          keepalive_ms: 600_000,
          challenge: null,
          challenge_expires_at: null,
          certificate_pem: null,
        })
        .execute();
      for (const c of s.counters)
        await db
          .updateTable('license_usage')
          .set({ used: sql`used + 1` })
          .where('license_type', '=', c)
          .execute();
    } else {
      await db
        .insertInto('session_history')
        .values({ ...base(s), ended_at: Date.parse(s.end), end_reason: 'logout' })
        .execute();
    }
  }
}

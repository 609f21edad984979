import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { RefusedLoginRecorder, type Refusal } from '../refused-logins.js';
import type { RefusedLoginRow } from '../refused-logins.repo.js';

const refusal = (n: number, reason: Refusal['reason'] = 'bad_local_password'): Refusal => ({
  protocol: 'rest',
  companyName: 'Acme',
  applicationName: `App ${n}`,
  clientAddress: '192.0.2.7',
  reason,
});

/** A table in memory that can be told to fail its next insert. */
function table() {
  const rows: RefusedLoginRow[] = [];
  let failNext = false;
  return {
    rows,
    failOnce: () => (failNext = true),
    repo: {
      insert: async (batch: readonly RefusedLoginRow[]) => {
        if (failNext) {
          failNext = false;
          throw new Error('database is down');
        }
        rows.push(...batch.map((r) => ({ ...r })));
      },
    },
  };
}

function logCapture() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'warn' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { lines, logger };
}

describe('RefusedLoginRecorder', () => {
  it('writes identical refusals of one period as one row with their count, first and last time', async () => {
    let now = 1_000;
    const t = table();
    const r = new RefusedLoginRecorder({ repo: t.repo, now: () => now, logger: logCapture().logger });
    for (let i = 0; i < 5; i++) {
      r.record(refusal(1));
      now += 10;
    }
    r.record(refusal(2));
    await r.flush();
    expect(t.rows.map((x) => [x.application_name, x.attempts, x.at, x.last_at])).toEqual([
      ['App 1', 5, 1_000, 1_040],
      ['App 2', 1, 1_050, 1_050],
    ]);
    await r.flush();
    expect(t.rows).toHaveLength(2);
  });

  it('holds at most bufferMax distinct refusals; the rest are counted and logged as not recorded', async () => {
    const t = table();
    const log = logCapture();
    const r = new RefusedLoginRecorder({ repo: t.repo, now: () => 1, logger: log.logger, bufferMax: 3 });
    for (let i = 0; i < 10; i++) r.record(refusal(i));
    r.record(refusal(0)); // already held: counted on its row
    await r.flush();
    expect(t.rows.map((x) => [x.application_name, x.attempts])).toEqual([
      ['App 0', 2],
      ['App 1', 1],
      ['App 2', 1],
    ]);
    expect(log.lines).toEqual([
      expect.objectContaining({ dropped: 7, bufferMax: 3, msg: expect.stringMatching(/not recorded/) }),
    ]);
  });

  it('puts a failed batch back in front of what came meanwhile, and writes it next time', async () => {
    const t = table();
    const r = new RefusedLoginRecorder({ repo: t.repo, now: () => 1, logger: logCapture().logger });
    r.record(refusal(1));
    t.failOnce();
    await expect(r.flush()).rejects.toThrow('database is down');
    r.record(refusal(1));
    r.record(refusal(2));
    await r.flush();
    expect(t.rows.map((x) => [x.application_name, x.attempts])).toEqual([
      ['App 1', 2],
      ['App 2', 1],
    ]);
  });

  it('cuts names, address and detail to their bounds', async () => {
    const t = table();
    const r = new RefusedLoginRecorder({ repo: t.repo, now: () => 1, logger: logCapture().logger });
    r.record({
      ...refusal(1, 'missing_parameter'),
      companyName: 'c'.repeat(500),
      applicationName: 'a'.repeat(500),
      clientAddress: 'f'.repeat(500),
      detail: 'd'.repeat(500),
    });
    await r.flush();
    const [row] = t.rows;
    expect([row!.company_name.length, row!.application_name.length, row!.client_address.length]).toEqual([
      128, 128, 64,
    ]);
    expect(row!.detail).toHaveLength(200);
  });
});

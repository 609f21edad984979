import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  REFUSED_PER_ADDRESS_MAX,
  REFUSED_WRITE_TRIES,
  RefusedLoginRecorder,
  type Refusal,
} from '../refused-logins.js';
import { REFUSED_FOLDED_NAME, type RefusedLoginRow } from '../refused-logins.repo.js';

const refusal = (n: number, reason: Refusal['reason'] = 'bad_local_password'): Refusal => ({
  protocol: 'rest',
  companyName: 'Acme',
  applicationName: `App ${n}`,
  clientAddress: '192.0.2.7',
  reason,
});

/**
 * A table in memory that can be told to fail its next insert, to be down, to hold its inserts until
 * released, and that refuses (as PostgreSQL a NUL: SQLSTATE 22021) a row whose application is 'Bad'.
 */
function table() {
  const rows: RefusedLoginRow[] = [];
  let failNext = false;
  let gate: Promise<void> | undefined;
  const t = {
    rows,
    inserts: 0,
    down: false,
    failOnce: () => (failNext = true),
    /** Inserts wait until the returned function is called. */
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = undefined;
        release();
      };
    },
    repo: {
      insert: async (batch: readonly RefusedLoginRow[]) => {
        t.inserts += 1;
        if (gate) await gate;
        if (failNext || t.down) {
          failNext = false;
          throw new Error('database is down');
        }
        if (batch.some((r) => r.application_name === 'Bad'))
          throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
            code: '22021',
          });
        rows.push(...batch.map((r) => ({ ...r })));
      },
    },
  };
  return t;
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

  it('replaces NUL and the other control characters in every text it keeps', async () => {
    const t = table();
    const r = new RefusedLoginRecorder({ repo: t.repo, now: () => 1, logger: logCapture().logger });
    r.record({
      ...refusal(1, 'unsupported_version'),
      companyName: 'Ac\u0000me',
      applicationName: 'A\u0001p\tp\u007f',
      clientAddress: '192.0.2.7\r\n',
      detail: '9\u001b.9',
    });
    await r.flush();
    expect(t.rows.map((x) => [x.company_name, x.application_name, x.client_address, x.detail])).toEqual([
      ['Ac\uFFFDme', 'A\uFFFDp\uFFFDp\uFFFD', '192.0.2.7\uFFFD\uFFFD', '9\uFFFD.9'],
    ]);
  });

  it('a row the database refuses is dropped and counted; the rest of its batch and later ones are written', async () => {
    const t = table();
    const log = logCapture();
    const r = new RefusedLoginRecorder({ repo: t.repo, now: () => 1, logger: log.logger });
    r.record(refusal(1));
    r.record({ ...refusal(1), applicationName: 'Bad' });
    r.record(refusal(2));
    await r.flush();
    expect(t.rows.map((x) => x.application_name)).toEqual(['App 1', 'App 2']);
    expect(log.lines).toEqual([
      expect.objectContaining({ dropped: 1, msg: expect.stringMatching(/database refused these rows/) }),
    ]);
    r.record(refusal(3));
    await r.flush();
    expect(t.rows.map((x) => x.application_name)).toEqual(['App 1', 'App 2', 'App 3']);
  });

  it('a batch that keeps failing is dropped after REFUSED_WRITE_TRIES writes, counted; later ones are written', async () => {
    const t = table();
    const log = logCapture();
    const r = new RefusedLoginRecorder({ repo: t.repo, now: () => 1, logger: log.logger });
    t.down = true;
    r.record(refusal(1));
    r.record(refusal(1));
    for (let i = 0; i < REFUSED_WRITE_TRIES; i++) await expect(r.flush()).rejects.toThrow('database is down');
    expect(log.lines).toEqual([
      expect.objectContaining({ dropped: 2, msg: expect.stringMatching(/failed too many times/) }),
    ]);
    const tried = t.inserts;
    await r.flush();
    expect(t.inserts).toBe(tried);
    t.down = false;
    r.record(refusal(2));
    await r.flush();
    expect(t.rows.map((x) => x.application_name)).toEqual(['App 2']);
  });

  it('stop writes refusals recorded while a write was under way', async () => {
    const t = table();
    const r = new RefusedLoginRecorder({ repo: t.repo, now: () => 1, logger: logCapture().logger });
    r.record(refusal(1));
    const release = t.hold();
    const first = r.flush();
    r.record(refusal(2));
    const stopped = r.stop();
    release();
    await first;
    await stopped;
    expect(t.rows.map((x) => x.application_name)).toEqual(['App 1', 'App 2']);
  });

  it('stop never throws: with the database down it logs what was not recorded', async () => {
    const t = table();
    const log = logCapture();
    const r = new RefusedLoginRecorder({ repo: t.repo, now: () => 1, logger: log.logger });
    t.down = true;
    r.record(refusal(1));
    r.record(refusal(2));
    r.record(refusal(2));
    await expect(r.stop()).resolves.toBeUndefined();
    expect(log.lines.at(-1)).toEqual(
      expect.objectContaining({
        rows: 2,
        attempts: 3,
        msg: expect.stringMatching(/not recorded at shutdown/),
      }),
    );
  });

  it('folds the refusals of one address past REFUSED_PER_ADDRESS_MAX distinct ones into a row per reason', async () => {
    const t = table();
    const r = new RefusedLoginRecorder({ repo: t.repo, now: () => 1, logger: logCapture().logger });
    for (let i = 0; i < REFUSED_PER_ADDRESS_MAX + 10; i++) r.record(refusal(i));
    r.record(refusal(0)); // already held: counted on its own row
    r.record(refusal(999, 'throttled'));
    r.record({ ...refusal(5), clientAddress: '198.51.100.1' }); // another address: its own row
    await r.flush();
    const folded = t.rows.filter((x) => x.application_name === REFUSED_FOLDED_NAME);
    expect(folded.map((x) => [x.reason, x.attempts, x.company_name, x.client_address])).toEqual([
      ['bad_local_password', 10, '', '192.0.2.7'],
      ['throttled', 1, '', '192.0.2.7'],
    ]);
    expect(t.rows.filter((x) => x.client_address === '192.0.2.7')).toHaveLength(REFUSED_PER_ADDRESS_MAX + 2);
    expect(t.rows.find((x) => x.application_name === 'App 0')!.attempts).toBe(2);
    expect(t.rows.filter((x) => x.client_address === '198.51.100.1').map((x) => x.application_name)).toEqual([
      'App 5',
    ]);
    // The next write period starts afresh.
    r.record(refusal(70));
    await r.flush();
    expect(t.rows.at(-1)!.application_name).toBe('App 70');
  });

  it('starts the retention prune after every pruneEveryRows rows written, one at a time', async () => {
    const t = table();
    let prunes = 0;
    const r = new RefusedLoginRecorder({
      repo: t.repo,
      now: () => 1,
      logger: logCapture().logger,
      pruneEveryRows: 5,
      prune: async () => void (prunes += 1),
    });
    const batch = async (from: number, n: number) => {
      for (let i = from; i < from + n; i++) r.record({ ...refusal(i), clientAddress: `192.0.2.${i}` });
      await r.flush();
      await r.settled();
    };
    await batch(0, 4);
    expect(prunes).toBe(0);
    await batch(10, 3);
    expect(prunes).toBe(1);
    await batch(20, 2);
    expect(prunes).toBe(1);
    await batch(30, 12);
    expect(prunes).toBe(2);
  });
});

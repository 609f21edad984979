import type { LoggingLevel } from '@oig/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../logger.js';
import {
  DB_KINDS,
  freshDb,
  signIn,
  signInSupport,
  startHarness,
  type Harness,
  type TestDb,
} from '../../../test/harness.js';

type Line = { level: number; msg: string; module?: string; [k: string]: unknown };
const TRACE = 10;
const INFO = 30;

/** A logger as index.ts makes it, writing to an array the test reads. */
function captured(level: LoggingLevel) {
  const lines: Line[] = [];
  const logger = createLogger(level, { write: (s: string) => void lines.push(JSON.parse(s) as Line) });
  /** Lines written from now on. */
  const from = () => {
    const start = lines.length;
    return () => lines.slice(start);
  };
  return { logger, lines, from };
}

/** Waits (bounded) until cond holds; returns whether it did. */
async function until(cond: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
  return cond();
}

describe.each(DB_KINDS)('Options (%s)', (kind) => {
  let db: TestDb;
  let h: Harness;
  let admin: Awaited<ReturnType<typeof signIn>>['agent'];
  let cap: ReturnType<typeof captured>;
  let early: ReturnType<typeof createLogger>;

  beforeAll(async () => {
    db = freshDb(kind);
    cap = captured('info');
    // A module logger made before the context, as the db module's is: it must follow changes too.
    early = cap.logger.child({ module: 'early' });
    h = await startHarness(db, { logger: cap.logger });
    admin = (await signIn(h)).agent;
  });
  afterAll(() => h.dispose());

  it('shows the defaults: level from OIG_LOG_LEVEL, no report address, keep-alive limits read-only; support can read', async () => {
    const res = await admin.get('/api/v1/options').expect(200);
    expect(res.body).toEqual({
      loggingLevel: 'info',
      usageReportEmail: null,
      keepAlive: { soapSeconds: 10, restSeconds: 600 },
    });
    const support = await signInSupport(h, admin);
    expect((await support.agent.get('/api/v1/options').expect(200)).body).toEqual(res.body);
  });

  it('applies a logging level at once to every module logger, including those made before the change', async () => {
    let since = cap.from();
    await signIn(h);
    early.trace('early trace at info');
    expect(since().some((l) => l.module === 'auth' && l.msg === 'console sign-in' && l.level === INFO)).toBe(
      true,
    );
    expect(since().some((l) => l.msg === 'early trace at info')).toBe(false);

    since = cap.from();
    const res = await admin.put('/api/v1/options').send({ loggingLevel: 'trace' }).expect(200);
    expect(res.body.loggingLevel).toBe('trace');
    expect(h.ctx.logger.level).toBe('trace');
    // The audit module's logger was made before the Options service existed.
    expect(
      since().some((l) => l.module === 'audit' && l.level === TRACE && l.msg === 'audit entry written'),
    ).toBe(true);
    early.trace('early trace at trace');
    expect(since().some((l) => l.msg === 'early trace at trace' && l.module === 'early')).toBe(true);

    await admin.put('/api/v1/options').send({ loggingLevel: 'warning' }).expect(200);
    expect(h.ctx.logger.level).toBe('warn');
    since = cap.from();
    early.info('early info at warning');
    early.warn('early warn at warning');
    expect(since().filter((l) => l.level < 40)).toEqual([]);
    expect(since().some((l) => l.msg === 'early warn at warning')).toBe(true);

    await admin.put('/api/v1/options').send({ loggingLevel: 'error' }).expect(200);
    since = cap.from();
    await signIn(h);
    await admin.put('/api/v1/options').send({ usageReportEmail: 'level-check@example.com' }).expect(200);
    early.warn('early warn at error');
    early.error('early error at error');
    // Nothing below error: not the sign-in (info), the audit (trace) nor the early warning.
    expect(since().filter((l) => l.level < 50)).toEqual([]);
    expect(since().some((l) => l.msg === 'early error at error')).toBe(true);

    const entries = await h.ctx.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'options.update')
      .orderBy('at')
      .execute();
    expect(entries.map((e) => JSON.parse(e.after!).loggingLevel)).toEqual([
      'trace',
      'warning',
      'error',
      'error',
    ]);
    expect(JSON.parse(entries[0]!.before!)).toEqual({ loggingLevel: 'info', usageReportEmail: null });
    expect(entries.every((e) => e.actor === 'admin' && e.target === 'Options')).toBe(true);
    await admin.put('/api/v1/options').send({ loggingLevel: 'info', usageReportEmail: null }).expect(200);
  });

  it('sets, trims and clears the usage report address', async () => {
    const set = await admin
      .put('/api/v1/options')
      .send({ usageReportEmail: '  ops.team+oig@example.com ' })
      .expect(200);
    expect(set.body.usageReportEmail).toBe('ops.team+oig@example.com');
    expect((await admin.get('/api/v1/options').expect(200)).body.usageReportEmail).toBe(
      'ops.team+oig@example.com',
    );
    const cleared = await admin.put('/api/v1/options').send({ usageReportEmail: null }).expect(200);
    expect(cleared.body.usageReportEmail).toBeNull();
    expect((await admin.get('/api/v1/options').expect(200)).body.usageReportEmail).toBeNull();
  });

  it('refuses bad values with 400 naming the field and changes nothing (incl. header injection)', async () => {
    await admin.put('/api/v1/options').send({ usageReportEmail: 'keep@example.com' }).expect(200);
    const before = (await admin.get('/api/v1/options').expect(200)).body;
    const levelBefore = h.ctx.logger.level;
    const audits = async () =>
      (
        await h.ctx.db.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'options.update')
          .execute()
      ).length;
    const auditCount = await audits();
    const cases: Array<[unknown, string]> = [
      [{ usageReportEmail: 'a@b.com\r\nBcc: x@y.com' }, 'usageReportEmail'],
      [{ usageReportEmail: 'a@b.com\nBcc: x@y.com' }, 'usageReportEmail'],
      [{ usageReportEmail: 'a@b.com\rBcc:x@y.com' }, 'usageReportEmail'],
      [{ usageReportEmail: '\r\nBcc: x@y.com' }, 'usageReportEmail'],
      [{ usageReportEmail: 'a@b.com%0d%0aBcc:x@y.com' }, 'usageReportEmail'],
      [{ usageReportEmail: 'Ops <ops@example.com>' }, 'usageReportEmail'],
      [{ usageReportEmail: 'ops@example.com, x@y.com' }, 'usageReportEmail'],
      [{ usageReportEmail: '<script>alert(1)</script>@example.com' }, 'usageReportEmail'],
      [{ usageReportEmail: 'not-an-email' }, 'usageReportEmail'],
      [{ usageReportEmail: '' }, 'usageReportEmail'],
      [{ usageReportEmail: `${'a'.repeat(250)}@example.com` }, 'usageReportEmail'],
      [{ usageReportEmail: 42 }, 'usageReportEmail'],
      [{ usageReportEmail: ['ops@example.com'] }, 'usageReportEmail'],
      [{ loggingLevel: 'debug' }, 'loggingLevel'],
      [{ loggingLevel: 'TRACE' }, 'loggingLevel'],
      [{ loggingLevel: 5 }, 'loggingLevel'],
      [{ loggingLevel: 'x'.repeat(10_000) }, 'loggingLevel'],
      [{ keepAlive: { soapSeconds: 1, restSeconds: 1 } }, 'keepAlive'],
      [{ loggingLevel: 'trace', debug: true }, 'debug'],
      [{}, 'Nothing to change'],
      [[], '(body)'],
    ];
    for (const [body, named] of cases) {
      const res = await admin.put('/api/v1/options').send(body as object);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(`${res.body.error.message} ${Object.keys(res.body.error.fields ?? {}).join(' ')}`).toContain(
        named,
      );
    }
    const malformed = await admin
      .put('/api/v1/options')
      .set('Content-Type', 'application/json')
      .send('{"loggingLevel":"trace"');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('bad_request');
    expect((await admin.get('/api/v1/options').expect(200)).body).toEqual(before);
    expect(h.ctx.logger.level).toBe(levelBefore);
    expect(await audits()).toBe(auditCount);
  });

  it('support cannot change options (403), and nothing changes', async () => {
    const support = await signIn(h, 'support1', 'support-password-1');
    await admin.put('/api/v1/options').send({ loggingLevel: 'warning' }).expect(200);
    const before = (await admin.get('/api/v1/options').expect(200)).body;
    const res = await support.agent.put('/api/v1/options').send({ loggingLevel: 'trace' }).expect(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await admin.get('/api/v1/options').expect(200)).body).toEqual(before);
    expect(h.ctx.logger.level).toBe('warn');
  });

  it('persists across a restart, and the saved level wins over OIG_LOG_LEVEL', async () => {
    await admin
      .put('/api/v1/options')
      .send({ loggingLevel: 'trace', usageReportEmail: 'reports@example.com' })
      .expect(200);
    await h.close();
    const next = captured('error');
    h = await startHarness(db, { logger: next.logger, env: { OIG_LOG_LEVEL: 'error' } });
    expect(h.ctx.logger.level).toBe('trace');
    admin = (await signIn(h)).agent;
    expect((await admin.get('/api/v1/options').expect(200)).body).toMatchObject({
      loggingLevel: 'trace',
      usageReportEmail: 'reports@example.com',
    });
    // The module loggers made while starting follow the saved level, not the one they were made with.
    expect(next.lines.some((l) => l.module === 'audit' && l.level === TRACE)).toBe(true);
  });
});

describe('Options: two processes on one PostgreSQL', () => {
  let db: TestDb;
  let one: Harness;
  let two: Harness;
  let twoCap: ReturnType<typeof captured>;
  let twoEarly: ReturnType<typeof createLogger>;

  beforeAll(async () => {
    db = freshDb('postgres');
    one = await startHarness(db, { logger: captured('info').logger });
    twoCap = captured('info');
    twoEarly = twoCap.logger.child({ module: 'early' });
    two = await startHarness(db, { logger: twoCap.logger });
  });
  afterAll(async () => {
    await two.close();
    await one.dispose();
  });

  it('a level saved on one process is applied by the other through the settings notification', async () => {
    const admin = (await signIn(one)).agent;
    expect(two.ctx.logger.level).toBe('info');
    await admin.put('/api/v1/options').send({ loggingLevel: 'trace' }).expect(200);
    expect(await until(() => two.ctx.logger.level === 'trace')).toBe(true);
    expect(twoEarly.isLevelEnabled('trace')).toBe(true);
    const since = twoCap.from();
    await signIn(two);
    expect(since().some((l) => l.module === 'audit' && l.level === TRACE)).toBe(true);

    await admin.put('/api/v1/options').send({ loggingLevel: 'error' }).expect(200);
    expect(await until(() => two.ctx.logger.level === 'error')).toBe(true);
    expect(twoEarly.isLevelEnabled('warn')).toBe(false);
    const twoAdmin = (await signIn(two)).agent;
    expect((await twoAdmin.get('/api/v1/options').expect(200)).body.loggingLevel).toBe('error');
  });
});

import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOG_MODULES, logsPageSchema } from '@oig/shared';
import { linesBackwards, listLogFiles, MAX_LOG_LINE_BYTES } from '../../../lib/log-files.js';
import { createProductLogger } from '../../../logger.js';
import {
  DB_KINDS,
  freshDb,
  signIn,
  signInSupport,
  startHarness,
  type Harness,
} from '../../../test/harness.js';
import { createLogsService, parseLogLine } from '../logs.service.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'oig-logs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function collect(file: string, size: number, chunk: number, left = Infinity) {
  const budget = { left, exhausted: false };
  const out: string[] = [];
  for await (const l of linesBackwards(file, size, budget, chunk)) out.push(l);
  return { out, budget };
}

describe('linesBackwards', () => {
  const lines = ['{"a":1}', 'é€😀 ' + 'x'.repeat(50), '', 'last line', 'ünïcode tail'];
  const file = path.join(tmp, 'backwards.log');
  beforeAll(() => writeFileSync(file, lines.join('\n') + '\n'));

  it('yields every line last first, whatever the chunk size (multi-byte text split across chunks)', async () => {
    const size = readFileSync(file).length;
    const expected = lines.filter((l) => l !== '').reverse();
    for (const chunk of [1, 2, 3, 7, 16, 64, 1 << 16])
      expect((await collect(file, size, chunk)).out).toEqual(expected);
  });

  it('reads only the first `size` bytes (a file still growing), the last piece as a line', async () => {
    const size = readFileSync(file).indexOf('last') + 4;
    expect((await collect(file, size, 5)).out).toEqual(['last', lines[1], '{"a":1}']);
  });

  it('stops when the byte budget is spent and says bytes were left', async () => {
    const size = readFileSync(file).length;
    const { out, budget } = await collect(file, size, 8, 20);
    expect(budget).toEqual({ left: 0, exhausted: true });
    expect(out).toEqual(['ünïcode tail']);
  });

  it('a file shorter than the size it was listed with: only its bytes, never the buffer beyond', async () => {
    const short = path.join(tmp, 'short.log');
    writeFileSync(short, 'a\nbc\n');
    for (const chunk of [3, 64, 1 << 16]) expect((await collect(short, 200, chunk)).out).toEqual(['bc', 'a']);
  });

  it('skips a line longer than MAX_LOG_LINE_BYTES whole (no piece of it), keeps one of exactly that', async () => {
    const file = path.join(tmp, 'long-lines.log');
    const exact = 'e'.repeat(MAX_LOG_LINE_BYTES);
    writeFileSync(
      file,
      ['first', 'x'.repeat(MAX_LOG_LINE_BYTES + 5), 'mid', exact, 'y'.repeat(3 << 20), 'last'].join('\n'),
    );
    const size = readFileSync(file).length;
    for (const chunk of [1000, 1 << 16, 1 << 20, 4 << 20])
      expect((await collect(file, size, chunk)).out, String(chunk)).toEqual(['last', exact, 'mid', 'first']);
    // Ending the file (no line before it).
    writeFileSync(file, 'z'.repeat(MAX_LOG_LINE_BYTES + 1) + '\nonly');
    expect((await collect(file, readFileSync(file).length, 1 << 16)).out).toEqual(['only']);
  });

  it('a file that does not exist yields nothing', async () => {
    expect((await collect(path.join(tmp, 'nope.log'), 100, 8)).out).toEqual([]);
  });
});

describe('parseLogLine', () => {
  it('keeps time, level name, module, msg; the other fields without pid, hostname, service', () => {
    const line = parseLogLine(
      JSON.stringify({
        level: 40,
        time: '2026-01-01T00:00:00.000Z',
        pid: 1,
        hostname: 'h',
        service: 'oig',
        module: 'mail',
        msg: 'm',
        n: 3,
      }),
    );
    expect(line).toEqual({
      time: '2026-01-01T00:00:00.000Z',
      level: 'warning',
      module: 'mail',
      msg: 'm',
      fields: { n: 3 },
    });
    expect(parseLogLine('{"level":30,"time":0}')).toMatchObject({ module: null, msg: '', level: 'info' });
    for (const bad of ['not json', '[1]', '{"level":"x"}', '{"level":35}', 'null'])
      expect(parseLogLine(bad)).toBeUndefined();
  });

  it('skips a line without a usable time (new Date(x).toISOString() would throw)', () => {
    for (const time of [undefined, null, 'yesterday', '', 1e20, -9e15, true, {}, [], '2026-13-45T99:00:00Z'])
      expect(
        parseLogLine(JSON.stringify({ level: 30, time, msg: 'm' })),
        JSON.stringify(time) ?? 'undefined',
      ).toBeUndefined();
    expect(parseLogLine('{"level":30,"time":1767225600000}')!.time).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('lines that are not ours', () => {
  it('are skipped: the valid lines around them are answered, nothing throws', async () => {
    const dir = path.join(tmp, 'malformed');
    mkdirSync(dir);
    const good = (i: number) =>
      JSON.stringify({ level: 30, time: '2026-01-01T00:00:00.000Z', msg: `good ${i}` });
    const bad = [
      '{"level":30,"msg":"no time"}',
      '{"level":50,"time":"not a date","msg":"bad time"}',
      '{"level":40,"time":1e300,"msg":"time out of range"}',
      '{"level":30,"time":"2026-01-01T00:00:00.000Z","msg":"cut in the mid',
      '42',
      '"a string"',
      '[{"level":30}]',
      'true',
      '\u0000\u00ff garbage \ufffd',
      `{"level":30,"time":"2026-01-01T00:00:00.000Z","msg":"huge","pad":"${'h'.repeat(MAX_LOG_LINE_BYTES + 10)}"}`,
    ];
    writeFileSync(path.join(dir, 'oig.1.log'), [good(1), ...bad, good(2), ...bad, ''].join('\n'));
    // And bytes that are not UTF-8.
    appendFileSync(path.join(dir, 'oig.1.log'), Buffer.from([0xff, 0xfe, 0x0a, 0xc3, 0x0a]));
    appendFileSync(path.join(dir, 'oig.1.log'), good(3) + '\n');
    const service = createLogsService({ dir });
    const page = await service.list({ limit: 1000 });
    expect(page.lines.map((l) => l.msg)).toEqual(['good 3', 'good 2', 'good 1']);
    expect(page.truncated).toBe(false);
    for (const level of ['warning', 'error'] as const)
      expect((await service.list({ limit: 1000, level })).lines).toEqual([]);
    for (const q of ['no time', 'bad time', 'huge', 'garbage', 'cut in'])
      expect((await service.list({ limit: 1000, q })).lines, q).toEqual([]);
  });
});

describe('rotation and retention (pino-roll)', () => {
  it('keeps at most OIG_LOG_FILES files of about OIG_LOG_FILE_MAX_MB each, counting earlier runs', async () => {
    const dir = path.join(tmp, 'rotation');
    const cfg = { dir, fileMaxBytes: 4 * 1024, files: 3 };
    for (let run = 0; run < 2; run++) {
      const { logger, flush } = await createProductLogger('info', cfg, { stdout: false });
      for (let i = 0; i < 400; i++) {
        logger.info({ run, i, pad: 'p'.repeat(100) }, 'line');
        if (i % 20 === 19) await new Promise((r) => setTimeout(r, 5)); // let each write finish and roll
      }
      flush();
      await new Promise((r) => setTimeout(r, 50));
    }
    const files = await listLogFiles(dir);
    expect(files.length).toBeLessThanOrEqual(3);
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files[0]!.number).toBeGreaterThan(files[files.length - 1]!.number);
    // A file grows past the limit by at most what sonic-boom had buffered then (here ≤ 20 lines).
    for (const f of files) expect(f.size).toBeLessThan(4 * 1024 + 20 * 300);
    // The newest line is the last one written.
    const page = await createLogsService({ dir }).list({ limit: 1 });
    expect(page.lines[0]!.fields).toMatchObject({ run: 1, i: 399 });
  });
});

describe('download', () => {
  it('sends every file oldest first, even one a rotation deletes once the download has begun', async () => {
    const dir = path.join(tmp, 'download');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'oig.7.log'), 'old\n');
    writeFileSync(path.join(dir, 'oig.12.log'), 'new\n');
    writeFileSync(path.join(dir, 'other.log'), 'not ours\n');
    const stream = await createLogsService({ dir }).download();
    unlinkSync(path.join(dir, 'oig.7.log'));
    const parts: Buffer[] = [];
    for await (const c of stream) parts.push(c as Buffer);
    expect(Buffer.concat(parts).toString('utf8')).toBe('old\nnew\n');
  });
});

describe.each(DB_KINDS)('GET /api/v1/logs (%s)', (kind) => {
  let h: Harness;
  let flush: () => void;
  beforeAll(async () => {
    const db = freshDb(kind);
    const product = await createProductLogger(
      'trace',
      { dir: path.join(db.dataDir, 'logs'), fileMaxBytes: 1024 * 1024, files: 3 },
      { stdout: false },
    );
    flush = product.flush;
    h = await startHarness(db, { logger: product.logger, context: { logScanBytes: 64 * 1024 } });
  });
  afterAll(() => h.dispose());
  afterEach(() => flush());

  it('answers the lines the product wrote, newest first, with their module; both roles', async () => {
    const { agent } = await signIn(h);
    await agent
      .post('/api/v1/auth/login')
      .send({ username: 'nobody', password: 'wrong-password-1' })
      .expect(401);
    flush();
    const res = await agent.get('/api/v1/logs').expect(200);
    const page = logsPageSchema.parse(res.body);
    expect(page.truncated).toBe(false);
    expect(page.lines.length).toBeGreaterThan(3);
    // Newest first: the files' lines in reverse order of writing.
    const written = (await listLogFiles(h.config.logFiles.dir))
      .reverse()
      .flatMap((f) => readFileSync(f.path, 'utf8').split('\n').filter(Boolean))
      .map((l) => parseLogLine(l))
      .reverse();
    // (The answer's own request line is written after it.)
    const from = written.findIndex((l) => JSON.stringify(l) === JSON.stringify(page.lines[0]));
    expect(from).toBeGreaterThanOrEqual(0);
    expect(page.lines).toEqual(written.slice(from, from + page.lines.length));
    const failed = page.lines.find((l) => l.msg === 'console sign-in failed')!;
    expect(failed).toMatchObject({ level: 'warning', module: 'auth' });
    expect(failed.fields).toMatchObject({ username: 'nobody', reason: 'unknown_user' });
    // The request log says module "http".
    expect(page.lines.some((l) => l.module === 'http' && l.level === 'debug')).toBe(true);
    for (const l of page.lines) if (l.module) expect(LOG_MODULES).toContain(l.module);

    const support = await signInSupport(h, agent);
    await support.agent.get('/api/v1/logs').query({ module: 'auth' }).expect(200);
  });

  it('filters by lowest level, module and text; limit', async () => {
    const { agent } = await signIn(h);
    flush();
    const warn = logsPageSchema.parse(
      (await agent.get('/api/v1/logs').query({ level: 'warning' }).expect(200)).body,
    );
    expect(warn.lines.length).toBeGreaterThan(0);
    for (const l of warn.lines) expect(['warning', 'error', 'fatal']).toContain(l.level);

    const auth = logsPageSchema.parse(
      (await agent.get('/api/v1/logs').query({ module: 'auth' }).expect(200)).body,
    );
    expect(auth.lines.length).toBeGreaterThan(0);
    for (const l of auth.lines) expect(l.module).toBe('auth');

    const text = logsPageSchema.parse(
      (await agent.get('/api/v1/logs').query({ q: 'NOBODY' }).expect(200)).body,
    );
    expect(text.lines.map((l) => l.msg)).toContain('console sign-in failed');
    for (const l of text.lines) expect(JSON.stringify(l).toLowerCase()).toContain('nobody');

    const one = logsPageSchema.parse((await agent.get('/api/v1/logs').query({ limit: 1 }).expect(200)).body);
    expect(one.lines).toHaveLength(1);
    const none = logsPageSchema.parse(
      (await agent.get('/api/v1/logs').query({ module: 'sessions', q: 'no-such-text-anywhere' }).expect(200))
        .body,
    );
    expect(none.lines).toEqual([]);
  });

  it('reads at most the scan budget, newest first, and says so', async () => {
    const { agent } = await signIn(h);
    // Fill the logs past the test's 64 KiB budget.
    for (let i = 0; i < 300; i++)
      h.ctx.logger.child({ module: 'usage' }).info({ i, pad: 'z'.repeat(300) }, 'filler');
    flush();
    const page = logsPageSchema.parse(
      (await agent.get('/api/v1/logs').query({ q: 'no-such-text-anywhere' }).expect(200)).body,
    );
    expect(page).toEqual({ lines: [], scannedBytes: 64 * 1024, truncated: true });
    const newest = logsPageSchema.parse(
      (await agent.get('/api/v1/logs').query({ module: 'usage', limit: 2 }).expect(200)).body,
    );
    expect(newest.lines.map((l) => l.fields.i)).toEqual([299, 298]);
  });

  it('refuses a bad query naming the field, and stays up', async () => {
    const { agent } = await signIn(h);
    for (const [query, field] of [
      [{ level: 'loud' }, 'level'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '1001' }, 'limit'],
      [{ module: 'Not A Module' }, 'module'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ other: '1' }, 'other'],
    ] as const) {
      const res = await agent.get('/api/v1/logs').query(query).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(Object.keys(res.body.error.fields ?? {}).join() + res.body.error.message).toContain(field);
    }
    await agent.get('/api/v1/logs').expect(200);
    await h.request().get('/api/v1/logs').expect(401);
  });

  it('downloads every retained file, oldest first, as NDJSON', async () => {
    const { agent } = await signIn(h);
    flush();
    const res = await agent
      .get('/api/v1/logs/download')
      .buffer(true)
      .parse((r, cb) => {
        const parts: Buffer[] = [];
        r.on('data', (c: Buffer) => parts.push(c));
        r.on('end', () => cb(null, Buffer.concat(parts).toString('utf8')));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="?oig-logs-.*\.ndjson"?$/);
    const lines = (res.body as string).split('\n').filter(Boolean);
    const files = await listLogFiles(h.config.logFiles.dir);
    const onDisk = files
      .reverse()
      .map((f) => readFileSync(f.path, 'utf8'))
      .join('')
      .split('\n')
      .filter(Boolean);
    // The download request's own log line may come after the files were listed.
    expect(onDisk.slice(0, lines.length)).toEqual(lines);
    expect(lines.length).toBeGreaterThan(300);
    for (const l of lines) expect(parseLogLine(l)).toBeDefined();
  });

  // Last: it leaves lines that are not the product's in its newest file.
  it('a line with a level but no usable time, or not an object, does not break the page', async () => {
    const { agent } = await signIn(h);
    flush();
    const newest = (await listLogFiles(h.config.logFiles.dir))[0]!;
    appendFileSync(
      newest.path,
      [
        '{"level":50,"msg":"no time"}',
        '{"level":50,"time":"never","msg":"bad"}',
        '{"level":50,"time":1e300}',
        '[50]',
      ]
        .map((l) => `${l}\n`)
        .join(''),
    );
    h.ctx.logger.child({ module: 'usage' }).error({ after: true }, 'after the bad lines');
    flush();
    const page = logsPageSchema.parse(
      (await agent.get('/api/v1/logs').query({ level: 'error' }).expect(200)).body,
    );
    expect(page.lines[0]).toMatchObject({ msg: 'after the bad lines', module: 'usage' });
    for (const l of page.lines) expect(['no time', 'bad', '']).not.toContain(l.msg);
  });
});

describe('LOG_MODULES', () => {
  it('names every module a server logger is made for (the console offers exactly these)', async () => {
    const { readdir } = await import('node:fs/promises');
    const root = path.resolve(import.meta.dirname, '../../..');
    const found = new Set<string>();
    for (const entry of await readdir(root, { recursive: true })) {
      const file = String(entry);
      if (
        !file.endsWith('.ts') ||
        file.includes('__tests__') ||
        file.startsWith('micc-sim') ||
        file.startsWith('test')
      )
        continue;
      const text = readFileSync(path.join(root, file), 'utf8');
      for (const m of text.matchAll(/child\(\{\s*module: '([a-z-]+)'/g)) found.add(m[1]!);
    }
    expect(found.size).toBeGreaterThan(15);
    expect([...found].sort()).toEqual([...LOG_MODULES].sort());
  });
});

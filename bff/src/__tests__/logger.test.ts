import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listLogFiles } from '../lib/log-files.js';
import { createProductLogger, REDACTED, stripUrlCredentials } from '../logger.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'oig-logger-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('stripUrlCredentials', () => {
  it('removes everything up to the last @ of each URL, keeps the rest of the text', () => {
    for (const [text, expected] of [
      ['postgres://u:p@ss@host/db', `postgres://${REDACTED}@host/db`],
      [
        'smtp://user:secret@mail:25 then smtp://other@mx',
        `smtp://${REDACTED}@mail:25 then smtp://${REDACTED}@mx`,
      ],
      ['connect "postgres://a:b@h" failed', `connect "postgres://${REDACTED}@h" failed`],
      ['<https://t:o@k@en@api/x>, bob@example.com', `<https://${REDACTED}@api/x>, bob@example.com`],
      [
        'no URL, but bob@example.com and https://host/path',
        'no URL, but bob@example.com and https://host/path',
      ],
      ['https://host/a then mail@example.com', 'https://host/a then mail@example.com'],
      ['https://a:b@', `https://${REDACTED}@`],
      ['', ''],
    ])
      expect(stripUrlCredentials(text!), text).toBe(expected);
  });

  it('gives the same result on text and on its JSON (quotes and escapes end a URL)', () => {
    const text = 'at smtp://user:pa@ss@mail:25\n  stack "postgres://u:p@h/db"\tend@x';
    expect(JSON.parse(stripUrlCredentials(JSON.stringify({ t: text }))).t).toBe(stripUrlCredentials(text));
  });
});

describe('secrets in URLs never reach the log files', () => {
  const PG = 'postgres://u:p@ss@host/db';
  const SMTP = 'smtp://user:secret@mail';
  /** The parts of the two URLs' credentials that must not be written anywhere. */
  const SECRETS = ['u:p@ss', 'p@ss', '@ss@', 'user:secret', 'secret'];

  it('in an error message and stack, logged as the error, as {err}, in nested objects and fields', async () => {
    const dir = path.join(tmp, 'files');
    const { logger, flush } = await createProductLogger(
      'trace',
      { dir, fileMaxBytes: 1024 * 1024, files: 2 },
      { stdout: false },
    );
    const log = logger.child({ module: 'mail' });
    const err = new Error(`connect to ${PG} failed; mail via ${SMTP}`);
    err.stack = `Error: ${PG} ${SMTP}\n    at connect (${PG})\n    at send (${SMTP})`;
    Object.assign(err, { url: PG, detail: { target: SMTP, deeper: { again: [PG] } } });
    const cause = new Error(`cause: ${SMTP}`);
    const withCause = new Error('outer', { cause });

    log.error(err);
    log.error({ err });
    log.error({ err }, 'with a message');
    log.warn(withCause);
    log.info({ config: { database: { url: PG }, list: [{ smtp: SMTP }] } }, 'nested');
    log.info({ a: { b: { c: { d: { e: { f: PG } } } } } }, `message ${SMTP}`);
    log.info('format %s and %s', PG, SMTP);
    logger.child({ target: SMTP }).info('binding');
    flush();
    await new Promise((r) => setTimeout(r, 20));

    const text = (await listLogFiles(dir)).map((f) => readFileSync(f.path, 'utf8')).join('');
    const lines = text.split('\n').filter(Boolean);
    expect(lines).toHaveLength(8);
    for (const l of lines) JSON.parse(l);
    for (const s of SECRETS) expect(text, s).not.toContain(s);
    // What is left says which URL it was.
    expect(text).toContain(`postgres://${REDACTED}@host/db`);
    expect(text).toContain(`smtp://${REDACTED}@mail`);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 50,
      msg: `connect to postgres://${REDACTED}@host/db failed; mail via smtp://${REDACTED}@mail`,
      err: {
        url: `postgres://${REDACTED}@host/db`,
        detail: { deeper: { again: [`postgres://${REDACTED}@host/db`] } },
      },
    });
  });
});

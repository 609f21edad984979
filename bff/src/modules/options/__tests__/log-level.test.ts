import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLogger, setLoggerLevel, trackChildLoggers } from '../../../logger.js';

describe('setLoggerLevel', () => {
  it('plain pino children do not follow their parent (why setLoggerLevel exists)', () => {
    const root = pino({ level: 'info' }, { write: () => undefined });
    const child = root.child({ module: 'm' });
    root.level = 'trace';
    expect(child.level).toBe('info');
  });

  it('reaches children, grandchildren and children made later, for every console level', () => {
    const msgs: string[] = [];
    const root = createLogger('info', { write: (s: string) => void msgs.push(JSON.parse(s).msg as string) });
    const child = root.child({ module: 'm' });
    const grandchild = child.child({ request: 1 });
    setLoggerLevel(root, 'trace');
    const later = grandchild.child({ later: true });
    for (const l of [root, child, grandchild, later]) expect(l.level).toBe('trace');
    grandchild.trace('grandchild trace');
    later.trace('later trace');
    setLoggerLevel(root, 'warning');
    for (const l of [root, child, grandchild, later]) expect(l.level).toBe('warn');
    grandchild.info('hidden');
    setLoggerLevel(root, 'error');
    later.warn('hidden');
    child.error('child error');
    expect(msgs).toEqual(['grandchild trace', 'later trace', 'child error']);
  });

  it('tracks a plain pino logger from trackChildLoggers on, keeping any onChild hook it had', () => {
    const seen: unknown[] = [];
    const root = pino({ level: 'info', onChild: (c) => void seen.push(c) }, { write: () => undefined });
    const before = root.child({ made: 'before' });
    trackChildLoggers(root);
    trackChildLoggers(root);
    const after = root.child({ made: 'after' });
    setLoggerLevel(root, 'error');
    expect(after.level).toBe('error');
    expect(before.level).toBe('info');
    expect(seen).toEqual([before, after]);
  });
});

describe('secrets in log lines', () => {
  it('redacts secret fields at the top and one level down, and credentials in URLs and messages', () => {
    const out: string[] = [];
    const logger = createLogger('trace', { write: (s: string) => void out.push(s) });
    logger.child({ module: 'm' }).info(
      {
        password: 'S1-password',
        sessionId: 'S2-session-id',
        smtpUrl: 'smtp://u:S3-smtp@mail.example.com',
        url: 'postgres://oig:S4-pg@db.example.com/oig',
        body: { newPassword: 'S5-new', privateKey: 'S6-key', csrfToken: 'S7-csrf', keep: 'visible' },
        req: {
          headers: { authorization: 'S8-auth', cookie: 'oig_session=S9-cookie', applicationinfo: 'S10-app' },
        },
      },
      'connecting to smtps://user:S11-msg@mail.example.com:465',
    );
    const err = Object.assign(new Error('request failed'), {
      config: {
        url: 'https://oauth2.example/token',
        headers: { Authorization: 'Bearer S12-bearer' },
        data: 'S13-jwt',
      },
      response: { status: 401, config: { headers: { Authorization: 'Bearer S14-b' }, data: 'S15-d' } },
    });
    logger.warn({ err }, 'google failed');
    const errLine = JSON.parse(out.pop()!) as { err: { config: { url: string } } };
    expect(errLine.err.config.url).toBe('https://oauth2.example/token');
    const text = out.join('') + JSON.stringify(errLine);
    for (let i = 1; i <= 15; i++) expect(text).not.toContain(`S${i}-`);
    const line = JSON.parse(out[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      password: '[redacted]',
      url: 'postgres://[redacted]@db.example.com/oig',
      body: { keep: 'visible', newPassword: '[redacted]' },
      msg: 'connecting to smtps://[redacted]@mail.example.com:465',
      module: 'm',
    });
  });
});

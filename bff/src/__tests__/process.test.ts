import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BFF_DIR = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'oig-proc-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts the real entry point (src/index.ts) as a user would, on a free port. */
function start(env: Record<string, string>): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  url: Promise<string>;
} {
  const child = spawn(process.execPath, ['--conditions=@oig/source', '--import', 'tsx', 'src/index.ts'], {
    cwd: BFF_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      OIG_PORT: '0',
      OIG_DATA_DIR: dataDir,
      OIG_LOG_LEVEL: 'error',
      ...env,
    },
  });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/[^\s/]+)\//.exec(out);
      if (m) resolve(m[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
  url.catch(() => undefined); // a failed start is asserted through the exit code instead
  return { child, output: () => out, url };
}

const exitCode = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

describe('the server process', () => {
  it('prints the URL and the first-run admin password once, stops gracefully on SIGTERM, and keeps sessions across the restart', async () => {
    const first = start({});
    const base = await first.url;
    await expect.poll(() => /password "([^"]+)"/.exec(first.output())?.[1], { timeout: 5_000 }).toBeTruthy();
    const password = /password "([^"]+)"/.exec(first.output())![1]!;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    // Sign in with the printed password, give the demo application a local password, log it in.
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const account = await fetch(`${base}/api/v1/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        companyName: 'Acme',
        applicationName: 'Call Recorder',
        localPassword: 'proc-local-password',
      }),
    });
    expect(account.status).toBe(201);
    const rest = `${base}/mitel/oig/rest/resources/v1/sessions`;
    const session = (await (
      await fetch(`${rest}?applicationName=Call%20Recorder&companyName=Acme`, {
        headers: { Authorization: 'proc-local-password', ApplicationInfo: 'demo-acme-app-password' },
      })
    ).json()) as { sessionId: string };
    expect(session.sessionId).toMatch(/^\d+$/);

    first.child.kill('SIGTERM');
    expect(await exitCode(first.child)).toBe(0);

    // Second start: no new password printed, the application's session is still valid.
    const second = start({});
    const base2 = await second.url;
    expect(second.output()).not.toMatch(/password "/);
    const keepAlive = await fetch(`${base2}/mitel/oig/rest/resources/v1/sessions`, {
      method: 'PUT',
      headers: { Authorization: session.sessionId },
    });
    expect(keepAlive.status).toBe(200);
    second.child.kill('SIGINT');
    expect(await exitCode(second.child)).toBe(0);
  });

  it('says why it cannot use the database, in one line, without a stack trace', async () => {
    const down = start({ DATABASE_URL: 'postgres://oig:sekret-pw@127.0.0.1:1/oig' });
    expect(await exitCode(down.child)).toBe(1);
    expect(down.output()).toContain(
      'OIG failed to start: Cannot connect to PostgreSQL at 127.0.0.1:1: connection refused',
    );
    expect(down.output()).not.toMatch(/\n\s+at /);
    expect(down.output()).not.toContain('sekret-pw');
  });

  it('refuses to start on a bad configuration, naming every problem', async () => {
    const bad = start({
      OIG_PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      OIG_ACL_FILE: '/nonexistent/acl.json',
    });
    const code = await exitCode(bad.child);
    expect(code).toBe(2);
    expect(bad.output()).toContain('OIG_PORT: OIG_PORT must be a number');
    expect(bad.output()).toContain('DATABASE_URL must start with postgres://');
    expect(bad.output()).toMatch(/OIG_ACL_FILE: cannot read \/nonexistent\/acl\.json/);
  });
});

// The release archive (`npm run package`): extracted into an empty folder and started by its
// bin/oig with a clean environment — only PATH to node, HOME, a data folder and a port; no
// checkout, no node_modules beside it, no npm — it answers /readyz, serves the console, a
// browser signs in, and the process holds no connection to anything but this machine.
// Runs in the e2e stage because it needs the built server and console (test:e2e builds them).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const repo = path.resolve(import.meta.dirname, '../..');
const version = (JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { version: string })
  .version;
const PASSWORD = 'release-admin-password';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** The remote ends of the process's own TCP and UDP sockets (from /proc: Linux only). */
function remoteEnds(pid: number): string[] {
  const inodes = new Set(
    readdirSync(`/proc/${pid}/fd`)
      .map((fd) => {
        try {
          return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        } catch {
          return undefined;
        }
      })
      .filter((i): i is string => i !== undefined),
  );
  const ends: string[] = [];
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
    const rows = readFileSync(`/proc/${pid}/net/${table}`, 'utf8').trim().split('\n').slice(1);
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      if (inodes.has(cols[9]!)) ends.push(`${table} ${cols[2]}`);
    }
  }
  return ends;
}

/** A remote end that is no one (listening socket) or this machine (127.0.0.0/8, ::1, v4-mapped). */
function isLocal(end: string): boolean {
  const hex = end.split(' ')[1]!.split(':')[0]!;
  if (/^0+$/.test(hex)) return true;
  if (hex.length === 8) return hex.endsWith('7F');
  return hex === '00000000000000000000000001000000' || /^0000000000000000FFFF0000[0-9A-F]{6}7F$/.test(hex);
}

let dir: string;
let child: ChildProcess | undefined;
let output = '';

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'oig-release-'));
});
test.afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

test('the release archive starts with only Node, serves the console and calls no one', async ({ page }) => {
  test.setTimeout(180_000);
  execFileSync(process.execPath, [path.join(repo, 'scripts/package.mjs'), '--no-build', '--out', dir], {
    stdio: 'pipe',
  });
  const archive = path.join(dir, `oig-${version}.tgz`);
  const place = path.join(dir, 'anywhere');
  mkdirSync(place);
  execFileSync('tar', ['-xzf', archive, '-C', place]);
  const home = path.join(place, `oig-${version}`);
  expect(readdirSync(home).sort()).toEqual(
    ['README.md', 'RELEASE.json', 'bff', 'bin', 'node_modules', 'package.json', 'web'].sort(),
  );
  const readme = readFileSync(path.join(home, 'README.md'), 'utf8');
  expect(readme).toContain('[Service]');
  expect(readme).toContain('OIG_TRUST_PROXY');
  expect(readme).toContain('proxy_pass');
  // Nothing of the checkout's install-time tools or install analytics.
  const modules = readdirSync(path.join(home, 'node_modules'));
  expect(modules).toContain('express');
  expect(modules).not.toContain('@scarf');
  expect(modules).not.toContain('prebuild-install');
  expect(modules).not.toContain('vitest');

  const port = await freePort();
  child = spawn(path.join(home, 'bin/oig'), [], {
    cwd: home,
    env: {
      PATH: path.dirname(process.execPath),
      HOME: path.join(dir, 'home'),
      OIG_DATA_DIR: path.join(dir, 'data'),
      OIG_PORT: String(port),
      OIG_ADMIN_PASSWORD: PASSWORD,
      npm_config_offline: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  await expect
    .poll(
      async () => {
        if (child!.exitCode !== null) throw new Error(`bin/oig exited (${child!.exitCode}):\n${output}`);
        return fetch(`${base}/readyz`).then(
          (r) => r.status,
          () => 0,
        );
      },
      { timeout: 60_000 },
    )
    .toBe(200);

  const index = await fetch(`${base}/`);
  expect(index.status).toBe(200);
  expect(await index.text()).toContain('<title>Mitel Open Integration Gateway</title>');
  expect((await fetch(`${base}/api/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);

  await page.goto(`${base}/login`);
  await page.getByLabel(/user name/i).fill('admin');
  await page.getByLabel(/password/i).fill(PASSWORD);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/overview$/);

  const ends = remoteEnds(child.pid!);
  expect(ends.length).toBeGreaterThan(0); // at least its listening socket: the check sees the process
  expect(ends.filter((end) => !isLocal(end))).toEqual([]);

  // The configuration backup CLI is in the archive: `bin/oig backup` writes an encrypted file.
  const backupFile = path.join(dir, 'config.oigbackup');
  const made = execFileSync(path.join(home, 'bin/oig'), ['backup', '--out', backupFile], {
    cwd: home,
    env: {
      PATH: path.dirname(process.execPath),
      HOME: path.join(dir, 'home'),
      OIG_DATA_DIR: path.join(dir, 'data'),
      OIG_BACKUP_PASSPHRASE: 'release backup passphrase',
    },
    stdio: 'pipe',
  }).toString();
  expect(made).toMatch(/^Backup written to .*config\.oigbackup/);
  expect(readFileSync(backupFile).subarray(0, 10).toString('ascii')).toBe('OIG-BACKUP');
  expect(statSync(backupFile).mode & 0o777).toBe(0o600);
});

test('bin/oig names the Node versions it supports when started with another', () => {
  const home = path.join(dir, 'check');
  mkdirSync(path.join(home, 'bin'), { recursive: true });
  cpSync(path.join(repo, 'scripts/release/oig.cjs'), path.join(home, 'bin/oig'));
  const here = `${process.platform}-${process.arch}`;
  const release = {
    node: '20.0.0',
    nodeAbi: '0',
    platform: process.platform,
    arch: process.arch,
    engines: '^99.0.0',
  };
  const run = (r: object) => {
    writeFileSync(path.join(home, 'RELEASE.json'), JSON.stringify(r));
    try {
      execFileSync(process.execPath, [path.join(home, 'bin/oig')], { stdio: 'pipe' });
      return '';
    } catch (e) {
      return String((e as { stderr: Buffer }).stderr);
    }
  };
  expect(run({ ...release, nodeSupported: [{ major: 99, minor: 0 }] })).toContain(
    `oig: Node ${process.versions.node} is not supported. Supported: Node 99.0+ (^99.0.0).`,
  );
  const major = Number(process.versions.node.split('.')[0]);
  expect(run({ ...release, nodeSupported: [{ major, minor: 0 }] })).toContain(
    `this archive was built for ${here} with Node 20.0.0 (ABI 0)`,
  );
});

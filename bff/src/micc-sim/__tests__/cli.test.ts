/**
 * `npm run micc-sim`'s command line, spawned as the root script runs it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../../..');
const CLI = 'bff/src/micc-sim/cli.ts';

function spawnCli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--conditions=@oig/source', '--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  return { code, stdout, stderr };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'micc-sim-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('micc-sim CLI', () => {
  it('starts with a config file, serves the WSDL and the state, and stops on SIGTERM', async () => {
    const config = join(dir, 'model.json');
    await writeFile(
      config,
      JSON.stringify({
        serviceGroups: [{ id: 10, name: 'Chat' }],
        agents: [{ id: 20, logonId: 'a20', serviceGroups: [10] }],
        pace: { answerAfterMs: 100, handleMs: 200 },
      }),
    );
    const port = await freePort();
    const child = spawnCli([
      '--port',
      String(port),
      '--config',
      config,
      '--auth',
      'admin:pw',
      '--data-expiration',
      '5',
    ]);
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', done));
    try {
      await expect.poll(() => stdout, { timeout: 15_000 }).toContain('listening at');
      expect(stdout).toContain(`http://127.0.0.1:${port}/OpenMediaService`);
      expect(stdout).toContain(
        '1 groups, 1 agents; answer after 100 ms, handle 200 ms; data expiration 5 min',
      );
      expect(stdout).toContain('group 10 "Chat": open');
      const wsdl = await fetch(`http://127.0.0.1:${port}/OpenMediaService?wsdl`);
      expect(await wsdl.text()).toContain('<wsdl:service name="OpenMediaService">');
      const state = await (await fetch(`http://127.0.0.1:${port}/control/state`)).json();
      expect(state.groups.map((g: any) => g.name)).toEqual(['Chat']);
      expect(state.dataExpirationMinutes).toBe(5);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toContain('SIGTERM, stopping');
  });

  it('exits 2 naming the problem for a bad config file or option', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ serviceGroups: [{ id: 1, name: 'A name longer than twenty' }] }));
    const invalid = await run(['--port', '0', '--config', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain(
      `${bad} is not a valid model: serviceGroups.0.name: a service group name is at most 20`,
    );

    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "serviceGroups": [');
    const notJson = await run(['--config', broken]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain(`${broken} is not valid JSON`);

    const missing = await run(['--config', join(dir, 'missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*missing\.json \(ENOENT\)/);

    const option = await run(['--colour']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--colour'");
    const auth = await run(['--auth', 'nopassword']);
    expect(auth.code).toBe(2);
    expect(auth.stderr).toContain('--auth takes <logonId>:<password>');
  });
});

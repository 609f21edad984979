import { ConfigError, loadConfig } from './config.js';
import { createContext } from './context.js';
import { DatabaseStartError } from './db/start-error.js';
import { createProductLogger } from './logger.js';
import { startServer } from './server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  // stdout and the rotating files under OIG_LOG_DIR; the process's own lines say module "server".
  const logs = await createProductLogger(config.logLevel, config.logFiles);
  const ctx = await createContext(config, logs.logger);
  const logger = logs.logger.child({ module: 'server' });
  const admin = await ctx.auth.ensureFirstAdministrator(config.adminPassword);
  const running = await startServer(ctx);

  const lines = [
    `Mitel OIG Admin Console is running at ${running.url}/`,
    `Database: ${config.database.kind === 'sqlite' ? config.database.file : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (admin?.generatedPassword) {
    lines.push(
      `First-run administrator: user "${admin.username}", password "${admin.generatedPassword}"`,
      'Keep it safe: this password is not shown again.',
    );
  } else if (admin) {
    lines.push(`First-run administrator: user "${admin.username}", password from OIG_ADMIN_PASSWORD`);
  }
  process.stdout.write(`\n${lines.map((l) => `  ${l}`).join('\n')}\n\n`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    running
      .stop()
      .then(() => {
        logs.flush();
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        logs.flush();
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  // A database that cannot be used is the operator's to fix: say what, without a stack trace.
  const text = err instanceof DatabaseStartError ? err.message : ((err as Error).stack ?? String(err));
  process.stderr.write(`OIG failed to start: ${text}\n`);
  process.exit(1);
});

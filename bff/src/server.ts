import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { AppContext } from './context.js';

export interface RunningServer {
  server: http.Server;
  url: string;
  /** Graceful stop: refuse new work, finish what is in flight, keep sessions for the restart. */
  stop(): Promise<void>;
}

/** Starts the product on the configured address (port 0 picks a free one). */
export async function startServer(ctx: AppContext, opts: { webDist?: string } = {}): Promise<RunningServer> {
  const listener = createApp(ctx, opts);
  const server: http.Server = ctx.config.tls
    ? https.createServer({ cert: ctx.config.tls.cert, key: ctx.config.tls.key }, listener)
    : http.createServer(listener);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 30_000;
  await ctx.start();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(ctx.config.port, ctx.config.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `${ctx.config.tls ? 'https' : 'http'}://${host}:${addr.port}`;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      ctx.ready = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), 10_000);
      deadline.unref();
      await closed;
      clearTimeout(deadline);
      await ctx.stop();
      await ctx.db.close();
    })());
  return { server, url, stop };
}

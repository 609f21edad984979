import { open } from 'node:fs/promises';
import os from 'node:os';
import type { Readable } from 'node:stream';
import yazl from 'yazl';
import { OIG_VERSION } from '@oig/shared';
import type { Config } from '../../config.js';
import type { LogFile } from '../../lib/log-files.js';
import { REDACTED, stripUrlCredentials } from '../../logger.js';

/** Bytes of log files a bundle carries at most: the newest files first, the oldest one cut to fit. */
export const SUPPORT_BUNDLE_LOG_BYTES = 64 * 1024 * 1024;

/** A URL's password (and user name) removed; anything else about it kept. */
function withoutCredentials(url: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = REDACTED;
      u.password = '';
    }
    for (const k of [...u.searchParams.keys()])
      if (/pass|secret|token|key/i.test(k)) u.searchParams.set(k, REDACTED);
    return u.toString();
  } catch {
    return stripUrlCredentials(url);
  }
}

/**
 * The effective configuration with every secret removed: each field of Config is listed here
 * (the type holds it: a new field does not compile until it is decided), secrets as whether they
 * are set, URLs without credentials, the ACL and TLS files as what they are, never their content.
 */
export function sanitizedConfig(c: Config) {
  const view: Record<keyof Config, unknown> = {
    host: c.host,
    port: c.port,
    dataDir: c.dataDir,
    adminPassword: c.adminPassword === undefined ? 'not set' : 'set (removed)',
    database:
      c.database.kind === 'sqlite'
        ? c.database
        : { kind: 'postgres', url: withoutCredentials(c.database.url), schema: c.database.schema ?? null },
    acl: { source: c.acl.source, sourceKind: c.acl.sourceKind, applications: c.acl.file.applications.length },
    mcsUrl: withoutCredentials(c.mcsUrl),
    mcsTimeoutMs: c.mcsTimeoutMs,
    probe: c.probe,
    openMedia: c.openMedia,
    mcsCa: c.mcsCa.map((ca) => ({ subject: ca.subject, validTo: ca.validTo })),
    license: c.license,
    smtpUrl: withoutCredentials(c.smtpUrl),
    keepAlive: c.keepAlive,
    tls: c.tls ? { certificate: 'set', key: 'set (removed)' } : null,
    logLevel: c.logLevel,
    logFiles: c.logFiles,
    instanceName: c.instanceName,
    timeZone: c.timeZone,
    reportCheckMs: c.reportCheckMs,
    historyRetentionMs: c.historyRetentionMs,
    mailRetentionMs: c.mailRetentionMs,
    refusedLogins: c.refusedLogins,
    google: {
      apiRoot: withoutCredentials(c.google.apiRoot),
      tokenUrl: withoutCredentials(c.google.tokenUrl),
      timeoutMs: c.google.timeoutMs,
    },
    trustProxy: c.trustProxy,
  };
  return view;
}

/** What a bundle holds besides the logs, each written as `<name>.json`. */
export interface BundleParts {
  versions: unknown;
  config: unknown;
  settings: unknown;
  'network-elements': unknown;
  licensing: unknown;
  counts: unknown;
}

export function versions(now: number) {
  return {
    product: OIG_VERSION,
    node: process.versions.node,
    platform: process.platform,
    arch: process.arch,
    os: `${os.type()} ${os.release()}`,
    uptimeSeconds: Math.round(process.uptime()),
    generatedAt: new Date(now).toISOString(),
  };
}

/**
 * The zip, streamed as yazl makes it (deflate on libuv's thread pool, a chunk at a time): the JSON
 * parts, then `logs/<file>` for the newest log files within SUPPORT_BUNDLE_LOG_BYTES (a file that
 * does not fit whole is cut to its last bytes), each read up to its size when listed.
 */
export async function supportBundleZip(
  parts: BundleParts,
  logFiles: LogFile[],
  now: number,
  maxLogBytes = SUPPORT_BUNDLE_LOG_BYTES,
): Promise<Readable> {
  const zip = new yazl.ZipFile();
  const mtime = new Date(now);
  for (const [name, value] of Object.entries(parts))
    zip.addBuffer(Buffer.from(`${JSON.stringify(value, null, 2)}\n`), `${name}.json`, { mtime });
  let left = maxLogBytes;
  const reads: Readable[] = [];
  for (const f of logFiles) {
    if (left <= 0 || f.size === 0) continue;
    // Opened now: a file a rotation deletes while the zip is being sent is still read whole.
    const fh = await open(f.path, 'r').catch(() => undefined);
    if (!fh) continue;
    const take = Math.min(f.size, left);
    left -= take;
    const read = fh.createReadStream({ start: f.size - take, end: f.size - 1 });
    reads.push(read);
    zip.addReadStream(read, `logs/${f.name}`, { mtime });
  }
  zip.end();
  // yazl's outputStream is a PassThrough; its types say only NodeJS.ReadableStream.
  const out = zip.outputStream as Readable;
  // Closed before its end (the client went away, an error): the files yazl has not read yet are
  // closed now, not when the garbage collector finds their handles. (At the end all are read.)
  out.once('close', () => {
    for (const read of reads) read.destroy();
  });
  return out;
}

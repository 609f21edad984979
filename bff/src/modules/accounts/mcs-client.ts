import { appKey } from '../../lib/app-key.js';
import { aclFileSchema, type AclFile, type McsFetchFailure, type StatusReason } from '@oig/shared';

/** Largest ACL answer read from the MCS; reading stops (and the request is aborted) beyond it. */
export const MCS_MAX_BODY_BYTES = 5 * 1024 * 1024;

/**
 * A fetch that did not produce a usable ACL; `reason` is a short phrase for people (English),
 * `failure` the same as a code and params, which the console words in its language.
 */
export class McsFetchError extends Error {
  readonly failure: StatusReason<McsFetchFailure>;
  constructor(
    readonly reason: string,
    code: McsFetchFailure,
    params: StatusReason['params'] = {},
  ) {
    super(reason);
    this.name = 'McsFetchError';
    this.failure = { code, params };
  }
}

/** The URL as shown to people and written to logs: without any user name or password in it. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}

const NETWORK_REASONS: Record<string, [McsFetchFailure, string]> = {
  ECONNREFUSED: ['connection_refused', 'connection refused'],
  ECONNRESET: ['connection_reset', 'connection reset'],
  ENOTFOUND: ['host_not_found', 'host not found'],
  EAI_AGAIN: ['dns_failed', 'host name lookup failed'],
  EHOSTUNREACH: ['host_unreachable', 'host unreachable'],
  ENETUNREACH: ['network_unreachable', 'network unreachable'],
  UND_ERR_SOCKET: ['connection_closed', 'connection closed before the answer was complete'],
  UND_ERR_CONNECT_TIMEOUT: ['connect_timeout', 'connection timed out'],
};

function fetchErrorOf(err: unknown, timeoutMs: number): McsFetchError {
  if (err instanceof McsFetchError) return err;
  const e = err as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string; name?: string };
  };
  if (e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError')
    return new McsFetchError(`no complete answer within ${timeoutMs} ms (timeout)`, 'timeout', {
      ms: timeoutMs,
    });
  const code = e?.cause?.code;
  if (code) {
    const known = NETWORK_REASONS[code];
    if (known) return new McsFetchError(known[1], known[0]);
    const detail = e.cause?.message ?? '';
    return new McsFetchError(`${code}${detail ? ` (${detail})` : ''}`, 'network_error', { code, detail });
  }
  const detail = e?.cause?.message ?? e?.message ?? String(err);
  return new McsFetchError(detail, 'other', { detail });
}

async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
  const mb = Math.round(maxBytes / 1024 / 1024);
  const tooLarge = () => new McsFetchError(`the answer is larger than ${mb} MB`, 'too_large', { mb });
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Checks an answer's text: JSON, an ACL, each application once. Throws McsFetchError. */
export function parseAcl(text: string): AclFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the answer, which is not ours to show.
    throw new McsFetchError('the answer is not JSON', 'not_json');
  }
  const parsed = aclFileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? first.path.join('.') : '(root)';
    const detail = first?.message ?? 'invalid';
    throw new McsFetchError(`the answer is not an Access Control List: ${where}: ${detail}`, 'not_acl', {
      path: where,
      detail,
    });
  }
  const seen = new Set<string>();
  parsed.data.applications.forEach((a, i) => {
    const key = appKey(a.companyName, a.applicationName);
    if (seen.has(key)) {
      throw new McsFetchError(
        `the answer is not an Access Control List: applications.${i}: ` +
          `"${a.applicationName}" of "${a.companyName}" is listed twice`,
        'duplicate_application',
        { index: i, application: a.applicationName, company: a.companyName },
      );
    }
    seen.add(key);
  });
  return parsed.data;
}

/**
 * Fetches the ACL JSON from the Mitel Certificate Server. `timeoutMs` bounds the whole
 * exchange (connect, headers and body); the body is capped at `maxBytes`.
 */
export async function fetchAclFromMcs(
  url: string,
  timeoutMs: number,
  maxBytes = MCS_MAX_BODY_BYTES,
): Promise<AclFile> {
  const signal = AbortSignal.timeout(timeoutMs);
  // fetch refuses URLs with credentials: send them as HTTP Basic authentication instead.
  const target = new URL(url);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username);
    const pass = decodeURIComponent(target.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    target.username = '';
    target.password = '';
  }
  let text: string;
  try {
    // Redirects are not followed: the fetch goes to the configured address and nowhere else.
    const res = await fetch(target, { signal, headers, redirect: 'manual' });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel().catch(() => undefined);
      throw new McsFetchError(
        `HTTP ${res.status} redirect, not followed: set OIG_MCS_URL to the address that answers the list`,
        'redirect',
        { status: res.status },
      );
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new McsFetchError(
        `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`,
        'http_status',
        { status: res.status, statusText: res.statusText },
      );
    }
    text = (await readCapped(res, maxBytes)).toString('utf8');
  } catch (err) {
    throw fetchErrorOf(err, timeoutMs);
  }
  return parseAcl(text);
}

/**
 * A local fake of the two Google endpoints the directory sync uses, speaking the real protocol:
 *
 * - `POST /token`: the OAuth 2.0 JWT bearer grant (RFC 7523) of a service account. The form body
 *   carries `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` and `assertion=<JWT>`; the
 *   JWT's RS256 signature is verified with the public key of the test service account this fake
 *   generated, and its claims are checked as Google does: `iss` = the account's client_email,
 *   `sub` = the impersonated administrator, `scope` holds the directory scope, `aud` = this token
 *   URL, `iat`/`exp` a short-lived window. Answers `{access_token, expires_in, token_type}` or a
 *   Google-shaped error `{error, error_description}`.
 * - `GET /admin/directory/v1/users`: Admin SDK Directory API users.list (Bearer token required;
 *   `domain`, `maxResults` (1–500, default 100), `pageToken`, `orderBy`) →
 *   `{kind: "admin#directory#users", users: […], nextPageToken}`; errors in Google's JSON error
 *   shape `{error: {code, message, errors: [{message, domain, reason}], status}}`.
 *
 * Behaviours can be switched at any time (token endpoint and users endpoint separately, users
 * failures optionally only from page N on), and every request is recorded.
 *
 * Runtime dependencies are node built-ins only, and only erasable TypeScript syntax is used
 * (no enums, namespaces or parameter properties), so the e2e fake peers can run it as plain
 * JavaScript once the type annotations are stripped (e.g. `esbuild --format=esm`).
 */
import { createVerify, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** The OAuth scope the sync asks for. */
export const DIRECTORY_USER_READONLY_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user.readonly';
export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const USERS_PATH = '/admin/directory/v1/users';

/** A user as users.list returns it (the fields the sync reads, and a few more). */
export interface FakeGoogleUser {
  kind?: string;
  id: string;
  primaryEmail?: string;
  name?: { fullName?: string; givenName?: string; familyName?: string };
  phones?: Array<{ value?: string; type?: string; customType?: string; primary?: boolean }>;
  isAdmin?: boolean;
  suspended?: boolean;
}

/**
 * - ok: the real behaviour (claims checked; errors only for what is really wrong);
 * - invalid_grant: 400 `invalid_grant` "Invalid JWT Signature." whatever the request;
 * - unauthorized_client: 401 `unauthorized_client` (domain-wide delegation missing);
 * - 500: a server error; hang: accepts and never answers; malformed: 200 with broken JSON.
 */
export type FakeTokenBehaviour = 'ok' | 'invalid_grant' | 'unauthorized_client' | 500 | 'hang' | 'malformed';
/** ok, or this HTTP error in Google's shape, or never answer, or 200 with broken JSON. */
export type FakeUsersBehaviour = 'ok' | 400 | 401 | 403 | 404 | 429 | 500 | 503 | 'hang' | 'malformed';

export interface FakeGoogleBehaviour {
  token: FakeTokenBehaviour;
  users: FakeUsersBehaviour;
  /** The users behaviour applies from this page on (1 = every page); earlier pages answer normally. */
  fromPage: number;
}

export interface JwtClaims {
  iss?: unknown;
  sub?: unknown;
  scope?: unknown;
  aud?: unknown;
  iat?: unknown;
  exp?: unknown;
  [claim: string]: unknown;
}

export interface FakeGoogleRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The Authorization header, if any. */
  authorization: string | undefined;
  /** Token requests: the grant type and the assertion's header and claims (decoded, whether valid or not). */
  grantType?: string | undefined;
  jwtHeader?: Record<string, unknown> | undefined;
  claims?: JwtClaims | undefined;
  /** users.list: the page number served (1-based), when the page token was understood. */
  page?: number | undefined;
  /** What the fake answered (status; 0 = never answered). */
  status: number;
}

export interface FakeGoogleOptions {
  domain?: string;
  /** The Google administrator the service account may impersonate. */
  adminEmail?: string;
  clientEmail?: string;
  users?: FakeGoogleUser[];
  /** Access tokens' lifetime (seconds). */
  expiresIn?: number;
  /** Port on 127.0.0.1 (default: a free one). */
  port?: number;
}

export interface FakeGoogle {
  /** http://127.0.0.1:<port> */
  url: string;
  /** For OIG_GOOGLE_API_ROOT: `${url}/`. */
  apiRoot: string;
  /** For OIG_GOOGLE_TOKEN_URL: `${url}/token`. */
  tokenUrl: string;
  domain: string;
  adminEmail: string;
  clientEmail: string;
  privateKeyId: string;
  /** The service-account key file (JSON text) whose public key this fake trusts. */
  keyJson: string;
  /** Another valid service-account key file for the same client_email, which this fake does not trust. */
  foreignKeyJson: string;
  requests: FakeGoogleRequest[];
  /** Access tokens issued so far. */
  tokensIssued: number;
  /** Requests currently held open by 'hang'. */
  readonly hanging: number;
  users(): FakeGoogleUser[];
  setUsers(users: FakeGoogleUser[]): void;
  setBehaviour(b: Partial<FakeGoogleBehaviour>): void;
  /** Behaviour back to ok, the request record emptied, issued tokens forgotten (users kept). */
  reset(): void;
  /** Resolves when `n` requests are held open by 'hang'. */
  waitForHanging(n?: number): Promise<void>;
  /**
   * Answers the requests held open by 'hang' (as the behaviour now says) and stops holding new ones
   * only if the behaviour changed.
   */
  releaseHanging(): void;
  close(): Promise<void>;
}

const b64url = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');
const decodeJson = (part: string | undefined): Record<string, unknown> | undefined => {
  if (!part) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** A service-account key file, as the Google Cloud console downloads it. */
export function makeServiceAccountKey(
  clientEmail: string,
  privateKeyId = randomBytes(20).toString('hex'),
): { json: string; publicKeyPem: string; privateKeyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const [, projectPart = 'oig-test'] = /@([^.]+)\./.exec(clientEmail) ?? [];
  const key = {
    type: 'service_account',
    project_id: projectPart,
    private_key_id: privateKeyId,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: clientEmail,
    client_id: String(100_000_000_000_000_000_000n + BigInt(randomBytes(4).readUInt32BE())),
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: 'https://oauth2.googleapis.com/token',
    auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(clientEmail)}`,
    universe_domain: 'googleapis.com',
  };
  return {
    json: `${JSON.stringify(key, null, 2)}\n`,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyId,
  };
}

const GIVEN = [
  'Alice',
  'Bob',
  '太郎',
  '美咲',
  'José',
  'Zoë',
  'Łukasz',
  '민준',
  'Ætheling',
  'Chloé',
  '伟',
  'Ólafur',
];
const FAMILY = [
  'Martin',
  'Smith',
  '山田',
  '佐藤',
  'García',
  'Müller',
  'Kowalski',
  '김',
  "O'Brien",
  'Dupont',
  '王',
  'Jónsson',
];

/**
 * `n` users of `domain`, in a shuffled order (the fake sorts them when asked to): names in
 * several scripts (CJK, Hangul, accents), 0–2 phones each; every 97th user has no name and no
 * phones at all (the sync must cope with missing fields).
 */
export function generateUsers(n: number, domain: string, prefix = 'user'): FakeGoogleUser[] {
  const users: FakeGoogleUser[] = [];
  for (let i = 0; i < n; i++) {
    const id = String(100_000_000_000_000_000_000n + BigInt(i) * 7919n);
    const email = `${prefix}${String(i).padStart(5, '0')}@${domain}`;
    if (i % 97 === 96) {
      users.push({ kind: 'admin#directory#user', id, primaryEmail: email });
      continue;
    }
    const givenName = GIVEN[i % GIVEN.length]!;
    const familyName = FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]!;
    const cjk = /[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(givenName + familyName);
    const phones: FakeGoogleUser['phones'] = [];
    if (i % 3 !== 2)
      phones.push({ value: `+1 613 555 ${String(i).padStart(4, '0')}`, type: 'work', primary: true });
    if (i % 3 === 0) phones.push({ value: `+44 7700 9${String(i).padStart(5, '0')}`, type: 'mobile' });
    if (i % 50 === 7) phones.push({ value: `x${i}`, type: 'custom', customType: 'desk' });
    users.push({
      kind: 'admin#directory#user',
      id,
      primaryEmail: email,
      name: {
        givenName,
        familyName,
        fullName: cjk ? `${familyName}${givenName}` : `${givenName} ${familyName}`,
      },
      ...(phones.length > 0 ? { phones } : {}),
      isAdmin: i === 0,
      suspended: false,
    });
  }
  // Deterministic shuffle, so orderBy=email is really needed for a sorted answer.
  for (let i = users.length - 1; i > 0; i--) {
    const j = (i * 2654435761) % (i + 1);
    [users[i], users[j]] = [users[j]!, users[i]!];
  }
  return users;
}

function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const googleError = (code: number, message: string, reason: string, status: string) => ({
  error: { code, message, errors: [{ message, domain: 'global', reason }], status },
});

const USERS_ERRORS: Record<number, { message: string; reason: string; status: string }> = {
  400: { message: 'Bad Request', reason: 'badRequest', status: 'INVALID_ARGUMENT' },
  401: {
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    reason: 'authError',
    status: 'UNAUTHENTICATED',
  },
  403: {
    message: 'Not Authorized to access this resource/api',
    reason: 'forbidden',
    status: 'PERMISSION_DENIED',
  },
  404: { message: 'Domain not found.', reason: 'notFound', status: 'NOT_FOUND' },
  429: {
    message: 'Quota exceeded for quota metric',
    reason: 'rateLimitExceeded',
    status: 'RESOURCE_EXHAUSTED',
  },
  500: { message: 'Internal error encountered.', reason: 'backendError', status: 'INTERNAL' },
  503: { message: 'The service is currently unavailable.', reason: 'backendError', status: 'UNAVAILABLE' },
};

/** Starts the fake on 127.0.0.1 (a free port). */
export async function startFakeGoogle(opts: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const domain = opts.domain ?? 'example.com';
  const adminEmail = opts.adminEmail ?? `admin@${domain}`;
  const clientEmail = opts.clientEmail ?? 'oig-directory@oig-test.iam.gserviceaccount.com';
  const expiresIn = opts.expiresIn ?? 3599;
  const trusted = makeServiceAccountKey(clientEmail);
  const foreign = makeServiceAccountKey(clientEmail);
  let users: FakeGoogleUser[] = opts.users ?? [];
  let sorted: FakeGoogleUser[] = [];
  let sortedFor: FakeGoogleUser[] | undefined;
  let behaviour: FakeGoogleBehaviour = { token: 'ok', users: 'ok', fromPage: 1 };
  const tokens = new Map<string, { sub: string; scopes: string[]; expiresAt: number }>();
  const sockets = new Set<Socket>();
  const held: Array<() => void> = [];
  const hangWaiters: Array<{ n: number; resolve: () => void }> = [];
  let tokenUrl = '';

  const state = {
    requests: [] as FakeGoogleRequest[],
    tokensIssued: 0,
  };

  const send = (res: ServerResponse, rec: FakeGoogleRequest, status: number, body: unknown) => {
    rec.status = status;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=UTF-8',
      'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
    });
    res.end(text);
  };

  /** Holds the request open until released or the fake closes; then `answer` runs. */
  const hang = (res: ServerResponse, answer: () => void) => {
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      if (!res.destroyed && !res.writableEnded) answer();
    };
    res.on('close', () => {
      done = true;
      const i = held.indexOf(release);
      if (i >= 0) held.splice(i, 1);
    });
    held.push(release);
    for (const w of [...hangWaiters]) {
      if (held.length >= w.n) {
        hangWaiters.splice(hangWaiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const tokenError = (
    res: ServerResponse,
    rec: FakeGoogleRequest,
    status: number,
    error: string,
    description: string,
  ) => send(res, rec, status, { error, error_description: description });

  const handleToken = async (req: IncomingMessage, res: ServerResponse, rec: FakeGoogleRequest) => {
    const body = await readBody(req);
    const form = new URLSearchParams(body);
    rec.grantType = form.get('grant_type') ?? undefined;
    const assertion = form.get('assertion') ?? '';
    const [h, p, s] = assertion.split('.');
    rec.jwtHeader = decodeJson(h);
    rec.claims = decodeJson(p);

    const b = behaviour.token;
    if (b === 'hang') return hang(res, () => void handleTokenAs(res, rec, assertion, h, p, s));
    return handleTokenAs(res, rec, assertion, h, p, s);
  };

  const handleTokenAs = (
    res: ServerResponse,
    rec: FakeGoogleRequest,
    assertion: string,
    h?: string,
    p?: string,
    s?: string,
  ) => {
    const b = behaviour.token;
    if (b === 500)
      return send(res, rec, 500, { error: 'internal_failure', error_description: 'Backend error' });
    if (b === 'malformed') return send(res, rec, 200, '{"access_token": "ya29.');
    if (b === 'invalid_grant') return tokenError(res, rec, 400, 'invalid_grant', 'Invalid JWT Signature.');
    if (b === 'unauthorized_client') {
      return tokenError(
        res,
        rec,
        401,
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      );
    }
    if (rec.grantType !== JWT_BEARER_GRANT)
      return tokenError(
        res,
        rec,
        400,
        'unsupported_grant_type',
        `Invalid grant_type: ${rec.grantType ?? ''}`,
      );
    if (!h || !p || !s || assertion.split('.').length !== 3 || !rec.jwtHeader || !rec.claims)
      return tokenError(res, rec, 400, 'invalid_request', 'Invalid JWT: malformed assertion.');
    if (rec.jwtHeader.alg !== 'RS256')
      return tokenError(res, rec, 400, 'invalid_grant', 'Invalid JWT: algorithm must be RS256.');
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${h}.${p}`);
    if (!verifier.verify(trusted.publicKeyPem, Buffer.from(s, 'base64url')))
      return tokenError(res, rec, 400, 'invalid_grant', 'Invalid JWT Signature.');
    const c = rec.claims;
    if (c.iss !== clientEmail)
      return tokenError(res, rec, 401, 'invalid_client', 'The OAuth client was not found.');
    if (c.aud !== tokenUrl)
      return tokenError(
        res,
        rec,
        400,
        'invalid_grant',
        'Invalid JWT: Failed audience check. The right audience is ' + tokenUrl,
      );
    const now = Math.floor(Date.now() / 1000);
    if (
      typeof c.iat !== 'number' ||
      typeof c.exp !== 'number' ||
      c.exp <= now - 60 ||
      c.iat > now + 60 ||
      c.exp - c.iat > 3600
    ) {
      return tokenError(
        res,
        rec,
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      );
    }
    if (c.sub === undefined) {
      // Without impersonation the account has no access to the directory; Google still issues a token.
    } else if (c.sub !== adminEmail) {
      return tokenError(res, rec, 400, 'invalid_grant', 'Invalid email or User ID');
    }
    const scopes = typeof c.scope === 'string' ? c.scope.split(' ').filter(Boolean) : [];
    if (!scopes.includes(DIRECTORY_USER_READONLY_SCOPE)) {
      return tokenError(
        res,
        rec,
        401,
        'unauthorized_client',
        'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      );
    }
    const token = `ya29.fake-${randomBytes(24).toString('base64url')}`;
    tokens.set(token, {
      sub: typeof c.sub === 'string' ? c.sub : '',
      scopes,
      expiresAt: Date.now() + expiresIn * 1000,
    });
    state.tokensIssued++;
    return send(res, rec, 200, { access_token: token, expires_in: expiresIn, token_type: 'Bearer' });
  };

  const pageTokenOf = (offset: number, dom: string) =>
    b64url(JSON.stringify({ o: offset, d: dom, n: randomBytes(4).toString('hex') }));

  const handleUsers = (res: ServerResponse, rec: FakeGoogleRequest) => {
    const q = rec.query;
    const auth = rec.authorization ?? '';
    const bearer = /^Bearer (\S+)$/.exec(auth)?.[1];
    const known = bearer ? tokens.get(bearer) : undefined;

    const maxResults = q.maxResults === undefined ? 100 : Number(q.maxResults);
    let offset = 0;
    if (q.pageToken) {
      const t = decodeJson(q.pageToken);
      if (!t || typeof t.o !== 'number' || t.d !== q.domain) {
        const e = USERS_ERRORS[400]!;
        return send(res, rec, 400, googleError(400, 'Invalid Input: pageToken', e.reason, e.status));
      }
      offset = t.o;
    }
    const page = Number.isInteger(maxResults) && maxResults >= 1 ? Math.floor(offset / maxResults) + 1 : 1;
    rec.page = page;

    const b = behaviour.users;
    const failing = b !== 'ok' && page >= behaviour.fromPage;
    const answer = (mode: FakeUsersBehaviour) => {
      if (mode === 'malformed')
        return send(
          res,
          rec,
          200,
          '{"kind": "admin#directory#users", "users": [{"id": "1", "primaryEmail": "broken@',
        );
      if (typeof mode === 'number') {
        const e = USERS_ERRORS[mode] ?? USERS_ERRORS[500]!;
        return send(res, rec, mode, googleError(mode, e.message, e.reason, e.status));
      }
      // The real thing.
      if (!known || known.expiresAt < Date.now()) {
        const e = USERS_ERRORS[401]!;
        return send(res, rec, 401, googleError(401, e.message, e.reason, e.status));
      }
      if (!known.scopes.includes(DIRECTORY_USER_READONLY_SCOPE) || known.sub !== adminEmail) {
        const e = USERS_ERRORS[403]!;
        return send(res, rec, 403, googleError(403, e.message, e.reason, e.status));
      }
      if (!q.domain && !q.customer)
        return send(res, rec, 400, googleError(400, 'Bad Request', 'badRequest', 'INVALID_ARGUMENT'));
      if (q.domain && q.domain.toLowerCase() !== domain) {
        const e = USERS_ERRORS[404]!;
        return send(res, rec, 404, googleError(404, e.message, e.reason, e.status));
      }
      if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 500) {
        return send(
          res,
          rec,
          400,
          googleError(400, 'Invalid Input: maxResults', 'invalid', 'INVALID_ARGUMENT'),
        );
      }
      let list = users;
      if (q.orderBy === 'email') {
        // Sorted once per list of users (50,000 sorted at every page would stall this process,
        // which in the tests and the bench is the product's own).
        if (sortedFor !== users) {
          sorted = [...users].sort((a, b2) => (a.primaryEmail ?? '').localeCompare(b2.primaryEmail ?? ''));
          sortedFor = users;
        }
        list = q.sortOrder === 'DESCENDING' ? [...sorted].reverse() : sorted;
      }
      const slice = list.slice(offset, offset + maxResults);
      const next =
        offset + maxResults < list.length ? pageTokenOf(offset + maxResults, q.domain ?? '') : undefined;
      const body: Record<string, unknown> = {
        kind: 'admin#directory#users',
        etag: `"${randomBytes(8).toString('hex')}"`,
      };
      if (slice.length > 0) body.users = slice;
      if (next) body.nextPageToken = next;
      return send(res, rec, 200, body);
    };
    if (failing && b === 'hang')
      return hang(res, () => answer(behaviour.users === 'hang' ? 'ok' : behaviour.users));
    return answer(failing ? b : 'ok');
  };

  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://fake-google.invalid');
    const rec: FakeGoogleRequest = {
      method: req.method ?? 'GET',
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      authorization: req.headers.authorization,
      status: 0,
    };
    state.requests.push(rec);
    const run = async () => {
      if (u.pathname === '/token' && req.method === 'POST') return handleToken(req, res, rec);
      if (u.pathname === USERS_PATH && req.method === 'GET') return handleUsers(res, rec);
      return send(
        res,
        rec,
        404,
        googleError(404, `Not Found: ${req.method ?? ''} ${u.pathname}`, 'notFound', 'NOT_FOUND'),
      );
    };
    run().catch((err: unknown) => {
      if (!res.headersSent)
        send(res, rec, 500, { error: 'internal_failure', error_description: String(err) });
      else res.destroy();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  tokenUrl = `${url}/token`;

  return {
    url,
    apiRoot: `${url}/`,
    tokenUrl,
    domain,
    adminEmail,
    clientEmail,
    privateKeyId: trusted.privateKeyId,
    keyJson: trusted.json,
    foreignKeyJson: foreign.json,
    get requests() {
      return state.requests;
    },
    set requests(v: FakeGoogleRequest[]) {
      state.requests = v;
    },
    get tokensIssued() {
      return state.tokensIssued;
    },
    set tokensIssued(v: number) {
      state.tokensIssued = v;
    },
    get hanging() {
      return held.length;
    },
    users: () => users,
    setUsers(u: FakeGoogleUser[]) {
      users = u;
    },
    setBehaviour(b: Partial<FakeGoogleBehaviour>) {
      behaviour = { ...behaviour, ...b };
    },
    reset() {
      behaviour = { token: 'ok', users: 'ok', fromPage: 1 };
      state.requests = [];
      state.tokensIssued = 0;
      tokens.clear();
    },
    waitForHanging(n = 1) {
      if (held.length >= n) return Promise.resolve();
      return new Promise<void>((resolve) => hangWaiters.push({ n, resolve }));
    },
    releaseHanging() {
      for (const release of held.splice(0)) release();
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { createPrivateKey } from 'node:crypto';
import { admin } from '@googleapis/admin';
import { type gaxios, JWT } from 'google-auth-library';
import { z } from 'zod';
import {
  GOOGLE_DIRECTORY_MAX_USERS,
  type GoogleSyncFailure,
  type ReasonParams,
  type StatusReason,
} from '@oig/shared';
import { AppError, fieldProblem } from '../../../http/app-error.js';

/** Read-only access to the domain's users: all the sync needs. */
export const DIRECTORY_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user.readonly';
/**
 * google-auth-library (gtoken) always posts the JWT grant here; the transporter redirects it to
 * config.google.tokenUrl.
 */
const LIBRARY_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** users.list page size: the API's maximum. */
export const PAGE_SIZE = 500;
/** A page of 500 users is ~0.5 MB; anything far larger is not a users list. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface GoogleApiConfig {
  /** Root of the Admin SDK API (OIG_GOOGLE_API_ROOT). */
  apiRoot: string;
  /** OAuth 2.0 token endpoint (OIG_GOOGLE_TOKEN_URL). */
  tokenUrl: string;
  /** Limit of each request (token and every page), connect to last byte. */
  timeoutMs: number;
  /** Most users read (default GOOGLE_DIRECTORY_MAX_USERS; tests: a few). */
  maxUsers?: number;
}

/** What is kept of a service-account key file. */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: string;
  privateKeyId: string | null;
}

export interface DirectoryPhone {
  value: string;
  type: string;
}

/** One user of the domain, as cached (missing fields are '' / []). */
export interface DirectoryUser {
  id: string;
  primaryEmail: string;
  fullName: string;
  givenName: string;
  familyName: string;
  phones: DirectoryPhone[];
}

const keyError = (message: string) =>
  new AppError(
    'validation_failed',
    'service_account_key_invalid',
    `Google directory settings are invalid: serviceAccountKey: ${message}`,
    {
      params: { detail: message },
      fields: {
        serviceAccountKey: fieldProblem('service_account_key_invalid', message, { detail: message }),
      },
    },
  );
const clientEmailSchema = z.email();

/**
 * Checks a service-account key file (the JSON text the Google Cloud console downloads) and keeps
 * what the sync needs. Each problem is a 400 naming `serviceAccountKey` with what is wrong.
 */
export function parseServiceAccountKey(text: string): ServiceAccountKey {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw keyError(
      'The service-account key is not valid JSON: paste the whole key file ' +
        '(…json) downloaded from the Google Cloud console',
    );
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw keyError(
      'The service-account key must be a JSON object (the key file downloaded from the Google Cloud console)',
    );
  const k = json as Record<string, unknown>;
  if (k.type !== 'service_account') {
    const got = typeof k.type === 'string' ? `"${k.type.slice(0, 40)}"` : 'missing';
    throw keyError(
      `The key's "type" is ${got}, not "service_account": create a JSON key for a service account`,
    );
  }
  if (typeof k.client_email !== 'string' || k.client_email.trim() === '')
    throw keyError('The key has no "client_email" (the service account\'s e-mail address)');
  const clientEmail = k.client_email.trim();
  if (!clientEmailSchema.safeParse(clientEmail).success)
    throw keyError(`The key's "client_email" is not an e-mail address`);
  if (typeof k.private_key !== 'string' || k.private_key.trim() === '')
    throw keyError('The key has no "private_key"');
  const privateKey = k.private_key;
  if (
    !privateKey.includes('-----BEGIN PRIVATE KEY-----') ||
    !privateKey.includes('-----END PRIVATE KEY-----')
  ) {
    throw keyError(
      'The key\'s "private_key" is not a PEM private key (-----BEGIN PRIVATE KEY----- … -----END PRIVATE KEY-----)',
    );
  }
  let type: string | undefined;
  try {
    type = createPrivateKey({ key: privateKey, format: 'pem' }).asymmetricKeyType;
  } catch {
    throw keyError('The key\'s "private_key" cannot be read: it is damaged or incomplete');
  }
  if (type !== 'rsa')
    throw keyError(
      `The key's "private_key" is a ${type ?? 'unknown'} key; Google service accounts sign with RSA`,
    );
  if (k.private_key_id !== undefined && k.private_key_id !== null && typeof k.private_key_id !== 'string')
    throw keyError('The key\'s "private_key_id" must be a string');
  const privateKeyId =
    typeof k.private_key_id === 'string' && k.private_key_id !== '' ? k.private_key_id : null;
  return { clientEmail, privateKey, privateKeyId };
}

/**
 * A sync failure with the message shown to the administrator (English) and the same as a code and
 * params (`failure`), which the console words in its language.
 */
export class GoogleDirectoryError extends Error {
  readonly failure: StatusReason<GoogleSyncFailure>;
  constructor(
    message: string,
    code: GoogleSyncFailure,
    params: ReasonParams = {},
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'GoogleDirectoryError';
    this.failure = { code, params };
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * One users.list entry → a cached contact (missing fields '' / []; a phone of type "custom" keeps
 * its customType as its type; phones without a value are left out); null when it has no id.
 */
export function toDirectoryUser(u: unknown): DirectoryUser | null {
  if (!u || typeof u !== 'object') return null;
  const r = u as Record<string, unknown>;
  const id = typeof r.id === 'string' ? r.id : typeof r.id === 'number' ? String(r.id) : '';
  if (!id) return null;
  const name = r.name && typeof r.name === 'object' ? (r.name as Record<string, unknown>) : {};
  const givenName = str(name.givenName);
  const familyName = str(name.familyName);
  const fullName = str(name.fullName);
  const phones: DirectoryPhone[] = Array.isArray(r.phones)
    ? r.phones.flatMap((p: unknown) => {
        if (!p || typeof p !== 'object') return [];
        const ph = p as Record<string, unknown>;
        const value = str(ph.value).trim();
        if (!value) return [];
        const type = str(ph.type) === 'custom' && str(ph.customType) ? str(ph.customType) : str(ph.type);
        return [{ value, type }];
      })
    : [];
  return { id, primaryEmail: str(r.primaryEmail), fullName, givenName, familyName, phones };
}

interface Phase {
  kind: 'token' | 'users';
  page: number;
}

const googleMessage = (data: unknown): string => {
  if (!data || typeof data !== 'object') return '';
  const d = data as Record<string, unknown>;
  if (typeof d.error === 'string') return [d.error, str(d.error_description)].filter(Boolean).join(': ');
  if (d.error && typeof d.error === 'object') return str((d.error as Record<string, unknown>).message);
  return '';
};

/** Turns whatever failed into the message the administrator reads. */
export function explainGoogleError(
  err: unknown,
  ctx: { adminEmail: string; domain: string; timeoutMs: number; phase: Phase },
): GoogleDirectoryError {
  if (err instanceof GoogleDirectoryError) return err;
  const e = err as gaxios.GaxiosError & { cause?: unknown };
  const status = typeof e?.response?.status === 'number' ? e.response.status : undefined;
  const said = googleMessage(e?.response?.data);
  const where = ctx.phase.kind === 'token' ? 'the token request' : `users.list page ${ctx.phase.page}`;
  const detail = { status, code: e?.code, google: said || undefined, where };
  const answer = said ? ` (${status}: ${said})` : status ? ` (HTTP ${status})` : '';
  /** Where it failed, and what Google answered (its status and own words) when it did. */
  const at: ReasonParams = { phase: ctx.phase.kind, page: ctx.phase.page };
  const answered: ReasonParams = {
    ...(status !== undefined ? { status } : {}),
    ...(said ? { google: said } : {}),
  };
  const fail = (message: string, code: GoogleSyncFailure, params: ReasonParams) =>
    new GoogleDirectoryError(message, code, params, detail);
  const refusedParams = { adminEmail: ctx.adminEmail, scope: DIRECTORY_SCOPE, ...at, ...answered };
  const refused = (why: string) =>
    `Google refused the service account: check the key and domain-wide delegation for ${ctx.adminEmail}${why} ` +
    "(in the Google Admin console the service account's client ID " +
    `must be allowed the scope ${DIRECTORY_SCOPE})`;

  if (status !== undefined) {
    if (ctx.phase.kind === 'token' && status >= 400 && status < 500)
      return fail(refused(answer), 'service_account_refused', refusedParams);
    if (status === 401) return fail(refused(answer), 'service_account_refused', refusedParams);
    if (status === 403) {
      return fail(
        `Google says ${ctx.adminEmail} is not authorised for the domain ${ctx.domain}${answer}: ` +
          'the administrator must be an administrator of that domain allowed to read its users, ' +
          "and the Admin SDK API must be enabled for the service account's project",
        'not_authorised',
        { adminEmail: ctx.adminEmail, domain: ctx.domain, ...answered },
      );
    }
    if (status === 404)
      return fail(
        `Google does not know the domain ${ctx.domain}${answer}: check the Google domain`,
        'unknown_domain',
        { domain: ctx.domain, ...answered },
      );
    if (status === 429)
      return fail(
        `Google is limiting requests${answer}: try again in a few minutes`,
        'rate_limited',
        answered,
      );
    if (status >= 500)
      return fail(`Google did not answer ${where}${answer}: try again later`, 'google_unavailable', {
        ...at,
        ...answered,
      });
    return fail(`Google refused ${where}${answer}`, 'refused', { ...at, ...answered });
  }
  const code = String(e?.code ?? '');
  const text = `${String(e?.message ?? '')} ${String((e?.cause as Error | undefined)?.message ?? '')}`;
  // gaxios ends a request at its `timeout` with a TimeoutError, or (7.1) by aborting it; nothing
  // else aborts these requests.
  const names = [e?.name, (e?.cause as Error | undefined)?.name];
  if (
    code === 'TimeoutError' ||
    code === 'ABORT_ERR' ||
    names.includes('TimeoutError') ||
    names.includes('AbortError') ||
    /timeout|timed out|operation was aborted/i.test(text)
  ) {
    const seconds = Math.round(ctx.timeoutMs / 100) / 10;
    return fail(
      `Google did not answer ${where} within ${seconds} s: check the server's Internet access and try again`,
      'timeout',
      { ...at, seconds },
    );
  }
  const sys =
    /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EPIPE|CERT_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\b/.exec(
      `${code} ${text}`,
    )?.[1];
  if (sys) {
    const why: Record<string, string> = {
      ECONNREFUSED: 'connection refused',
      ECONNRESET: 'connection reset',
      ENOTFOUND: 'host name not found',
      EAI_AGAIN: 'host name lookup failed',
    };
    return fail(
      `Google did not answer ${where} (${why[sys] ?? sys}): check the server's Internet access and try again`,
      'network',
      { ...at, code: sys },
    );
  }
  if (e instanceof SyntaxError || /json/i.test(text))
    return fail(
      `Google's answer to ${where} could not be read (not valid JSON): try again later`,
      'bad_answer',
      at,
    );
  const message = String(e?.message ?? err).slice(0, 300);
  return fail(`Google did not answer ${where}: ${message}`, 'other', { ...at, detail: message });
}

/**
 * Reads every user of `domain` through the Admin SDK Directory API (users.list, 500 a page,
 * ordered by e-mail), as the service account impersonating `adminEmail`. Every request (the
 * token and each page) is bounded by `timeoutMs` and never retried; any failure is a
 * GoogleDirectoryError with the message to show. All pages are read before anything is
 * returned, so a failure on any page gives nothing.
 */
export async function listDomainUsers(
  cfg: GoogleApiConfig,
  key: ServiceAccountKey,
  adminEmail: string,
  domain: string,
): Promise<DirectoryUser[]> {
  const tokenUrl = cfg.tokenUrl;
  const maxUsers = cfg.maxUsers ?? GOOGLE_DIRECTORY_MAX_USERS;
  const auth = new JWT({
    email: key.clientEmail,
    key: key.privateKey,
    ...(key.privateKeyId ? { keyId: key.privateKeyId } : {}),
    subject: adminEmail,
    scopes: [DIRECTORY_SCOPE],
    // gtoken signs aud = Google's token URL; it must name the endpoint the JWT is posted to.
    additionalClaims: { aud: tokenUrl },
    transporterOptions: {
      timeout: cfg.timeoutMs,
      // One attempt per request: the administrator retries with the button, and the timeout stays a real bound.
      retry: false,
      retryConfig: { retry: 0, noResponseRetries: 0 },
      maxContentLength: MAX_RESPONSE_BYTES,
      maxRedirects: 0,
    },
  });
  // gtoken has no token URL option: the request it makes to Google's fixed URL is sent to the configured one.
  if (tokenUrl !== LIBRARY_TOKEN_URL) {
    auth.transporter.interceptors.request.add({
      resolved: async (opts) => {
        if (
          opts.url instanceof URL
            ? opts.url.href === LIBRARY_TOKEN_URL
            : String(opts.url) === LIBRARY_TOKEN_URL
        )
          opts.url = new URL(tokenUrl);
        return opts;
      },
    });
  }
  const phase: Phase = { kind: 'token', page: 0 };
  const explain = (err: unknown) =>
    explainGoogleError(err, { adminEmail, domain, timeoutMs: cfg.timeoutMs, phase });
  try {
    const tokens = await auth.authorize();
    if (!tokens.access_token)
      throw new GoogleDirectoryError(
        "Google's answer to the token request could not be read (no access token): try again later",
        'no_access_token',
        {},
        { where: 'the token request' },
      );
    const directory = admin({
      version: 'directory_v1',
      auth,
      rootUrl: cfg.apiRoot.endsWith('/') ? cfg.apiRoot : `${cfg.apiRoot}/`,
    });
    const byId = new Map<string, DirectoryUser>();
    let pageToken: string | undefined;
    const seenTokens = new Set<string>();
    do {
      phase.kind = 'users';
      phase.page++;
      const res = await directory.users.list(
        {
          domain,
          maxResults: PAGE_SIZE,
          orderBy: 'email',
          projection: 'basic',
          fields: 'nextPageToken,users(id,primaryEmail,name,phones)',
          ...(pageToken ? { pageToken } : {}),
        },
        { timeout: cfg.timeoutMs, retry: false, responseType: 'json' },
      );
      const data: unknown = res.data;
      if (!data || typeof data !== 'object' || Array.isArray(data)) {
        throw new GoogleDirectoryError(
          `Google's answer to users.list page ${phase.page} could not be read (not a users list): try again later`,
          'not_users_list',
          { phase: 'users', page: phase.page },
          { where: `users.list page ${phase.page}` },
        );
      }
      const body = data as { users?: unknown; nextPageToken?: unknown };
      if (body.users !== undefined && body.users !== null && !Array.isArray(body.users)) {
        throw new GoogleDirectoryError(
          `Google's answer to users.list page ${phase.page} could not be read (not a users list): try again later`,
          'not_users_list',
          { phase: 'users', page: phase.page },
          { where: `users.list page ${phase.page}` },
        );
      }
      for (const raw of (body.users as unknown[] | undefined) ?? []) {
        const u = toDirectoryUser(raw);
        if (u) byId.set(u.id, u);
      }
      if (byId.size > maxUsers)
        throw new GoogleDirectoryError(
          `The domain ${domain} has more than ${maxUsers.toLocaleString('en-US')} users, the most a sync ` +
            'reads: nothing was changed',
          'too_many_users',
          { domain, max: maxUsers },
          { where: `users.list page ${phase.page}` },
        );
      pageToken =
        typeof body.nextPageToken === 'string' && body.nextPageToken !== '' ? body.nextPageToken : undefined;
      if (pageToken) {
        if (seenTokens.has(pageToken))
          throw new GoogleDirectoryError(
            `Google sent the same page token twice (users.list page ${phase.page}): try again later`,
            'repeated_page_token',
            { page: phase.page },
          );
        seenTokens.add(pageToken);
      }
    } while (pageToken);
    return [...byId.values()];
  } catch (err) {
    throw explain(err);
  }
}

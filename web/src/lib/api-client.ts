import type { ErrorCode } from '@oig/shared';
import type { z } from 'zod';

/**
 * The API's error shape, from the chunk of the console's own schemas (with zod): not part of the
 * first-load script; by the first error it is loaded (lib/me.ts asks for it with the first request).
 */
const loadApiErrorSchema = () => import('./api-schemas').then((m) => m.apiErrorSchema);

/** Why one field failed, as the server says it (see `fieldReasons` of the shared apiErrorSchema). */
export interface FieldReason {
  reason: string;
  params?: Record<string, string> | undefined;
}

/** Codes the client adds to the server's error codes (no answer, or an answer it cannot read). */
export type ClientErrorCode = 'network_error' | 'invalid_response' | 'http_error';

/**
 * Any failed API call. `message` is the server's text, safe to show to the user; `reason` (a finer,
 * stable cause within `code`, e.g. `group_closed`) and `params` (the values its message names) let
 * a feature say it in the console's language instead.
 */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly fields: Readonly<Record<string, string>>;
  /** Why each field of `fields` failed: a validation code or a reason, with its params. */
  readonly fieldReasons: Readonly<Record<string, FieldReason>>;
  readonly reason: string | undefined;
  readonly params: Readonly<Record<string, string>>;

  constructor(init: {
    status: number;
    code: ErrorCode | ClientErrorCode;
    message: string;
    fields?: Record<string, string> | undefined;
    fieldReasons?: Record<string, FieldReason> | undefined;
    reason?: string | undefined;
    params?: Record<string, string> | undefined;
  }) {
    super(init.message);
    this.name = 'ApiRequestError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.fieldReasons = init.fieldReasons ?? {};
    this.reason = init.reason;
    this.params = init.params ?? {};
  }
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}

let csrfToken: string | null = null;

/** Token from login / me; sent as X-CSRF-Token on every mutating call. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

let unauthorizedHandler: (() => void) | null = null;

/** Called when any call (except those that opt out) answers 401: the app sends the user to sign in. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions<T> {
  method?: HttpMethod;
  body?: unknown;
  /**
   * Validates the JSON answer; without it the answer is ignored (e.g. 204). A schema still loading
   * (a promise) is awaited once the answer is in, so its chunk loads beside the request.
   */
  schema?: z.ZodType<T> | Promise<z.ZodType<T>>;
  signal?: AbortSignal | undefined;
  /** False for calls where 401 is an expected answer (login, session restore). */
  redirectOnUnauthorized?: boolean;
}

const MUTATING: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

async function readError(response: Response): Promise<ApiRequestError> {
  let body: unknown = undefined;
  try {
    body = await response.json();
  } catch {
    // Not JSON (proxy error page, empty body): fall through to a generic error.
  }
  let schema: Awaited<ReturnType<typeof loadApiErrorSchema>> | undefined;
  try {
    schema = await loadApiErrorSchema();
  } catch {
    // The schemas' chunk could not be loaded: the generic error below.
  }
  const parsed = schema?.safeParse(body);
  if (parsed?.success) {
    return new ApiRequestError({
      status: response.status,
      code: parsed.data.error.code,
      message: parsed.data.error.message,
      fields: parsed.data.error.fields,
      fieldReasons: parsed.data.error.fieldReasons,
      reason: parsed.data.error.reason,
      params: parsed.data.error.params,
    });
  }
  return new ApiRequestError({
    status: response.status,
    code: 'http_error',
    message: `HTTP ${response.status}`,
  });
}

const isAbort = (cause: unknown) => cause instanceof DOMException && cause.name === 'AbortError';
const networkError = () =>
  new ApiRequestError({ status: 0, code: 'network_error', message: 'Network error' });

/**
 * One request to the API: the CSRF header on mutations, same-origin cookies, an AbortError
 * passed on as it is, a network failure or a non-2xx answer as an ApiRequestError (a 401 also
 * calls the unauthorized handler unless told not to). Returns the successful response.
 */
async function send(
  path: string,
  init: {
    method: HttpMethod;
    headers: Headers;
    body?: BodyInit | undefined;
    signal?: AbortSignal | undefined;
  },
  redirectOnUnauthorized = true,
): Promise<Response> {
  if (MUTATING.has(init.method) && csrfToken) init.headers.set('X-CSRF-Token', csrfToken);
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method,
      headers: init.headers,
      credentials: 'same-origin',
      body: init.body ?? null,
      signal: init.signal ?? null,
    });
  } catch (cause) {
    if (isAbort(cause)) throw cause;
    throw networkError();
  }
  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && redirectOnUnauthorized) unauthorizedHandler?.();
    throw error;
  }
  return response;
}

/**
 * How long an early answer (startEarlyGet) waits for the query that takes it: the queries' default
 * staleTime (lib/query-client.ts), beyond which the answer would be asked again anyway.
 */
export const EARLY_GET_MAX_AGE_MS = 5_000;

interface EarlyGet {
  response: Promise<Response | null>;
  /** When the answer arrived (Date.now()); undefined while it is on its way. */
  arrivedAt?: number;
}
const earlyGets = new Map<string, EarlyGet>();

/**
 * Sends a JSON GET now, before the code that reads its answer has loaded (app/first-load.ts: the
 * first page's data, beside /auth/me and the page's chunk). The first apiRequest GET of the same
 * path (query string included) takes the answer instead of asking again — while it is on its way, or
 * within EARLY_GET_MAX_AGE_MS of its arrival (on a slow link the page may take longer than that to
 * load: the age counts from the answer, not the request) — and checks it with its schema as usual.
 * An answer nobody took by then is dropped (its body cancelled). Only a successful answer is taken:
 * any other (a 401 once the session has ended, a network failure) is dropped quietly and that request
 * sent again.
 */
export function startEarlyGet(path: string): void {
  const early: EarlyGet = {
    response: fetch(path, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    }).catch(() => null),
  };
  earlyGets.set(path, early);
  void early.response.then((response) => {
    early.arrivedAt = Date.now();
    setTimeout(() => {
      if (earlyGets.get(path) !== early) return;
      earlyGets.delete(path);
      void response?.body?.cancel().catch(() => undefined);
    }, EARLY_GET_MAX_AGE_MS);
  });
}

/** Forgets the early answers not yet taken (a sign-in or sign-out: they were asked for another user). */
export function dropEarlyGets(): void {
  earlyGets.clear();
}

/**
 * The early answer of a GET of `path` (each is taken once): null at once when there is none, so
 * that request goes out without waiting a turn; null too when the answer is not a success.
 */
function takeEarlyGet(path: string, signal: AbortSignal | undefined): Promise<Response | null> | null {
  const early = earlyGets.get(path);
  if (!early) return null;
  earlyGets.delete(path);
  if (early.arrivedAt !== undefined && Date.now() - early.arrivedAt > EARLY_GET_MAX_AGE_MS) return null;
  return early.response.then((response) => {
    signal?.throwIfAborted();
    return response?.ok ? response : null;
  });
}

export async function apiRequest<T = void>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const method = options.method ?? 'GET';
  // A schema still loading is awaited only with an answer to check: a failed request leaves it.
  if (options.schema instanceof Promise) options.schema.catch(() => undefined);
  const headers = new Headers({ Accept: 'application/json' });
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  const early = method === 'GET' ? takeEarlyGet(path, options.signal) : null;
  const response =
    (early && (await early)) ??
    (await send(
      path,
      {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      },
      options.redirectOnUnauthorized !== false,
    ));

  if (!options.schema || response.status === 204) return undefined as T;
  let schema: z.ZodType<T>;
  try {
    schema = await options.schema;
  } catch {
    throw networkError(); // the schema's chunk could not be loaded
  }

  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ApiRequestError({ status: response.status, code: 'invalid_response', message: 'Invalid JSON' });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiRequestError({
      status: response.status,
      code: 'invalid_response',
      message: 'Unexpected response shape',
    });
  }
  return parsed.data;
}

/** A file the API answered with (a CSV report, say): its bytes as sent and the name the server gave it. */
export interface ApiFile {
  blob: Blob;
  /** From Content-Disposition (`filename*` first, then `filename`); null when there is none. */
  fileName: string | null;
}

/** The file name of a Content-Disposition header: `filename*=UTF-8''…` (RFC 5987) first, then `filename="…"`. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*utf-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: fall back to the plain parameter.
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, '$1') || null;
  const bare = /filename\s*=\s*([^;\s]+)/i.exec(header);
  return bare?.[1] ?? null;
}

/**
 * The file of a successful answer: its bytes as sent (a CSV's byte order mark included) and the
 * name the server gave it.
 */
async function readFile(response: Response): Promise<ApiFile> {
  let bytes: ArrayBuffer;
  try {
    bytes = await response.arrayBuffer();
  } catch (cause) {
    if (isAbort(cause)) throw cause;
    throw networkError();
  }
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
  return {
    blob: new Blob([bytes], { type }),
    fileName: dispositionFileName(response.headers.get('Content-Disposition')),
  };
}

const FILE_ACCEPT = 'text/csv, application/json';

/**
 * POSTs a multipart body (e.g. a file to check) and reads a file answer instead of JSON: the
 * CSRF header, the API's error shape and the 401 handling are those of apiRequest. The bytes
 * are kept as sent (a CSV's byte order mark included).
 */
export async function apiPostFormForFile(
  path: string,
  body: FormData,
  signal?: AbortSignal,
): Promise<ApiFile> {
  return readFile(
    await send(path, { method: 'POST', headers: new Headers({ Accept: FILE_ACCEPT }), body, signal }),
  );
}

/**
 * POSTs a JSON body and reads a file answer (a configuration backup): as apiPostFormForFile, with
 * a JSON body instead of a multipart one.
 */
export async function apiPostJsonForFile(path: string, body: unknown): Promise<ApiFile> {
  return readFile(
    await send(path, {
      method: 'POST',
      headers: new Headers({
        Accept: 'application/octet-stream, application/json',
        'Content-Type': 'application/json',
      }),
      body: JSON.stringify(body),
    }),
  );
}

/**
 * GETs a file (an export, a report as CSV): a non-2xx answer is an ApiRequestError with the
 * server's message (its JSON error body is never taken for the file), a 401 calls the
 * unauthorized handler, an abort is passed on as it is. The bytes are kept as sent.
 */
export async function apiGetFile(path: string, signal?: AbortSignal): Promise<ApiFile> {
  return readFile(await send(path, { method: 'GET', headers: new Headers({ Accept: FILE_ACCEPT }), signal }));
}

export const api = {
  get: <T>(path: string, schema: z.ZodType<T>, signal?: AbortSignal) =>
    apiRequest<T>(path, { schema, signal }),
  post: <T = void>(path: string, body: unknown, schema?: z.ZodType<T>) =>
    apiRequest<T>(path, schema ? { method: 'POST', body, schema } : { method: 'POST', body }),
  put: <T = void>(path: string, body: unknown, schema?: z.ZodType<T>) =>
    apiRequest<T>(path, schema ? { method: 'PUT', body, schema } : { method: 'PUT', body }),
  patch: <T = void>(path: string, body: unknown, schema?: z.ZodType<T>) =>
    apiRequest<T>(path, schema ? { method: 'PATCH', body, schema } : { method: 'PATCH', body }),
  delete: (path: string) => apiRequest<void>(path, { method: 'DELETE' }),
};

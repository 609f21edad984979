import { apiErrorSchema } from '@oig/shared';
import type { z } from 'zod';
import { ApiRequestError, apiRequest, getCsrfToken } from './api-client';

export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number;
  /** Bytes to send (the whole multipart body). */
  total: number;
}

export interface UploadFileOptions<T> {
  /** Path with its query string, e.g. `/api/v1/mivoice/users/import?dryRun=true`. */
  url: string;
  file: File;
  /** Name of the multipart field. */
  field?: string;
  /** Text fields sent before the file (e.g. a passphrase). */
  fields?: Record<string, string> | undefined;
  /** Validates the JSON answer. */
  schema: z.ZodType<T>;
  /** Called as the browser sends the body (XMLHttpRequest upload progress). */
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

function errorOf(status: number, text: string): ApiRequestError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's page, or nothing): a generic error follows.
  }
  const parsed = apiErrorSchema.safeParse(body);
  if (parsed.success) {
    const { code, message, fields, fieldReasons, reason, params } = parsed.data.error;
    return new ApiRequestError({ status, code, message, fields, fieldReasons, reason, params });
  }
  return new ApiRequestError({ status, code: 'http_error', message: `HTTP ${status}` });
}

/**
 * POSTs one file as multipart/form-data and reads the JSON answer like `apiRequest` does (CSRF
 * header, the API's error shape, schema check), but over XMLHttpRequest, because fetch cannot
 * report upload progress. Rejects with an ApiRequestError, or an AbortError when `signal` aborts.
 */
export function uploadFile<T>({
  url,
  file,
  field = 'file',
  fields = {},
  schema,
  onProgress,
  signal,
}: UploadFileOptions<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbortSignal = () => xhr.abort();
    const settle = () => signal?.removeEventListener('abort', onAbortSignal);

    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    if (onProgress) {
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
      };
    }
    xhr.onload = () => {
      settle();
      const { status, responseText } = xhr;
      if (status < 200 || status >= 300) {
        // The session is gone: ask the API client who is signed in, which runs the console's 401 handling.
        if (status === 401) void apiRequest('/api/v1/auth/me').catch(() => undefined);
        reject(errorOf(status, responseText));
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(responseText);
      } catch {
        reject(new ApiRequestError({ status, code: 'invalid_response', message: 'Invalid JSON' }));
        return;
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) resolve(parsed.data);
      else
        reject(
          new ApiRequestError({ status, code: 'invalid_response', message: 'Unexpected response shape' }),
        );
    };
    xhr.onerror = () => {
      settle();
      reject(new ApiRequestError({ status: 0, code: 'network_error', message: 'Network error' }));
    };
    xhr.onabort = () => {
      settle();
      reject(new DOMException('The upload was cancelled', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbortSignal, { once: true });

    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append(field, file, file.name);
    xhr.send(body);
  });
}

/** Whether a rejection is the caller's own cancellation. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

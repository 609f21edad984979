import { z } from 'zod';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockFetch } from '@/testing/mock-fetch';
import { ApiRequestError, setCsrfToken, setUnauthorizedHandler } from '../api-client';
import { isAbortError, uploadFile } from '../upload-file';

/** A hand-driven XMLHttpRequest: the test decides progress, answer, failure or nothing. */
class ManualXhr {
  static last: ManualXhr | null = null;
  upload: { onprogress: ((e: Partial<ProgressEvent>) => void) | null } = { onprogress: null };
  status = 0;
  responseText = '';
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  aborted = false;
  constructor() {
    ManualXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  answer(status: number, text: string) {
    this.status = status;
    this.responseText = text;
    this.onload?.();
  }
}

const schema = z.object({ ok: z.boolean() });
const file = () => new File(['a,b\r\n'], 'list.csv', { type: 'text/csv' });
const xhr = () => ManualXhr.last as ManualXhr;

describe('uploadFile', () => {
  beforeEach(() => {
    ManualXhr.last = null;
    vi.stubGlobal('XMLHttpRequest', ManualXhr);
  });

  it('POSTs the file as multipart field "file" with the CSRF header, reports progress and checks the answer', async () => {
    setCsrfToken('csrf-up');
    const progress: number[] = [];
    const done = uploadFile({
      url: '/api/v1/x?dryRun=true',
      file: file(),
      schema,
      onProgress: (p) => progress.push(p.loaded / p.total),
    });
    expect(xhr().method).toBe('POST');
    expect(xhr().url).toBe('/api/v1/x?dryRun=true');
    expect(xhr().headers).toEqual({ Accept: 'application/json', 'X-CSRF-Token': 'csrf-up' });
    const sent = xhr().body?.get('file');
    expect(sent).toBeInstanceOf(File);
    expect((sent as File).name).toBe('list.csv');
    xhr().upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 200 });
    xhr().upload.onprogress?.({ lengthComputable: false, loaded: 0, total: 0 });
    xhr().upload.onprogress?.({ lengthComputable: true, loaded: 200, total: 200 });
    xhr().answer(200, '{"ok":true}');
    await expect(done).resolves.toEqual({ ok: true });
    expect(progress).toEqual([0.25, 1]);
  });

  it("rejects with the API's error (code, reason, params, message, fields and their reasons)", async () => {
    const done = uploadFile({ url: '/u', file: file(), schema });
    xhr().answer(
      400,
      JSON.stringify({
        error: {
          code: 'validation_failed',
          reason: 'csv_wrong_header',
          params: { line: '1' },
          message: 'Line 1: missing column phone_number',
          fields: { file: 'header' },
          fieldReasons: { file: { reason: 'csv_wrong_header', params: { line: '1' } } },
        },
      }),
    );
    const error = await done.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      reason: 'csv_wrong_header',
      params: { line: '1' },
      message: 'Line 1: missing column phone_number',
      fields: { file: 'header' },
      fieldReasons: { file: { reason: 'csv_wrong_header', params: { line: '1' } } },
    });
  });

  it('turns a non-JSON refusal (a proxy 413), a bad answer and a network failure into client errors', async () => {
    let done = uploadFile({ url: '/u', file: file(), schema });
    xhr().answer(413, '<html>Request Entity Too Large</html>');
    await expect(done).rejects.toMatchObject({ status: 413, code: 'http_error' });

    done = uploadFile({ url: '/u', file: file(), schema });
    xhr().answer(200, '{"ok":"yes"}');
    await expect(done).rejects.toMatchObject({ code: 'invalid_response' });

    done = uploadFile({ url: '/u', file: file(), schema });
    xhr().onerror?.();
    await expect(done).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('aborts with the signal, as an AbortError', async () => {
    const controller = new AbortController();
    const done = uploadFile({ url: '/u', file: file(), schema, signal: controller.signal });
    controller.abort();
    expect(xhr().aborted).toBe(true);
    const error = await done.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    // Already aborted: nothing is sent.
    ManualXhr.last = null;
    await expect(
      uploadFile({ url: '/u', file: file(), schema, signal: controller.signal }),
    ).rejects.toSatisfy(isAbortError);
    expect(ManualXhr.last).toBeNull();
  });

  it("on 401 asks who is signed in through the API client, which runs the console's 401 handling", async () => {
    mockFetch({
      'GET /api/v1/auth/me': {
        status: 401,
        body: { error: { code: 'unauthenticated', message: 'Sign in first' } },
      },
    });
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    const done = uploadFile({ url: '/u', file: file(), schema });
    xhr().answer(401, JSON.stringify({ error: { code: 'unauthenticated', message: 'Sign in first' } }));
    await expect(done).rejects.toMatchObject({ status: 401 });
    await vi.waitFor(() => expect(handler).toHaveBeenCalledTimes(1));
  });
});

import { z } from 'zod';
import { describe, expect, it, vi } from 'vitest';
import {
  ApiRequestError,
  api,
  apiGetFile,
  apiRequest,
  dropEarlyGets,
  EARLY_GET_MAX_AGE_MS,
  setCsrfToken,
  startEarlyGet,
  setUnauthorizedHandler,
} from '@/lib/api-client';
import { blobText } from '@/testing/downloads';
import { mockFetch } from '@/testing/mock-fetch';

const okSchema = z.object({ ok: z.boolean() });

describe('api client', () => {
  it('sends X-CSRF-Token on POST, PUT and DELETE but not on GET', async () => {
    const { requests } = mockFetch({
      'GET /api/v1/thing': { body: { ok: true } },
      'POST /api/v1/thing': { body: { ok: true } },
      'PUT /api/v1/thing': { body: { ok: true } },
      'DELETE /api/v1/thing': { status: 204 },
    });
    setCsrfToken('tok-123');

    await api.get('/api/v1/thing', okSchema);
    await api.post('/api/v1/thing', { a: 1 }, okSchema);
    await api.put('/api/v1/thing', { a: 2 }, okSchema);
    await api.delete('/api/v1/thing');

    const byMethod = Object.fromEntries(requests.map((r) => [r.method, r]));
    expect(byMethod.GET?.headers.get('X-CSRF-Token')).toBeNull();
    expect(byMethod.POST?.headers.get('X-CSRF-Token')).toBe('tok-123');
    expect(byMethod.PUT?.headers.get('X-CSRF-Token')).toBe('tok-123');
    expect(byMethod.DELETE?.headers.get('X-CSRF-Token')).toBe('tok-123');
    expect(byMethod.POST?.headers.get('Content-Type')).toBe('application/json');
    expect(byMethod.POST?.body).toEqual({ a: 1 });
  });

  it('uses same-origin credentials', async () => {
    const { fetchMock } = mockFetch({ 'GET /api/v1/thing': { body: { ok: true } } });
    await api.get('/api/v1/thing', okSchema);
    expect(fetchMock.mock.calls[0]?.[1]?.credentials).toBe('same-origin');
  });

  it('turns the error body into an ApiRequestError with code, message and fields', async () => {
    mockFetch({
      'POST /api/v1/thing': {
        status: 422,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Check the fields',
            fields: { 'ids.0': 'Unknown session' },
          },
        },
      },
    });
    const error = await api.post('/api/v1/thing', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({
      status: 422,
      code: 'validation_failed',
      message: 'Check the fields',
      fields: { 'ids.0': 'Unknown session' },
    });
  });

  it('reports a non-JSON failure as http_error with the status', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    await expect(api.get('/api/v1/thing', okSchema)).rejects.toMatchObject({
      code: 'http_error',
      status: 502,
    });
  });

  it('reports a failed connection as network_error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(api.get('/api/v1/thing', okSchema)).rejects.toMatchObject({
      code: 'network_error',
      status: 0,
    });
  });

  it('rejects an answer that does not match the schema', async () => {
    mockFetch({ 'GET /api/v1/thing': { body: { ok: 'yes' } } });
    await expect(api.get('/api/v1/thing', okSchema)).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('calls the unauthorized handler on 401 unless the call opts out', async () => {
    mockFetch({
      'GET /api/v1/thing': { status: 401, body: { error: { code: 'unauthenticated', message: 'Sign in' } } },
    });
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);

    await expect(api.get('/api/v1/thing', okSchema)).rejects.toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);

    await expect(
      apiRequest('/api/v1/thing', { schema: okSchema, redirectOnUnauthorized: false }),
    ).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('apiGetFile GETs a file (no CSRF header) and keeps its bytes, type and Content-Disposition name', async () => {
    const csv = '\uFEFFa,b\r\n1,2\r\n';
    const { requests } = mockFetch({
      'GET /api/v1/thing.csv': {
        text: csv,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="x.csv"; filename*=UTF-8''%C3%A9t%C3%A9.csv`,
        },
      },
    });
    setCsrfToken('tok-123');
    const file = await apiGetFile('/api/v1/thing.csv?month=2026-11');
    expect(requests[0]?.method).toBe('GET');
    expect(requests[0]?.url.search).toBe('?month=2026-11');
    expect(requests[0]?.headers.get('Accept')).toBe('text/csv, application/json');
    expect(requests[0]?.headers.get('X-CSRF-Token')).toBeNull();
    expect(file.fileName).toBe('été.csv');
    expect(file.blob.type).toBe('text/csv; charset=utf-8');
    expect(await blobText(file.blob)).toBe(csv);
  });

  it('apiGetFile turns an error answer into an ApiRequestError (never a file) and calls the unauthorized handler on 401', async () => {
    mockFetch({
      'GET /api/v1/gone.csv': {
        status: 404,
        body: { error: { code: 'not_found', message: 'No such language' } },
      },
      'GET /api/v1/expired.csv': {
        status: 401,
        body: { error: { code: 'unauthenticated', message: 'Sign in' } },
      },
    });
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    await expect(apiGetFile('/api/v1/gone.csv')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'No such language',
    });
    expect(onUnauthorized).not.toHaveBeenCalled();
    await expect(apiGetFile('/api/v1/expired.csv')).rejects.toMatchObject({
      status: 401,
      message: 'Sign in',
    });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('apiGetFile passes an abort on as an AbortError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new DOMException('Aborted', 'AbortError'))),
    );
    await expect(apiGetFile('/api/v1/thing.csv', new AbortController().signal)).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  describe('early GETs', () => {
    it('lets the first GET of the same path take the early answer, checked by its schema, once', async () => {
      const { requests } = mockFetch({ 'GET /api/v1/thing': { body: { ok: true } } });
      startEarlyGet('/api/v1/thing?x=1');
      expect(requests).toHaveLength(1);

      await expect(api.get('/api/v1/thing', okSchema)).resolves.toEqual({ ok: true }); // another path
      await expect(api.get('/api/v1/thing?x=1', okSchema)).resolves.toEqual({ ok: true });
      expect(requests).toHaveLength(2);
      await api.get('/api/v1/thing?x=1', okSchema); // taken already: asked again
      expect(requests).toHaveLength(3);

      startEarlyGet('/api/v1/thing');
      await expect(api.get('/api/v1/thing', z.object({ ok: z.string() }))).rejects.toMatchObject({
        code: 'invalid_response',
      });
    });

    it('drops an early answer that is not a success, and asks again (its 401 handled then)', async () => {
      const onUnauthorized = vi.fn();
      setUnauthorizedHandler(onUnauthorized);
      let status = 503;
      const { requests } = mockFetch({
        'GET /api/v1/thing': () => ({ status, body: { error: { code: 'unavailable', message: 'Busy' } } }),
      });
      startEarlyGet('/api/v1/thing');
      status = 401;
      await expect(api.get('/api/v1/thing', okSchema)).rejects.toMatchObject({ status: 401 });
      expect(requests).toHaveLength(2);
      expect(onUnauthorized).toHaveBeenCalledTimes(1);
    });

    it('does not take an early answer that arrived longer ago than the queries’ staleTime, nor one dropped', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        const { requests } = mockFetch({ 'GET /api/v1/thing': { body: { ok: true } } });
        startEarlyGet('/api/v1/thing');
        await new Promise((resolve) => setTimeout(resolve, 10)); // the answer arrives
        vi.setSystemTime(Date.now() + EARLY_GET_MAX_AGE_MS + 1);
        await api.get('/api/v1/thing', okSchema);
        expect(requests).toHaveLength(2);

        startEarlyGet('/api/v1/thing');
        dropEarlyGets();
        await api.get('/api/v1/thing', okSchema);
        expect(requests).toHaveLength(4);
      } finally {
        vi.useRealTimers();
      }
    });

    it('takes an early answer slow to arrive (a slow link), however long ago it was asked for', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        let answer: (r: Response) => void = () => undefined;
        const fetch = vi.fn(() => new Promise<Response>((resolve) => (answer = resolve)));
        vi.stubGlobal('fetch', fetch);
        startEarlyGet('/api/v1/thing');
        vi.setSystemTime(Date.now() + 3 * EARLY_GET_MAX_AGE_MS);
        const read = api.get('/api/v1/thing', okSchema);
        answer(Response.json({ ok: true }));
        await expect(read).resolves.toEqual({ ok: true });
        expect(fetch).toHaveBeenCalledTimes(1);
      } finally {
        vi.useRealTimers();
        vi.unstubAllGlobals();
      }
    });

    it('waits for a schema still loading, and reports one that cannot load as a network error', async () => {
      mockFetch({ 'GET /api/v1/thing': { body: { ok: true } } });
      await expect(apiRequest('/api/v1/thing', { schema: Promise.resolve(okSchema) })).resolves.toEqual({
        ok: true,
      });
      await expect(
        apiRequest('/api/v1/thing', { schema: Promise.reject<typeof okSchema>(new Error('chunk gone')) }),
      ).rejects.toMatchObject({ code: 'network_error' });
    });
  });
});

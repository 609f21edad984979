import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  path: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** `body` is sent as JSON; `text` (e.g. a CSV answer) is sent as it is, with the Content-Type of `headers`. */
export type MockReply = { status?: number; body?: unknown; text?: string; headers?: Record<string, string> };
type Handler = MockReply | ((request: RecordedRequest) => MockReply | Promise<MockReply>);

/**
 * Replaces global fetch with routes keyed "METHOD /path" (query string ignored for matching).
 * Unknown routes answer 404 with the API error body. Returns the recorded requests.
 */
export function mockFetch(routes: Record<string, Handler>) {
  const requests: RecordedRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://localhost',
    );
    const method = (init?.method ?? 'GET').toUpperCase();
    const rawBody = init?.body;
    const request: RecordedRequest = {
      method,
      path: url.pathname,
      url,
      headers: new Headers(init?.headers),
      body:
        typeof rawBody === 'string' ? JSON.parse(rawBody) : rawBody instanceof FormData ? rawBody : undefined,
    };
    requests.push(request);
    const handler = routes[`${method} ${url.pathname}`];
    const reply: MockReply = handler
      ? typeof handler === 'function'
        ? await handler(request)
        : handler
      : {
          status: 404,
          body: { error: { code: 'not_found', message: `No mock for ${method} ${url.pathname}` } },
        };
    const status = reply.status ?? 200;
    const noBody = status === 204 || (reply.body === undefined && reply.text === undefined);
    return new Response(noBody ? null : (reply.text ?? JSON.stringify(reply.body)), {
      status,
      headers: { 'Content-Type': 'application/json', ...reply.headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, requests };
}

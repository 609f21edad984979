import { render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { SIGNED_IN_STORAGE_KEY } from '@/lib/me';
import { adminMe, makeOverview, makeUsageDaily, supportMe, sessionProbe } from '@/testing/data';
import { mockFetch, type MockReply } from '@/testing/mock-fetch';
import { App } from '../app';
import { FIRST_TAB_PREFETCH, startConsole } from '../first-load';
import type { PagePath } from '../router';

// The Overview page's chunk resolves only when the test opens this gate, so a test can see what
// was asked for while it is still loading.
const overviewChunk = vi.hoisted(() => {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
});
vi.mock('../routes/overview', async (importOriginal) => {
  await overviewChunk.opened;
  return importOriginal();
});

const unauthenticated: MockReply = {
  status: 401,
  body: { error: { code: 'unauthenticated', message: 'Sign in first' } },
};
const overviewData = {
  'GET /api/v1/overview': { body: makeOverview() },
  'GET /api/v1/usage/daily': { body: makeUsageDaily() },
};

/** As after a sign-in in this browser a moment ago. */
const noteSession = () => window.localStorage.setItem(SIGNED_IN_STORAGE_KEY, String(Date.now() + 3_600_000));

/** The console as main.tsx starts it, on `path`, in a memory router. */
function start(path: string) {
  const started = startConsole(path, (routes) => createMemoryRouter(routes, { initialEntries: [path] }));
  const show = async () => {
    await started.ready;
    render(<App router={started.router} queryClient={started.queryClient} />);
  };
  return { ...started, show };
}

describe('first load', () => {
  it('asks for /auth/session and the page’s first data before the page’s chunk has loaded, each once', async () => {
    noteSession();
    const { requests } = mockFetch({ 'GET /api/v1/auth/session': sessionProbe(adminMe), ...overviewData });
    const { router, show } = start('/overview');

    const asked = () => requests.map((r) => `${r.url.pathname}${r.url.search}`);
    await waitFor(() =>
      expect(asked().sort()).toEqual([
        '/api/v1/auth/session',
        '/api/v1/overview',
        '/api/v1/usage/daily?days=30',
      ]),
    );
    expect(router.state.initialized).toBe(false); // the page's chunk is still loading

    overviewChunk.open();
    await show();
    expect(await screen.findByTestId('stat-applications')).toHaveTextContent('12');
    expect(router.state.location.pathname).toBe('/overview');
    // The page's queries took the early answers instead of asking again.
    expect(asked().sort()).toEqual([
      '/api/v1/auth/session',
      '/api/v1/overview',
      '/api/v1/usage/daily?days=30',
    ]);
  });

  it('asks only for /auth/session (answered 200) when this browser has no session, and shows the sign-in page', async () => {
    overviewChunk.open();
    const consoleError = vi.spyOn(console, 'error');
    const { requests } = mockFetch({ 'GET /api/v1/auth/session': sessionProbe(null), ...overviewData });
    const { router, show } = start('/overview');
    await show();

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(requests.map((r) => r.path)).toEqual(['/api/v1/auth/session']);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('drops the early 401s quietly when the session has ended, and shows the sign-in page', async () => {
    overviewChunk.open();
    noteSession();
    const consoleError = vi.spyOn(console, 'error');
    const { requests } = mockFetch({
      'GET /api/v1/auth/session': sessionProbe(null),
      'GET /api/v1/overview': unauthenticated,
      'GET /api/v1/usage/daily': unauthenticated,
    });
    const { router, show } = start('/overview');
    await show();

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?redirectTo=%2Foverview');
    for (const alert of screen.queryAllByRole('alert')) expect(alert).toBeEmptyDOMElement();
    expect(consoleError).not.toHaveBeenCalled();
    expect(requests.map((r) => r.path).sort()).toEqual([
      '/api/v1/auth/session',
      '/api/v1/overview',
      '/api/v1/usage/daily',
    ]);
    expect(window.localStorage.getItem(SIGNED_IN_STORAGE_KEY)).toBeNull(); // the next load asks for /auth/session only
  });

  // Each page's list must be requests the page really sends as it opens (for every role), or the
  // early answers would be asked for and never taken.
  for (const [page, paths] of Object.entries(FIRST_TAB_PREFETCH) as [PagePath, readonly string[]][]) {
    for (const me of [adminMe, supportMe]) {
      it(`lists requests that ${page} sends as it opens (${me.role})`, async () => {
        overviewChunk.open();
        const asked: string[] = [];
        vi.stubGlobal(
          'fetch',
          vi.fn(async (input: string) => {
            const url = new URL(input, 'http://localhost');
            asked.push(`${url.pathname}${url.search}`);
            return Response.json(url.pathname === '/api/v1/auth/session' ? { signedIn: true, me } : {});
          }),
        );
        const { show } = start(page); // no session noted: nothing is asked for early
        await show();
        await waitFor(() => expect(asked).toEqual(expect.arrayContaining([...paths])));
      });
    }
  }
});

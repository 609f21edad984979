import type { Me } from '@oig/shared';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY, i18n } from '@/lib/i18n';
import { probablySignedIn } from '@/lib/me';
import { adminMe, makeOverview, makeSessions, supportMe, sessionProbe } from '@/testing/data';
import { mockFetch, type MockReply } from '@/testing/mock-fetch';
import { createTestQueryClient } from '@/testing/render';
import { AppProvider } from '../provider';
import { routes } from '../router';
import { safeRedirect } from '../routes/login';

const unauthenticated: MockReply = {
  status: 401,
  body: { error: { code: 'unauthenticated', message: 'Sign in first' } },
};

function api(me: Me | null, extra: Record<string, MockReply> = {}) {
  return mockFetch({
    'GET /api/v1/auth/session': sessionProbe(me),
    'GET /api/v1/overview': { body: makeOverview() },
    'GET /api/v1/sessions': { body: { sessions: makeSessions(3), total: 3, live: 3, offset: 0, limit: 50 } },
    'POST /api/v1/auth/logout': { status: 204 },
    ...extra,
  });
}

function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  render(
    <AppProvider queryClient={createTestQueryClient()}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { router, user };
}

describe('console app', () => {
  it('sends a visitor without a session to the sign-in page, then back to the page asked for', async () => {
    let me: Me | null = null;
    mockFetch({
      'GET /api/v1/auth/session': () => sessionProbe(me),
      'POST /api/v1/auth/login': () => {
        me = adminMe;
        return { body: adminMe };
      },
      'GET /api/v1/sessions': {
        body: { sessions: makeSessions(3), total: 3, live: 3, offset: 0, limit: 50 },
      },
    });
    const { router, user } = renderApp('/sessions');

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?redirectTo=%2Fsessions');

    await user.type(screen.getByLabelText('User name'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'secret-pass');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Sessions', level: 1 })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sessions');
    expect(probablySignedIn()).toBe(true); // the next first load asks for the page's data at once
  });

  it('redirects / to /overview and shows product, version, user and role in the header', async () => {
    api(adminMe);
    const { router } = renderApp('/');

    expect(await screen.findByTestId('stat-applications')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/overview');
    const banner = screen.getByRole('banner');
    expect(within(banner).getByText('Mitel Open Integration Gateway')).toBeInTheDocument();
    expect(within(banner).getByText('Version 4.0.0')).toBeInTheDocument();
    expect(within(banner).getByTestId('signed-in-user')).toHaveTextContent('Signed in as adminAdministrator');
    const nav = screen.getByRole('navigation', { name: 'Console sections' });
    expect(within(nav).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['/overview', '/accounts', '/sessions', '/network-elements', '/options', '/mivoice']);
  });

  it('opens the MiVoice tab at /mivoice (its own chunk), read-only for support users', async () => {
    const mivoice = {
      'GET /api/v1/mivoice/settings': { body: { adminEmail: null } },
      'GET /api/v1/mivoice/google': {
        body: {
          adminEmail: null,
          domain: null,
          serviceAccountKeySet: false,
          serviceAccountEmail: null,
          lastSyncAt: null,
          contactCount: 0,
          lastError: null,
          lastErrorReason: null,
          lastErrorAt: null,
        },
      },
      'GET /api/v1/mivoice/google/contacts': { body: { total: 0, items: [] } },
      'GET /api/v1/mivoice/users': { body: { total: 0, items: [] } },
    };
    api(supportMe, mivoice);
    renderApp('/mivoice');
    expect(await screen.findByRole('heading', { name: 'MiVoice', level: 1 })).toBeInTheDocument();
    expect(document.title).toBe('MiVoice – Mitel Open Integration Gateway');
    expect(await screen.findByTestId('google-settings-read-only')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sync with Google' })).not.toBeInTheDocument();
    expect(
      within(screen.getByRole('navigation', { name: 'Console sections' })).getByRole('link', {
        name: 'MiVoice',
      }),
    ).toHaveAttribute('aria-current', 'page');
  });

  it('goes to the sign-in page when an API call answers 401', async () => {
    api(adminMe, { 'GET /api/v1/overview': unauthenticated });
    const { router } = renderApp('/overview');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('gives support users a read-only sessions tab and administrators the terminate controls', async () => {
    api(supportMe);
    renderApp('/sessions');
    expect(await screen.findByTestId('read-only-hint')).toHaveTextContent('Read-only (support)');
    expect(screen.queryByRole('button', { name: /terminate/i })).not.toBeInTheDocument();
  });

  it('shows terminate controls to administrators', async () => {
    api(adminMe);
    renderApp('/sessions');
    expect(await screen.findByTestId('terminate-selected')).toBeInTheDocument();
    expect(await screen.findAllByTestId('terminate-row')).toHaveLength(3);
  });

  it('switches to French and remembers the choice', async () => {
    api(adminMe);
    const { user } = renderApp('/overview');
    await screen.findByTestId('stat-applications');

    await user.selectOptions(screen.getByLabelText('Language'), 'fr');
    expect(await screen.findByRole('link', { name: 'Vue d’ensemble' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Se déconnecter' })).toBeInTheDocument();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('fr');
    expect(document.documentElement.lang).toBe('fr');
    await i18n.changeLanguage('en');
  });

  it('signs out with the CSRF token and returns to the sign-in page', async () => {
    const { requests } = api(adminMe);
    const { user, router } = renderApp('/overview');
    await screen.findByTestId('stat-applications');

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    const logout = requests.find((r) => r.path === '/api/v1/auth/logout');
    expect(logout?.method).toBe('POST');
    expect(logout?.headers.get('X-CSRF-Token')).toBe(adminMe.csrfToken);
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(probablySignedIn()).toBe(false);
  });

  it('only redirects to console paths after sign-in', () => {
    expect(safeRedirect('/sessions?view=history')).toBe('/sessions?view=history');
    expect(safeRedirect('//evil.example/')).toBe('/overview');
    expect(safeRedirect('https://evil.example/')).toBe('/overview');
    expect(safeRedirect('/\\evil.example')).toBe('/overview');
    expect(safeRedirect(null)).toBe('/overview');
  });
});

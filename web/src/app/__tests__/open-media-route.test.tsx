import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { adminMe, supportMe, sessionProbe } from '@/testing/data';
import { mockFetch } from '@/testing/mock-fetch';
import { createTestQueryClient } from '@/testing/render';
import { viewRoutes } from '../../features/open-media/__tests__/fixtures';
import { baseRoutes } from '../../features/network-elements/__tests__/fixtures';
import { AppProvider } from '../provider';
import { routes } from '../router';

function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <AppProvider queryClient={createTestQueryClient()}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { router, user: userEvent.setup() };
}

describe('/network-elements/open-media route', () => {
  it('is reached from the MiContact Center row, under the Network Elements tab', async () => {
    mockFetch({
      'GET /api/v1/auth/session': sessionProbe(adminMe),
      ...baseRoutes(),
      ...viewRoutes(),
      // The same list serves both views.
      'GET /api/v1/network-elements': baseRoutes()['GET /api/v1/network-elements'],
    });
    const { router, user } = renderApp('/network-elements');
    await user.click(await screen.findByRole('link', { name: /^Open Media requests of MiContact Center/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Open Media' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/network-elements/open-media');
    expect(screen.getByTestId('tab-networkElements')).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByTestId('micc-address')).toHaveTextContent('MiContact Center 2001:db8::30');
    expect(document.title).toBe('Open Media – Network Elements – Mitel Open Integration Gateway');
    expect(await screen.findByTestId('add-test-request')).toBeInTheDocument();
    // Back to the list.
    await user.click(screen.getByRole('link', { name: 'Back to the network elements' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Network Elements' })).toBeInTheDocument();
  });

  it('opens from its own URL, read-only for support users', async () => {
    mockFetch({ 'GET /api/v1/auth/session': sessionProbe(supportMe), ...viewRoutes() });
    renderApp('/network-elements/open-media');
    expect(await screen.findByText('om-queued')).toBeInTheDocument();
    expect(screen.getByTestId('read-only-hint')).toBeInTheDocument();
    expect(screen.queryByTestId('add-test-request')).not.toBeInTheDocument();
    expect(screen.queryByTestId('set-options')).not.toBeInTheDocument();
  });
});

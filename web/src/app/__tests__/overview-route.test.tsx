import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeOverview, makeUsageDaily } from '@/testing/data';
import { mockFetch } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { OverviewRoute } from '@/app/routes/overview';

/** The overview, and the chart's 30 days (standard CC peaks of 5 every day). */
function routes(overview: object = { body: makeOverview() }) {
  return {
    'GET /api/v1/overview': overview,
    'GET /api/v1/usage/daily': {
      body: makeUsageDaily({
        peaks: { standardCallControl: Array.from({ length: 30 }, () => 5) },
        available: { standardCallControl: 25_000 },
      }),
    },
  };
}

function row(type: string) {
  return screen.getByTestId(`license-${type}`);
}

describe('OverviewView', () => {
  it('shows the counts and the version from GET /api/v1/overview', async () => {
    const { requests } = mockFetch(routes());
    renderWithProviders(<OverviewRoute />);

    const applications = await screen.findByTestId('stat-applications');
    expect(applications).toHaveTextContent('Applications');
    expect(applications).toHaveTextContent('12');
    expect(screen.getByTestId('stat-sessions')).toHaveTextContent('34');
    expect(screen.getByTestId('stat-network-elements')).toHaveTextContent('3');
    expect(screen.getByTestId('stat-version')).toHaveTextContent('4.0.0');
    expect(requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /api/v1/overview',
      'GET /api/v1/usage/daily',
    ]);
  });

  it('shows a server license count followed by "(Server)" and plain counts otherwise', async () => {
    mockFetch(routes());
    renderWithProviders(<OverviewRoute />);

    const standard = await screen.findByTestId('license-standardCallControl');
    expect(within(standard).getByRole('rowheader')).toHaveTextContent(
      'Standard Call Control Service Licenses',
    );
    expect(within(standard).getByTestId('license-available')).toHaveTextContent('25,000 (Server)');
    expect(within(standard).getByTestId('license-used')).toHaveTextContent('120');
    expect(within(row('dataAccess')).getByTestId('license-available')).toHaveTextContent(/^200$/);
  });

  it('marks ≥ 90 % use as almost exhausted and 100 % as exhausted, in text and not only colour', async () => {
    mockFetch(routes());
    renderWithProviders(<OverviewRoute />);

    const advanced = await screen.findByTestId('license-advancedCallControl'); // 95 of 100
    expect(advanced).toHaveAttribute('data-status', 'warning');
    expect(within(advanced).getByTestId('license-status')).toHaveTextContent('Almost exhausted');

    const google = row('google'); // 50 of 50
    expect(google).toHaveAttribute('data-status', 'exhausted');
    expect(within(google).getByTestId('license-status')).toHaveTextContent('Exhausted');

    const salesforce = row('salesforce'); // 0 of 0: neither
    expect(salesforce).toHaveAttribute('data-status', 'none');
    expect(within(salesforce).getByTestId('license-status')).not.toHaveTextContent(/exhausted/i);

    const dataAccess = row('dataAccess'); // 10 of 200
    expect(dataAccess).toHaveAttribute('data-status', 'ok');
    expect(within(dataAccess).getByTestId('license-status')).toHaveTextContent('5% used');
  });

  it('shows the feature flags and the license source', async () => {
    mockFetch(routes());
    renderWithProviders(<OverviewRoute />);

    expect(await screen.findByTestId('flag-virtualEnablement')).toHaveTextContent(
      'Virtual EnablementEnabled',
    );
    expect(screen.getByTestId('flag-miVoiceIntegration')).toHaveTextContent('MiVoice IntegrationDisabled');
    expect(screen.getByTestId('flag-trustedMode')).toHaveTextContent('Trusted ModeEnabled');
    expect(screen.getByTestId('license-source')).toHaveTextContent('License source: /etc/oig/licenses.json');
  });

  it('collapses a panel with its button (aria-expanded)', async () => {
    mockFetch(routes());
    const { user } = renderWithProviders(<OverviewRoute />);

    const toggle = await screen.findByRole('button', { name: 'Licensing' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByTestId('license-google')).toBeVisible();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByTestId('license-google')).not.toBeVisible();
  });

  it('shows the server error message', async () => {
    mockFetch(
      routes({
        status: 503,
        body: { error: { code: 'unavailable', message: 'License server unreachable' } },
      }),
    );
    renderWithProviders(<OverviewRoute />);
    const message = await screen.findByText('License server unreachable');
    expect(message.closest('[role="alert"]')).not.toBeNull();
    expect(screen.queryByTestId('licensing-panel')).not.toBeInTheDocument();
    // The chart has its own data and still shows.
    expect(
      await within(screen.getByTestId('usage-chart-panel')).findAllByTestId('usage-chart-bar'),
    ).toHaveLength(30);
  });

  it('shows the 30-day license use chart as a third collapsible panel', async () => {
    mockFetch(routes());
    renderWithProviders(<OverviewRoute />);

    await screen.findByTestId('licensing-panel');
    const panel = await screen.findByTestId('usage-chart-panel');
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Overview',
      'Licensing',
      'License Use, Last 30 Days',
      'Refused Logins, Last 24 Hours',
    ]);
    const bars = await within(panel).findAllByTestId('usage-chart-bar');
    expect(bars.map((b) => b.getAttribute('data-peak'))).toEqual(Array.from({ length: 30 }, () => '5'));
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dayRange, makeUsageDaily } from '@/testing/data';
import { mockFetch } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { UsageChartPanel } from '../components/usage-chart-panel';

const DAYS = dayRange('2026-11-23', 30);
/** Standard CC: 1, 2, … 30 (day i has i + 1), but 42 on 2026-11-10 (index 16). */
const STANDARD = DAYS.map((day, i) => (day === '2026-11-10' ? 42 : i + 1));
/** Google: 0 except 7 on the last day. */
const GOOGLE = DAYS.map((_, i) => (i === 29 ? 7 : 0));

const bars = () => screen.getAllByTestId('usage-chart-bar');
const peaksOf = () => bars().map((b) => Number(b.getAttribute('data-peak')));

describe('UsageChartPanel', () => {
  it('draws one bar per day with its peak, the available line and the time zone', async () => {
    const { requests } = mockFetch({
      'GET /api/v1/usage/daily': {
        body: makeUsageDaily({
          peaks: { standardCallControl: STANDARD, google: GOOGLE },
          available: { standardCallControl: 100, google: 10 },
        }),
      },
    });
    renderWithProviders(<UsageChartPanel />);

    await screen.findByTestId('usage-chart');
    expect(requests.map((r) => `${r.method} ${r.path}${r.url.search}`)).toEqual([
      'GET /api/v1/usage/daily?days=30',
    ]);
    expect(bars()).toHaveLength(30);
    expect(bars()[0]).toHaveAttribute('data-day', '2026-10-25');
    expect(bars()[0]).toHaveAttribute('data-peak', '1');
    expect(bars()[29]).toHaveAttribute('data-day', '2026-11-23');
    expect(bars()[29]).toHaveAttribute('data-peak', '30');
    expect(peaksOf()).toEqual(STANDARD);
    expect(screen.getByTestId('usage-chart-limit')).toHaveAttribute('data-value', '100');
    expect(screen.getByTestId('usage-chart-limit')).toHaveTextContent('Available: 100');
    expect(screen.getByTestId('usage-chart-timezone')).toHaveTextContent('Time zone: Europe/Paris');
    expect(screen.queryByTestId('usage-chart-empty')).not.toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /^Standard Call Control Service Licenses: bar chart/ }),
    ).toBeInTheDocument();
  });

  it('gives each bar a tooltip with the day, the peak and its time in the report time zone', async () => {
    const peaks = STANDARD.map((p, i) => (i === 0 ? 0 : p));
    mockFetch({
      'GET /api/v1/usage/daily': { body: makeUsageDaily({ peaks: { standardCallControl: peaks } }) },
    });
    renderWithProviders(<UsageChartPanel />);

    const bar = (await screen.findAllByTestId('usage-chart-bar')).find(
      (b) => b.getAttribute('data-day') === '2026-11-10',
    );
    // 13:05 UTC is 14:05 in Paris (UTC+1 in November).
    expect(bar?.querySelector('title')?.textContent).toMatch(/^Nov 10, 2026: peak 42 at 2:05\sPM$/);
    // A day without use says so.
    expect(bars()[0]).toHaveAttribute('data-peak', '0');
    expect(bars()[0]?.querySelector('title')).toHaveTextContent('Oct 25, 2026: not used');
  });

  it('switches the counter with the License selector', async () => {
    mockFetch({
      'GET /api/v1/usage/daily': {
        body: makeUsageDaily({
          peaks: { standardCallControl: STANDARD, google: GOOGLE },
          available: { standardCallControl: 100, google: 10 },
        }),
      },
    });
    const { user } = renderWithProviders(<UsageChartPanel />);

    const select = await screen.findByRole('combobox', { name: 'License' });
    expect(select).toBe(screen.getByTestId('usage-chart-counter'));
    expect(select).toHaveValue('standardCallControl');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Standard Call Control Service Licenses',
      'Advanced Call Control Service Licenses',
      'MiVoice for Google',
      'MiVoice for Salesforce',
      'Data Access Service',
      'MiVoice Integration sessions',
    ]);

    await user.selectOptions(select, 'google');
    expect(peaksOf()).toEqual(GOOGLE);
    expect(screen.getByTestId('usage-chart-limit')).toHaveAttribute('data-value', '10');
    expect(screen.getByRole('img', { name: /^MiVoice for Google: bar chart/ })).toBeInTheDocument();

    // Nothing licensed and nothing used: no line, and the empty message.
    await user.selectOptions(select, 'miVoiceIntegration');
    expect(peaksOf()).toEqual(Array.from({ length: 30 }, () => 0));
    expect(screen.queryByTestId('usage-chart-limit')).not.toBeInTheDocument();
    expect(screen.getByTestId('usage-chart-empty')).toHaveTextContent(
      'No license use recorded in the last 30 days.',
    );
  });

  it('says so when nothing was used, and still draws the (empty) chart', async () => {
    mockFetch({ 'GET /api/v1/usage/daily': { body: makeUsageDaily() } });
    renderWithProviders(<UsageChartPanel />);

    expect(await screen.findByText('No license use recorded in the last 30 days.')).toBeVisible();
    expect(bars()).toHaveLength(30);
    expect(new Set(peaksOf())).toEqual(new Set([0]));
    expect(screen.getByRole('img', { name: /bar chart/ })).toBeInTheDocument();
  });

  it('states a limit far above the peaks in text instead of squashing the bars', async () => {
    mockFetch({
      'GET /api/v1/usage/daily': {
        body: makeUsageDaily({
          peaks: { standardCallControl: STANDARD },
          available: { standardCallControl: 25_000 },
        }),
      },
    });
    renderWithProviders(<UsageChartPanel />);

    expect(await screen.findByTestId('usage-chart-limit-above')).toHaveTextContent(
      'Available: 25,000 (above the scale of the chart)',
    );
    expect(screen.queryByTestId('usage-chart-limit')).not.toBeInTheDocument();
  });

  it('has the same figures in a table, for screen readers and on demand', async () => {
    mockFetch({
      'GET /api/v1/usage/daily': { body: makeUsageDaily({ peaks: { standardCallControl: STANDARD } }) },
    });
    const { user } = renderWithProviders(<UsageChartPanel />);

    const table = await screen.findByRole('table', {
      name: 'Standard Call Control Service Licenses: highest use per day, last 30 days (time zone Europe/Paris)',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['Day', 'Peak', 'Time of peak']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(30);
    const row = rows.find((r) => within(r).getByRole('rowheader').textContent === 'Nov 10, 2026');
    expect(row).toBeDefined();
    const cells = within(row!)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells[0]).toBe('42');
    expect(cells[1]).toMatch(/^2:05\sPM$/);

    // Visually hidden until asked for.
    const wrapper = table.parentElement!;
    expect(wrapper).toHaveClass('sr-only');
    const toggle = screen.getByRole('button', { name: 'Show figures' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(wrapper).not.toHaveClass('sr-only');
    expect(screen.getByRole('button', { name: 'Hide figures' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('shows the server error with Try again, and the chart once it answers', async () => {
    let fail = true;
    mockFetch({
      'GET /api/v1/usage/daily': () =>
        fail
          ? { status: 503, body: { error: { code: 'unavailable', message: 'Usage store unavailable' } } }
          : { body: makeUsageDaily({ peaks: { standardCallControl: STANDARD } }) },
    });
    const { user } = renderWithProviders(<UsageChartPanel />);

    const alert = await within(screen.getByTestId('usage-chart-panel')).findByRole('alert');
    expect(alert).toHaveTextContent('Usage store unavailable');
    expect(screen.queryByTestId('usage-chart-bar')).not.toBeInTheDocument();

    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(bars()).toHaveLength(30));
    expect(within(screen.getByTestId('usage-chart-panel')).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('is translated into French, with French dates', async () => {
    const { i18n } = await import('@/lib/i18n');
    await i18n.changeLanguage('fr');
    mockFetch({ 'GET /api/v1/usage/daily': { body: makeUsageDaily() } });
    renderWithProviders(<UsageChartPanel />);

    expect(
      await screen.findByText('Aucune utilisation de licence enregistrée au cours des 30 derniers jours.'),
    ).toBeInTheDocument();
    const frenchLabel = 'Licence'; // le libellé français du sélecteur
    expect(screen.getByRole('combobox', { name: frenchLabel })).toHaveDisplayValue(
      'Licences du service de contrôle d’appel standard',
    );
    expect(screen.getByTestId('usage-chart-timezone')).toHaveTextContent('Fuseau horaire : Europe/Paris');
    expect(within(screen.getByRole('table')).getAllByRole('rowheader')[0]).toHaveTextContent('25 oct. 2026');
  });
});

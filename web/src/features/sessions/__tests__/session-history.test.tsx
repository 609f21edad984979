import { END_REASONS } from '@oig/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dateInputToIso } from '@/lib/dates';
import { makeHistoryEntry } from '@/testing/data';
import { mockFetch } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { SessionHistory } from '../components/session-history';

const ENTRIES = END_REASONS.map((endReason, i) =>
  makeHistoryEntry(i, { id: `e-${i}`, endReason, applicationName: `App ${i}`, sessionIdLast4: `${5000 + i}` }),
);

function historyRoute() {
  return { 'GET /api/v1/sessions/history': { body: { sessions: ENTRIES, total: ENTRIES.length } } };
}

describe('SessionHistory', () => {
  it('lists ended sessions with the end time and a human end reason', async () => {
    mockFetch(historyRoute());
    renderWithProviders(<SessionHistory />, { route: '/sessions?view=history' });

    await screen.findByText('App 0');
    expect(screen.getByRole('columnheader', { name: 'End Time' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'End Reason' })).toBeInTheDocument();
    for (const text of ['Logged out', 'Keep-alive timeout', 'Terminated by administrator', 'Server shutdown', 'Authentication failed']) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    expect(screen.getByTestId('table-count')).toHaveTextContent('5 ended sessions');
  });

  it('sends the application and date range (ISO with offset) and exports CSV with the same filter', async () => {
    const { requests } = mockFetch(historyRoute());
    const { user } = renderWithProviders(<SessionHistory />, { route: '/sessions?view=history' });
    await screen.findByText('App 0');

    const csv = screen.getByRole('link', { name: 'Export CSV' });
    expect(csv).toHaveAttribute('href', '/api/v1/sessions/history.csv');

    await user.type(screen.getByLabelText('Application'), 'CRM Connector');
    await user.type(screen.getByLabelText('From'), '2025-01-02');
    await user.type(screen.getByLabelText('To'), '2025-01-05');
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    const from = dateInputToIso('2025-01-02', 'start') as string;
    const to = dateInputToIso('2025-01-05', 'end') as string;
    await waitFor(() => expect(requests).toHaveLength(2));
    const params = requests[1]?.url.searchParams;
    expect(params?.get('application')).toBe('CRM Connector');
    expect(params?.get('from')).toBe(from);
    expect(params?.get('to')).toBe(to);

    const href = new URL(csv.getAttribute('href') as string, 'http://localhost');
    expect(href.pathname).toBe('/api/v1/sessions/history.csv');
    expect(href.searchParams.get('application')).toBe('CRM Connector');
    expect(href.searchParams.get('from')).toBe(from);
    expect(href.searchParams.get('to')).toBe(to);
  });

  it('refuses a range whose start is after its end, next to the field', async () => {
    const { requests } = mockFetch(historyRoute());
    const { user } = renderWithProviders(<SessionHistory />, { route: '/sessions?view=history' });
    await screen.findByText('App 0');

    await user.type(screen.getByLabelText('From'), '2025-02-10');
    await user.type(screen.getByLabelText('To'), '2025-02-01');
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    const from = screen.getByLabelText('From');
    expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(from).toHaveAccessibleDescription('From must not be after To');
    expect(requests).toHaveLength(1);
  });

  it('shows field messages from the server next to the fields', async () => {
    mockFetch({
      'GET /api/v1/sessions/history': {
        status: 400,
        body: { error: { code: 'validation_failed', message: 'Check the filter', fields: { application: 'Application is at most 128 characters' } } },
      },
    });
    renderWithProviders(<SessionHistory />, { route: '/sessions?view=history&application=x' });
    expect(await screen.findByText('Check the filter')).toBeInTheDocument();
    expect(screen.getByLabelText('Application')).toHaveAccessibleDescription('Application is at most 128 characters');
  });

  it('narrows the loaded history with the filter box', async () => {
    mockFetch(historyRoute());
    const { user } = renderWithProviders(<SessionHistory />, { route: '/sessions?view=history' });
    await screen.findByText('App 0');
    await user.type(screen.getByRole('searchbox', { name: 'Filter history' }), 'keep-alive');
    await waitFor(() => expect(within(screen.getByTestId('history-table')).getAllByTestId('table-row')).toHaveLength(1));
    expect(screen.getByTestId('table-count')).toHaveTextContent('Showing 1 of 5 ended sessions');
  });
});

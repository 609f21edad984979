import { END_REASONS } from '@oig/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dateInputToIso } from '@/lib/dates';
import { makeHistoryEntry } from '@/testing/data';
import { blobText, recordDownloads } from '@/testing/downloads';
import { mockFetch } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { SessionHistory } from '../components/session-history';

const ENTRIES = END_REASONS.map((endReason, i) =>
  makeHistoryEntry(i, {
    id: `e-${i}`,
    endReason,
    applicationName: `App ${i}`,
    sessionIdLast4: `${5000 + i}`,
  }),
);

const CSV = '\uFEFFsessionId,application\r\n…5000,App 0\r\n';

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
    for (const text of [
      'Logged out',
      'Keep-alive timeout',
      'Terminated by administrator',
      'Server shutdown',
      'Authentication failed',
    ]) {
      expect(screen.getByText(text)).toBeInTheDocument();
    }
    expect(screen.getByTestId('table-count')).toHaveTextContent('5 ended sessions');
  });

  it('sends the application and date range (ISO with offset) and exports CSV with the same filter', async () => {
    const { requests } = mockFetch({
      ...historyRoute(),
      'GET /api/v1/sessions/history.csv': {
        text: CSV,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="oig-session-history.csv"',
        },
      },
    });
    const saved = recordDownloads();
    const { user } = renderWithProviders(<SessionHistory />, { route: '/sessions?view=history' });
    await screen.findByText('App 0');
    const csvRequests = () => requests.filter((r) => r.path === '/api/v1/sessions/history.csv');

    const csv = screen.getByRole('button', { name: 'Export CSV' });
    expect(csv).toHaveAttribute('data-testid', 'export-csv');
    await user.click(csv);
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(csvRequests()[0]?.url.search).toBe('');
    expect(saved[0]?.name).toBe('oig-session-history.csv');
    expect(await blobText(saved[0]!.blob)).toBe(CSV);

    await user.type(screen.getByLabelText('Application'), 'CRM Connector');
    await user.type(screen.getByLabelText('From'), '2025-01-02');
    await user.type(screen.getByLabelText('To'), '2025-01-05');
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    const from = dateInputToIso('2025-01-02', 'start') as string;
    const to = dateInputToIso('2025-01-05', 'end') as string;
    await waitFor(() =>
      expect(requests.filter((r) => r.path === '/api/v1/sessions/history')).toHaveLength(2),
    );
    const params = requests.filter((r) => r.path === '/api/v1/sessions/history')[1]?.url.searchParams;
    expect(params?.get('application')).toBe('CRM Connector');
    expect(params?.get('from')).toBe(from);
    expect(params?.get('to')).toBe(to);

    // The export asks for the applied filter.
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(csvRequests()).toHaveLength(2));
    const exported = csvRequests()[1]?.url.searchParams;
    expect(csvRequests()[1]?.method).toBe('GET');
    expect(exported?.get('application')).toBe('CRM Connector');
    expect(exported?.get('from')).toBe(from);
    expect(exported?.get('to')).toBe(to);
    await waitFor(() => expect(saved).toHaveLength(2));
  });

  it('says why the export failed (e.g. the console session expired) and saves nothing', async () => {
    mockFetch({
      ...historyRoute(),
      'GET /api/v1/sessions/history.csv': {
        status: 401,
        body: {
          error: { code: 'unauthenticated', message: 'Your console session has ended: sign in again' },
        },
      },
    });
    const saved = recordDownloads();
    const { user } = renderWithProviders(<SessionHistory />, { route: '/sessions?view=history' });
    await screen.findByText('App 0');

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByTestId('toast-error')).toHaveTextContent(
      'oig-session-history.csv could not be downloaded: Your console session has ended: sign in again',
    );
    expect(saved).toEqual([]);
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
        body: {
          error: {
            code: 'validation_failed',
            message: 'Check the filter',
            fields: { application: 'Application is at most 128 characters' },
          },
        },
      },
    });
    renderWithProviders(<SessionHistory />, { route: '/sessions?view=history&application=x' });
    expect(await screen.findByText('Check the filter')).toBeInTheDocument();
    expect(screen.getByLabelText('Application')).toHaveAccessibleDescription(
      'Application is at most 128 characters',
    );
  });

  it('narrows the loaded history with the filter box', async () => {
    mockFetch(historyRoute());
    const { user } = renderWithProviders(<SessionHistory />, { route: '/sessions?view=history' });
    await screen.findByText('App 0');
    await user.type(screen.getByRole('searchbox', { name: 'Filter history' }), 'keep-alive');
    await waitFor(() =>
      expect(within(screen.getByTestId('history-table')).getAllByTestId('table-row')).toHaveLength(1),
    );
    expect(screen.getByTestId('table-count')).toHaveTextContent('Showing 1 of 5 ended sessions');
  });
});

import { REFUSED_LOGIN_REASONS, type RefusedLogin } from '@oig/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dateInputToIso } from '@/lib/dates';
import { blobText, recordDownloads } from '@/testing/downloads';
import { mockFetch, type RecordedRequest } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { RefusedLogins } from '../components/refused-logins';
import { SessionsView } from '../components/sessions-view';

function entry(i: number, overrides: Partial<RefusedLogin> = {}): RefusedLogin {
  const at = new Date(Date.UTC(2026, 2, 10, 12, i)).toISOString();
  return {
    id: `r-${i}`,
    at,
    lastAt: at,
    attempts: 1,
    companyName: 'Acme',
    applicationName: `App ${i}`,
    protocol: i % 2 ? 'soap' : 'rest',
    clientAddress: '192.0.2.7',
    reason: REFUSED_LOGIN_REASONS[i % REFUSED_LOGIN_REASONS.length]!,
    license: null,
    detail: null,
    folded: false,
    ...overrides,
  };
}

const ENTRIES = [
  entry(0, { reason: 'bad_local_password', attempts: 12, lastAt: '2026-03-10T12:00:30.000Z' }),
  entry(1, { reason: 'no_license', license: 'standardCallControl' }),
  entry(2, { reason: 'unsupported_version', detail: '9.9' }),
  entry(3, { reason: 'no_license', license: 'miVoiceIntegration' }),
];
const CSV = '\uFEFFTime,Application Name\r\n2026-03-10T12:00:00.000Z,App 0\r\n';

const page = (entries = ENTRIES, total = entries.length) => ({
  'GET /api/v1/sessions/refused': (r: RecordedRequest) => ({
    body: {
      entries,
      total,
      offset: Number(r.url.searchParams.get('offset')),
      limit: Number(r.url.searchParams.get('limit')),
    },
  }),
});

describe('RefusedLogins', () => {
  it('lists refused logins with their reason in words, the detail, and the attempts', async () => {
    mockFetch(page());
    renderWithProviders(<RefusedLogins />, { route: '/sessions?view=refused' });
    await screen.findByText('App 0');
    const rows = screen.getAllByTestId('refused-row');
    expect(rows).toHaveLength(4);
    expect(within(rows[0]!).getByTestId('refused-reason')).toHaveTextContent('Wrong local password');
    expect(within(rows[0]!).getByTestId('refused-attempts')).toHaveTextContent('12');
    expect(within(rows[0]!).getByTestId('refused-attempts')).toHaveAttribute(
      'title',
      expect.stringMatching(/^Last attempt: /),
    );
    expect(within(rows[1]!).getByTestId('refused-reason')).toHaveTextContent(
      'No licenseLicense: Standard Call Control',
    );
    expect(within(rows[2]!).getByTestId('refused-reason')).toHaveTextContent(
      'Unsupported versionVersion sent: 9.9',
    );
    expect(within(rows[3]!).getByTestId('refused-reason')).toHaveTextContent(
      'License: MiVoice Integration sessions',
    );
    for (const name of [
      'Time',
      'Application Name',
      'Company Name',
      'Protocol',
      'Client Address',
      'Reason',
      'Attempts',
    ])
      expect(screen.getByRole('columnheader', { name })).toBeInTheDocument();
  });

  it('sends application, reason and dates to the server, pages there, and downloads CSV with the filter', async () => {
    const { requests } = mockFetch({
      ...page(ENTRIES, 120),
      'GET /api/v1/sessions/refused.csv': {
        text: CSV,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="oig-refused-logins.csv"',
        },
      },
    });
    const saved = recordDownloads();
    const { user } = renderWithProviders(<RefusedLogins />, { route: '/sessions?view=refused' });
    await screen.findByText('App 0');
    const reads = () => requests.filter((r) => r.path === '/api/v1/sessions/refused');
    expect(reads()[0]!.url.searchParams.get('limit')).toBe('50');
    expect(reads()[0]!.url.searchParams.get('offset')).toBe('0');

    await user.click(screen.getByTestId('refused-next'));
    await waitFor(() => expect(reads().at(-1)!.url.searchParams.get('offset')).toBe('50'));

    await user.type(screen.getByLabelText('Application'), 'Dialer');
    await user.selectOptions(screen.getByLabelText('Reason'), 'No license');
    await user.type(screen.getByLabelText('From'), '2026-03-01');
    await user.type(screen.getByLabelText('To'), '2026-03-31');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(reads().at(-1)!.url.searchParams.get('reason')).toBe('no_license'));
    const q = reads().at(-1)!.url.searchParams;
    expect(q.get('application')).toBe('Dialer');
    expect(q.get('from')).toBe(dateInputToIso('2026-03-01', 'start'));
    expect(q.get('to')).toBe(dateInputToIso('2026-03-31', 'end'));
    expect(q.get('offset')).toBe('0');

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const csv = requests.find((r) => r.path === '/api/v1/sessions/refused.csv')!.url.searchParams;
    expect([csv.get('application'), csv.get('reason'), csv.has('offset')]).toEqual([
      'Dialer',
      'no_license',
      false,
    ]);
    expect(saved[0]!.name).toBe('oig-refused-logins.csv');
    expect(await blobText(saved[0]!.blob)).toBe(CSV);
  });

  it('starts filtered by the reason in the address (the Overview links so)', async () => {
    const { requests } = mockFetch(page([]));
    renderWithProviders(<RefusedLogins />, { route: '/sessions?view=refused&reason=throttled' });
    expect(await screen.findByText('No refused logins match the filter.')).toBeInTheDocument();
    expect(requests[0]!.url.searchParams.get('reason')).toBe('throttled');
    expect(screen.getByLabelText('Reason')).toHaveValue('throttled');
  });

  it("shows the server's field message next to the field, and a date range that makes no sense is refused here", async () => {
    mockFetch({
      'GET /api/v1/sessions/refused': {
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
    const { user } = renderWithProviders(<RefusedLogins />, {
      route: '/sessions?view=refused&application=x',
    });
    expect(await screen.findByText('Check the filter')).toBeInTheDocument();
    expect(screen.getByLabelText('Application')).toHaveAccessibleDescription(
      'Application is at most 128 characters',
    );
    await user.type(screen.getByLabelText('From'), '2026-03-10');
    await user.type(screen.getByLabelText('To'), '2026-03-01');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    expect(screen.getByLabelText('From')).toHaveAccessibleDescription('From must not be after To');
  });

  it('shows a folded row as various applications, with why in its title', async () => {
    mockFetch(
      page([
        entry(0),
        entry(1, {
          folded: true,
          applicationName: '',
          companyName: '',
          reason: 'unknown_application',
          attempts: 40,
        }),
      ]),
    );
    renderWithProviders(<RefusedLogins />, { route: '/sessions?view=refused' });
    await screen.findByText('App 0');
    const [plain, folded] = screen.getAllByTestId('refused-application');
    expect(plain).not.toHaveAttribute('data-folded');
    expect(folded).toHaveTextContent('Various applications');
    expect(folded).toHaveAttribute('title', expect.stringContaining('More than 50 different refusals'));
    expect(
      within(screen.getAllByTestId('refused-row')[1]!).getByTestId('refused-attempts'),
    ).toHaveTextContent('40');
  });

  it('says when nothing was refused', async () => {
    mockFetch(page([]));
    renderWithProviders(<RefusedLogins />, { route: '/sessions?view=refused' });
    expect(await screen.findByText('No refused logins recorded.')).toBeInTheDocument();
  });

  it('is the third view of the Sessions tab', async () => {
    mockFetch(page());
    const { user } = renderWithProviders(<SessionsView canTerminate={false} />, {
      route: '/sessions?view=history',
    });
    const tab = screen.getByRole('link', { name: 'Refused Logins' });
    mockFetch(page());
    await user.click(tab);
    expect(await screen.findByText('App 0')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Refused Logins' })).toHaveAttribute('aria-current', 'page');
  });
});

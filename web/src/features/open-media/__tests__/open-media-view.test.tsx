import { OPEN_MEDIA_REASONS } from '@oig/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { mockFetch } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { OpenMediaView } from '../components/open-media-view';
import { AS_OF, BASE, makeRequest, refused, REQUESTS, viewRoutes } from './fixtures';

const ids = () => screen.getAllByTestId('table-row').map((r) => r.getAttribute('data-row-id'));

describe('Open Media view', () => {
  it('shows the MiCC, the groups and the live requests with their statuses in words', async () => {
    mockFetch(viewRoutes());
    renderWithProviders(<OpenMediaView canEdit />);
    expect(await screen.findByTestId('micc-address')).toHaveTextContent('MiContact Center 192.0.2.30');
    const groups = await screen.findAllByTestId('service-group');
    expect(groups.map((g) => g.textContent)).toEqual([
      'Web chatID 1001Open',
      'Group 1002ID 1002Closed',
      'E-mailID 1003Open',
    ]);
    await screen.findByText('om-queued');
    // Live by default: queued, allocated, being handled.
    expect(ids().sort()).toEqual(['om-allocated', 'om-handled', 'om-queued']);
    const row = (id: string) => screen.getAllByTestId('table-row').find((r) => r.dataset.rowId === id)!;
    expect(row('om-queued')).toHaveTextContent('Queued');
    expect(row('om-queued')).toHaveTextContent('1 min 35 s'); // EWT 95 s
    expect(within(row('om-queued')).getAllByRole('cell')[2]).toHaveTextContent('3');
    expect(row('om-allocated')).toHaveTextContent('Allocated to an agent');
    expect(row('om-allocated')).toHaveTextContent('agent42');
    expect(row('om-allocated')).toHaveTextContent('Group 1002');
    expect(row('om-handled')).toHaveTextContent('Being handled');
    expect(row('om-handled')).toHaveTextContent('Web chat');
    expect(screen.getByTestId('as-of')).toHaveTextContent(/^Last updated \d/);
    expect(screen.queryByTestId('open-media-problem')).not.toBeInTheDocument();
  });

  it('filters by status set and by text', async () => {
    mockFetch(viewRoutes());
    const { user } = renderWithProviders(<OpenMediaView canEdit />);
    await screen.findByText('om-queued');
    await user.click(screen.getByRole('radio', { name: 'Ended' }));
    expect(ids().sort()).toEqual(['om-cancelled', 'om-completed', 'om-failed']);
    expect(screen.getByText('Completed')).toBeInTheDocument();
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('Cancelled')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'All' }));
    expect(ids()).toHaveLength(7);
    expect(screen.getByText('Unknown')).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Filter requests' }), 'agent42');
    await waitFor(() => expect(ids().sort()).toEqual(['om-allocated', 'om-handled']));
    expect(screen.getByTestId('table-count')).toHaveTextContent('Showing 2 of 7 requests');
  });

  it('shows a request history as a timeline, oldest first', async () => {
    mockFetch({
      ...viewRoutes(),
      [`GET ${BASE}/requests/om-handled/history`]: {
        body: {
          openMediaId: 'om-handled',
          asOf: AS_OF,
          events: [
            { ...makeRequest('x', 3), at: '2026-12-07T08:58:00.000Z' },
            { ...makeRequest('x', 1), at: '2026-12-07T08:50:00.000Z', queuePosition: 2 },
            { ...makeRequest('x', 2), at: '2026-12-07T08:55:00.000Z' },
          ].map(({ openMediaId: _id, ewt: _ewt, ...event }) => event),
        },
      },
    });
    const { user } = renderWithProviders(<OpenMediaView canEdit={false} />);
    await screen.findByText('om-handled');
    await user.click(screen.getByRole('button', { name: 'History of request om-handled' }));
    const dialog = screen.getByRole('dialog', { name: 'History of request om-handled' });
    const events = await within(dialog).findAllByTestId('history-event');
    expect(events.map((e) => within(e).getByTestId('request-status').textContent)).toEqual([
      'Queued',
      'Allocated to an agent',
      'Being handled',
    ]);
    expect(events[0]).toHaveTextContent('Queue position2');
    expect(events[0]).toHaveTextContent('Service groupWeb chat');
    expect(events[2]).toHaveTextContent('Agentagent42');
    expect(events[2]).not.toHaveTextContent('Queue position');
    expect(
      within(dialog).getByRole('list', { name: 'Status changes of request om-handled' }),
    ).toBeInTheDocument();
  });

  it('gives support users no action, only the history', async () => {
    mockFetch(viewRoutes());
    renderWithProviders(<OpenMediaView canEdit={false} />);
    await screen.findByText('om-queued');
    expect(screen.getByTestId('read-only-hint')).toHaveTextContent('Read-only (support)');
    expect(screen.queryByTestId('add-test-request')).not.toBeInTheDocument();
    expect(screen.queryByTestId('set-options')).not.toBeInTheDocument();
    expect(screen.queryAllByTestId('request-cancel')).toHaveLength(0);
    expect(screen.queryAllByTestId('request-divert')).toHaveLength(0);
    expect(screen.queryAllByTestId('request-modify')).toHaveLength(0);
    expect(screen.getAllByTestId('request-history')).toHaveLength(3);
  });

  it('says why an action is not possible on a row', async () => {
    mockFetch(viewRoutes());
    const { user } = renderWithProviders(<OpenMediaView canEdit />);
    await screen.findByText('om-queued');
    const modify = screen.getByRole('button', { name: 'Modify the data of request om-allocated' });
    expect(modify).toHaveAttribute('aria-disabled', 'true');
    expect(modify).toHaveAccessibleDescription("Only a queued request's data can be changed.");
    await user.click(modify);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Ended' }));
    expect(screen.getByRole('button', { name: 'Cancel request om-completed' })).toHaveAccessibleDescription(
      'This request has ended.',
    );
    // A queued request can be changed.
    await user.click(screen.getByRole('radio', { name: 'Live' }));
    const queued = screen.getByRole('button', { name: 'Modify the data of request om-queued' });
    expect(queued).not.toHaveAttribute('aria-disabled');
  });
});

describe('connection problems', () => {
  const MICC_REASONS = [
    ['micc_router_disconnected', /not connected to its router/],
    ['micc_no_license', /no Open Media license available/],
    ['micc_invalid_user', /refused the Open Media logon ID or password/],
    ['micc_unreachable', /cannot be reached/],
    ['micc_timeout', /did not answer in time/],
    ['micc_not_configured', /No MiContact Center is configured/],
  ] as const;

  it.each(MICC_REASONS)('says %s in words, the last list still shown and dated', async (reason, text) => {
    mockFetch(
      viewRoutes({
        body: {
          requests: REQUESTS,
          asOf: AS_OF,
          problem: { reason, message: 'English', params: {}, at: '2026-12-07T09:01:00.000Z' },
        },
      }),
    );
    renderWithProviders(<OpenMediaView canEdit />);
    const banner = await screen.findByTestId('open-media-problem');
    expect(within(banner).getByTestId('open-media-problem-text')).toHaveTextContent(text);
    expect(within(banner).getByTestId('open-media-problem-text')).not.toHaveTextContent('English');
    expect(within(banner).getByTestId('open-media-problem-as-of')).toHaveTextContent(
      /^The requests below are as of .*2026/,
    );
    expect(screen.getByText('om-queued')).toBeInTheDocument();
  });

  it('covers every reason in both languages', async () => {
    for (const reason of OPEN_MEDIA_REASONS) {
      expect(i18n.exists(`openMedia:reasons.${reason}`), reason).toBe(true);
    }
    await i18n.changeLanguage('fr');
    expect(i18n.t('openMedia:reasons.micc_router_disconnected')).toMatch(/routeur/);
    await i18n.changeLanguage('en');
  });

  it('falls back to the server message for a reason it does not know, and says in French what it knows', async () => {
    mockFetch(
      viewRoutes({
        body: {
          requests: [],
          asOf: null,
          problem: {
            reason: 'micc_timeout',
            message: 'English',
            params: { address: '192.0.2.30' },
            at: AS_OF,
          },
        },
      }),
    );
    await i18n.changeLanguage('fr');
    renderWithProviders(<OpenMediaView canEdit />);
    const banner = await screen.findByTestId('open-media-problem');
    expect(banner).toHaveTextContent('Le MiContact Center à l’adresse 192.0.2.30 n’a pas répondu à temps.');
    expect(banner).toHaveTextContent('Aucune liste de requêtes n’a encore été lue.');
    await i18n.changeLanguage('en');
  });

  it('shows a failed read with its reason (e.g. 409 not configured)', async () => {
    mockFetch(viewRoutes(refused(409, 'conflict', 'micc_not_configured')));
    renderWithProviders(<OpenMediaView canEdit />);
    expect(await screen.findByTestId('open-media-problem-text')).toHaveTextContent(
      'No MiContact Center is configured: add one on the Network Elements tab.',
    );
  });

  it('says why the groups cannot be read while the requests still can (a MiCC without its router)', async () => {
    mockFetch({
      ...viewRoutes(),
      [`GET ${BASE}/service-groups`]: refused(502, 'upstream_failed', 'micc_router_disconnected'),
    });
    renderWithProviders(<OpenMediaView canEdit />);
    expect(await screen.findByTestId('open-media-problem-text')).toHaveTextContent(
      /not connected to its router/,
    );
    expect(await screen.findByText('om-queued')).toBeInTheDocument();
    expect(screen.queryByTestId('service-group')).not.toBeInTheDocument();
  });

  it("titles a capped list as incomplete, and adds the MiCC's own words to a refusal of the data", async () => {
    mockFetch(
      viewRoutes({
        body: {
          requests: REQUESTS,
          asOf: AS_OF,
          problem: { reason: 'too_many_requests', message: 'English', params: { max: '20000' }, at: AS_OF },
        },
      }),
    );
    renderWithProviders(<OpenMediaView canEdit />);
    expect(await screen.findByTestId('open-media-problem')).toHaveTextContent(/^The list is incomplete/);
    const { reasonText } = await import('../utils/reasons');
    const t = i18n.getFixedT('en', 'openMedia');
    expect(
      reasonText(t, { reason: 'micc_invalid_data', message: 'x', params: { detail: 'more than 3 IVRInfo' } }),
    ).toBe('The MiContact Center refused the data as not valid (more than 3 IVRInfo).');
  });

  it('says an error that is not an Open Media one as the console says it everywhere, in French', async () => {
    await i18n.changeLanguage('fr');
    try {
      mockFetch(viewRoutes(refused(503, 'unavailable', 'database_busy')));
      renderWithProviders(<OpenMediaView canEdit />);
      const text = await screen.findByTestId('open-media-problem-text');
      expect(text).toHaveTextContent(i18n.t('common:serverErrors.database_busy').replace(/\s+/g, ' '));
      expect(text).not.toHaveTextContent('English text');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('shows the server text for an unknown reason', async () => {
    mockFetch(viewRoutes(refused(502, 'upstream_failed', 'micc_new_thing')));
    renderWithProviders(<OpenMediaView canEdit />);
    expect(await screen.findByTestId('open-media-problem-text')).toHaveTextContent(
      'English text for micc_new_thing',
    );
  });
});

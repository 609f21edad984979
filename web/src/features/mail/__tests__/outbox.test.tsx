import type { OutboxMessage } from '@oig/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';
import { createTestQueryClient, renderWithProviders } from '@/testing/render';
import { outboxSearchParams } from '../api/get-outbox';
import { OutboxPanel } from '../components/outbox-panel';

function message(id: string, overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  return {
    id,
    kind: 'test',
    to: ['ops@example.com'],
    subject: `Subject ${id}`,
    subjectParams: null,
    state: 'sent',
    attempts: 1,
    nextAttemptAt: null,
    lastError: null,
    lastErrorReason: null,
    createdAt: '2025-05-01T10:00:00.000Z',
    sentAt: '2025-05-01T10:00:05.000Z',
    savedAt: null,
    fileName: null,
    ...overrides,
  };
}

const XSS = '<img src=x onerror="window.__xss=1">550 mailbox unavailable';

const MESSAGES: OutboxMessage[] = [
  message('m1', { state: 'queued', attempts: 0, sentAt: null, nextAttemptAt: '2025-05-01T10:05:00.000Z' }),
  message('m2', {
    state: 'failed',
    attempts: 3,
    sentAt: null,
    nextAttemptAt: '2025-05-01T11:00:00.000Z',
    lastError: XSS,
    kind: 'usage-report',
    to: ['a@example.com', 'b@example.com'],
  }),
  message('m3', { state: 'sent' }),
  message('m4', { state: 'discarded', sentAt: null }),
  message('m5', { state: 'sending', sentAt: null, kind: 'custom-kind' }),
];

function outboxRoutes(messages: OutboxMessage[] = MESSAGES, total = messages.length) {
  return {
    'GET /api/v1/mail/outbox': (req: RecordedRequest): MockReply => {
      const state = req.url.searchParams.get('state');
      const list = state ? messages.filter((m) => m.state === state) : messages;
      return { body: { messages: list, total: state ? list.length : total } };
    },
    'POST /api/v1/mail/outbox/m2/retry': { status: 204 },
    'POST /api/v1/mail/outbox/m1/discard': { status: 204 },
  };
}

const mutations = (requests: RecordedRequest[]) => requests.filter((r) => r.method !== 'GET');
const gets = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/mail/outbox');
const row = (id: string) =>
  screen.getAllByTestId('outbox-row').find((r) => r.dataset.messageId === id) as HTMLElement;

describe('OutboxPanel', () => {
  it('lists messages with their state as icon and word, and lastError as plain text', async () => {
    mockFetch(outboxRoutes());
    renderWithProviders(<OutboxPanel canEdit refreshMs={false} />);

    expect(await screen.findAllByTestId('outbox-row')).toHaveLength(5);
    const headers = within(screen.getByRole('table', { name: 'Mail outbox' }))
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'When',
      'To',
      'Subject',
      'Kind',
      'State',
      'Attempts',
      'Next try / Delivered',
      'Actions',
    ]);
    expect(screen.getAllByTestId('outbox-state-label').map((s) => s.textContent)).toEqual([
      'Queued',
      'Failed',
      'Sent',
      'Discarded',
      'Sending',
    ]);

    const failed = row('m2');
    expect(within(failed).getByTestId('outbox-state-label')).toHaveClass('text-red-700');
    expect(within(failed).getByTestId('outbox-error')).toHaveTextContent(`Last error: ${XSS}`);
    expect(failed.querySelector('img')).toBeNull();
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
    expect(within(failed).getByTestId('outbox-to')).toHaveTextContent('a@example.com, b@example.com');
    expect(failed).toHaveTextContent('Usage report');
    expect(failed).toHaveTextContent('Next try');
    expect(row('m3')).toHaveTextContent('Sent ');
    expect(row('m5')).toHaveTextContent('custom-kind');
    expect(screen.getByTestId('outbox-range')).toHaveTextContent('1–5 of 5');
    // One page: no paging buttons.
    expect(screen.queryByTestId('outbox-next')).not.toBeInTheDocument();
  });

  it('offers Retry on failed rows and Discard on queued and failed rows only', async () => {
    mockFetch(outboxRoutes());
    renderWithProviders(<OutboxPanel canEdit refreshMs={false} />);
    await screen.findAllByTestId('outbox-row');
    expect(within(row('m1')).queryByTestId('outbox-retry')).not.toBeInTheDocument();
    expect(within(row('m1')).getByTestId('outbox-discard')).toBeInTheDocument();
    expect(within(row('m2')).getByRole('button', { name: 'Retry: Subject m2' })).toBeInTheDocument();
    expect(within(row('m2')).getByRole('button', { name: 'Discard: Subject m2' })).toBeInTheDocument();
    for (const id of ['m3', 'm4', 'm5'])
      expect(within(row(id)).queryByRole('button')).not.toBeInTheDocument();
  });

  it('retries a failed message with POST …/retry and reads the outbox again', async () => {
    const { requests } = mockFetch(outboxRoutes());
    const { user } = renderWithProviders(<OutboxPanel canEdit refreshMs={false} />);
    await screen.findAllByTestId('outbox-row');
    const before = gets(requests).length;
    await user.click(within(row('m2')).getByTestId('outbox-retry'));

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/mail/outbox/m2/retry',
      body: undefined,
    });
    expect(await screen.findByText('Message queued for another try.')).toBeInTheDocument();
    await waitFor(() => expect(gets(requests).length).toBeGreaterThan(before));
  });

  it('discards a message with POST …/discard only after confirmation', async () => {
    const { requests } = mockFetch(outboxRoutes());
    const { user } = renderWithProviders(<OutboxPanel canEdit refreshMs={false} />);
    await screen.findAllByTestId('outbox-row');

    await user.click(within(row('m1')).getByTestId('outbox-discard'));
    let dialog = screen.getByRole('dialog', { name: 'Discard this message?' });
    expect(dialog).toHaveTextContent('“Subject m1” to ops@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(mutations(requests)).toHaveLength(0);

    await user.click(within(row('m1')).getByTestId('outbox-discard'));
    dialog = screen.getByRole('dialog', { name: 'Discard this message?' });
    await user.click(within(dialog).getByRole('button', { name: 'Discard message' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]).toMatchObject({ method: 'POST', path: '/api/v1/mail/outbox/m1/discard' });
    expect(await screen.findByText('Message discarded.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it("shows the server's 409 message when an action is not allowed", async () => {
    mockFetch({
      ...outboxRoutes(),
      'POST /api/v1/mail/outbox/m2/retry': {
        status: 409,
        body: { error: { code: 'conflict', message: 'The message was already sent' } },
      },
    });
    const { user } = renderWithProviders(<OutboxPanel canEdit refreshMs={false} />);
    await screen.findAllByTestId('outbox-row');
    await user.click(within(row('m2')).getByTestId('outbox-retry'));
    expect(await screen.findByText('The message was already sent')).toBeInTheDocument();
  });

  it('filters by state on the server and starts again at the first page', async () => {
    const { requests } = mockFetch(outboxRoutes());
    const { user } = renderWithProviders(<OutboxPanel canEdit refreshMs={false} />);
    await screen.findAllByTestId('outbox-row');
    expect(gets(requests)[0]?.url.search).toBe('?limit=50&offset=0');

    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'failed');
    await waitFor(() => expect(screen.getAllByTestId('outbox-row')).toHaveLength(1));
    const last = gets(requests).at(-1);
    expect(last?.path).toBe('/api/v1/mail/outbox');
    expect(Object.fromEntries(last?.url.searchParams ?? [])).toEqual({
      state: 'failed',
      limit: '50',
      offset: '0',
    });
    expect(
      within(screen.getByTestId('outbox-state-filter'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All states', 'Queued', 'Sending', 'Sent', 'Saved to file', 'Failed', 'Discarded']);
  });

  it('shows a message saved to a file (no mail server) as such, with its file name and when, never as sent', async () => {
    const saved = message('m6', {
      state: 'saved',
      sentAt: null,
      savedAt: '2025-05-01T10:00:07.000Z',
      fileName: 'm6.eml',
    });
    mockFetch(outboxRoutes([saved, message('m3')]));
    const { user } = renderWithProviders(<OutboxPanel canEdit refreshMs={false} />);
    await screen.findAllByTestId('outbox-row');

    const r = row('m6');
    expect(within(r).getByTestId('outbox-state-label')).toHaveTextContent(/^Saved to file$/);
    expect(within(r).getByTestId('outbox-file')).toHaveTextContent('File: m6.eml');
    expect(r).toHaveTextContent('Saved ');
    expect(r).not.toHaveTextContent('Sent');
    // Nothing to retry or discard: it is done.
    expect(within(r).queryByRole('button')).not.toBeInTheDocument();
    expect(within(row('m3')).getByTestId('outbox-state-label')).toHaveTextContent(/^Sent$/);
    expect(within(row('m3')).queryByTestId('outbox-file')).not.toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'saved');
    await waitFor(() => expect(screen.getAllByTestId('outbox-row')).toHaveLength(1));
    expect(screen.getByTestId('outbox-row')).toHaveAttribute('data-message-id', 'm6');
  });

  it('says where the files go while no mail server is set, and nothing once one is', async () => {
    const settings = (source: 'none' | 'options') => ({
      source,
      host: source === 'none' ? null : 'smtp.example.com',
      port: source === 'none' ? null : 25,
      tlsMode: source === 'none' ? null : 'none',
      username: null,
      passwordSet: false,
      fromAddress: 'oig@example.com',
      outboxFolder: '/data/outbox',
    });
    mockFetch({ ...outboxRoutes(), 'GET /api/v1/mail/settings': { body: settings('none') } });
    const first = renderWithProviders(<OutboxPanel canEdit refreshMs={false} />);
    expect(await screen.findByTestId('outbox-delivery-note')).toHaveTextContent(
      'No mail server is set: messages are not emailed but saved as .eml files in /data/outbox',
    );
    first.unmount();

    mockFetch({ ...outboxRoutes(), 'GET /api/v1/mail/settings': { body: settings('options') } });
    const queryClient = createTestQueryClient();
    renderWithProviders(<OutboxPanel canEdit refreshMs={false} />, { queryClient });
    await waitFor(() => expect(queryClient.getQueryState(['mail', 'settings'])?.status).toBe('success'));
    await screen.findAllByTestId('outbox-row');
    expect(screen.queryByTestId('outbox-delivery-note')).not.toBeInTheDocument();
  });

  it('builds the query string without an empty state', () => {
    expect(outboxSearchParams({}).toString()).toBe('limit=50&offset=0');
    expect(outboxSearchParams({ state: 'queued', limit: 10, offset: 20 }).toString()).toBe(
      'state=queued&limit=10&offset=20',
    );
  });

  it('pages when there are more messages than one page holds, and Refresh reads again', async () => {
    const { requests } = mockFetch(outboxRoutes(MESSAGES.slice(0, 2), 5));
    const { user } = renderWithProviders(<OutboxPanel canEdit pageSize={2} refreshMs={false} />);
    await screen.findAllByTestId('outbox-row');
    expect(screen.getByTestId('outbox-range')).toHaveTextContent('1–2 of 5');
    expect(screen.getByTestId('outbox-previous')).toBeDisabled();
    await user.click(screen.getByTestId('outbox-next'));
    await waitFor(() => expect(gets(requests).at(-1)?.url.searchParams.get('offset')).toBe('2'));
    expect(gets(requests).at(-1)?.url.searchParams.get('limit')).toBe('2');

    const before = gets(requests).length;
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(gets(requests).length).toBe(before + 1));
  });

  it('shows support users the outbox without any action', async () => {
    const { requests } = mockFetch(outboxRoutes());
    renderWithProviders(<OutboxPanel canEdit={false} refreshMs={false} />);
    expect(await screen.findAllByTestId('outbox-row')).toHaveLength(5);
    expect(screen.queryByTestId('outbox-retry')).not.toBeInTheDocument();
    expect(screen.queryByTestId('outbox-discard')).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).not.toBeInTheDocument();
    expect(screen.getByTestId('read-only-hint')).toHaveTextContent('Read-only (support)');
    // Still readable: the filter and Refresh work.
    expect(screen.getByTestId('outbox-refresh')).toBeEnabled();
    expect(mutations(requests)).toHaveLength(0);
  });

  it('says kinds, subjects and delivery errors in the console language; unknown codes and old rows as stored', async () => {
    await i18n.changeLanguage('fr');
    mockFetch(
      outboxRoutes([
        message('u1', {
          kind: 'mivoice-user-list',
          subject: 'MiVoice Integration for Google user list (5 users)',
          subjectParams: { users: 5 },
          state: 'failed',
          sentAt: null,
          lastError: '550 5.1.1 no such user',
          lastErrorReason: {
            code: 'smtp_refused',
            params: { responseCode: 550, response: '550 5.1.1 no such user' },
          },
        }),
        message('r1', {
          kind: 'usage-report',
          subject: 'OIG usage report — oig-1 — October 2026',
          subjectParams: { name: 'oig-1', month: '2026-10', monthToDate: 'no', lastDay: 1 },
        }),
        message('l1', {
          kind: 'mivoice-localization',
          subject: 'MiVoice Integration for Salesforce: language strings (Japanese, ja)',
          subjectParams: { application: 'salesforce', language: 'ja', languageName: 'Japanese' },
          state: 'queued',
          sentAt: null,
          lastError: 'connect ECONNREFUSED 127.0.0.1:25',
          lastErrorReason: { code: 'teleport_failed', params: {} },
        }),
        message('t1', { kind: 'test', subject: 'OIG test message', subjectParams: null }),
      ]),
    );
    renderWithProviders(<OutboxPanel canEdit refreshMs={false} />);
    await screen.findAllByTestId('outbox-row');

    const users = row('u1');
    expect(within(users).getByTestId('outbox-kind')).toHaveTextContent('Liste des utilisateurs MiVoice');
    const subject = within(users).getByTestId('outbox-subject');
    expect(subject).toHaveTextContent(
      'Liste des utilisateurs de MiVoice Integration for Google (5 utilisateurs)',
    );
    // The subject the mail was sent with stays at hand.
    expect(subject).toHaveAttribute(
      'title',
      'Objet tel qu’envoyé : MiVoice Integration for Google user list (5 users)',
    );
    expect(within(users).getByTestId('outbox-error')).toHaveTextContent(
      'le serveur de messagerie a refusé le message : 550 5.1.1 no such user',
    );
    expect(
      within(users).getByRole('button', {
        name: /^Réessayer\s: Liste des utilisateurs de MiVoice Integration for Google \(5 utilisateurs\)$/,
      }),
    ).toBeInTheDocument();

    expect(within(row('r1')).getByTestId('outbox-kind')).toHaveTextContent('Rapport d’utilisation');
    expect(within(row('r1')).getByTestId('outbox-subject')).toHaveTextContent(
      'Rapport d’utilisation OIG — oig-1 — octobre 2026',
    );
    const strings = row('l1');
    expect(within(strings).getByTestId('outbox-kind')).toHaveTextContent('Textes de langue');
    expect(within(strings).getByTestId('outbox-subject')).toHaveTextContent(
      'MiVoice Integration for Salesforce : textes de langue (japonais)',
    );
    // A delivery error of a code this console does not know: the server's English text.
    expect(within(strings).getByTestId('outbox-error')).toHaveTextContent(
      'connect ECONNREFUSED 127.0.0.1:25',
    );
    // A message queued before subjects were stored: its subject as sent.
    expect(within(row('t1')).getByTestId('outbox-subject')).toHaveTextContent('OIG test message');
    expect(within(row('t1')).getByTestId('outbox-subject')).not.toHaveAttribute('title');
  });
});

import type { LiveSession } from '@oig/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { makeSession, makeSessions } from '@/testing/data';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { LiveSessions } from '../components/live-sessions';

const SESSIONS: LiveSession[] = [
  makeSession(1, {
    id: 'h-a',
    applicationName: 'CRM Connector',
    companyName: 'Acme Corp',
    sessionIdLast4: '1111',
    protocol: 'rest',
  }),
  makeSession(2, {
    id: 'h-b',
    applicationName: 'Wallboard',
    companyName: 'Globex',
    sessionIdLast4: '2222',
    protocol: 'soap',
  }),
  makeSession(3, {
    id: 'h-c',
    applicationName: 'Call Recorder',
    companyName: 'Acme Corp',
    sessionIdLast4: '3333',
    protocol: 'soap',
  }),
  makeSession(4, {
    id: 'h-d',
    applicationName: 'Dialer <b>Pro</b>',
    companyName: 'Initech',
    sessionIdLast4: '4444',
    protocol: 'rest',
  }),
];

function liveRoute(sessions: LiveSession[]) {
  return { 'GET /api/v1/sessions': { body: { sessions, total: sessions.length } } };
}

const mutations = (requests: RecordedRequest[]) => requests.filter((r) => r.method !== 'GET');

function rows() {
  return within(screen.getByTestId('live-sessions-table')).queryAllByTestId('table-row');
}

describe('LiveSessions', () => {
  it('lists sessions with the human columns and only the last four digits of the session id', async () => {
    mockFetch(liveRoute(SESSIONS));
    renderWithProviders(<LiveSessions canTerminate />);

    await screen.findByText('CRM Connector');
    expect(rows()).toHaveLength(4);
    expect(screen.getByTestId('table-count')).toHaveTextContent('4 sessions');
    for (const name of [
      'Application Name',
      'Company Name',
      'Creation Date and Time',
      'Type',
      'Protocol',
      'Client Address',
      'Last Activity',
      'Licenses',
      'Session ID',
    ]) {
      expect(screen.getByRole('columnheader', { name })).toBeInTheDocument();
    }
    const crm = screen.getByText('CRM Connector').closest('tr') as HTMLElement;
    expect(crm).toHaveTextContent('…1111');
    expect(crm).toHaveTextContent('REST');
    expect(crm).toHaveTextContent('Standard Call Control, Data Access');
    // Names are text, never markup.
    expect(screen.getByText('Dialer <b>Pro</b>')).toBeInTheDocument();
  });

  it('filters rows case-insensitively on any text column and shows "showing M of N"', async () => {
    mockFetch(liveRoute(SESSIONS));
    const { user } = renderWithProviders(<LiveSessions canTerminate />);
    await screen.findByText('CRM Connector');

    const filter = screen.getByRole('searchbox', { name: 'Filter sessions' });
    await user.type(filter, 'acme');
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(screen.getByTestId('table-count')).toHaveTextContent('Showing 2 of 4 sessions');
    expect(screen.queryByText('Wallboard')).not.toBeInTheDocument();

    await user.clear(filter);
    await user.type(filter, 'SOAP globex');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByText('Wallboard')).toBeInTheDocument();

    await user.clear(filter);
    await user.type(filter, '…4444');
    await waitFor(() => expect(rows()).toHaveLength(1));

    await user.clear(filter);
    await user.type(filter, 'no such thing');
    await waitFor(() => expect(rows()).toHaveLength(0));
    expect(screen.getByTestId('table-empty')).toHaveTextContent('No sessions match the filter.');
    expect(screen.getByTestId('table-count')).toHaveTextContent('Showing 0 of 4 sessions');
  });

  it('sorts by a column header and reports it with aria-sort', async () => {
    mockFetch(liveRoute(SESSIONS));
    const { user } = renderWithProviders(<LiveSessions canTerminate />);
    await screen.findByText('CRM Connector');

    const header = screen.getByRole('columnheader', { name: 'Application Name' });
    expect(header).toHaveAttribute('aria-sort', 'none');
    await user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    const names = () => rows().map((r) => r.querySelector('td:nth-child(2)')?.textContent);
    expect(names()).toEqual(['Call Recorder', 'CRM Connector', 'Dialer <b>Pro</b>', 'Wallboard']);
    await user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(names()).toEqual(['Wallboard', 'Dialer <b>Pro</b>', 'CRM Connector', 'Call Recorder']);
  });

  it('shows support users no checkboxes and no terminate buttons, and a read-only hint', async () => {
    const { requests } = mockFetch(liveRoute(SESSIONS));
    renderWithProviders(<LiveSessions canTerminate={false} />);
    await screen.findByText('CRM Connector');

    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: /terminate/i })).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).not.toBeInTheDocument();
    expect(screen.getByTestId('read-only-hint')).toHaveTextContent('Read-only (support)');
    expect(mutations(requests)).toHaveLength(0);
  });

  it('terminates one session with DELETE only after the dialog is confirmed', async () => {
    const { requests } = mockFetch({
      ...liveRoute(SESSIONS),
      'DELETE /api/v1/sessions/h-b': { status: 204 },
    });
    setCsrfToken('csrf-1');
    const { user } = renderWithProviders(<LiveSessions canTerminate />);
    await screen.findByText('Wallboard');

    await user.click(screen.getByRole('button', { name: 'Terminate session …2222 of Wallboard' }));
    const dialog = screen.getByRole('dialog', { name: 'Terminate 1 session?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    const [item] = within(dialog).getAllByRole('listitem');
    expect(item).toHaveTextContent('Wallboard (Globex)');
    expect(item).toHaveTextContent('session ID …2222');
    expect(mutations(requests)).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Terminate session' }));

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    const [del] = mutations(requests);
    expect(del?.method).toBe('DELETE');
    expect(del?.path).toBe('/api/v1/sessions/h-b');
    expect(del?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(await screen.findByText('Session …2222 of Wallboard terminated.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The list is fetched again.
    await waitFor(() => expect(requests.filter((r) => r.method === 'GET')).toHaveLength(2));
  });

  it('sends nothing when the dialog is cancelled or closed with Escape', async () => {
    const { requests } = mockFetch(liveRoute(SESSIONS));
    const { user } = renderWithProviders(<LiveSessions canTerminate />);
    await screen.findByText('Wallboard');

    await user.click(screen.getByRole('button', { name: 'Terminate session …2222 of Wallboard' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Terminate session …1111 of CRM Connector' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(mutations(requests)).toHaveLength(0);
  });

  it('terminates the selected sessions with one POST after confirmation', async () => {
    const { requests } = mockFetch({
      ...liveRoute(SESSIONS),
      'POST /api/v1/sessions/terminate': (req): MockReply => ({
        body: { terminated: (req.body as { ids: string[] }).ids.length },
      }),
    });
    setCsrfToken('csrf-2');
    const { user } = renderWithProviders(<LiveSessions canTerminate />);
    await screen.findByText('Wallboard');

    const terminateSelected = screen.getByTestId('terminate-selected');
    expect(terminateSelected).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Select session …1111 of CRM Connector' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select session …3333 of Call Recorder' }));
    expect(terminateSelected).toHaveAccessibleName('Terminate selected (2)');

    await user.click(terminateSelected);
    const dialog = screen.getByRole('dialog', { name: 'Terminate 2 sessions?' });
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(2);
    expect(mutations(requests)).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Terminate 2 sessions' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    const [post] = mutations(requests);
    expect(post?.path).toBe('/api/v1/sessions/terminate');
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-2');
    expect((post?.body as { ids: string[] }).ids.sort()).toEqual(['h-a', 'h-c']);
    expect(await screen.findByText('2 sessions terminated.')).toBeInTheDocument();
  });

  it('select-all selects only the rows the filter shows', async () => {
    mockFetch(liveRoute(SESSIONS));
    const { user } = renderWithProviders(<LiveSessions canTerminate />);
    await screen.findByText('Wallboard');

    await user.type(screen.getByRole('searchbox', { name: 'Filter sessions' }), 'acme');
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown sessions' }));
    expect(screen.getByTestId('terminate-selected')).toHaveAccessibleName('Terminate selected (2)');
    await user.click(screen.getByTestId('terminate-selected'));
    const items = within(screen.getByRole('dialog'))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items.sort()).toEqual(
      ['CRM Connector (Acme Corp)session ID …1111', 'Call Recorder (Acme Corp)session ID …3333'].sort(),
    );
  });

  it('shows the server message when terminating fails', async () => {
    mockFetch({
      ...liveRoute(SESSIONS),
      'DELETE /api/v1/sessions/h-a': {
        status: 404,
        body: { error: { code: 'not_found', message: 'Session already ended' } },
      },
    });
    const { user } = renderWithProviders(<LiveSessions canTerminate />);
    await screen.findByText('CRM Connector');
    await user.click(screen.getByRole('button', { name: 'Terminate session …1111 of CRM Connector' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Terminate session' }));
    expect(
      await screen.findByText('The sessions could not be terminated: Session already ended'),
    ).toBeInTheDocument();
  });

  it('refreshes on demand', async () => {
    const { requests } = mockFetch(liveRoute(SESSIONS));
    const { user } = renderWithProviders(<LiveSessions canTerminate />);
    await screen.findByText('CRM Connector');
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(requests.filter((r) => r.path === '/api/v1/sessions')).toHaveLength(2));
  });

  it('renders only a window of 25,000 sessions and filters them', async () => {
    const many = makeSessions(25_000);
    mockFetch(liveRoute(many));
    const { user } = renderWithProviders(<LiveSessions canTerminate />);

    await waitFor(() => expect(screen.getByTestId('table-count')).toHaveTextContent('25,000 sessions'));
    const rendered = rows().length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(100);

    await user.type(screen.getByRole('searchbox', { name: 'Filter sessions' }), '10.0.7.3');
    await waitFor(() =>
      expect(screen.getByTestId('table-count')).toHaveTextContent(/^Showing \d+ of 25,000 sessions$/),
    );
    const expected = many.filter((s) => s.clientAddress.includes('10.0.7.3')).length;
    expect(screen.getByTestId('table-count')).toHaveTextContent(`Showing ${expected} of 25,000 sessions`);
  });
});

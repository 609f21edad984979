import { filterOfQuery, liveSessionsQuerySchema, type LiveSession } from '@oig/shared';
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

/**
 * The server's answer to GET /sessions over `sessions`, by the server's rules (the shared query
 * schema; text columns or the term's codes; sort by the column with the handle as tie-break).
 */
function liveRoute(sessions: LiveSession[]) {
  return {
    'GET /api/v1/sessions': (req: RecordedRequest): MockReply => {
      const raw: Record<string, string | string[]> = {};
      for (const [k, v] of req.url.searchParams) {
        const prev = raw[k];
        raw[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
      }
      const q = liveSessionsQuerySchema.parse(raw);
      const { terms } = filterOfQuery(q);
      const text = (s: LiveSession) =>
        [s.applicationName, s.companyName, s.clientAddress, `…${s.sessionIdLast4}`].join('\n').toLowerCase();
      const matching = sessions.filter((s) =>
        terms.every(
          (t) =>
            text(s).includes(t.text) ||
            t.codes.some((c) => c === s.type || c === s.protocol || (s.licenses as string[]).includes(c)),
        ),
      );
      const key = (s: LiveSession): string =>
        q.sort === 'createdAt'
          ? s.createdAt
          : q.sort === 'applicationName'
            ? s.applicationName.toLowerCase()
            : q.sort === 'sessionId'
              ? s.sessionIdLast4
              : s.companyName.toLowerCase();
      const sign = q.order === 'asc' ? 1 : -1;
      const sorted = [...matching].sort(
        (a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.id < b.id ? -1 : 1),
      );
      return {
        body: {
          sessions: sorted.slice(q.offset, q.offset + q.limit),
          total: matching.length,
          live: sessions.length,
          offset: q.offset,
          limit: q.limit,
        },
      };
    },
  };
}

const mutations = (requests: RecordedRequest[]) => requests.filter((r) => r.method !== 'GET');
const lists = (requests: RecordedRequest[]) => requests.filter((r) => r.path === '/api/v1/sessions');

function rows() {
  return within(screen.getByTestId('live-sessions-table')).queryAllByTestId('table-row');
}

describe('LiveSessions', () => {
  it('lists the first page with the human columns and only the last four digits of the session id', async () => {
    const { requests } = mockFetch(liveRoute(SESSIONS));
    renderWithProviders(<LiveSessions canTerminate />);

    await screen.findByText('CRM Connector');
    expect(rows()).toHaveLength(4);
    expect(screen.getByTestId('table-count')).toHaveTextContent('4 sessions');
    expect(screen.getByRole('table', { name: 'Live sessions' })).toBeInTheDocument();
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
    expect(screen.getByText('Dialer <b>Pro</b>')).toBeInTheDocument();
    // One page, newest first, asked of the server.
    const params = lists(requests)[0]!.url.searchParams;
    expect(Object.fromEntries(params)).toEqual({
      sort: 'createdAt',
      order: 'desc',
      offset: '0',
      limit: '25',
    });
  });

  it('sends the filter as terms with the codes of the labels that contain them, and says "showing M of N"', async () => {
    const { requests } = mockFetch(liveRoute(SESSIONS));
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
    const last = lists(requests).at(-1)!.url.searchParams;
    expect(last.getAll('term')).toEqual(['soap', 'globex']);
    expect(last.getAll('codes')).toEqual(['soap', '']);

    // "call" is in the labels of two licenses: both codes go with the term.
    await user.clear(filter);
    await user.type(filter, 'call');
    await waitFor(() =>
      expect(lists(requests).at(-1)!.url.searchParams.getAll('codes')).toEqual([
        'standardCallControl,advancedCallControl',
      ]),
    );

    await user.clear(filter);
    await user.type(filter, 'no such thing');
    await waitFor(() => expect(screen.getByTestId('live-sessions-empty')).toBeInTheDocument());
    expect(screen.getByTestId('live-sessions-empty')).toHaveTextContent('No sessions match the filter.');
    expect(screen.getByTestId('table-count')).toHaveTextContent('Showing 0 of 4 sessions');
  });

  it('asks the server for the order of a clicked header and reports it with aria-sort', async () => {
    const { requests } = mockFetch(liveRoute(SESSIONS));
    const { user } = renderWithProviders(<LiveSessions canTerminate />);
    await screen.findByText('CRM Connector');

    const header = screen.getByRole('columnheader', { name: 'Application Name' });
    expect(header).toHaveAttribute('aria-sort', 'none');
    expect(screen.getByRole('columnheader', { name: 'Creation Date and Time' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await user.click(within(header).getByRole('button'));
    await waitFor(() => expect(header).toHaveAttribute('aria-sort', 'ascending'));
    const names = () => rows().map((r) => r.querySelector('td:nth-child(2)')?.textContent);
    await waitFor(() =>
      expect(names()).toEqual(['Call Recorder', 'CRM Connector', 'Dialer <b>Pro</b>', 'Wallboard']),
    );
    expect(lists(requests).at(-1)!.url.searchParams.get('sort')).toBe('applicationName');
    await user.click(within(header).getByRole('button'));
    await waitFor(() =>
      expect(names()).toEqual(['Wallboard', 'Dialer <b>Pro</b>', 'CRM Connector', 'Call Recorder']),
    );
    expect(header).toHaveAttribute('aria-sort', 'descending');
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
    await waitFor(() => expect(lists(requests)).toHaveLength(2));
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
    expect(screen.getByTestId('selection-bar')).toHaveTextContent('2 sessions selected');

    await user.click(terminateSelected);
    const dialog = screen.getByRole('dialog', { name: 'Terminate 2 sessions?' });
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(2);
    await user.click(within(dialog).getByRole('button', { name: 'Terminate 2 sessions' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    const [post] = mutations(requests);
    expect(post?.path).toBe('/api/v1/sessions/terminate');
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-2');
    expect((post?.body as { ids: string[] }).ids.sort()).toEqual(['h-a', 'h-c']);
    expect(await screen.findByText('2 sessions terminated.')).toBeInTheDocument();
  });

  it('keeps a selection across pages, and selects every matching session of every page on request', async () => {
    const many = makeSessions(120).map((s, i) => ({
      ...s,
      protocol: i < 110 ? ('soap' as const) : ('rest' as const),
    }));
    const { requests } = mockFetch({
      ...liveRoute(many),
      'POST /api/v1/sessions/terminate': { body: { terminated: 110 } },
    });
    const { user } = renderWithProviders(<LiveSessions canTerminate />);
    await waitFor(() => expect(rows()).toHaveLength(25));
    expect(screen.getByTestId('live-sessions-range')).toHaveTextContent('1–25 of 120');

    // One row on page 1, then page 2: the selection stays.
    await user.click(screen.getAllByTestId('select-row')[0]!);
    await user.click(screen.getByTestId('live-sessions-next'));
    await waitFor(() => expect(screen.getByTestId('live-sessions-range')).toHaveTextContent('26–50 of 120'));
    expect(screen.getByTestId('selection-bar')).toHaveTextContent('1 session selected');
    await user.click(screen.getByTestId('clear-selection'));
    expect(screen.queryByTestId('selection-bar')).not.toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: 'Filter sessions' }), 'soap');
    await waitFor(() =>
      expect(screen.getByTestId('table-count')).toHaveTextContent('Showing 110 of 120 sessions'),
    );
    // A new filter starts at the first page.
    expect(screen.getByTestId('live-sessions-range')).toHaveTextContent('1–25 of 110');
    await user.click(screen.getByRole('checkbox', { name: 'Select all sessions on this page' }));
    expect(screen.getByTestId('selection-bar')).toHaveTextContent('25 sessions selected');
    await user.click(screen.getByRole('button', { name: 'Select all 110 matching sessions' }));
    expect(screen.getByTestId('selection-bar')).toHaveTextContent(
      'All 110 sessions matching “soap” are selected.',
    );
    expect(screen.getByTestId('terminate-selected')).toHaveAccessibleName('Terminate selected (110)');

    await user.click(screen.getByTestId('terminate-selected'));
    const dialog = screen.getByRole('dialog', { name: 'Terminate 110 sessions matching “soap”?' });
    expect(mutations(requests)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Terminate 110 sessions' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]!.body).toEqual({ filter: { terms: [{ text: 'soap', codes: ['soap'] }] } });
    expect(await screen.findByText('110 sessions terminated.')).toBeInTheDocument();
    expect(screen.queryByTestId('selection-bar')).not.toBeInTheDocument();
  });

  it('says when the filter is over the limits, and asks nothing of the server for it', async () => {
    const { requests } = mockFetch(liveRoute(SESSIONS));
    const { user } = renderWithProviders(<LiveSessions canTerminate />);
    await screen.findByText('CRM Connector');
    const before = lists(requests).length;
    // Pasted at once: typed key by key, the first ten words would be a valid filter on the way.
    await user.click(screen.getByRole('searchbox', { name: 'Filter sessions' }));
    await user.paste('a b c d e f g h i j k');
    expect(await screen.findByTestId('filter-problem')).toHaveTextContent(
      'A filter has at most 10 words, each of at most 64 characters.',
    );
    // Past the filter's 250 ms delay: still nothing asked.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(lists(requests)).toHaveLength(before);
    expect(rows()).toHaveLength(4);
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

  it('refreshes the page shown on demand', async () => {
    const { requests } = mockFetch(liveRoute(SESSIONS));
    const { user } = renderWithProviders(<LiveSessions canTerminate />);
    await screen.findByText('CRM Connector');
    await user.click(screen.getByTestId('refresh-sessions'));
    await waitFor(() => expect(lists(requests)).toHaveLength(2));
    expect(lists(requests)[1]!.url.search).toBe(lists(requests)[0]!.url.search);
  });
});

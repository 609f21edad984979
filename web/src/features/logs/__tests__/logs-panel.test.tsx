import type { LogLine } from '@oig/shared';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { recordDownloads } from '@/testing/downloads';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { LogsPanel } from '../components/logs-panel';

const line = (i: number, over: Partial<LogLine> = {}): LogLine => ({
  time: new Date(Date.UTC(2026, 0, 1, 8, 0, i)).toISOString(),
  level: 'info',
  module: 'auth',
  msg: `message ${i}`,
  fields: { n: i },
  ...over,
});

const gets = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.method === 'GET' && r.url.pathname === '/api/v1/logs');
const rows = () => screen.queryAllByTestId('logs-row');

function logsRoute(lines: LogLine[], truncated = false) {
  return {
    'GET /api/v1/logs': (): MockReply => ({ body: { lines, scannedBytes: 1000, truncated } }),
  };
}

describe('LogsPanel', () => {
  it('shows Time, Level, Module, Message and Details of each line, newest first as sent', async () => {
    mockFetch(
      logsRoute([
        line(2, {
          level: 'warning',
          module: 'sessions',
          msg: 'application login failed',
          fields: { reason: 'x', client: { port: 5 } },
        }),
        line(1, { module: null, fields: {} }),
      ]),
    );
    renderWithProviders(<LogsPanel />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    for (const name of ['Time', 'Level', 'Module', 'Message', 'Details'])
      expect(screen.getByRole('columnheader', { name })).toBeInTheDocument();
    const [first, second] = rows() as [HTMLElement, HTMLElement];
    expect(within(first).getByTestId('logs-level-cell')).toHaveTextContent('Warning');
    expect(within(first).getByTestId('logs-module-cell')).toHaveTextContent('sessions');
    expect(within(first).getByTestId('logs-message')).toHaveTextContent('application login failed');
    const details = within(first).getByTestId('logs-details');
    expect([...details.children].map((c) => c.textContent)).toEqual(['reason=x', 'client={"port":5}']);
    expect(within(second).getByTestId('logs-module-cell')).toHaveTextContent('—');
    expect(screen.queryByTestId('logs-truncated')).not.toBeInTheDocument();
  });

  it('sends the level, module and text filters; Clear drops them', async () => {
    const user = userEvent.setup();
    const { requests } = mockFetch(logsRoute([line(1)]));
    renderWithProviders(<LogsPanel />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(Object.fromEntries(gets(requests).at(-1)!.url.searchParams)).toEqual({ limit: '200' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Lowest level' }), 'Warning');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Module' }), 'mail');
    await user.type(screen.getByRole('searchbox', { name: 'Text' }), ' smtp ');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(Object.fromEntries(gets(requests).at(-1)!.url.searchParams)).toEqual({
        level: 'warning',
        module: 'mail',
        q: 'smtp',
        limit: '200',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() =>
      expect(Object.fromEntries(gets(requests).at(-1)!.url.searchParams)).toEqual({ limit: '200' }),
    );
  });

  it('says when only the most recent part of the files was searched', async () => {
    mockFetch(logsRoute([], true));
    renderWithProviders(<LogsPanel />);
    expect(await screen.findByTestId('logs-truncated')).toHaveTextContent(
      'Only the most recent 32 MB of the log files were searched',
    );
  });

  it('the live tail is on at first and can be paused and resumed', async () => {
    const user = userEvent.setup();
    mockFetch(logsRoute([line(1)]));
    renderWithProviders(<LogsPanel />);
    const toggle = await screen.findByRole('button', { name: 'Live tail' });
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('logs-live-state')).toHaveTextContent('Newest lines every 5 s');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByTestId('logs-live-state')).toHaveTextContent('Live tail paused');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
  });

  it('downloads the logs and the support bundle under the server’s file names', async () => {
    const user = userEvent.setup();
    const saved = recordDownloads();
    mockFetch({
      ...logsRoute([line(1)]),
      'GET /api/v1/logs/download': {
        text: '{"level":30}\n',
        headers: { 'content-disposition': 'attachment; filename="oig-logs-x.ndjson"' },
      },
      'GET /api/v1/support-bundle': {
        text: 'PK',
        headers: { 'content-disposition': 'attachment; filename="oig-support-bundle-x.zip"' },
      },
    });
    renderWithProviders(<LogsPanel />);
    await user.click(await screen.findByRole('button', { name: 'Download logs' }));
    await user.click(screen.getByRole('button', { name: 'Download support bundle' }));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved.map((f) => f.name).sort()).toEqual(['oig-logs-x.ndjson', 'oig-support-bundle-x.zip']);
  });
});

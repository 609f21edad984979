import { AUDIT_MASK, type AuditEntry } from '@oig/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { AuditLogPanel } from '../components/audit-log-panel';

function entry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: `a-${i}`,
    at: new Date(Date.UTC(2025, 0, 1, 8, 0, 0) + i * 60_000).toISOString(),
    actor: 'admin',
    actorRole: 'administrator',
    address: '192.0.2.1',
    action: 'options.update',
    target: `target ${i}`,
    before: null,
    after: null,
    ...overrides,
  };
}

/** Answers the page the query asks for out of `all`. */
function auditRoute(all: AuditEntry[]) {
  return {
    'GET /api/v1/audit': (req: RecordedRequest): MockReply => {
      const limit = Number(req.url.searchParams.get('limit'));
      const offset = Number(req.url.searchParams.get('offset'));
      return { body: { entries: all.slice(offset, offset + limit), total: all.length } };
    },
  };
}

const gets = (requests: RecordedRequest[]) => requests.filter((r) => r.method === 'GET');
const lastQuery = (requests: RecordedRequest[]) => gets(requests).at(-1)?.url.searchParams;
const rows = () => screen.queryAllByTestId('audit-row');

describe('AuditLogPanel', () => {
  it('shows When, Who, Action, Target, Changes (old → new, masked as sent) and From', async () => {
    mockFetch(
      auditRoute([
        entry(1, {
          actor: 'bob',
          actorRole: 'support',
          address: '198.51.100.7',
          action: 'network-element.create',
          target: 'MiVB-1 (192.0.2.10)',
          before: null,
          after: { name: 'MiVB-1', password: AUDIT_MASK },
        }),
        entry(2, {
          action: 'account.password.change',
          target: 'Acme / Call Recorder',
          before: { password: AUDIT_MASK, note: 'old' },
          after: { password: AUDIT_MASK, note: 'new' },
          address: null,
        }),
      ]),
    );
    renderWithProviders(<AuditLogPanel />);

    await waitFor(() => expect(rows()).toHaveLength(2));
    for (const name of ['When', 'Who', 'Action', 'Target', 'Changes', 'From']) {
      expect(screen.getByRole('columnheader', { name })).toBeInTheDocument();
    }
    const [first, second] = rows() as [HTMLElement, HTMLElement];
    expect(within(first).getByTestId('audit-actor-cell')).toHaveTextContent('bobSupport');
    expect(within(first).getByTestId('audit-action-cell')).toHaveTextContent('Network element added');
    expect(within(first).getByTestId('audit-target')).toHaveTextContent('MiVB-1 (192.0.2.10)');
    expect(
      within(within(first).getByTestId('audit-changes'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['name: MiVB-1', `password: ${AUDIT_MASK}`]);
    expect(within(first).getByTestId('audit-address')).toHaveTextContent('198.51.100.7');
    expect(within(second).getByTestId('audit-action-cell')).toHaveTextContent('Application password changed');
    expect(within(second).getByTestId('audit-changes')).toHaveTextContent('note: old → new');
    expect(within(second).getByTestId('audit-changes')).not.toHaveTextContent('password');
    expect(within(second).getByTestId('audit-address')).toHaveTextContent('—');
    expect(screen.getByTestId('audit-range')).toHaveTextContent('1–2 of 2');
  });

  it('renders markup in any field as text', async () => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    mockFetch(auditRoute([entry(1, { target: payload, actor: '<b>eve</b>', after: { name: payload } })]));
    renderWithProviders(<AuditLogPanel />);

    expect(
      await screen.findByText(payload, { selector: '[data-testid="audit-target"]' }),
    ).toBeInTheDocument();
    expect(screen.getByText('<b>eve</b>')).toBeInTheDocument();
    expect(screen.getByTestId('audit-changes')).toHaveTextContent(`name: ${payload}`);
    expect(document.querySelector('img, script, b')).toBeNull();
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });

  it('sends the filters as the query string and starts again at the first page', async () => {
    const { requests } = mockFetch(auditRoute(Array.from({ length: 120 }, (_, i) => entry(i))));
    const { user } = renderWithProviders(<AuditLogPanel />);
    await waitFor(() => expect(rows()).toHaveLength(50));
    expect(Object.fromEntries(lastQuery(requests) ?? [])).toEqual({ limit: '50', offset: '0' });

    await user.click(screen.getByTestId('audit-next'));
    await waitFor(() => expect(lastQuery(requests)?.get('offset')).toBe('50'));

    await user.type(screen.getByRole('searchbox', { name: 'Search' }), ' recorder ');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'Network element added');
    await user.type(screen.getByRole('textbox', { name: 'User' }), 'bob');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-03-04' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-03-05' } });
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    await waitFor(() => expect(lastQuery(requests)?.get('q')).toBe('recorder'));
    const params = lastQuery(requests) as URLSearchParams;
    expect(params.get('action')).toBe('network-element.create');
    expect(params.get('actor')).toBe('bob');
    expect(Date.parse(params.get('from') as string)).toBe(new Date(2025, 2, 4).getTime());
    expect(params.get('from')).toMatch(/^2025-03-04T00:00:00\.000[+-]\d\d:\d\d$/);
    expect(Date.parse(params.get('to') as string)).toBe(new Date(2025, 2, 5, 23, 59, 59, 999).getTime());
    expect(params.get('limit')).toBe('50');
    expect(params.get('offset')).toBe('0');

    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() =>
      expect(Object.fromEntries(lastQuery(requests) ?? [])).toEqual({ limit: '50', offset: '0' }),
    );
  });

  it('refuses a date range that ends before it starts, without a request', async () => {
    const { requests } = mockFetch(auditRoute([entry(1)]));
    const { user } = renderWithProviders(<AuditLogPanel />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const before = gets(requests).length;

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-03-05' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2025-03-04' } });
    await user.click(screen.getByRole('button', { name: 'Apply' }));

    expect(screen.getByText('“From” must be on or before “To”.')).toBeInTheDocument();
    expect(screen.getByLabelText('From')).toHaveAttribute('aria-invalid', 'true');
    expect(gets(requests)).toHaveLength(before);
  });

  it('pages with Previous and Next, showing "n–m of total"', async () => {
    const { requests } = mockFetch(auditRoute(Array.from({ length: 120 }, (_, i) => entry(i))));
    const { user } = renderWithProviders(<AuditLogPanel />);
    const range = screen.getByTestId('audit-range');
    await waitFor(() => expect(range).toHaveTextContent('1–50 of 120'));
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(range).toHaveTextContent('51–100 of 120'));
    expect(rows()[0]).toHaveAttribute('data-entry-id', 'a-50');

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(range).toHaveTextContent('101–120 of 120'));
    expect(rows()).toHaveLength(20);
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(range).toHaveTextContent('51–100 of 120'));
    expect(gets(requests).map((r) => r.url.searchParams.get('offset'))).toEqual(['0', '50', '100', '50']);
  });

  it('reads the page again with Refresh, and says when there is nothing', async () => {
    const { requests } = mockFetch(auditRoute([]));
    const { user } = renderWithProviders(<AuditLogPanel />);
    expect(await screen.findByTestId('audit-empty')).toHaveTextContent('No audit entries match.');
    expect(screen.getByTestId('audit-range')).toHaveTextContent('No entries');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(gets(requests)).toHaveLength(2));
  });
});

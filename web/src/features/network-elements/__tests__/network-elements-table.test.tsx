import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { createFormatters } from '@/lib/format';
import { i18n } from '@/lib/i18n';
import { mockFetch } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { NetworkElementsView } from '../components/network-elements-view';
import { baseRoutes, LIST, makeMicc, makeMivb, mutations } from './fixtures';

function rows() {
  return within(screen.getByTestId('network-elements-table')).queryAllByTestId('table-row');
}
const row = (ip: string) => screen.getByText(ip).closest('tr') as HTMLElement;

describe('Network Elements table', () => {
  it('lists elements with type, version, setup, status text and last check', async () => {
    mockFetch(baseRoutes());
    renderWithProviders(<NetworkElementsView canEdit />);

    await screen.findByText('192.0.2.10');
    expect(rows()).toHaveLength(3);
    for (const name of ['Type', 'IP Address', 'Version', 'Setup', 'Status', 'Actions']) {
      expect(screen.getByRole('columnheader', { name })).toBeInTheDocument();
    }
    expect(screen.getByTestId('table-count')).toHaveTextContent('3 network elements');
    expect(screen.getByTestId('network-element-counts')).toHaveTextContent(
      '2 of 250 MiVoice Business · 1 of 1 MiContact Center',
    );

    const first = row('192.0.2.10');
    expect(first).toHaveTextContent('MiVoice Business');
    expect(first).toHaveTextContent('10.1.0.12');
    expect(first).toHaveTextContent('Default');
    expect(within(first).getByTestId('element-status')).toHaveTextContent('Reachable');
    const checked = createFormatters('en').shortDateTime('2025-03-04T10:15:30.000Z');
    expect(within(first).getByTestId('element-last-checked')).toHaveTextContent(`last checked ${checked}`);

    const second = row('192.0.2.20');
    expect(second).toHaveTextContent('Custom');
    expect(second).toHaveTextContent('—');
    expect(within(second).getByTestId('element-status')).toHaveTextContent('Unreachable');
    expect(within(second).getByTestId('element-status-detail')).toHaveTextContent('connection refused');

    const micc = row('2001:db8::30');
    expect(micc).toHaveTextContent('MiContact Center');
    expect(within(micc).getByTestId('element-status')).toHaveTextContent('Unknown');
    expect(within(micc).getByTestId('element-last-checked')).toHaveTextContent('not checked yet');
  });

  it('filters on any text column and shows "showing M of N"', async () => {
    mockFetch(baseRoutes());
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.10');

    const filter = screen.getByRole('searchbox', { name: 'Filter network elements' });
    await user.type(filter, 'unreachable');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByText('192.0.2.20')).toBeInTheDocument();
    expect(screen.getByTestId('table-count')).toHaveTextContent('Showing 1 of 3 network elements');

    await user.clear(filter);
    await user.type(filter, 'contact');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByText('2001:db8::30')).toBeInTheDocument();

    await user.clear(filter);
    await user.type(filter, 'nothing like this');
    await waitFor(() => expect(rows()).toHaveLength(0));
    expect(screen.getByTestId('table-empty')).toHaveTextContent('No network elements match the filter.');
  });

  it('sorts by a column header', async () => {
    mockFetch(baseRoutes());
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.10');

    const header = screen.getByRole('columnheader', { name: 'Status' });
    await user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    const statuses = () =>
      rows().map((r) => within(r).getByTestId('element-status').getAttribute('data-status'));
    expect(statuses()).toEqual(['reachable', 'unknown', 'unreachable']);
    await user.click(within(header).getByRole('button'));
    expect(statuses()).toEqual(['unreachable', 'unknown', 'reachable']);
  });

  it('renders a markup-looking status detail as text', async () => {
    const detail = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    mockFetch(
      baseRoutes([makeMivb('ne-x', '198.51.100.7', { status: 'unreachable', statusDetail: detail })]),
    );
    renderWithProviders(<NetworkElementsView canEdit />);

    expect(await screen.findByText(detail)).toBeInTheDocument();
    const table = screen.getByTestId('network-elements-table');
    expect(table.querySelector('img')).toBeNull();
    expect(table.querySelector('script')).toBeNull();
  });

  it('shows an empty list', async () => {
    mockFetch(baseRoutes([]));
    renderWithProviders(<NetworkElementsView canEdit />);
    expect(await screen.findByTestId('table-empty')).toHaveTextContent(
      'No network elements are configured yet.',
    );
    expect(screen.getByTestId('network-element-counts')).toHaveTextContent(
      '0 of 250 MiVoice Business · 0 of 1 MiContact Center',
    );
  });

  it('gives support users the list without any control that changes it', async () => {
    const { requests } = mockFetch(baseRoutes());
    renderWithProviders(<NetworkElementsView canEdit={false} />);
    await screen.findByText('192.0.2.10');

    expect(screen.queryByTestId('add-network-element')).not.toBeInTheDocument();
    expect(screen.queryByTestId('set-default-values')).not.toBeInTheDocument();
    expect(screen.queryByTestId('check-now')).not.toBeInTheDocument();
    expect(screen.queryAllByTestId('edit-element')).toHaveLength(0);
    expect(screen.queryAllByTestId('delete-element')).toHaveLength(0);
    // The only buttons left: column sorting and Refresh.
    const headers = ['Type', 'IP Address', 'Version', 'Setup', 'Status'];
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Refresh', ...headers]);
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).not.toBeInTheDocument();
    expect(screen.getByTestId('read-only-hint')).toHaveTextContent('Read-only (support)');
    // Reading stays possible.
    expect(screen.getByRole('button', { name: 'Refresh' })).toBeInTheDocument();
    expect(mutations(requests)).toHaveLength(0);
  });

  it('"Check now" asks the server to probe every element', async () => {
    const { requests } = mockFetch({
      ...baseRoutes(),
      [`POST ${LIST}/probe`]: { status: 202, body: { accepted: true } },
    });
    setCsrfToken('csrf-probe');
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.10');

    await user.click(screen.getByRole('button', { name: 'Check now' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    const [probe] = mutations(requests);
    expect(probe?.path).toBe(`${LIST}/probe`);
    expect(probe?.headers.get('X-CSRF-Token')).toBe('csrf-probe');
    expect(await screen.findByText(/Checking the network elements now/)).toBeInTheDocument();
  });

  it('speaks French', async () => {
    await i18n.changeLanguage('fr');
    mockFetch(baseRoutes());
    renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.10');
    expect(screen.getByRole('heading', { name: 'Éléments de réseau' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ajouter un élément de réseau' })).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Supprimer l’élément de réseau 192.0.2.10' }),
    ).toBeInTheDocument();
    expect(within(row('192.0.2.20')).getByTestId('element-status')).toHaveTextContent('Inaccessible');
    expect(screen.getByTestId('network-element-counts')).toHaveTextContent(
      '2 sur 250 MiVoice Business · 1 sur 1 MiContact Center',
    );
  });

  it('refreshes on demand', async () => {
    const { requests } = mockFetch(baseRoutes());
    const { user } = renderWithProviders(<NetworkElementsView canEdit={false} />);
    await screen.findByText('192.0.2.10');
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() =>
      expect(requests.filter((r) => r.method === 'GET' && r.path === LIST)).toHaveLength(2),
    );
  });

  it('disables MiContact Center in the Add dialog with the reason when one exists', async () => {
    mockFetch(baseRoutes([makeMivb('ne-1', '192.0.2.10'), makeMicc('ne-3', '192.0.2.30')]));
    const { user } = renderWithProviders(<NetworkElementsView canEdit />);
    await screen.findByText('192.0.2.10');

    await user.click(screen.getByRole('button', { name: 'Add Network Element' }));
    const dialog = screen.getByRole('dialog', { name: 'Add Network Element' });
    const type = within(dialog).getByRole('combobox', { name: /Type/ });
    expect(within(type).getByRole('option', { name: 'MiContact Center' })).toBeDisabled();
    expect(within(type).getByRole('option', { name: 'MiVoice Business' })).toBeEnabled();
    // The MiVoice Business selected, the hint says which type cannot be chosen and why.
    expect(type).toHaveValue('mivb');
    expect(type).toHaveAccessibleDescription(
      'MiContact Center cannot be chosen: only one is allowed, and one is already configured.',
    );
  });
});

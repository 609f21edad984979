import type { ColumnDef } from '@tanstack/react-table';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '@/lib/api-client';
import { DataTable, type ServerPage } from '../data-table/data-table';
import type { ServerDataTableProps } from '../data-table/server-data-table';

interface Item {
  id: string;
  name: string;
}

const ITEMS: Item[] = Array.from({ length: 23 }, (_, i) => ({ id: `i${i}`, name: `Item ${i}` }));
const COLUMNS: ColumnDef<Item, unknown>[] = [
  { id: 'name', header: 'Name', cell: ({ row }) => row.original.name, size: 200 },
  {
    id: 'id',
    header: 'Id',
    cell: ({ row }) => <span data-testid="item-id">{row.original.id}</span>,
    size: 80,
  },
];

type Extra = Partial<Omit<ServerDataTableProps<Item>, 'server'>>;

/** Renders one fixed page (no paging state): what the table shows for a given server answer. */
function renderPage(server: Partial<ServerPage<Item>>, extra: Extra = {}) {
  const page: ServerPage<Item> = {
    rows: [],
    total: undefined,
    offset: 0,
    pageSize: 10,
    onOffsetChange: vi.fn(),
    loading: false,
    ...server,
  };
  const props = (p: ServerPage<Item>, e: Extra) => (
    <DataTable
      server={p}
      columns={COLUMNS}
      getRowId={(item) => item.id}
      label="Items"
      emptyText="No items yet."
      noMatchesText="No items match."
      testIdPrefix="items"
      rowTestId="item-row"
      {...e}
    />
  );
  const result = render(props(page, extra));
  return {
    ...result,
    page,
    rerenderPage: (next: Partial<ServerPage<Item>>, e: Extra = extra) =>
      result.rerender(props({ ...page, ...next }, e)),
  };
}

/** A caller that owns the offset and filter, answering from ITEMS at once, as a query would. */
function Harness({ onOffset, onSearch }: { onOffset?: (o: number) => void; onSearch?: (q: string) => void }) {
  const [offset, setOffset] = useState(0);
  const [q, setQ] = useState('');
  const matching = ITEMS.filter((item) => item.name.includes(q));
  return (
    <DataTable
      server={{
        rows: matching.slice(offset, offset + 10),
        total: matching.length,
        offset,
        pageSize: 10,
        onOffsetChange: (o) => {
          onOffset?.(o);
          setOffset(o);
        },
        loading: false,
      }}
      columns={COLUMNS}
      getRowId={(item) => item.id}
      label="Items"
      emptyText="No items yet."
      noMatchesText="No items match."
      filtered={q !== ''}
      search={{
        label: 'Filter the items',
        fieldLabel: 'Name',
        onApply: (text) => {
          onSearch?.(text);
          setQ(text);
          setOffset(0);
        },
      }}
      testIdPrefix="items"
      rowTestId="item-row"
    />
  );
}

const rows = () => screen.queryAllByTestId('item-row');
const range = () => screen.getByTestId('items-range');

describe('DataTable, server mode', () => {
  it('renders the page in the same table markup: named table and region, headers, one row per item', () => {
    renderPage({ rows: ITEMS.slice(0, 10), total: 23 });
    const table = screen.getByRole('table', { name: 'Items' });
    expect(table).toHaveAttribute('data-testid', 'items-table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'Id']);
    expect(rows()).toHaveLength(10);
    expect(rows()[0]).toHaveAttribute('data-row-id', 'i0');
    expect(
      within(rows()[0] as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Item 0', 'i0']);
    // No client-side sorting of one page: plain headers, no sort buttons.
    expect(within(table).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Items' })).toHaveAttribute('tabindex', '0');
  });

  it('tells assistive technology where the page sits in the whole list', () => {
    renderPage({ rows: ITEMS.slice(10, 20), total: 23, offset: 10 });
    expect(screen.getByRole('table', { name: 'Items' })).toHaveAttribute('aria-rowcount', '24');
    expect(rows()[0]).toHaveAttribute('aria-rowindex', '12');
    expect(rows()[9]).toHaveAttribute('aria-rowindex', '21');
  });

  it('shows "first–last of total" and pages with Previous and Next, disabled at either end', async () => {
    const user = userEvent.setup();
    const onOffset = vi.fn();
    render(<Harness onOffset={onOffset} />);
    expect(range()).toHaveTextContent('1–10 of 23');
    expect(range()).toHaveAttribute('aria-live', 'polite');
    const pager = screen.getByRole('navigation', { name: 'Pages of Items' });
    const previous = within(pager).getByRole('button', { name: 'Previous' });
    const next = within(pager).getByRole('button', { name: 'Next' });
    expect(previous).toBeDisabled();

    await user.click(next);
    expect(onOffset).toHaveBeenLastCalledWith(10);
    expect(range()).toHaveTextContent('11–20 of 23');
    await user.click(next);
    expect(onOffset).toHaveBeenLastCalledWith(20);
    expect(range()).toHaveTextContent('21–23 of 23');
    expect(rows()).toHaveLength(3);
    expect(next).toBeDisabled();

    await user.click(previous);
    expect(onOffset).toHaveBeenLastCalledWith(10);
    expect(onOffset.mock.calls).toEqual([[10], [20], [10]]);
  });

  it('pages from the keyboard: Tab reaches the buttons, Enter and Space press them', async () => {
    const user = userEvent.setup();
    const onOffset = vi.fn();
    render(<Harness onOffset={onOffset} />);
    screen.getByTestId('items-next').focus();
    await user.keyboard('{Enter}');
    expect(onOffset).toHaveBeenLastCalledWith(10);
    screen.getByTestId('items-previous').focus();
    await user.keyboard(' ');
    expect(onOffset).toHaveBeenLastCalledWith(0);
    // The table's region is the next stop after the pager, so a keyboard user can scroll it.
    screen.getByTestId('items-next').focus();
    await user.tab();
    expect(screen.getByRole('region', { name: 'Items' })).toHaveFocus();
  });

  it('applies the search with Enter or Apply (not per key), back at the first page, and Clear undoes it', async () => {
    const user = userEvent.setup();
    const onSearch = vi.fn();
    const onOffset = vi.fn();
    render(<Harness onSearch={onSearch} onOffset={onOffset} />);
    await user.click(screen.getByTestId('items-next'));
    expect(range()).toHaveTextContent('11–20 of 23');

    const form = screen.getByRole('form', { name: 'Filter the items' });
    await user.type(within(form).getByRole('searchbox', { name: 'Name' }), ' Item 1 ');
    expect(onSearch).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    expect(onSearch).toHaveBeenLastCalledWith('Item 1');
    expect(range()).toHaveTextContent('1–10 of 11');

    await user.clear(within(form).getByRole('searchbox', { name: 'Name' }));
    await user.type(within(form).getByRole('searchbox', { name: 'Name' }), 'zzz');
    await user.click(within(form).getByRole('button', { name: 'Apply' }));
    expect(screen.getByTestId('items-empty')).toHaveTextContent('No items match.');
    expect(range()).toHaveTextContent('None shown (total 0)');

    await user.click(within(form).getByRole('button', { name: 'Clear' }));
    expect(onSearch).toHaveBeenLastCalledWith('');
    expect(within(form).getByRole('searchbox', { name: 'Name' })).toHaveValue('');
    expect(range()).toHaveTextContent('1–10 of 23');
  });

  it('says why a page is empty: an empty list, no match, a page past the end, or nothing while unknown', () => {
    const { rerenderPage } = renderPage({ rows: [], total: 0 });
    expect(screen.getByTestId('items-empty')).toHaveTextContent('No items yet.');
    rerenderPage({ rows: [], total: 0 }, { filtered: true });
    expect(screen.getByTestId('items-empty')).toHaveTextContent('No items match.');
    rerenderPage({ rows: [], total: 75, offset: 0 }, { pageEmptyText: 'No items on this page.' });
    expect(screen.getByTestId('items-empty')).toHaveTextContent('No items on this page.');
    // Unknown total (the list could not be read): no claim that it is empty.
    rerenderPage({ rows: [], total: undefined });
    expect(screen.queryByTestId('items-empty')).not.toBeInTheDocument();
    expect(range()).toHaveTextContent('');
    // The previous answer, shown while the next loads, is no reason to say anything either.
    rerenderPage({ rows: [], total: 0, stale: true });
    expect(screen.queryByTestId('items-empty')).not.toBeInTheDocument();
  });

  it('goes back to the last page that exists when the list shrinks under the page shown', () => {
    const onOffsetChange = vi.fn();
    const { rerenderPage } = renderPage({ rows: ITEMS.slice(20), total: 23, offset: 20, onOffsetChange });
    expect(onOffsetChange).not.toHaveBeenCalled();
    // Not while the previous answer is shown: its total may be of another page or filter.
    rerenderPage({ rows: [], total: 12, offset: 20, stale: true, onOffsetChange });
    expect(onOffsetChange).not.toHaveBeenCalled();
    rerenderPage({ rows: [], total: 12, offset: 20, onOffsetChange });
    expect(onOffsetChange).toHaveBeenLastCalledWith(10);
    rerenderPage({ rows: [], total: 0, offset: 10, onOffsetChange });
    expect(onOffsetChange).toHaveBeenLastCalledWith(0);
  });

  it('shows a spinner on the first load, keeps the range and pager in place, and waits while a page loads', () => {
    const { rerenderPage } = renderPage({ loading: true });
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(range()).toHaveTextContent('');
    expect(screen.getByTestId('items-next')).toBeDisabled();

    // Page 2 asked for, page 1 still shown: its range, the table marked busy, paging disabled.
    rerenderPage({ rows: ITEMS.slice(0, 10), total: 23, offset: 10, loading: false, stale: true });
    expect(range()).toHaveTextContent('1–10 of 23');
    expect(screen.getByRole('table', { name: 'Items' })).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByTestId('items-next')).toBeDisabled();
    expect(screen.getByTestId('items-previous')).toBeDisabled();
    rerenderPage({ rows: ITEMS.slice(10, 20), total: 23, offset: 10, loading: false });
    expect(range()).toHaveTextContent('11–20 of 23');
    expect(screen.getByRole('table', { name: 'Items' })).not.toHaveAttribute('aria-busy');
  });

  it('shows the error with Try again, and Refresh when asked for, both reading again', async () => {
    const user = userEvent.setup();
    const onRetry = vi.fn();
    const onRefresh = vi.fn();
    renderPage({
      error: new ApiRequestError({ status: 500, code: 'internal', message: 'Database unavailable' }),
      onRetry,
      onRefresh,
      fetching: true,
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Database unavailable');
    await user.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
    const refresh = screen.getByTestId('items-refresh');
    expect(refresh).toHaveAttribute('aria-busy', 'true');
    await user.click(refresh);
    expect(onRefresh).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('items-empty')).not.toBeInTheDocument();
  });

  it('can leave out the pager while everything fits on one page, and take its own "none" text', () => {
    const { rerenderPage } = renderPage({ rows: ITEMS.slice(0, 5), total: 5 }, { hidePagerOnOnePage: true });
    expect(range()).toHaveTextContent('1–5 of 5');
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
    rerenderPage({ rows: ITEMS.slice(0, 10), total: 23 });
    expect(screen.getByRole('navigation', { name: 'Pages of Items' })).toBeInTheDocument();
    rerenderPage({ rows: [], total: 0 }, { noneText: 'No items' });
    expect(range()).toHaveTextContent('No items');
  });

  it('pages on "has more" when the server gives no total', async () => {
    const user = userEvent.setup();
    const onOffsetChange = vi.fn();
    const { rerenderPage } = renderPage({ rows: ITEMS.slice(0, 10), hasMore: true, onOffsetChange });
    expect(range()).toHaveTextContent('1–10');
    expect(screen.getByRole('table', { name: 'Items' })).toHaveAttribute('aria-rowcount', '-1');
    await user.click(screen.getByTestId('items-next'));
    expect(onOffsetChange).toHaveBeenCalledWith(10);
    rerenderPage({ rows: ITEMS.slice(10, 20), offset: 10, hasMore: false, onOffsetChange });
    expect(screen.getByTestId('items-next')).toBeDisabled();
    expect(screen.getByTestId('items-previous')).toBeEnabled();
  });

  it('puts extra data attributes on rows and renders markup in values as text', () => {
    renderPage(
      { rows: [{ id: 'x', name: '<img src=x onerror="window.__xss=1">' }], total: 1 },
      { rowAttributes: (item) => ({ 'data-item-name': item.name }) },
    );
    expect(rows()[0]).toHaveAttribute('data-item-name', '<img src=x onerror="window.__xss=1">');
    expect(document.querySelector('img')).toBeNull();
  });

  it('renders its rows again only when the rows or the columns change, not when a read starts or ends', () => {
    const cell = vi.fn(({ row }: { row: { original: Item } }) => row.original.name);
    const columns: ColumnDef<Item, unknown>[] = [{ id: 'name', header: 'Name', cell, size: 200 }];
    const rows = ITEMS.slice(0, 5);
    const { rerenderPage } = renderPage({ rows, total: 23 }, { columns });
    expect(cell).toHaveBeenCalledTimes(5);

    // A refresh under way, then done with the same answer; a range text change around them.
    rerenderPage({ rows, total: 23, fetching: true }, { columns });
    rerenderPage({ rows, total: 24, fetching: false }, { columns });
    expect(cell).toHaveBeenCalledTimes(5);

    // New rows, or new columns (e.g. a selection drawn by a cell), render the cells again.
    rerenderPage({ rows: ITEMS.slice(5, 10), total: 24 }, { columns });
    expect(cell).toHaveBeenCalledTimes(10);
    expect(screen.getByText('Item 7')).toBeInTheDocument();
    rerenderPage({ rows: ITEMS.slice(5, 10), total: 24 }, { columns: [...columns] });
    expect(cell).toHaveBeenCalledTimes(15);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { blobText, recordDownloads } from '@/testing/downloads';
import { mockFetch, type MockReply } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { getMivoiceUsersQueryOptions } from '../api/get-mivoice-users';
import { UserListTab } from '../components/user-list-tab';
import { makeUser, mivoiceRoutes } from '../../__tests__/fixtures';

describe('User List', () => {
  it('shows email, names, phone as text (leading zeros and +), type, source and update time', async () => {
    mockFetch(
      mivoiceRoutes({
        users: [
          makeUser(1, { phoneNumber: '+44 20 7946 0001', phoneType: 'mobile', recordSource: 'google' }),
          makeUser(2, { phoneNumber: '007', phoneType: null, fullName: '<img src=x onerror=alert(1)>' }),
        ],
      }).routes,
    );
    renderWithProviders(<UserListTab canEdit />);

    const rows = await screen.findAllByTestId('user-row');
    expect(rows).toHaveLength(2);
    const cells = (row: HTMLElement) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(cells(rows[0] as HTMLElement)).toEqual([
      'user1@example.com',
      'User 1',
      'User',
      '1',
      '+44 20 7946 0001',
      'Mobile',
      'google',
      expect.stringMatching(/11\/21\/26/),
    ]);
    expect(cells(rows[1] as HTMLElement)).toEqual([
      'user2@example.com',
      '<img src=x onerror=alert(1)>',
      'User',
      '2',
      '007',
      '—',
      'csv',
      expect.any(String),
    ]);
    expect(document.querySelector('img')).toBeNull();
    const headers = within(screen.getByTestId('users-table'))
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Email',
      'Full name',
      'Given name',
      'Family name',
      'Phone',
      'Type',
      'Source',
      'Updated',
    ]);
  });

  it("Download saves the server's user list under its name, and says why when the server fails", async () => {
    const { routes } = mivoiceRoutes();
    let fail = true;
    const { requests } = mockFetch({
      ...routes,
      'GET /api/v1/mivoice/users/export': (): MockReply =>
        fail
          ? {
              status: 500,
              body: { error: { code: 'internal', message: 'Something went wrong on the server' } },
            }
          : routes['GET /api/v1/mivoice/users/export'](),
    });
    const saved = recordDownloads();
    const { user } = renderWithProviders(<UserListTab canEdit />);
    await screen.findAllByTestId('user-row');

    const download = screen.getByTestId('users-download');
    expect(download).toHaveAccessibleName('Download');
    await user.click(download);
    expect(await screen.findByTestId('toast-error')).toHaveTextContent(
      'mivoice-users.csv could not be downloaded: Something went wrong on the server',
    );
    expect(saved).toEqual([]);

    fail = false;
    await waitFor(() => expect(download).toBeEnabled());
    await user.click(download);
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.name).toBe('mivoice-users.csv');
    expect(await blobText(saved[0]!.blob)).toBe(
      '\uFEFFprimary_email,full_name\r\nuser0@example.com,User 0\r\nuser1@example.com,User 1\r\nuser2@example.com,User 2\r\n',
    );
    expect(requests.filter((r) => r.path === '/api/v1/mivoice/users/export').map((r) => r.method)).toEqual([
      'GET',
      'GET',
    ]);
  });

  it('pages with the total and filters on the server (a new filter starts at the first page)', async () => {
    const { requests } = mockFetch(
      mivoiceRoutes({ users: Array.from({ length: 120 }, (_, i) => makeUser(i)) }).routes,
    );
    const { user } = renderWithProviders(<UserListTab canEdit={false} />);

    expect(await screen.findAllByTestId('user-row')).toHaveLength(50);
    expect(screen.getByTestId('users-range')).toHaveTextContent('1–50 of 120');
    expect(screen.getByTestId('users-previous')).toBeDisabled();
    await user.click(screen.getByTestId('users-next'));
    await waitFor(() => expect(screen.getByTestId('users-range')).toHaveTextContent('51–100 of 120'));
    await user.click(screen.getByTestId('users-next'));
    await waitFor(() => expect(screen.getByTestId('users-range')).toHaveTextContent('101–120 of 120'));
    expect(screen.getAllByTestId('user-row')).toHaveLength(20);
    expect(screen.getByTestId('users-next')).toBeDisabled();

    await user.type(screen.getByRole('searchbox', { name: 'Email, name or phone' }), 'user11');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.getByTestId('users-range')).toHaveTextContent('1–11 of 11'));
    const last = requests.filter((r) => r.path === '/api/v1/mivoice/users').at(-1);
    expect(Object.fromEntries(last?.url.searchParams ?? [])).toEqual({
      q: 'user11',
      limit: '50',
      offset: '0',
    });

    await user.type(screen.getByRole('searchbox', { name: 'Email, name or phone' }), 'zzz{Enter}');
    expect(await screen.findByTestId('users-empty')).toHaveTextContent('No users match the filter.');
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(screen.getByTestId('users-range')).toHaveTextContent('1–50 of 120'));
  });

  it('goes back to the last page when the list shrinks under the page shown (after an import), then to the first', async () => {
    const { routes, state } = mivoiceRoutes({ users: Array.from({ length: 120 }, (_, i) => makeUser(i)) });
    const { requests } = mockFetch(routes);
    const { user, queryClient } = renderWithProviders(<UserListTab canEdit />);
    await screen.findAllByTestId('user-row');
    await user.click(screen.getByTestId('users-next'));
    await waitFor(() => expect(screen.getByTestId('users-range')).toHaveTextContent('51–100 of 120'));
    await user.click(screen.getByTestId('users-next'));
    await waitFor(() => expect(screen.getByTestId('users-range')).toHaveTextContent('101–120 of 120'));

    // An import leaves 60 users: page 3 is past the end.
    state.users = state.users.slice(0, 60);
    await queryClient.invalidateQueries({ queryKey: getMivoiceUsersQueryOptions().queryKey });
    await waitFor(() => expect(screen.getByTestId('users-range')).toHaveTextContent('51–60 of 60'));
    expect(screen.getAllByTestId('user-row')).toHaveLength(10);
    expect(
      screen.queryByText('The user list is empty. Use Add to import a CSV file.'),
    ).not.toBeInTheDocument();
    expect(
      Object.fromEntries(
        requests.filter((r) => r.path === '/api/v1/mivoice/users').at(-1)?.url.searchParams ?? [],
      ),
    ).toEqual({ limit: '50', offset: '50' });

    // Everything deleted: the first page, and now the list really is empty.
    state.users = [];
    await queryClient.invalidateQueries({ queryKey: getMivoiceUsersQueryOptions().queryKey });
    await waitFor(() =>
      expect(
        Object.fromEntries(
          requests.filter((r) => r.path === '/api/v1/mivoice/users').at(-1)?.url.searchParams ?? [],
        ),
      ).toEqual({ limit: '50', offset: '0' }),
    );
    await waitFor(() =>
      expect(screen.getByTestId('users-empty')).toHaveTextContent(
        'The user list is empty. Use Add to import a CSV file.',
      ),
    );
    expect(screen.getByTestId('users-range')).toHaveTextContent('None shown (total 0)');
    expect(screen.getByTestId('users-previous')).toBeDisabled();
  });

  it('shows no empty-list text when the list cannot be read', async () => {
    mockFetch({
      ...mivoiceRoutes().routes,
      'GET /api/v1/mivoice/users': {
        status: 500,
        body: { error: { code: 'internal', message: 'Database unavailable' } },
      },
    });
    renderWithProviders(<UserListTab canEdit />);
    expect(await screen.findByText('Database unavailable')).toBeInTheDocument();
    expect(screen.queryByTestId('users-empty')).not.toBeInTheDocument();
  });

  it('says how to fill an empty list', async () => {
    mockFetch(mivoiceRoutes({ users: [] }).routes);
    renderWithProviders(<UserListTab canEdit />);
    expect(await screen.findByTestId('users-empty')).toHaveTextContent(
      'The user list is empty. Use Add to import a CSV file.',
    );
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { ConsoleUsersPanel } from '../components/console-users-panel';

// Answers as the server sends them (untyped: the server may add fields such as updatedAt).
function consoleUser(
  username: string,
  role: 'administrator' | 'support',
  disabled: boolean,
  day: string,
  lockedUntil: string | null = null,
) {
  return {
    username,
    role,
    disabled,
    createdAt: `2025-${day}T08:00:00.000Z`,
    updatedAt: `2025-${day}T09:00:00.000Z`,
    lockedUntil,
  };
}

const USERS = [
  consoleUser('admin', 'administrator', false, '01-01'),
  consoleUser('bob', 'support', false, '02-01'),
  consoleUser('carol', 'administrator', true, '03-01'),
];
const LOCKED_UNTIL = '2025-06-01T10:15:00.000Z';
/** The list with dave locked by failed sign-ins. */
const lockedRoute = {
  'GET /api/v1/users': {
    body: { users: [...USERS, consoleUser('dave', 'support', false, '04-01', LOCKED_UNTIL)] },
  },
};

const usersRoute = { 'GET /api/v1/users': { body: { users: USERS } } };
const mutations = (requests: RecordedRequest[]) => requests.filter((r) => r.method !== 'GET');
const row = (username: string) =>
  screen.getByText(username, { selector: 'span' }).closest('tr') as HTMLElement;
const conflict = (message: string): MockReply => ({
  status: 409,
  body: { error: { code: 'conflict', message } },
});

function renderPanel(canEdit = true) {
  return renderWithProviders(<ConsoleUsersPanel canEdit={canEdit} currentUsername="admin" />);
}

describe('ConsoleUsersPanel', () => {
  it('lists users with Username, Role, Status and Created, and filters them', async () => {
    mockFetch(usersRoute);
    const { user } = renderPanel();
    await screen.findByText('bob');

    for (const name of ['Username', 'Role', 'Status', 'Created', 'Actions']) {
      expect(screen.getByRole('columnheader', { name })).toBeInTheDocument();
    }
    expect(row('bob')).toHaveTextContent('Support');
    expect(row('bob')).toHaveTextContent('Enabled');
    expect(row('carol')).toHaveTextContent('Disabled');
    expect(screen.getByTestId('table-count')).toHaveTextContent('3 users');

    await user.type(screen.getByRole('searchbox', { name: 'Filter users' }), 'administrator');
    await waitFor(() => expect(screen.getByTestId('table-count')).toHaveTextContent('Showing 2 of 3 users'));
    expect(screen.queryByText('bob')).not.toBeInTheDocument();
  });

  it('validates Add User on the client and sends nothing until the form is right', async () => {
    const { requests } = mockFetch(usersRoute);
    const { user } = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Add User' }));
    const dialog = screen.getByRole('dialog', { name: 'Add console user' });
    const submit = within(dialog).getByRole('button', { name: 'Add User' });

    await user.click(submit);
    expect(within(dialog).getByText('Enter a user name.')).toBeInTheDocument();
    expect(within(dialog).getByText('Enter a password.')).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText(/^User name/), 'ab');
    await user.type(within(dialog).getByLabelText(/^Password/), 'short');
    await user.click(submit);
    expect(within(dialog).getByText('User name must be at least 3 characters.')).toBeInTheDocument();
    expect(within(dialog).getByText('Password must be at least 10 characters.')).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText(/^User name/));
    await user.type(within(dialog).getByLabelText(/^User name/), 'bad name!');
    await user.clear(within(dialog).getByLabelText(/^Password/));
    await user.type(within(dialog).getByLabelText(/^Password/), 'long-enough-1');
    await user.type(within(dialog).getByLabelText(/^Confirm password/), 'long-enough-2');
    await user.click(submit);
    expect(
      within(dialog).getByText('User name may contain letters, digits and . _ - @ only.'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('The two passwords are not the same.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Confirm password/)).toHaveAttribute('aria-invalid', 'true');
    expect(mutations(requests)).toHaveLength(0);
  });

  it('adds a user with POST {username, password, role}', async () => {
    const { requests } = mockFetch({
      ...usersRoute,
      'POST /api/v1/users': { status: 201, body: consoleUser('dave', 'administrator', false, '04-01') },
    });
    setCsrfToken('csrf-users');
    const { user } = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Add User' }));
    const dialog = screen.getByRole('dialog', { name: 'Add console user' });
    await user.type(within(dialog).getByLabelText(/^User name/), ' dave ');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /^Role/ }), 'Administrator');
    await user.type(within(dialog).getByLabelText(/^Password/), 'correct horse battery');
    await user.type(within(dialog).getByLabelText(/^Confirm password/), 'correct horse battery');
    await user.click(within(dialog).getByRole('button', { name: 'Add User' }));

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    const [post] = mutations(requests);
    expect(post?.path).toBe('/api/v1/users');
    expect(post?.body).toEqual({
      username: 'dave',
      password: 'correct horse battery',
      role: 'administrator',
    });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-users');
    expect(await screen.findByText('Console user dave added.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it("shows the server's 409 message for a duplicate user and keeps the dialog open", async () => {
    mockFetch({ ...usersRoute, 'POST /api/v1/users': conflict('A console user named bob already exists') });
    const { user } = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Add User' }));
    const dialog = screen.getByRole('dialog', { name: 'Add console user' });
    await user.type(within(dialog).getByLabelText(/^User name/), 'bob');
    await user.type(within(dialog).getByLabelText(/^Password/), 'another-password');
    await user.type(within(dialog).getByLabelText(/^Confirm password/), 'another-password');
    await user.click(within(dialog).getByRole('button', { name: 'Add User' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'A console user named bob already exists',
    );
    expect(screen.getByRole('dialog', { name: 'Add console user' })).toBeInTheDocument();
  });

  it('disables a user with PATCH {disabled:true} only after a confirmation that says their sessions end', async () => {
    const { requests } = mockFetch({
      ...usersRoute,
      'PATCH /api/v1/users/bob': { body: { ...USERS[1], disabled: true } },
    });
    const { user } = renderPanel();
    await screen.findByText('bob');

    await user.click(screen.getByRole('button', { name: 'Disable bob' }));
    const dialog = screen.getByRole('dialog', { name: 'Disable bob?' });
    expect(dialog).toHaveTextContent('their console sessions end at once');
    expect(mutations(requests)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Disable user' }));

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]).toMatchObject({
      method: 'PATCH',
      path: '/api/v1/users/bob',
      body: { disabled: true },
    });
    expect(await screen.findByText('bob is disabled; their sessions have ended.')).toBeInTheDocument();
  });

  it("enables a disabled user at once, and shows the server's refusal text", async () => {
    const { requests } = mockFetch({
      ...usersRoute,
      'PATCH /api/v1/users/carol': { body: { ...USERS[2], disabled: false } },
      'PATCH /api/v1/users/bob': conflict('there must remain one enabled administrator'),
    });
    const { user } = renderPanel();
    await screen.findByText('carol');

    await user.click(screen.getByRole('button', { name: 'Enable carol' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]?.body).toEqual({ disabled: false });

    await user.click(screen.getByRole('button', { name: 'Disable bob' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Disable user' }));
    expect(await screen.findByText('there must remain one enabled administrator')).toBeInTheDocument();
  });

  it('offers no disable, role change or reset on your own row, and says why', async () => {
    mockFetch(usersRoute);
    renderPanel();
    await screen.findByText('bob');

    const own = row('admin');
    expect(within(own).queryAllByRole('button')).toHaveLength(0);
    expect(within(own).getByTestId('self-reason')).toHaveTextContent(
      'you cannot disable it or change its role',
    );
    expect(screen.queryByRole('button', { name: 'Disable admin' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Disable bob' })).toBeInTheDocument();
  });

  it('changes the role in a small dialog with PATCH {role}', async () => {
    const { requests } = mockFetch({
      ...usersRoute,
      'PATCH /api/v1/users/bob': { body: { ...USERS[1], role: 'administrator' } },
    });
    const { user } = renderPanel();
    await screen.findByText('bob');

    await user.click(screen.getByRole('button', { name: 'Change the role of bob' }));
    const dialog = screen.getByRole('dialog', { name: 'Change the role of bob' });
    const select = within(dialog).getByRole('combobox', { name: /^Role/ });
    expect(select).toHaveValue('support');
    await user.selectOptions(select, 'administrator');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]).toMatchObject({
      method: 'PATCH',
      path: '/api/v1/users/bob',
      body: { role: 'administrator' },
    });
    expect(await screen.findByText('bob is now Administrator.')).toBeInTheDocument();
  });

  it('resets a password with POST {password}, warning that their sessions end', async () => {
    const { requests } = mockFetch({ ...usersRoute, 'POST /api/v1/users/bob/password': { status: 204 } });
    const { user } = renderPanel();
    await screen.findByText('bob');

    await user.click(screen.getByRole('button', { name: 'Reset the password of bob' }));
    const dialog = screen.getByRole('dialog', { name: 'Reset the password of bob' });
    expect(dialog).toHaveAccessibleDescription(/Their console sessions end at once/);
    await user.type(within(dialog).getByLabelText(/^New password/), 'brand-new-password');
    await user.type(within(dialog).getByLabelText(/^Confirm new password/), 'brand-new-password');
    await user.click(within(dialog).getByRole('button', { name: 'Reset Password' }));

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/users/bob/password',
      body: { password: 'brand-new-password' },
    });
    expect(await screen.findByText('Password of bob reset; their sessions have ended.')).toBeInTheDocument();
  });

  it('shows a locked user as "Locked until <time>", and only that user', async () => {
    mockFetch(lockedRoute);
    renderPanel(false);
    await screen.findByText('dave');
    const badge = within(row('dave')).getByTestId('user-locked');
    // The time as the console formats it (en, the test's time zone), not the raw ISO text.
    expect(badge).toHaveTextContent(/^Locked until .*\d/);
    expect(badge).not.toHaveTextContent('2025-06-01T');
    expect(row('dave')).toHaveTextContent('Enabled');
    expect(within(row('bob')).queryByTestId('user-locked')).not.toBeInTheDocument();
    expect(screen.getAllByTestId('user-locked')).toHaveLength(1);
    // Support users see the lock but cannot lift it.
    expect(screen.queryByRole('button', { name: 'Unlock dave' })).not.toBeInTheDocument();
  });

  it('unlocks a locked user with POST /unlock only after a confirmation', async () => {
    const { requests } = mockFetch({
      ...lockedRoute,
      'POST /api/v1/users/dave/unlock': { body: consoleUser('dave', 'support', false, '04-01') },
    });
    setCsrfToken('csrf-unlock');
    const { user } = renderPanel();
    await screen.findByText('dave');
    // Offered on the locked row only.
    expect(screen.getAllByRole('button', { name: /^Unlock / })).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Unlock dave' }));
    const dialog = screen.getByRole('dialog', { name: 'Unlock dave?' });
    expect(dialog).toHaveTextContent('they can sign in again at once');
    expect(mutations(requests)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(mutations(requests)).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Unlock dave' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Unlock dave?' })).getByRole('button', {
        name: 'Unlock user',
      }),
    );
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]).toMatchObject({ method: 'POST', path: '/api/v1/users/dave/unlock' });
    expect(mutations(requests)[0]?.headers.get('X-CSRF-Token')).toBe('csrf-unlock');
    expect(await screen.findByText('dave is unlocked and can sign in again.')).toBeInTheDocument();
  });

  it('says in its own words when the user was no longer locked', async () => {
    mockFetch({
      ...lockedRoute,
      'POST /api/v1/users/dave/unlock': {
        status: 409,
        body: {
          error: {
            code: 'conflict',
            message: 'Console user "dave" is not locked',
            reason: 'user_not_locked',
            params: { username: 'dave' },
          },
        },
      },
    });
    const { user } = renderPanel();
    await user.click(await screen.findByRole('button', { name: 'Unlock dave' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Unlock user' }));
    expect(await screen.findByText('dave is not locked (any more).')).toBeInTheDocument();
  });

  it('shows support users the list without any admin control', async () => {
    const { requests } = mockFetch(usersRoute);
    renderPanel(false);
    await screen.findByText('bob');

    expect(screen.queryByRole('button', { name: 'Add User' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^(disable|enable|change the role|reset the password)/i }),
    ).not.toBeInTheDocument();
    expect(screen.queryByTestId('change-role')).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).not.toBeInTheDocument();
    expect(screen.getByTestId('read-only-hint')).toHaveTextContent('Read-only (support)');
    expect(mutations(requests)).toHaveLength(0);
  });

  it('can be used with the keyboard only: open, Tab order, Enter submits, Escape closes and focus returns', async () => {
    const { requests } = mockFetch({
      ...usersRoute,
      'POST /api/v1/users': { status: 201, body: consoleUser('erin', 'support', false, '04-01') },
    });
    const { user } = renderPanel();
    await screen.findByText('bob');
    const addButton = screen.getByRole('button', { name: 'Add User' });

    for (let i = 0; i < 10 && document.activeElement !== addButton; i++) await user.tab();
    expect(addButton).toHaveFocus();
    await user.keyboard('{Enter}');

    const dialog = screen.getByRole('dialog', { name: 'Add console user' });
    const username = within(dialog).getByLabelText(/^User name/);
    const role = within(dialog).getByRole('combobox', { name: /^Role/ });
    const password = within(dialog).getByLabelText(/^Password/);
    const confirm = within(dialog).getByLabelText(/^Confirm password/);
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    const submit = within(dialog).getByRole('button', { name: 'Add User' });
    expect(username).toHaveFocus();
    for (const next of [role, password, confirm, cancel, submit, username]) {
      await user.tab();
      expect(next).toHaveFocus();
    }

    // Escape cancels and gives focus back to the Add User button.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(addButton).toHaveFocus();
    expect(mutations(requests)).toHaveLength(0);

    // Enter in the last field submits.
    await user.keyboard('{Enter}');
    const again = screen.getByRole('dialog', { name: 'Add console user' });
    await user.keyboard('erin');
    await user.tab();
    await user.tab();
    await user.keyboard('keyboard-only-password');
    await user.tab();
    await user.keyboard('keyboard-only-password{Enter}');

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]?.body).toEqual({
      username: 'erin',
      password: 'keyboard-only-password',
      role: 'support',
    });
    await waitFor(() => expect(again).not.toBeInTheDocument());
    expect(addButton).toHaveFocus();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockFetch, type RecordedRequest } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { MyAccountPanel } from '../components/my-account-panel';

const posts = (requests: RecordedRequest[]) => requests.filter((r) => r.method === 'POST');

async function openDialog() {
  const view = renderWithProviders(<MyAccountPanel username="helpdesk" role="support" />);
  expect(screen.getByTestId('account-username')).toHaveTextContent('helpdesk');
  expect(screen.getByTestId('account-role')).toHaveTextContent('Support');
  await view.user.click(screen.getByRole('button', { name: 'Change Password' }));
  const dialog = screen.getByRole('dialog', { name: 'Change your password' });
  return { ...view, dialog };
}

async function fill(
  user: Awaited<ReturnType<typeof openDialog>>['user'],
  dialog: HTMLElement,
  current: string,
  next: string,
  confirm = next,
) {
  if (current) await user.type(within(dialog).getByLabelText(/^Current password/), current);
  if (next) await user.type(within(dialog).getByLabelText(/^New password/), next);
  if (confirm) await user.type(within(dialog).getByLabelText(/^Confirm new password/), confirm);
}

describe('MyAccountPanel', () => {
  it('lets a support user change their own password with POST {currentPassword, newPassword}', async () => {
    const { requests } = mockFetch({ 'POST /api/v1/auth/password': { status: 204 } });
    const { user, dialog } = await openDialog();
    await fill(user, dialog, 'old-password-1', 'new-password-22');
    await user.keyboard('{Enter}');

    await waitFor(() => expect(posts(requests)).toHaveLength(1));
    expect(posts(requests)[0]).toMatchObject({
      path: '/api/v1/auth/password',
      body: { currentPassword: 'old-password-1', newPassword: 'new-password-22' },
    });
    expect(await screen.findByText('Your password has been changed.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('shows a wrong current password (400 fields.currentPassword) on that field', async () => {
    mockFetch({
      'POST /api/v1/auth/password': {
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Password not changed',
            fields: { currentPassword: 'The current password is not correct' },
          },
        },
      },
    });
    const { user, dialog } = await openDialog();
    await fill(user, dialog, 'wrong-password', 'new-password-22');
    await user.click(within(dialog).getByRole('button', { name: 'Change Password' }));

    const current = within(dialog).getByLabelText(/^Current password/);
    await waitFor(() => expect(current).toHaveAttribute('aria-invalid', 'true'));
    expect(current).toHaveAccessibleDescription('The current password is not correct');
    expect(within(dialog).getByLabelText(/^New password/)).not.toHaveAttribute('aria-invalid');
  });

  it('checks the form first: current password, length, confirmation, and a new password that differs', async () => {
    const { requests } = mockFetch({});
    const { user, dialog } = await openDialog();
    const submit = within(dialog).getByRole('button', { name: 'Change Password' });

    await user.click(submit);
    expect(within(dialog).getByText('Enter your current password.')).toBeInTheDocument();
    expect(within(dialog).getByText('Enter a password.')).toBeInTheDocument();

    await fill(user, dialog, 'same-password-1', 'same-password-1');
    await user.click(submit);
    expect(
      within(dialog).getByText('The new password must differ from the current one.'),
    ).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText(/^New password/));
    await user.type(within(dialog).getByLabelText(/^New password/), 'other-password-2');
    await user.click(submit);
    expect(within(dialog).getByText('The two passwords are not the same.')).toBeInTheDocument();
    expect(posts(requests)).toHaveLength(0);
  });
});

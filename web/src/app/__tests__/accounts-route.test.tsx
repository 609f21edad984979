import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AccountsRoute } from '@/app/routes/accounts';
import { setCsrfToken } from '@/lib/api-client';
import { adminMe, supportMe, sessionProbe } from '@/testing/data';
import { renderWithProviders } from '@/testing/render';
import { AccountsView } from '../../features/accounts/components/accounts-view';
import {
  ACCOUNTS,
  accountsApi,
  gets,
  makeAccount,
  makeAcl,
  makeAclApp,
  mutations,
} from '../../features/accounts/__tests__/fixtures';

const CALL_RECORDER_PATH = '/api/v1/accounts/Acme%20%2F%20Labs/Call%20Recorder';

function table() {
  return screen.getByTestId('accounts-table');
}
function rows() {
  return within(table()).queryAllByTestId('table-row');
}
function rowOf(application: string) {
  return within(table()).getByText(application).closest('tr') as HTMLElement;
}

describe('Allowed Applications', () => {
  it('lists the applications with a local password, their service type, active sessions and status', async () => {
    accountsApi();
    renderWithProviders(<AccountsView canEdit />);

    const panel = await screen.findByTestId('allowed-applications-panel');
    expect(within(panel).getByRole('button', { name: 'Allowed Applications' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    await within(panel).findByText('Call Recorder');
    expect(rows()).toHaveLength(3);
    expect(within(panel).getByTestId('table-count')).toHaveTextContent('3 applications');
    for (const name of [
      'Application Name',
      'Company Name',
      'Service Type',
      'Active Sessions',
      'Status',
      'Actions',
    ]) {
      expect(within(panel).getByRole('columnheader', { name })).toBeInTheDocument();
    }
    const google = rowOf('MiVoice Integration for Google');
    expect(google).toHaveTextContent('Mitel');
    expect(google).toHaveTextContent('Standard');
    expect(google).toHaveTextContent('12');
    expect(within(google).getByTestId('account-status')).toHaveTextContent('Enabled');
    expect(
      within(rowOf('MiVoice Integration for Salesforce')).getByTestId('account-status'),
    ).toHaveTextContent('Disabled');
    expect(rowOf('Call Recorder')).toHaveTextContent('Advanced');
    // Sorted by application name.
    expect(rows().map((r) => r.querySelector('td')?.textContent)).toEqual([
      'Call Recorder',
      'MiVoice Integration for Google',
      'MiVoice Integration for Salesforce',
    ]);
    expect(screen.queryByTestId('not-in-acl')).not.toBeInTheDocument();
  });

  it('filters the rows and sorts by active sessions', async () => {
    accountsApi();
    const { user } = renderWithProviders(<AccountsView canEdit />);
    await screen.findByText('Call Recorder');

    await user.type(screen.getByRole('searchbox', { name: 'Filter applications' }), 'disabled');
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(screen.getByTestId('table-count')).toHaveTextContent('Showing 1 of 3 applications');
    await user.clear(screen.getByRole('searchbox', { name: 'Filter applications' }));
    await waitFor(() => expect(rows()).toHaveLength(3));

    const header = screen.getByRole('columnheader', { name: 'Active Sessions' });
    await user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(rows().map((r) => r.querySelector('td')?.textContent)).toEqual([
      'MiVoice Integration for Google',
      'MiVoice Integration for Salesforce',
      'Call Recorder',
    ]);
  });

  it('marks an account whose application is no longer in the application list', async () => {
    accountsApi({
      accounts: [...ACCOUNTS, makeAccount({ companyName: 'Gone Inc', applicationName: 'Old App' })],
    });
    renderWithProviders(<AccountsView canEdit />);
    expect(
      await within(await screen.findByTestId('accounts-table')).findByTestId('not-in-acl'),
    ).toHaveTextContent('Not in the list');
    expect(within(rowOf('Old App')).getByTestId('not-in-acl')).toBeInTheDocument();
  });

  it('changes a local password with PUT to the URL-encoded names, after typing it twice', async () => {
    const { requests } = accountsApi({}, { [`PUT ${CALL_RECORDER_PATH}/password`]: { body: ACCOUNTS[2] } });
    setCsrfToken('csrf-1');
    const { user } = renderWithProviders(<AccountsView canEdit />);
    await screen.findByText('Call Recorder');

    await user.click(
      screen.getByRole('button', { name: 'Edit local password of Call Recorder (Acme / Labs)' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Edit local password' });
    expect(dialog).toHaveAccessibleDescription(
      /Call Recorder \(Acme \/ Labs\).*Current sessions continue.*new local password/,
    );

    await user.type(within(dialog).getByLabelText(/^New Local Password/), 'new-secret-1');
    await user.type(within(dialog).getByLabelText(/^Confirm New Local Password/), 'new-secret-2');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('The two passwords do not match.')).toBeInTheDocument();
    expect(mutations(requests)).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText(/^Confirm New Local Password/));
    await user.type(within(dialog).getByLabelText(/^Confirm New Local Password/), 'new-secret-1');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    const [put] = mutations(requests);
    expect(put?.method).toBe('PUT');
    expect(put?.path).toBe(`${CALL_RECORDER_PATH}/password`);
    expect(put?.body).toEqual({ localPassword: 'new-secret-1' });
    expect(put?.headers.get('X-CSRF-Token')).toBe('csrf-1');
    expect(
      await screen.findByText('Local password of Call Recorder (Acme / Labs) changed.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('shows the server error inside the edit dialog and keeps it open', async () => {
    accountsApi(
      {},
      {
        [`PUT ${CALL_RECORDER_PATH}/password`]: {
          status: 404,
          body: {
            error: {
              code: 'not_found',
              message: 'Application "Call Recorder" of "Acme / Labs" has no local password',
            },
          },
        },
      },
    );
    const { user } = renderWithProviders(<AccountsView canEdit />);
    await screen.findByText('Call Recorder');
    await user.click(
      screen.getByRole('button', { name: 'Edit local password of Call Recorder (Acme / Labs)' }),
    );
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^New Local Password/), 'new-secret-1');
    await user.type(within(dialog).getByLabelText(/^Confirm New Local Password/), 'new-secret-1');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Application "Call Recorder" of "Acme / Labs" has no local password',
    );
  });

  it('is usable with the keyboard only: open, type, Enter submits, Escape cancels, focus returns', async () => {
    const { requests } = accountsApi({}, { [`PUT ${CALL_RECORDER_PATH}/password`]: { body: ACCOUNTS[2] } });
    const { user } = renderWithProviders(<AccountsView canEdit />);
    await screen.findByText('Call Recorder');

    const opener = screen.getByRole('button', { name: 'Edit local password of Call Recorder (Acme / Labs)' });
    opener.focus();
    await user.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'Edit local password' });
    expect(within(dialog).getByLabelText(/^New Local Password/)).toHaveFocus();
    await user.keyboard('keyboard-pass');
    await user.tab();
    expect(within(dialog).getByLabelText(/^Confirm New Local Password/)).toHaveFocus();
    await user.keyboard('keyboard-pass{Enter}');

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]?.body).toEqual({ localPassword: 'keyboard-pass' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(opener).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(screen.getByRole('dialog', { name: 'Edit local password' })).toBeInTheDocument();
    // A fresh dialog: the fields start empty.
    expect(within(screen.getByRole('dialog')).getByLabelText(/^New Local Password/)).toHaveValue('');
    await user.keyboard('typed{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(opener).toHaveFocus();
    expect(mutations(requests)).toHaveLength(1);
  });

  it('deletes a local password only after confirmation; Cancel and Escape send nothing', async () => {
    const { requests } = accountsApi({}, { [`DELETE ${CALL_RECORDER_PATH}`]: { status: 204 } });
    const { user } = renderWithProviders(<AccountsView canEdit />);
    await screen.findByText('Call Recorder');
    const deleteButton = screen.getByRole('button', {
      name: 'Delete local password of Call Recorder (Acme / Labs)',
    });

    await user.click(deleteButton);
    let dialog = screen.getByRole('dialog', { name: 'Delete the local password of Call Recorder?' });
    expect(dialog).toHaveTextContent(
      'Current sessions of Call Recorder (Acme / Labs) continue, but its next login is refused',
    );
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await user.click(deleteButton);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(mutations(requests)).toHaveLength(0);

    const aclGets = gets(requests, '/api/v1/acl').length;
    await user.click(deleteButton);
    dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete local password' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]).toMatchObject({ method: 'DELETE', path: CALL_RECORDER_PATH });
    expect(
      await screen.findByText('Local password of Call Recorder (Acme / Labs) deleted.'),
    ).toBeInTheDocument();
    // The application is offered again for a new local password: both lists are read again.
    await waitFor(() => expect(gets(requests, '/api/v1/acl').length).toBeGreaterThan(aclGets));
    await waitFor(() => expect(gets(requests, '/api/v1/accounts')).toHaveLength(2));
  });

  it('disables only after confirmation, with PATCH {enabled: false}', async () => {
    const { requests } = accountsApi(
      {},
      { [`PATCH ${CALL_RECORDER_PATH}`]: { body: { ...ACCOUNTS[2], enabled: false } } },
    );
    const { user } = renderWithProviders(<AccountsView canEdit />);
    await screen.findByText('Call Recorder');

    await user.click(screen.getByRole('button', { name: 'Disable Call Recorder (Acme / Labs)' }));
    const dialog = screen.getByRole('dialog', { name: 'Disable Call Recorder?' });
    expect(dialog).toHaveTextContent(
      'New logins of Call Recorder (Acme / Labs) will be refused; current sessions continue.',
    );
    expect(mutations(requests)).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Disable' }));

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]).toMatchObject({
      method: 'PATCH',
      path: CALL_RECORDER_PATH,
      body: { enabled: false },
    });
    expect(
      await screen.findByText('Call Recorder (Acme / Labs) disabled: new logins are refused.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('enables directly with PATCH {enabled: true} and reports a server error as a toast', async () => {
    const path = '/api/v1/accounts/Mitel/MiVoice%20Integration%20for%20Salesforce';
    const { requests } = accountsApi(
      {},
      {
        [`PATCH ${path}`]: {
          status: 409,
          body: { error: { code: 'conflict', message: 'Changed meanwhile' } },
        },
      },
    );
    const { user } = renderWithProviders(<AccountsView canEdit />);
    await screen.findByText('Call Recorder');

    await user.click(
      screen.getByRole('button', { name: 'Enable MiVoice Integration for Salesforce (Mitel)' }),
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]).toMatchObject({ method: 'PATCH', path, body: { enabled: true } });
    expect(await screen.findByText('The change could not be made: Changed meanwhile')).toBeInTheDocument();
  });

  it('renders names as text, never as markup', async () => {
    const xss = '<img src=x onerror="alert(1)">';
    accountsApi({
      accounts: [makeAccount({ applicationName: xss, companyName: '<b>Evil</b>' })],
      acl: makeAcl({
        applications: [
          makeAclApp({ applicationName: xss, companyName: '<b>Evil</b>', hasLocalPassword: true }),
          makeAclApp({
            applicationName: '<script>alert(2)</script>',
            companyName: '"><svg onload=alert(3)>',
          }),
        ],
      }),
    });
    const { user } = renderWithProviders(<AccountsView canEdit />);
    expect(await within(await screen.findByTestId('accounts-table')).findByText(xss)).toBeInTheDocument();
    expect(screen.getByText('<b>Evil</b>')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: `Delete local password of ${xss} (<b>Evil</b>)` }));
    expect(screen.getByRole('dialog')).toHaveTextContent(`Current sessions of ${xss} (<b>Evil</b>) continue`);
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(
      screen.getByRole('option', { name: '<script>alert(2)</script> — "><svg onload=alert(3)> (Standard)' }),
    ).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('svg[onload]')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
  });

  it('gives support users a read-only tab: no create panel and no mutating controls', async () => {
    const { requests } = accountsApi(
      { acl: makeAcl({ mcsUrl: 'https://mcs.example.com/acl' }) },
      { 'GET /api/v1/auth/session': sessionProbe(supportMe) },
    );
    renderWithProviders(<AccountsRoute />);
    await screen.findByText('Call Recorder');
    await waitFor(() =>
      expect(screen.getByTestId('read-only-hint')).toHaveTextContent('Read-only (support)'),
    );

    expect(screen.queryByTestId('create-account-panel')).not.toBeInTheDocument();
    expect(screen.queryByTestId('acl-refresh')).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /edit|delete|disable|enable|create|get the latest/i }),
    ).not.toBeInTheDocument();
    expect(screen.getByTestId('acl-source-line')).toHaveTextContent(
      'Application list: bff/assets/demo-acl.json (bundled)',
    );
    expect(mutations(requests)).toHaveLength(0);
  });

  it('gives administrators the create panel and row actions', async () => {
    accountsApi({}, { 'GET /api/v1/auth/session': sessionProbe(adminMe) });
    renderWithProviders(<AccountsRoute />);
    expect(await screen.findByTestId('create-account-panel')).toBeInTheDocument();
    expect(await screen.findAllByTestId('account-edit-password')).toHaveLength(3);
    expect(screen.getAllByTestId('account-delete')).toHaveLength(3);
    expect(screen.getAllByTestId('account-disable')).toHaveLength(2);
    expect(screen.getAllByTestId('account-enable')).toHaveLength(1);
    expect(screen.queryByTestId('read-only-hint')).not.toBeInTheDocument();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { renderWithProviders } from '@/testing/render';
import { AccountsView } from '../components/accounts-view';
import { ACL_APPS, accountsApi, gets, makeAccount, makeAcl, mutations } from './fixtures';

function panel() {
  return screen.getByTestId('create-account-panel');
}
async function renderCreate(...args: Parameters<typeof accountsApi>) {
  const api = accountsApi(...args);
  const result = renderWithProviders(<AccountsView canEdit />);
  await within(await screen.findByTestId('create-account-panel')).findByRole('combobox', {
    name: /^Application/,
  });
  return { ...api, ...result };
}
const select = () => within(panel()).getByRole('combobox', { name: /^Application/ });
const password = () => within(panel()).getByLabelText(/^Local Password/);
const confirm = () => within(panel()).getByLabelText(/^Confirm Local Password/);

describe('Create Application Local Password', () => {
  it('offers only the applications of the list that have no local password yet', async () => {
    await renderCreate();
    expect(
      within(panel()).getByRole('button', { name: 'Create Application Local Password' }),
    ).toHaveAttribute('aria-expanded', 'true');
    const options = within(select())
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      'Select an application',
      'Dialer Pro — Initech (Advanced)',
      'Wallboard — Globex (Standard)',
    ]);
    expect(password()).toHaveAttribute('type', 'password');
    expect(confirm()).toHaveAttribute('type', 'password');
    expect(password()).toHaveAccessibleDescription(
      '8 to 128 characters, with no blank at the start or the end.',
    );
    expect(screen.getByTestId('create-submit')).toHaveAccessibleName('Create');
  });

  it('says so when every application already has a local password', async () => {
    accountsApi({ acl: makeAcl({ applications: ACL_APPS.map((a) => ({ ...a, hasLocalPassword: true })) }) });
    renderWithProviders(<AccountsView canEdit />);
    expect(await screen.findByTestId('create-none-available')).toHaveTextContent(
      'All applications in the application list already have a local password.',
    );
    expect(within(panel()).queryByRole('combobox')).not.toBeInTheDocument();
    expect(within(panel()).queryByRole('button', { name: 'Create' })).not.toBeInTheDocument();
  });

  it('checks the application, the password rule and the confirmation before sending anything', async () => {
    const { requests, user } = await renderCreate();

    await user.click(screen.getByTestId('create-submit'));
    expect(within(panel()).getByText('Select an application.')).toBeInTheDocument();
    expect(within(panel()).getByText('Enter a local password.')).toBeInTheDocument();

    await user.selectOptions(select(), 'Wallboard — Globex (Standard)');
    await user.type(password(), 'short');
    await user.type(confirm(), 'shorter');
    await user.click(screen.getByTestId('create-submit'));
    expect(
      within(panel()).getByText('The local password must be at least 8 characters.'),
    ).toBeInTheDocument();
    expect(within(panel()).getByText('The two passwords do not match.')).toBeInTheDocument();
    expect(password()).toHaveAttribute('aria-invalid', 'true');
    expect(confirm()).toHaveAttribute('aria-invalid', 'true');
    expect(within(panel()).queryByText('Select an application.')).not.toBeInTheDocument();

    await user.clear(password());
    await user.type(password(), ' long enough');
    await user.clear(confirm());
    await user.type(confirm(), ' long enough');
    await user.click(screen.getByTestId('create-submit'));
    expect(
      within(panel()).getByText('The local password must not start or end with a blank.'),
    ).toBeInTheDocument();
    expect(within(panel()).queryByText('The two passwords do not match.')).not.toBeInTheDocument();

    expect(mutations(requests)).toHaveLength(0);
  });

  it('creates with exactly {companyName, applicationName, localPassword}, then clears the form and reloads both lists', async () => {
    const created = makeAccount({
      companyName: 'Initech',
      applicationName: 'Dialer Pro',
      serviceType: 'advanced',
      licenseProfile: 'third-party',
    });
    const { requests, user } = await renderCreate(
      {},
      { 'POST /api/v1/accounts': { status: 201, body: created } },
    );
    setCsrfToken('csrf-create');

    await user.selectOptions(select(), 'Dialer Pro — Initech (Advanced)');
    await user.type(password(), 'dialer-secret');
    await user.type(confirm(), 'dialer-secret');
    await user.click(screen.getByTestId('create-submit'));

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    const [post] = mutations(requests);
    expect(post?.path).toBe('/api/v1/accounts');
    expect(post?.body).toStrictEqual({
      companyName: 'Initech',
      applicationName: 'Dialer Pro',
      localPassword: 'dialer-secret',
    });
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-create');
    expect(await screen.findByText('Local password created for Dialer Pro (Initech).')).toBeInTheDocument();
    await waitFor(() => expect(password()).toHaveValue(''));
    expect(confirm()).toHaveValue('');
    expect(select()).toHaveValue('');
    await waitFor(() => expect(gets(requests, '/api/v1/acl')).toHaveLength(2));
    await waitFor(() => expect(gets(requests, '/api/v1/accounts')).toHaveLength(2));
  });

  it('shows the server error text (409) and keeps what was typed', async () => {
    const { user } = await renderCreate(
      {},
      {
        'POST /api/v1/accounts': {
          status: 409,
          body: { error: { code: 'conflict', message: 'Wallboard of Globex already has a local password' } },
        },
      },
    );
    await user.selectOptions(select(), 'Wallboard — Globex (Standard)');
    await user.type(password(), 'wallboard-1');
    await user.type(confirm(), 'wallboard-1');
    await user.click(screen.getByTestId('create-submit'));

    expect(await within(panel()).findByRole('alert')).toHaveTextContent(
      'Wallboard of Globex already has a local password',
    );
    expect(password()).toHaveValue('wallboard-1');
  });

  it('shows field errors the server sends next to the field', async () => {
    const { user } = await renderCreate(
      {},
      {
        'POST /api/v1/accounts': {
          status: 400,
          body: {
            error: {
              code: 'validation_failed',
              message: 'Application account is invalid',
              fields: { localPassword: 'Too common' },
            },
          },
        },
      },
    );
    await user.selectOptions(select(), 'Wallboard — Globex (Standard)');
    await user.type(password(), 'password1');
    await user.type(confirm(), 'password1');
    await user.click(screen.getByTestId('create-submit'));
    expect(await within(panel()).findByText('Too common')).toBeInTheDocument();
    expect(within(panel()).getByRole('alert')).toHaveTextContent('Application account is invalid');
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { GoogleDirectoryPanel } from '../components/google-directory-panel';
import { makeContact, makeDirectory, mivoiceRoutes } from '../../__tests__/fixtures';

const KEY = JSON.stringify({
  type: 'service_account',
  client_email: 'new-sync@proj.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
});
const puts = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.method === 'PUT' && r.path === '/api/v1/mivoice/google');

describe('Google Corporate Directory: settings', () => {
  it('saves email and domain with PUT (CSRF), keeping the stored key (no serviceAccountKey sent)', async () => {
    const { requests } = mockFetch(mivoiceRoutes().routes);
    setCsrfToken('csrf-g');
    const { user } = renderWithProviders(<GoogleDirectoryPanel canEdit />);

    const domain = await screen.findByRole('textbox', { name: 'Google Domain' });
    await user.clear(domain);
    await user.type(domain, ' Corp.Example.org ');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(puts(requests)).toHaveLength(1));
    expect(puts(requests)[0]?.body).toEqual({ adminEmail: 'gadmin@example.com', domain: 'corp.example.org' });
    expect(puts(requests)[0]?.headers.get('X-CSRF-Token')).toBe('csrf-g');
    expect(await screen.findByTestId('toast-success')).toHaveTextContent('Google directory settings saved.');
  });

  it('checks the fields on the client and sends nothing while they are wrong', async () => {
    const { requests } = mockFetch(mivoiceRoutes().routes);
    const { user } = renderWithProviders(<GoogleDirectoryPanel canEdit />);

    const email = await screen.findByRole('textbox', { name: 'Google Administrator Email' });
    fireEvent.change(email, { target: { value: 'not-an-address' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Google Domain' }), {
      target: { value: 'https://example.com' },
    });
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByText('Enter one valid email address, e.g. admin@example.com.'),
    ).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: 'Google Domain' })).toHaveAccessibleDescription(
      'For example example.com (no https://, no @). Enter a domain name such as example.com (no scheme, no @).',
    );
    expect(puts(requests)).toHaveLength(0);
  });

  it("puts the server's 400 field messages on their fields", async () => {
    const { routes } = mivoiceRoutes();
    mockFetch({
      ...routes,
      'PUT /api/v1/mivoice/google': {
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Invalid Google directory settings',
            fields: { domain: 'Domain example.com is not a Google Workspace domain' },
          },
        },
      },
    });
    const { user } = renderWithProviders(<GoogleDirectoryPanel canEdit />);
    await user.click(await screen.findByRole('button', { name: 'Save' }));

    const domain = screen.getByRole('textbox', { name: 'Google Domain' });
    await waitFor(() => expect(domain).toHaveAttribute('aria-invalid', 'true'));
    expect(domain).toHaveAccessibleDescription(
      expect.stringContaining('Domain example.com is not a Google Workspace domain'),
    );
    expect(screen.queryByTestId('toast-success')).not.toBeInTheDocument();
  });

  it('replaces the key from a .json file, showing only whose key it is', async () => {
    const { requests } = mockFetch(mivoiceRoutes().routes);
    const { user } = renderWithProviders(<GoogleDirectoryPanel canEdit />);

    await user.click(await screen.findByRole('button', { name: 'Replace' }));
    await user.upload(
      screen.getByLabelText('Key file (.json)'),
      new File([KEY], 'key.json', { type: 'application/json' }),
    );
    expect(await screen.findByTestId('google-key-ready')).toHaveTextContent(
      'Read from key.json. New key for new-sync@proj.iam.gserviceaccount.com, stored when you save.',
    );
    expect(screen.getByRole('textbox', { name: 'Or paste the key (JSON)' })).toHaveValue('');
    expect(screen.queryByText(/BEGIN PRIVATE KEY/)).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(puts(requests)).toHaveLength(1));
    expect(puts(requests)[0]?.body).toEqual({
      adminEmail: 'gadmin@example.com',
      domain: 'example.com',
      serviceAccountKey: KEY,
    });
    expect(await screen.findByTestId('google-key-status')).toHaveTextContent(
      'Key set: new-sync@proj.iam.gserviceaccount.com',
    );
  });

  it('leaves the key editor once saved, even for a new key of the same service account', async () => {
    const { requests } = mockFetch(mivoiceRoutes().routes);
    const { user } = renderWithProviders(<GoogleDirectoryPanel canEdit />);
    const sameAccount = JSON.stringify({
      type: 'service_account',
      client_email: 'oig-sync@example-project.iam.gserviceaccount.com',
      private_key: 'k2',
    });

    await user.click(await screen.findByRole('button', { name: 'Replace' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the key (JSON)' }), {
      target: { value: sameAccount },
    });
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(puts(requests)).toHaveLength(1));
    expect(puts(requests)[0]?.body).toMatchObject({ serviceAccountKey: sameAccount });
    await waitFor(() =>
      expect(screen.getByTestId('google-key-status')).toHaveTextContent(
        'Key set: oig-sync@example-project.iam.gserviceaccount.com',
      ),
    );
    expect(screen.queryByRole('textbox', { name: 'Or paste the key (JSON)' })).not.toBeInTheDocument();
  });

  it('refuses a file that is not a service-account key, then a pasted key that is not JSON', async () => {
    const { requests } = mockFetch(mivoiceRoutes().routes);
    const { user } = renderWithProviders(<GoogleDirectoryPanel canEdit />);

    await user.click(await screen.findByRole('button', { name: 'Replace' }));
    await user.upload(
      screen.getByLabelText('Key file (.json)'),
      new File(['{"client_id": "x"}'], 'other.json'),
    );
    expect(await screen.findByTestId('google-key-error')).toHaveTextContent(
      'This JSON is not a service-account key: it needs client_email and private_key.',
    );

    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the key (JSON)' }), {
      target: { value: 'client_email=a' },
    });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('google-key-error')).toHaveTextContent('This is not JSON');
    expect(puts(requests)).toHaveLength(0);
  });

  it('removes the key with serviceAccountKey: null once confirmed, and Keep the current key undoes the choice', async () => {
    const { requests } = mockFetch(mivoiceRoutes().routes);
    const { user } = renderWithProviders(<GoogleDirectoryPanel canEdit />);

    await user.click(await screen.findByRole('button', { name: 'Remove' }));
    expect(screen.getByTestId('google-key-status')).toHaveTextContent(
      'The key will be removed when you save.',
    );
    await user.click(screen.getByRole('button', { name: 'Keep the current key' }));
    expect(screen.getByTestId('google-key-status')).toHaveTextContent('Key set:');

    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    // Asked first: Cancel sends nothing and the removal is still pending.
    const confirm = screen.getByRole('dialog', { name: 'Remove the service-account key?' });
    expect(confirm).toHaveAccessibleDescription(
      'Key set: oig-sync@example-project.iam.gserviceaccount.com The stored key is deleted from the gateway when the settings are saved. Sync with Google stops working until a new key is saved; the contacts already cached are kept.',
    );
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(puts(requests)).toHaveLength(0);
    expect(screen.getByTestId('google-key-status')).toHaveTextContent(
      'The key will be removed when you save.',
    );

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Remove the service-account key?' })).getByRole('button', {
        name: 'Remove the key and save',
      }),
    );
    await waitFor(() => expect(puts(requests)).toHaveLength(1));
    expect(puts(requests)[0]?.body).toMatchObject({ serviceAccountKey: null });
    expect(await screen.findByTestId('google-key-status')).toHaveTextContent('No key set.');
    // Without a key there is nothing to sync with.
    expect(screen.getByRole('button', { name: 'Sync with Google' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Sync with Google' })).toHaveAccessibleDescription(
      'Save the administrator email, the domain and a service-account key first.',
    );
  });

  it('asks nothing while the other fields are wrong: their errors come first', async () => {
    const { requests } = mockFetch(mivoiceRoutes().routes);
    const { user } = renderWithProviders(<GoogleDirectoryPanel canEdit />);
    await user.click(await screen.findByRole('button', { name: 'Remove' }));
    await user.clear(screen.getByRole('textbox', { name: 'Google Domain' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter the Google domain, e.g. example.com.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(puts(requests)).toHaveLength(0);
  });

  it('saves a new key without asking', async () => {
    const { requests } = mockFetch(mivoiceRoutes().routes);
    const { user } = renderWithProviders(<GoogleDirectoryPanel canEdit />);
    await user.click(await screen.findByRole('button', { name: 'Replace' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Or paste the key (JSON)' }), {
      target: { value: KEY },
    });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(puts(requests)).toHaveLength(1));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('Google Corporate Directory: read-only settings', () => {
  it('shows whose key is set, or says plainly when its email or the key is not known', async () => {
    const { routes, state } = mivoiceRoutes();
    mockFetch(routes);
    const { queryClient } = renderWithProviders(<GoogleDirectoryPanel canEdit={false} />);
    expect(await screen.findByTestId('google-key-value')).toHaveTextContent(
      /^Key set: oig-sync@example-project\.iam\.gserviceaccount\.com$/,
    );

    state.directory = makeDirectory({ serviceAccountEmail: null });
    await queryClient.invalidateQueries();
    await waitFor(() =>
      expect(screen.getByTestId('google-key-value')).toHaveTextContent(
        /^Key set \(its service-account email is not known\)\.$/,
      ),
    );
    expect(screen.getByTestId('google-key-value')).not.toHaveTextContent('?');

    state.directory = makeDirectory({
      adminEmail: null,
      domain: null,
      serviceAccountKeySet: false,
      serviceAccountEmail: null,
    });
    await queryClient.invalidateQueries();
    await waitFor(() => expect(screen.getByTestId('google-key-value')).toHaveTextContent(/^No key set\.$/));
    expect(screen.getByTestId('google-admin-email-value')).toHaveTextContent(/^Not set$/);
    expect(screen.getByTestId('google-domain-value')).toHaveTextContent(/^Not set$/);
  });

  it('the editable key field says the same when the key has no known email', async () => {
    mockFetch(mivoiceRoutes({ directory: makeDirectory({ serviceAccountEmail: null }) }).routes);
    renderWithProviders(<GoogleDirectoryPanel canEdit />);
    expect(await screen.findByTestId('google-key-status')).toHaveTextContent(
      /^Key set \(its service-account email is not known\)\.$/,
    );
  });
});

describe('Google Corporate Directory: sync and status', () => {
  it('shows the last sync, the contact count and no error', async () => {
    mockFetch(mivoiceRoutes().routes);
    renderWithProviders(<GoogleDirectoryPanel canEdit />);
    expect(await screen.findByTestId('google-last-sync')).toHaveTextContent(/Nov 20, 2026/);
    expect(screen.getByTestId('google-contact-count')).toHaveTextContent('1,234');
    expect(screen.getByTestId('google-last-error')).toHaveTextContent('None');
  });

  it('syncs with POST (spinner while running), then shows the new figures and a toast', async () => {
    const { routes, state } = mivoiceRoutes({
      contacts: Array.from({ length: 42 }, (_, i) => makeContact(i)),
    });
    let release: () => void = () => undefined;
    const { requests } = mockFetch({
      ...routes,
      'POST /api/v1/mivoice/google/sync': () =>
        new Promise<MockReply>((resolve) => {
          release = () => resolve(routes['POST /api/v1/mivoice/google/sync']());
        }),
    });
    setCsrfToken('csrf-sync');
    const { user } = renderWithProviders(<GoogleDirectoryPanel canEdit />);

    const sync = await screen.findByRole('button', { name: 'Sync with Google' });
    await user.click(sync);
    await waitFor(() => expect(sync).toHaveAttribute('aria-busy', 'true'));
    expect(sync).toBeDisabled();
    expect(screen.getByTestId('google-sync-hint')).toHaveTextContent('Reading the directory from Google…');
    release();

    expect(await screen.findByTestId('toast-success')).toHaveTextContent('Synced with Google: 42 contacts.');
    expect(screen.getByTestId('google-contact-count')).toHaveTextContent('42');
    expect(screen.getByTestId('google-last-sync')).toHaveTextContent(/Nov 23, 2026/);
    expect(sync).not.toHaveAttribute('aria-busy');
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-sync');
    expect(state.directory.contactCount).toBe(42);
  });

  it("shows Google's error on a 502, says the cache is kept, and shows the recorded last error", async () => {
    const { routes, state } = mivoiceRoutes();
    mockFetch({
      ...routes,
      'POST /api/v1/mivoice/google/sync': (): MockReply => {
        state.directory = {
          ...state.directory,
          lastError: 'Google: Not Authorized to access this resource/api (403)',
          lastErrorAt: '2026-11-23T12:00:00.000Z',
        };
        return {
          status: 502,
          body: {
            error: {
              code: 'upstream_failed',
              message: 'Google: Not Authorized to access this resource/api (403)',
            },
          },
        };
      },
    });
    const { user } = renderWithProviders(<GoogleDirectoryPanel canEdit />);
    await user.click(await screen.findByRole('button', { name: 'Sync with Google' }));

    const alert = await within(screen.getByTestId('google-sync')).findByRole('alert');
    expect(alert).toHaveTextContent(
      // Two sentences: the server's message gets its full stop.
      'Sync with Google failed: Google: Not Authorized to access this resource/api (403). The contacts already cached are kept.',
    );
    await waitFor(() =>
      expect(screen.getByTestId('google-last-error')).toHaveTextContent(
        'Not Authorized to access this resource/api (403)',
      ),
    );
    expect(screen.getByTestId('google-last-error')).toHaveClass('text-red-800');
    expect(screen.getByTestId('google-contact-count')).toHaveTextContent('1,234');
    expect(screen.queryByTestId('toast-success')).not.toBeInTheDocument();
  });

  it('cannot sync before the directory is configured', async () => {
    mockFetch(
      mivoiceRoutes({
        directory: makeDirectory({
          adminEmail: null,
          domain: null,
          serviceAccountKeySet: false,
          serviceAccountEmail: null,
          lastSyncAt: null,
          contactCount: 0,
        }),
      }).routes,
    );
    renderWithProviders(<GoogleDirectoryPanel canEdit />);
    expect(await screen.findByRole('button', { name: 'Sync with Google' })).toBeDisabled();
    expect(screen.getByTestId('google-last-sync')).toHaveTextContent('Never');
    expect(screen.getByTestId('google-key-status')).toHaveTextContent('No key set.');
    expect(screen.getByLabelText('Key file (.json)')).toBeInTheDocument();
  });
});

describe('Google Corporate Directory: cached contacts', () => {
  it('filters and pages the cache on the server', async () => {
    const { requests } = mockFetch(
      mivoiceRoutes({ contacts: Array.from({ length: 25 }, (_, i) => makeContact(i)) }).routes,
    );
    const { user } = renderWithProviders(<GoogleDirectoryPanel canEdit={false} />);

    expect(await screen.findAllByTestId('contact-row')).toHaveLength(10);
    expect(screen.getByTestId('contacts-range')).toHaveTextContent('1–10 of 25');
    await user.click(screen.getByTestId('contacts-next'));
    await waitFor(() => expect(screen.getByTestId('contacts-range')).toHaveTextContent('11–20 of 25'));
    expect(screen.getAllByTestId('contact-row')[0]).toHaveTextContent('person10@example.com');

    await user.type(screen.getByRole('searchbox', { name: 'Name, email or phone' }), 'person2{Enter}');
    await waitFor(() => expect(screen.getByTestId('contacts-range')).toHaveTextContent('1–6 of 6'));
    const last = requests.filter((r) => r.path === '/api/v1/mivoice/google/contacts').at(-1);
    expect(Object.fromEntries(last?.url.searchParams ?? [])).toEqual({
      q: 'person2',
      limit: '10',
      offset: '0',
    });
    expect(screen.getByTestId('contacts-previous')).toBeDisabled();
  });

  it('goes back to the last page when a sync shrinks the directory under the page shown', async () => {
    const { routes, state } = mivoiceRoutes({
      contacts: Array.from({ length: 25 }, (_, i) => makeContact(i)),
    });
    const { requests } = mockFetch(routes);
    const { user, queryClient } = renderWithProviders(<GoogleDirectoryPanel canEdit={false} />);
    await screen.findAllByTestId('contact-row');
    await user.click(screen.getByTestId('contacts-next'));
    await user.click(screen.getByTestId('contacts-next'));
    await waitFor(() => expect(screen.getByTestId('contacts-range')).toHaveTextContent('21–25 of 25'));

    state.contacts = state.contacts.slice(0, 12);
    await queryClient.invalidateQueries({ queryKey: ['mivoice', 'google-contacts'] });
    await waitFor(() => expect(screen.getByTestId('contacts-range')).toHaveTextContent('11–12 of 12'));
    expect(screen.getAllByTestId('contact-row')).toHaveLength(2);
    expect(screen.queryByTestId('contacts-empty')).not.toBeInTheDocument();
    expect(
      Object.fromEntries(
        requests.filter((r) => r.path === '/api/v1/mivoice/google/contacts').at(-1)?.url.searchParams ?? [],
      ),
    ).toEqual({ limit: '10', offset: '10' });
  });
});

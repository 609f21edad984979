import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { recordDownloads } from '@/testing/downloads';
import { mockFetch, type RecordedRequest } from '@/testing/mock-fetch';
import { createTestQueryClient, renderWithProviders } from '@/testing/render';
import { MivoiceView } from '../../components/mivoice-view';
import { mivoiceRoutes, OUTBOX_FOLDER } from '../../__tests__/fixtures';

const settingsPuts = (requests: RecordedRequest[]) =>
  requests.filter((r) => r.method === 'PUT' && r.path === '/api/v1/mivoice/settings');

describe('Administrator email for exports', () => {
  it('saves the address (trimmed) with PUT {adminEmail} and the CSRF header', async () => {
    const { requests } = mockFetch(mivoiceRoutes({ adminEmail: null }).routes);
    setCsrfToken('csrf-mail');
    const { user } = renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice' });

    const email = await screen.findByRole('textbox', { name: 'Email' });
    expect(email).toHaveAccessibleDescription('Not set: exports cannot be mailed until an address is saved.');
    await user.type(email, ' ops@example.org {Enter}');

    await waitFor(() => expect(settingsPuts(requests)).toHaveLength(1));
    expect(settingsPuts(requests)[0]?.body).toEqual({ adminEmail: 'ops@example.org' });
    expect(settingsPuts(requests)[0]?.headers.get('X-CSRF-Token')).toBe('csrf-mail');
    expect(await screen.findByText('Exports will be mailed to ops@example.org.')).toBeInTheDocument();
  });

  it('refuses a header-injection attempt on the client', async () => {
    const { requests } = mockFetch(mivoiceRoutes().routes);
    const { user } = renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice' });
    const email = await screen.findByRole('textbox', { name: 'Email' });
    fireEvent.change(email, { target: { value: 'a@b.com\r\nBcc: x@y.com' } });
    await user.click(screen.getByTestId('admin-email-save'));
    expect(
      await screen.findByText('Enter one valid email address, e.g. admin@example.com.'),
    ).toBeInTheDocument();
    expect(settingsPuts(requests)).toHaveLength(0);
  });

  it("shows the server's field message from a 400", async () => {
    const { routes } = mivoiceRoutes();
    mockFetch({
      ...routes,
      'PUT /api/v1/mivoice/settings': {
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Invalid settings',
            fields: { adminEmail: 'This domain does not accept mail' },
          },
        },
      },
    });
    const { user } = renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice' });
    const email = await screen.findByRole('textbox', { name: 'Email' });
    await user.click(screen.getByTestId('admin-email-save'));
    await waitFor(() => expect(email).toHaveAttribute('aria-invalid', 'true'));
    expect(email).toHaveAccessibleDescription(expect.stringContaining('This domain does not accept mail'));
  });

  it('clears the address when saved empty, once confirmed', async () => {
    const { requests } = mockFetch(mivoiceRoutes().routes);
    const { user } = renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice' });
    const email = await screen.findByRole('textbox', { name: 'Email' });
    await waitFor(() => expect(email).toHaveValue('exports@example.com'));
    await user.clear(email);
    await user.click(screen.getByTestId('admin-email-save'));

    // Asked first; Cancel sends nothing and keeps the empty field.
    const confirm = screen.getByRole('dialog', { name: 'Clear the administrator email?' });
    expect(confirm).toHaveAccessibleDescription(
      'Exports are mailed to exports@example.com now. Once the address is cleared, Email User List and Email Language Strings cannot be used until an address is saved again.',
    );
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(settingsPuts(requests)).toHaveLength(0);
    expect(email).toHaveValue('');

    await user.click(screen.getByTestId('admin-email-save'));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Clear the administrator email?' })).getByRole('button', {
        name: 'Clear the address',
      }),
    );
    await waitFor(() => expect(settingsPuts(requests)).toHaveLength(1));
    expect(settingsPuts(requests)[0]?.body).toEqual({ adminEmail: null });
    expect(
      await screen.findByText('Administrator email cleared: exports can no longer be mailed.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Email User List' })).toBeDisabled());
  });

  it('closes the clearing confirmation when another administrator changes the address meanwhile', async () => {
    mockFetch(mivoiceRoutes().routes);
    const { user, queryClient } = renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice' });
    const email = await screen.findByRole('textbox', { name: 'Email' });
    await waitFor(() => expect(email).toHaveValue('exports@example.com'));
    await user.clear(email);
    await user.click(screen.getByTestId('admin-email-save'));
    expect(screen.getByRole('dialog', { name: 'Clear the administrator email?' })).toBeInTheDocument();

    // What the dialog asks about ("exports@example.com now") is no longer true.
    await act(async () => {
      queryClient.setQueryData(['mivoice', 'settings'], { adminEmail: 'other@example.com' });
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(email).toHaveValue('other@example.com');
  });

  it('does not ask when there is no address to clear, nor when an address is saved', async () => {
    const { requests } = mockFetch(mivoiceRoutes({ adminEmail: null }).routes);
    const { user } = renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice' });
    await user.click(await screen.findByTestId('admin-email-save'));
    await waitFor(() => expect(settingsPuts(requests)).toHaveLength(1));
    expect(settingsPuts(requests)[0]?.body).toEqual({ adminEmail: null });

    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'new@example.com{Enter}');
    await waitFor(() => expect(settingsPuts(requests)).toHaveLength(2));
    expect(settingsPuts(requests)[1]?.body).toEqual({ adminEmail: 'new@example.com' });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('Email User List / Email Language Strings', () => {
  it('are disabled, saying why, while no address is set, and become usable once one is saved', async () => {
    const { requests } = mockFetch(mivoiceRoutes({ adminEmail: null }).routes);
    const { user } = renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice' });

    const send = await screen.findByRole('button', { name: 'Email User List' });
    await waitFor(() => expect(send).toBeDisabled());
    expect(send).toHaveAccessibleDescription(
      'Save an administrator email first: the file is sent to that address.',
    );

    await user.click(screen.getByRole('link', { name: 'Localization' }));
    const strings = await screen.findByRole('button', { name: 'Email Language Strings' });
    expect(strings).toBeDisabled();
    expect(strings).toHaveAccessibleDescription(
      'Save an administrator email first: the file is sent to that address.',
    );
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'ops@example.org{Enter}');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Email Language Strings' })).toBeEnabled());
    expect(screen.getByRole('button', { name: 'Email Language Strings' })).toHaveAccessibleDescription(
      'Mails the English strings of MiVoice Integration for Google (CSV) to ops@example.org.',
    );
  });

  it('queues the user list (CSRF), toasts where it went and reads the Mail Outbox again', async () => {
    const { requests } = mockFetch(mivoiceRoutes().routes);
    setCsrfToken('csrf-email');
    const queryClient = createTestQueryClient();
    const outboxKey = ['mail', 'outbox', { limit: '50', offset: '0' }] as const;
    queryClient.setQueryData(outboxKey, { messages: [], total: 0 });
    const { user } = renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice', queryClient });

    const send = await screen.findByRole('button', { name: 'Email User List' });
    await waitFor(() => expect(send).toBeEnabled());
    expect(send).toHaveAccessibleDescription('Mails the user list (CSV) to exports@example.com.');
    await user.click(send);

    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      'User list queued for exports@example.com — see Mail Outbox.',
    );
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.path).toBe('/api/v1/mivoice/users/email');
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-email');
    expect(queryClient.getQueryState(outboxKey)?.isInvalidated).toBe(true);
  });

  it('with a mail server: no note about files beside Email User List or Email Language Strings', async () => {
    mockFetch(mivoiceRoutes().routes);
    const queryClient = createTestQueryClient();
    renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice', queryClient });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Email User List' })).toBeEnabled());
    await waitFor(() => expect(queryClient.getQueryState(['mail', 'settings'])?.status).toBe('success'));
    expect(screen.queryByTestId('users-email-delivery-note')).not.toBeInTheDocument();
  });

  it('with no mail server: Email User List says files are saved there, and the toast names the file', async () => {
    mockFetch(mivoiceRoutes({ mailServer: false }).routes);
    const { user } = renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice' });

    expect(await screen.findByTestId('users-email-delivery-note')).toHaveTextContent(
      `No mail server is set: messages are not emailed but saved as .eml files in ${OUTBOX_FOLDER}`,
    );
    const send = screen.getByRole('button', { name: 'Email User List' });
    await waitFor(() => expect(send).toBeEnabled());
    await user.click(send);
    expect(await screen.findByTestId('toast-info')).toHaveTextContent(
      `No mail server is set: not emailed, saved to file mail-1.eml in ${OUTBOX_FOLDER}.`,
    );
    expect(screen.queryByTestId('toast-success')).not.toBeInTheDocument();
  });

  it('with no mail server: Email Language Strings says so too, and its toast names the file', async () => {
    mockFetch(mivoiceRoutes({ mailServer: false }).routes);
    const { user } = renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice?tab=localization' });

    expect(await screen.findByTestId('localization-email-delivery-note')).toHaveTextContent(OUTBOX_FOLDER);
    const language = await screen.findByRole('combobox', { name: 'Language' });
    await waitFor(() => expect(language).toHaveValue('en'));
    await user.selectOptions(language, 'ja');
    await user.click(screen.getByRole('button', { name: 'Email Language Strings' }));
    expect(await screen.findByTestId('toast-info')).toHaveTextContent(
      `No mail server is set: not emailed, saved to file mail-2.eml in ${OUTBOX_FOLDER}.`,
    );
  });

  it("shows the server's 409 when the address went away meanwhile", async () => {
    const { routes, state } = mivoiceRoutes();
    mockFetch(routes);
    const { user } = renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice' });
    const send = await screen.findByRole('button', { name: 'Email User List' });
    await waitFor(() => expect(send).toBeEnabled());
    state.adminEmail = null;
    await user.click(send);
    expect(
      await screen.findByText('Set the administrator e-mail of the MiVoice tab first'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('toast-success')).not.toBeInTheDocument();
  });

  it('downloads and mails the chosen language of the chosen application', async () => {
    const { requests } = mockFetch(mivoiceRoutes().routes);
    const { user } = renderWithProviders(<MivoiceView canEdit />, { route: '/mivoice?tab=localization' });

    const language = await screen.findByRole('combobox', { name: 'Language' });
    await waitFor(() => expect(language).toHaveValue('en'));
    await user.selectOptions(language, 'ja');
    // Download fetches the chosen language of the chosen application.
    const saved = recordDownloads();
    const exports = () =>
      requests.filter((r) => r.method === 'GET' && r.path.endsWith('/export')).map((r) => r.path);
    await user.click(screen.getByTestId('localization-download'));
    await waitFor(() => expect(saved.map((f) => f.name)).toEqual(['MiVoice Integration for Google_ja.csv']));
    expect(exports()).toEqual(['/api/v1/mivoice/localization/google/ja/export']);
    await user.click(screen.getByRole('button', { name: 'Email Language Strings' }));
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      'Japanese strings of MiVoice Integration for Google queued for exports@example.com — see Mail Outbox.',
    );
    expect(requests.find((r) => r.method === 'POST')?.path).toBe(
      '/api/v1/mivoice/localization/google/ja/email',
    );

    // Salesforce has no Japanese: the choice falls back to English.
    await user.click(screen.getByRole('radio', { name: 'Salesforce' }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Language' })).toHaveValue('en'));
    await user.click(screen.getByTestId('localization-download'));
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]?.name).toBe('MiVoice Integration for Salesforce_en.csv');
    expect(exports()).toEqual([
      '/api/v1/mivoice/localization/google/ja/export',
      '/api/v1/mivoice/localization/salesforce/en/export',
    ]);
    await user.click(screen.getByRole('button', { name: 'Email Language Strings' }));
    await waitFor(() =>
      expect(requests.filter((r) => r.method === 'POST').at(-1)?.path).toBe(
        '/api/v1/mivoice/localization/salesforce/en/email',
      ),
    );
  });
});

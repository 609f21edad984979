import type { MailSettings } from '@oig/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { MailSettingsPanel } from '../components/mail-settings-panel';

const FROM_OPTIONS: MailSettings = {
  source: 'options',
  host: 'smtp.example.com',
  port: 587,
  tlsMode: 'starttls',
  username: 'oig',
  passwordSet: true,
  fromAddress: 'oig@example.com',
  outboxFolder: '/var/lib/oig/outbox',
};
const NONE: MailSettings = {
  source: 'none',
  host: null,
  port: null,
  tlsMode: null,
  username: null,
  passwordSet: false,
  fromAddress: 'oig@localhost',
  outboxFolder: '/var/lib/oig/outbox',
};

/** GET answers the stored settings; PUT stores the body as the server does (password only as "set"). */
function mailRoutes(initial: MailSettings = FROM_OPTIONS) {
  let stored = { ...initial };
  return {
    'GET /api/v1/mail/settings': () => ({ body: stored }),
    'PUT /api/v1/mail/settings': (req: RecordedRequest): MockReply => {
      const body = req.body as Record<string, unknown>;
      if (body.clear) {
        stored = { ...NONE };
      } else {
        const { password, ...rest } = body as { password?: string | null } & Omit<
          MailSettings,
          'source' | 'passwordSet' | 'outboxFolder'
        >;
        stored = {
          ...stored,
          ...rest,
          source: 'options',
          passwordSet: password === undefined ? stored.passwordSet : password !== null,
        };
      }
      return { body: stored };
    },
    // What the server answers depends on where mail goes: saved to its file with no server.
    'POST /api/v1/mail/test': (): MockReply => ({
      status: 202,
      body: {
        id: 'm-1',
        mail:
          stored.source === 'none'
            ? {
                id: 'm-1',
                state: 'saved',
                delivery: 'file',
                fileName: 'm-1.eml',
                outboxFolder: stored.outboxFolder,
              }
            : { id: 'm-1', state: 'queued', delivery: 'smtp', fileName: null, outboxFolder: null },
      },
    }),
  };
}

const mutations = (requests: RecordedRequest[]) => requests.filter((r) => r.method !== 'GET');
const panel = () => screen.getByTestId('mail-settings-panel');

describe('MailSettingsPanel (administrators)', () => {
  it('shows where mail goes and fills the form; the password stays write-only', async () => {
    mockFetch(mailRoutes());
    renderWithProviders(<MailSettingsPanel canEdit />);

    expect(await screen.findByTestId('mail-source')).toHaveTextContent(
      'Mail is sent through smtp.example.com:587 (set here).',
    );
    expect(screen.getByRole('textbox', { name: /^SMTP Server/ })).toHaveValue('smtp.example.com');
    expect(screen.getByRole('textbox', { name: /^Port/ })).toHaveValue('587');
    expect(screen.getByRole('textbox', { name: /^Port/ })).toHaveAccessibleDescription(
      'Usually 587 with STARTTLS.',
    );
    expect(screen.getByRole('combobox', { name: 'Encryption' })).toHaveValue('starttls');
    expect(
      within(screen.getByRole('combobox', { name: 'Encryption' }))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['None', 'STARTTLS', 'TLS']);
    expect(screen.getByRole('textbox', { name: 'User Name' })).toHaveValue('oig');
    const password = screen.getByLabelText('Password');
    expect(password).toHaveValue('');
    expect(password).toHaveAttribute('placeholder', '•••••• (set)');
    expect(screen.getByRole('checkbox', { name: 'Remove password' })).not.toBeChecked();
    expect(screen.getByRole('textbox', { name: /^From Address/ })).toHaveValue('oig@example.com');
    expect(screen.getByRole('button', { name: 'Use OIG_SMTP_URL / files instead' })).toBeEnabled();
  });

  it('names the source: OIG_SMTP_URL, or .eml files in the outbox folder (port 25 by default)', async () => {
    mockFetch(mailRoutes(NONE));
    renderWithProviders(<MailSettingsPanel canEdit />);
    expect(await screen.findByTestId('mail-source')).toHaveTextContent(
      'No SMTP server is configured: messages are written to /var/lib/oig/outbox as .eml files.',
    );
    expect(screen.getByTestId('mail-port')).toHaveValue('25');
    expect(screen.getByTestId('mail-password')).not.toHaveAttribute('placeholder');
    expect(screen.queryByTestId('mail-remove-password')).not.toBeInTheDocument();
    expect(screen.getByTestId('mail-clear')).toBeDisabled();
  });

  it('names OIG_SMTP_URL as the source when the server comes from the environment', async () => {
    mockFetch(
      mailRoutes({ ...FROM_OPTIONS, source: 'environment', host: 'relay.corp', port: 25, tlsMode: 'none' }),
    );
    renderWithProviders(<MailSettingsPanel canEdit />);
    expect(await screen.findByTestId('mail-source')).toHaveTextContent(
      'Mail is sent through relay.corp:25 (from OIG_SMTP_URL).',
    );
  });

  it('saves with PUT: exact body, password omitted when left empty', async () => {
    const { requests } = mockFetch(mailRoutes());
    setCsrfToken('csrf-mail');
    const { user } = renderWithProviders(<MailSettingsPanel canEdit />);
    const host = await screen.findByTestId('mail-host');
    await user.clear(host);
    await user.type(host, ' mail.example.org ');
    await user.clear(screen.getByTestId('mail-port'));
    await user.type(screen.getByTestId('mail-port'), '465');
    await user.selectOptions(screen.getByTestId('mail-tls'), 'tls');
    expect(screen.getByTestId('mail-port')).toHaveAccessibleDescription('Usually 465 with TLS.');
    await user.clear(screen.getByTestId('mail-username'));
    await user.click(screen.getByTestId('mail-save'));

    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    const put = mutations(requests)[0];
    expect(put?.path).toBe('/api/v1/mail/settings');
    expect(put?.method).toBe('PUT');
    expect(put?.headers.get('X-CSRF-Token')).toBe('csrf-mail');
    expect(put?.body).toEqual({
      host: 'mail.example.org',
      port: 465,
      tlsMode: 'tls',
      username: null,
      fromAddress: 'oig@example.com',
    });
    expect(
      await screen.findByText('Outbound mail server saved: mail is now sent through mail.example.org:465.'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByTestId('mail-source')).toHaveTextContent('mail.example.org:465 (set here)'),
    );
  });

  it('sends a new password as a string, and null when "Remove password" is ticked', async () => {
    const { requests } = mockFetch(mailRoutes());
    const { user } = renderWithProviders(<MailSettingsPanel canEdit />);
    await user.type(await screen.findByTestId('mail-password'), 's3cret pass');
    await user.click(screen.getByTestId('mail-save'));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]?.body).toEqual({
      host: 'smtp.example.com',
      port: 587,
      tlsMode: 'starttls',
      username: 'oig',
      password: 's3cret pass',
      fromAddress: 'oig@example.com',
    });

    // After the save the draft is reset from the server's answer: the password field is empty again.
    await waitFor(() => expect(screen.getByTestId('mail-password')).toHaveValue(''));
    await user.click(screen.getByRole('checkbox', { name: 'Remove password' }));
    expect(screen.getByTestId('mail-password')).toBeDisabled();
    await user.click(screen.getByTestId('mail-save'));
    await waitFor(() => expect(mutations(requests)).toHaveLength(2));
    expect(mutations(requests)[1]?.body).toEqual({
      host: 'smtp.example.com',
      port: 587,
      tlsMode: 'starttls',
      username: 'oig',
      password: null,
      fromAddress: 'oig@example.com',
    });
    // No password is left to keep or remove.
    await waitFor(() => expect(screen.queryByTestId('mail-remove-password')).not.toBeInTheDocument());
    expect(screen.getByTestId('mail-password')).not.toHaveAttribute('placeholder');
  });

  it.each([
    [
      'mail-host',
      'smtp://mail.example.com/',
      'Enter a host name or an IP address, without scheme, path or blanks.',
    ],
    ['mail-host', '   ', 'Enter the SMTP server.'],
    ['mail-port', '70000', 'Enter a port from 1 to 65535.'],
    ['mail-port', 'abc', 'Enter a port from 1 to 65535.'],
    ['mail-port', '0', 'Enter a port from 1 to 65535.'],
    ['mail-from', 'not-an-address', 'Enter one valid email address, e.g. oig@example.com.'],
    ['mail-from', 'a@b.com\r\nBcc: x@y.com', 'Enter one valid email address, e.g. oig@example.com.'],
    ['mail-from', '', 'Enter the From address.'],
  ])('refuses %s = %j with a message and sends nothing', async (testId, value, message) => {
    const { requests } = mockFetch(mailRoutes());
    const { user } = renderWithProviders(<MailSettingsPanel canEdit />);
    const input = await screen.findByTestId(testId);
    fireEvent.change(input, { target: { value } });
    await user.click(screen.getByTestId('mail-save'));

    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(mutations(requests)).toHaveLength(0);
  });

  it("shows the server's 400 on its field, and other errors in an alert", async () => {
    let reply: MockReply = {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: 'Invalid request',
          fields: { host: 'Host not resolvable' },
        },
      },
    };
    mockFetch({ ...mailRoutes(), 'PUT /api/v1/mail/settings': () => reply });
    const { user } = renderWithProviders(<MailSettingsPanel canEdit />);
    await user.click(await screen.findByTestId('mail-save'));

    expect(await screen.findByText('Host not resolvable')).toBeInTheDocument();
    expect(screen.getByTestId('mail-host')).toHaveAttribute('aria-invalid', 'true');
    expect(within(panel()).queryByRole('alert')).not.toBeInTheDocument();

    reply = { status: 403, body: { error: { code: 'forbidden', message: 'Administrators only' } } };
    await user.click(screen.getByTestId('mail-save'));
    expect(await within(panel()).findByRole('alert')).toHaveTextContent('Administrators only');
    expect(screen.getByTestId('mail-host')).not.toHaveAttribute('aria-invalid');
  });

  it('clears with PUT {clear:true} only after confirmation', async () => {
    const { requests } = mockFetch(mailRoutes());
    const { user } = renderWithProviders(<MailSettingsPanel canEdit />);
    await user.click(await screen.findByTestId('mail-clear'));
    let dialog = screen.getByRole('dialog', { name: 'Stop using this mail server?' });
    expect(dialog).toHaveTextContent('/var/lib/oig/outbox');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(mutations(requests)).toHaveLength(0);

    await user.click(screen.getByTestId('mail-clear'));
    dialog = screen.getByRole('dialog', { name: 'Stop using this mail server?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove server' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]?.body).toEqual({ clear: true });
    expect(await screen.findByText('Mail server removed from the options.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('mail-source')).toHaveTextContent('.eml files'));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('sends a test email with POST {to}, says where to look, and refreshes the outbox', async () => {
    const { requests } = mockFetch(mailRoutes());
    const { user, queryClient } = renderWithProviders(<MailSettingsPanel canEdit />);
    const to = await screen.findByRole('textbox', { name: 'Recipient' });
    expect(to).toHaveValue('');

    // Refused locally first.
    await user.type(to, 'nobody');
    await user.click(screen.getByTestId('mail-test-send'));
    expect(
      await screen.findByText('Enter one valid email address, e.g. admin@example.com.'),
    ).toBeInTheDocument();
    expect(mutations(requests)).toHaveLength(0);

    queryClient.setQueryData(['mail', 'outbox', {}], { messages: [], total: 0 });
    await user.clear(to);
    await user.type(to, ' ops@example.com ');
    await user.click(screen.getByRole('button', { name: 'Send Test Email' }));
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]).toMatchObject({
      method: 'POST',
      path: '/api/v1/mail/test',
      body: { to: 'ops@example.com' },
    });
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      'Test message queued; see Mail Outbox.',
    );
    await waitFor(() => expect(queryClient.getQueryState(['mail', 'outbox', {}])?.isInvalidated).toBe(true));
    // A server is set: no note about files.
    expect(screen.queryByTestId('mail-test-delivery-note')).not.toBeInTheDocument();
  });

  it('with no mail server: the test form says messages are saved as files there; the toast names the file', async () => {
    mockFetch(mailRoutes(NONE));
    const { user } = renderWithProviders(<MailSettingsPanel canEdit />);
    expect(await screen.findByTestId('mail-test-delivery-note')).toHaveTextContent(
      'No mail server is set: messages are not emailed but saved as .eml files in /var/lib/oig/outbox',
    );
    await user.type(screen.getByRole('textbox', { name: 'Recipient' }), 'ops@example.com');
    await user.click(screen.getByRole('button', { name: 'Send Test Email' }));
    expect(await screen.findByTestId('toast-info')).toHaveTextContent(
      'No mail server is set: not emailed, saved to file m-1.eml in /var/lib/oig/outbox.',
    );
    expect(screen.queryByTestId('toast-success')).not.toBeInTheDocument();
  });

  it('once a mail server is saved, the note goes', async () => {
    mockFetch(mailRoutes(NONE));
    const { user } = renderWithProviders(<MailSettingsPanel canEdit />);
    await screen.findByTestId('mail-test-delivery-note');
    await user.type(screen.getByRole('textbox', { name: /^SMTP Server/ }), 'smtp.example.com');
    await user.clear(screen.getByTestId('mail-from'));
    await user.type(screen.getByTestId('mail-from'), 'oig@example.com');
    await user.click(screen.getByTestId('mail-save'));
    await waitFor(() => expect(screen.getByTestId('mail-source')).toHaveAttribute('data-source', 'options'));
    expect(screen.queryByTestId('mail-test-delivery-note')).not.toBeInTheDocument();
  });
});

describe('MailSettingsPanel (support users)', () => {
  it('shows the settings read-only, with no form controls', async () => {
    const { requests } = mockFetch(mailRoutes());
    renderWithProviders(<MailSettingsPanel canEdit={false} />);
    expect(await screen.findByTestId('mail-source')).toHaveTextContent('smtp.example.com:587 (set here)');
    expect(screen.getByTestId('mail-value-host')).toHaveTextContent('smtp.example.com');
    expect(screen.getByTestId('mail-value-tls')).toHaveTextContent('STARTTLS');
    expect(screen.getByTestId('mail-value-password')).toHaveTextContent('Set');
    expect(screen.getByTestId('read-only-hint')).toHaveTextContent('Read-only (support)');
    const p = panel();
    expect(within(p).queryByRole('textbox')).not.toBeInTheDocument();
    expect(within(p).queryByRole('combobox')).not.toBeInTheDocument();
    expect(within(p).queryByRole('checkbox')).not.toBeInTheDocument();
    // Only the panel's own show/hide button.
    expect(within(p).getAllByRole('button')).toHaveLength(1);
    expect(mutations(requests)).toHaveLength(0);
  });
});

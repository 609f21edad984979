import type { Me } from '@oig/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OptionsRoute } from '@/app/routes/options';
import { getMeQueryOptions } from '@/lib/me';
import { adminMe, makeUsageReportStatus, supportMe } from '@/testing/data';
import { mockFetch, type RecordedRequest } from '@/testing/mock-fetch';
import { createTestQueryClient, renderWithProviders } from '@/testing/render';

const users = [
  {
    username: 'admin',
    role: 'administrator',
    disabled: false,
    createdAt: '2025-01-01T08:00:00.000Z',
    updatedAt: '2025-01-01T08:00:00.000Z',
    lockedUntil: null,
  },
  {
    username: 'helpdesk',
    role: 'support',
    disabled: false,
    createdAt: '2025-02-01T08:00:00.000Z',
    updatedAt: '2025-02-01T08:00:00.000Z',
    lockedUntil: null,
  },
];

function routes() {
  return {
    'GET /api/v1/options': {
      body: {
        loggingLevel: 'warning',
        usageReportEmail: null,
        keepAlive: { soapSeconds: 10, restSeconds: 600 },
      },
    },
    'GET /api/v1/users': { body: { users } },
    'GET /api/v1/usage-report': { body: makeUsageReportStatus({ email: null, lastMonthly: null }) },
    'GET /api/v1/audit': {
      body: {
        entries: [
          {
            id: 'a1',
            at: '2025-05-01T10:00:00.000Z',
            actor: 'admin',
            actorRole: 'administrator',
            address: '192.0.2.1',
            action: 'user.create',
            target: 'helpdesk',
            before: null,
            after: { role: 'support' },
          },
        ],
        total: 1,
      },
    },
    'POST /api/v1/auth/password': { status: 204 },
    'GET /api/v1/mail/settings': {
      body: {
        source: 'environment',
        host: 'relay.example.com',
        port: 25,
        tlsMode: 'none',
        username: null,
        passwordSet: false,
        fromAddress: 'oig@example.com',
        outboxFolder: '/var/lib/oig/outbox',
      },
    },
    'GET /api/v1/mail/outbox': {
      body: {
        messages: [
          {
            id: 'm1',
            kind: 'test',
            to: ['ops@example.com'],
            subject: 'OIG test message',
            subjectParams: null,
            state: 'failed',
            attempts: 2,
            nextAttemptAt: null,
            lastError: 'Connection refused',
            lastErrorReason: null,
            createdAt: '2025-05-01T10:00:00.000Z',
            sentAt: null,
            savedAt: null,
            fileName: null,
          },
        ],
        total: 1,
      },
    },
  };
}

function renderRoute(me: Me) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(getMeQueryOptions().queryKey, me);
  return renderWithProviders(<OptionsRoute />, { queryClient, route: '/options' });
}

const panel = (testId: string) => screen.getByTestId(testId);

describe('Options tab', () => {
  it('shows the seven panels, with every admin control, to administrators', async () => {
    mockFetch(routes());
    renderRoute(adminMe);

    expect(await screen.findByRole('heading', { name: 'Options', level: 1 })).toBeInTheDocument();
    expect(await screen.findByRole('combobox', { name: 'Logging Level' })).toHaveValue('warning');
    for (const name of [
      'General',
      'Send OIG Usage Report',
      'Outbound Mail',
      'Mail Outbox',
      'Console Users',
      'My Account',
      'Audit Log',
    ]) {
      expect(screen.getByRole('heading', { name, level: 2 })).toBeInTheDocument();
    }
    expect(screen.getByTestId('usage-report-save')).toBeInTheDocument();
    // No address saved yet: Send Now is there but disabled; the CSV is always offered.
    expect(screen.getByRole('button', { name: 'Send Report To Email Now' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Download month-to-date CSV' })).toBeInTheDocument();
    expect(await screen.findByTestId('usage-report-last')).toHaveTextContent(
      'Last monthly report: none yet.',
    );
    expect(await screen.findByRole('button', { name: 'Add User' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Disable helpdesk' })).toBeInTheDocument();
    expect(await screen.findByTestId('mail-source')).toHaveTextContent(
      'relay.example.com:25 (from OIG_SMTP_URL)',
    );
    expect(screen.getByTestId('mail-save')).toBeInTheDocument();
    expect(screen.getByTestId('mail-test-send')).toBeInTheDocument();
    expect(await within(panel('outbox-panel')).findByTestId('outbox-retry')).toBeInTheDocument();
    expect(screen.queryAllByTestId('read-only-hint')).toHaveLength(0);
    expect(document.title).toBe('Options – Mitel Open Integration Gateway');
  });

  it('gives support users panels 1–3 read-only, and My Account and the Audit Log in full', async () => {
    const { requests } = mockFetch(routes());
    const { user } = renderRoute(supportMe);

    expect(await screen.findByTestId('logging-level-value')).toHaveTextContent('Warning');
    expect(screen.getByTestId('usage-report-value')).toHaveTextContent('Not set');
    await within(panel('users-panel')).findByText('helpdesk', { selector: 'span' });

    expect(await screen.findByTestId('mail-source')).toHaveTextContent('relay.example.com:25');
    expect(
      await within(panel('outbox-panel')).findByText('Last error: Connection refused'),
    ).toBeInTheDocument();
    for (const id of [
      'general-panel',
      'usage-report-panel',
      'users-panel',
      'mail-settings-panel',
      'outbox-panel',
    ]) {
      const p = panel(id);
      expect(within(p).getByTestId('read-only-hint')).toHaveTextContent('Read-only (support)');
      expect(
        within(p).queryByRole('button', {
          name: /^(save|clear|add user|disable|enable|change the role|reset the password)/i,
        }),
      ).not.toBeInTheDocument();
      expect(within(p).queryByRole('textbox')).not.toBeInTheDocument();
    }
    expect(
      within(panel('usage-report-panel')).queryByRole('button', { name: /send report/i }),
    ).not.toBeInTheDocument();
    expect(
      within(panel('usage-report-panel')).getByRole('button', { name: 'Download month-to-date CSV' }),
    ).toBeInTheDocument();
    expect(within(panel('general-panel')).queryByRole('combobox')).not.toBeInTheDocument();
    expect(
      within(panel('users-panel')).queryByRole('columnheader', { name: 'Actions' }),
    ).not.toBeInTheDocument();
    expect(within(panel('mail-settings-panel')).queryByRole('combobox')).not.toBeInTheDocument();
    expect(
      within(panel('outbox-panel')).queryByRole('button', { name: /retry|discard/i }),
    ).not.toBeInTheDocument();

    // The audit log is readable and filterable.
    const audit = panel('audit-panel');
    expect(await within(audit).findByTestId('audit-action-cell')).toHaveTextContent('Console user added');
    expect(within(audit).getByRole('button', { name: 'Apply' })).toBeEnabled();

    // My Account works for support.
    await user.click(within(panel('account-panel')).getByRole('button', { name: 'Change Password' }));
    const dialog = screen.getByRole('dialog', { name: 'Change your password' });
    await user.type(within(dialog).getByLabelText(/^Current password/), 'support-old-pass');
    await user.type(within(dialog).getByLabelText(/^New password/), 'support-new-pass');
    await user.type(within(dialog).getByLabelText(/^Confirm new password/), 'support-new-pass{Enter}');
    const mutations = (rs: RecordedRequest[]) => rs.filter((r) => r.method !== 'GET');
    await waitFor(() => expect(mutations(requests)).toHaveLength(1));
    expect(mutations(requests)[0]).toMatchObject({
      path: '/api/v1/auth/password',
      body: { currentPassword: 'support-old-pass', newPassword: 'support-new-pass' },
    });
  });
});

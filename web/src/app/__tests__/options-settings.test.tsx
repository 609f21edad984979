import type { MailOutcome, MailSettings, Options, UsageReportStatus } from '@oig/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { makeUsageReportStatus } from '@/testing/data';
import { blobText, recordDownloads } from '@/testing/downloads';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';
import { createTestQueryClient, renderWithProviders } from '@/testing/render';
import { SettingsPanels as OptionsSettings } from '@/app/routes/options';

const FOLDER = '/var/lib/oig/outbox';
const SMTP_OUTCOME: MailOutcome = {
  id: 'mail-42',
  state: 'queued',
  delivery: 'smtp',
  fileName: null,
  outboxFolder: null,
};
const FILE_OUTCOME: MailOutcome = {
  id: 'mail-42',
  state: 'saved',
  delivery: 'file',
  fileName: 'mail-42.eml',
  outboxFolder: FOLDER,
};
const mailSettings = (source: MailSettings['source']): MailSettings => ({
  source,
  host: source === 'none' ? null : 'smtp.example.com',
  port: source === 'none' ? null : 25,
  tlsMode: source === 'none' ? null : 'none',
  username: null,
  passwordSet: false,
  fromAddress: 'oig@example.com',
  outboxFolder: FOLDER,
});

const OPTIONS: Options = {
  loggingLevel: 'info',
  usageReportEmail: 'ops@example.com',
  keepAlive: { soapSeconds: 10, restSeconds: 600 },
};

/**
 * GET answers the stored options; PUT merges the body into them, as the server does. The usage
 * report status and "Send Now" answer from the stored address too.
 */
function optionsRoutes(
  initial: Options = OPTIONS,
  status: UsageReportStatus = makeUsageReportStatus(),
  sendOutcome: MailOutcome = SMTP_OUTCOME,
) {
  let stored = { ...initial };
  return {
    'GET /api/v1/options': () => ({ body: stored }),
    'GET /api/v1/usage-report': () => ({ body: { ...status, email: stored.usageReportEmail } }),
    'POST /api/v1/usage-report/send': (req: RecordedRequest): MockReply => {
      const month = (req.body as { month?: string } | undefined)?.month;
      return stored.usageReportEmail
        ? {
            status: 202,
            body: {
              month: month ?? '2026-11',
              monthToDate: month === undefined,
              to: stored.usageReportEmail,
              mailId: 'mail-42',
              mail: sendOutcome,
            },
          }
        : {
            status: 409,
            body: {
              error: {
                code: 'conflict',
                message: 'No usage report email address is set: save one under Send OIG Usage Report first',
              },
            },
          };
    },
    'PUT /api/v1/options': (req: RecordedRequest): MockReply => {
      stored = { ...stored, ...(req.body as Partial<Options>) };
      return { body: stored };
    },
  };
}

const puts = (requests: RecordedRequest[]) => requests.filter((r) => r.method === 'PUT');

describe('OptionsSettings: General', () => {
  it('shows the logging level, an explanation of each level and the keep-alive timeouts', async () => {
    mockFetch(optionsRoutes());
    renderWithProviders(<OptionsSettings canEdit />);

    const select = await screen.findByRole('combobox', { name: 'Logging Level' });
    expect(select).toHaveValue('info');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Error', 'Warning', 'Info (default)', 'Trace']);
    const help = screen.getByTestId('logging-level-help');
    expect(help).toHaveTextContent('troubleshooting at customer sites');
    expect(help).toHaveTextContent('all levels');
    expect(help).toHaveTextContent('OIG support');
    expect(screen.getByTestId('keepalive-soap')).toHaveTextContent('SOAP: 10 s');
    expect(screen.getByTestId('keepalive-rest')).toHaveTextContent('REST: 600 s');
    expect(screen.getByTestId('keepalive')).toHaveTextContent('OIG_SOAP_KEEPALIVE_S / OIG_REST_KEEPALIVE_S');
    // Nothing to save until the level changes.
    expect(within(screen.getByTestId('general-panel')).getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('saves the logging level with PUT {loggingLevel} and says it is applied immediately', async () => {
    const { requests } = mockFetch(optionsRoutes());
    setCsrfToken('csrf-opt');
    const { user } = renderWithProviders(<OptionsSettings canEdit />);

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Logging Level' }), 'trace');
    await user.click(screen.getByTestId('logging-level-save'));

    await waitFor(() => expect(puts(requests)).toHaveLength(1));
    expect(puts(requests)[0]?.body).toEqual({ loggingLevel: 'trace' });
    expect(puts(requests)[0]?.headers.get('X-CSRF-Token')).toBe('csrf-opt');
    expect(
      await screen.findByText('Logging level set to Trace. The change is applied immediately.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('logging-level-save')).toBeDisabled());
  });

  it("shows the server's message when saving fails", async () => {
    mockFetch({
      ...optionsRoutes(),
      'PUT /api/v1/options': {
        status: 403,
        body: { error: { code: 'forbidden', message: 'Administrators only' } },
      },
    });
    const { user } = renderWithProviders(<OptionsSettings canEdit />);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Logging Level' }), 'error');
    await user.click(screen.getByTestId('logging-level-save'));
    expect(await within(screen.getByTestId('general-panel')).findByRole('alert')).toHaveTextContent(
      'Administrators only',
    );
  });
});

describe('OptionsSettings: Send OIG Usage Report', () => {
  it('shows the address and says when the report is mailed', async () => {
    mockFetch(optionsRoutes());
    renderWithProviders(<OptionsSettings canEdit />);
    const email = await screen.findByRole('textbox', { name: 'Email Address' });
    expect(email).toHaveValue('ops@example.com');
    expect(email).toHaveAccessibleDescription('The report is mailed on the first day of each month.');
    const send = screen.getByRole('button', { name: 'Send Report To Email Now' });
    expect(send).toBeEnabled();
    expect(send).toHaveAccessibleDescription(
      'Mails the month-to-date report to ops@example.com now, through the Mail Outbox.',
    );
  });

  it.each([
    ['not-an-address', 'Enter one valid email address, e.g. admin@example.com.'],
    ['a@b.com\r\nBcc: x@y.com', 'Enter one valid email address, e.g. admin@example.com.'],
    ['Admin <admin@example.com>', 'Enter one valid email address, e.g. admin@example.com.'],
    ['   ', 'Enter an email address, or use Clear to stop sending the report.'],
  ])('refuses %j with a message and sends nothing', async (value, message) => {
    const { requests } = mockFetch(optionsRoutes());
    const { user } = renderWithProviders(<OptionsSettings canEdit />);
    const email = await screen.findByRole('textbox', { name: 'Email Address' });
    // fireEvent keeps CR/LF as far as the input allows (typing would submit on the newline).
    fireEvent.change(email, { target: { value } });
    await user.click(screen.getByTestId('usage-report-save'));

    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(puts(requests)).toHaveLength(0);
  });

  it('saves a valid address (trimmed) with PUT {usageReportEmail}', async () => {
    const { requests } = mockFetch(optionsRoutes());
    const { user } = renderWithProviders(<OptionsSettings canEdit />);
    const email = await screen.findByRole('textbox', { name: 'Email Address' });
    await user.clear(email);
    await user.type(email, ' reports@example.org {Enter}');

    await waitFor(() => expect(puts(requests)).toHaveLength(1));
    expect(puts(requests)[0]?.body).toEqual({ usageReportEmail: 'reports@example.org' });
    expect(
      await screen.findByText('The usage report will be mailed to reports@example.org.'),
    ).toBeInTheDocument();
  });

  it('clears the address with PUT {usageReportEmail:null} only after confirmation', async () => {
    const { requests } = mockFetch(optionsRoutes());
    const { user } = renderWithProviders(<OptionsSettings canEdit />);
    await screen.findByRole('textbox', { name: 'Email Address' });

    await user.click(screen.getByTestId('usage-report-clear'));
    let dialog = screen.getByRole('dialog', { name: 'Stop sending the usage report?' });
    expect(dialog).toHaveTextContent('ops@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(puts(requests)).toHaveLength(0);

    await user.click(screen.getByTestId('usage-report-clear'));
    dialog = screen.getByRole('dialog', { name: 'Stop sending the usage report?' });
    await user.click(within(dialog).getByRole('button', { name: 'Clear address' }));

    await waitFor(() => expect(puts(requests)).toHaveLength(1));
    expect(puts(requests)[0]?.body).toEqual({ usageReportEmail: null });
    expect(
      await screen.findByText('Email address cleared: the usage report is no longer sent.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Email Address' })).toHaveValue(''));
    expect(screen.getByTestId('usage-report-clear')).toBeDisabled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('OptionsSettings: Send Report To Email Now, status and CSV', () => {
  const posts = (requests: RecordedRequest[]) => requests.filter((r) => r.method === 'POST');

  it('queues the month-to-date report with POST (CSRF), says so and reads the Mail Outbox again', async () => {
    const { requests } = mockFetch(optionsRoutes());
    setCsrfToken('csrf-send');
    const queryClient = createTestQueryClient();
    const outboxKey = ['mail', 'outbox', { limit: '50', offset: '0' }] as const;
    queryClient.setQueryData(outboxKey, { messages: [], total: 0 });
    const { user } = renderWithProviders(<OptionsSettings canEdit />, { queryClient });

    await user.click(await screen.findByRole('button', { name: 'Send Report To Email Now' }));

    await waitFor(() => expect(posts(requests)).toHaveLength(1));
    expect(posts(requests)[0]?.path).toBe('/api/v1/usage-report/send');
    expect(posts(requests)[0]?.headers.get('X-CSRF-Token')).toBe('csrf-send');
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      'Month-to-date report for 2026-11 queued for ops@example.com — see Mail Outbox.',
    );
    expect(queryClient.getQueryState(outboxKey)?.isInvalidated).toBe(true);
    expect(screen.getByRole('button', { name: 'Send Report To Email Now' })).toBeEnabled();
  });

  it('with no mail server: a note says reports are saved as files and where; the toast names the file', async () => {
    mockFetch({
      ...optionsRoutes(OPTIONS, makeUsageReportStatus(), FILE_OUTCOME),
      'GET /api/v1/mail/settings': { body: mailSettings('none') },
    });
    const { user } = renderWithProviders(<OptionsSettings canEdit />);

    expect(await screen.findByTestId('usage-report-delivery-note')).toHaveTextContent(
      `No mail server is set: messages are not emailed but saved as .eml files in ${FOLDER}`,
    );
    await user.click(screen.getByRole('button', { name: 'Send Report To Email Now' }));
    expect(await screen.findByTestId('toast-info')).toHaveTextContent(
      `No mail server is set: not emailed, saved to file mail-42.eml in ${FOLDER}.`,
    );
    expect(screen.queryByTestId('toast-success')).not.toBeInTheDocument();
  });

  it('with a mail server: no note, and the toast says queued', async () => {
    mockFetch({ ...optionsRoutes(), 'GET /api/v1/mail/settings': { body: mailSettings('options') } });
    const queryClient = createTestQueryClient();
    const { user } = renderWithProviders(<OptionsSettings canEdit />, { queryClient });

    // The mail settings are read (a server is set), and still no note.
    await waitFor(() => expect(queryClient.getQueryState(['mail', 'settings'])?.status).toBe('success'));
    expect(screen.getByRole('button', { name: 'Send Report To Email Now' })).toBeEnabled();
    expect(screen.queryByTestId('usage-report-delivery-note')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send Report To Email Now' }));
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      'Month-to-date report for 2026-11 queued for ops@example.com — see Mail Outbox.',
    );
  });

  it('is disabled, and says why, while no address is saved', async () => {
    const { requests } = mockFetch(optionsRoutes({ ...OPTIONS, usageReportEmail: null }));
    renderWithProviders(<OptionsSettings canEdit />);

    const send = await screen.findByRole('button', { name: 'Send Report To Email Now' });
    expect(send).toBeDisabled();
    expect(send).toHaveAccessibleDescription(
      'Save an email address first: the report is sent to the saved address.',
    );
    expect(posts(requests)).toHaveLength(0);
  });

  it('becomes usable once an address is saved', async () => {
    mockFetch(optionsRoutes({ ...OPTIONS, usageReportEmail: null }));
    const { user } = renderWithProviders(<OptionsSettings canEdit />);
    expect(await screen.findByRole('button', { name: 'Send Report To Email Now' })).toBeDisabled();

    await user.type(screen.getByRole('textbox', { name: 'Email Address' }), 'reports@example.org{Enter}');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Send Report To Email Now' })).toBeEnabled(),
    );
    expect(screen.getByTestId('usage-report-send-hint')).toHaveTextContent('reports@example.org');
  });

  it("shows the server's 409 message when the address is gone", async () => {
    mockFetch({
      ...optionsRoutes(),
      'POST /api/v1/usage-report/send': {
        status: 409,
        body: {
          error: {
            code: 'conflict',
            message: 'No usage report email address is set: save one under Send OIG Usage Report first',
          },
        },
      },
    });
    const { user } = renderWithProviders(<OptionsSettings canEdit />);
    await user.click(await screen.findByRole('button', { name: 'Send Report To Email Now' }));

    const alert = await within(screen.getByTestId('usage-report-panel')).findByRole('alert');
    expect(alert).toHaveTextContent(
      'No usage report email address is set: save one under Send OIG Usage Report first',
    );
    expect(screen.queryByTestId('toast-success')).not.toBeInTheDocument();

    // Saving the address again (the same one) makes that answer obsolete: it goes.
    await user.click(screen.getByTestId('usage-report-save'));
    await waitFor(() =>
      expect(
        within(screen.getByTestId('usage-report-panel')).queryByText(/No usage report email address is set/),
      ).not.toBeInTheDocument(),
    );
  });

  it('drops a Send Now error once the address is cleared', async () => {
    mockFetch({
      ...optionsRoutes(),
      'POST /api/v1/usage-report/send': {
        status: 502,
        body: { error: { code: 'upstream_failed', message: 'The outbox could not take the report' } },
      },
    });
    const { user } = renderWithProviders(<OptionsSettings canEdit />);
    await user.click(await screen.findByRole('button', { name: 'Send Report To Email Now' }));
    const panel = screen.getByTestId('usage-report-panel');
    expect(await within(panel).findByText('The outbox could not take the report')).toBeInTheDocument();

    await user.click(screen.getByTestId('usage-report-clear'));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: /Clear/ }));
    await waitFor(() =>
      expect(within(panel).queryByText('The outbox could not take the report')).not.toBeInTheDocument(),
    );
  });

  it('tells when the monthly report is next due, in the report time zone, and how the last one went', async () => {
    mockFetch(optionsRoutes());
    renderWithProviders(<OptionsSettings canEdit />);

    expect(await screen.findByTestId('usage-report-next')).toHaveTextContent(
      'Monthly report: sent on the first day of each month for the previous month (time zone Europe/Paris). Next: December 1, 2026.',
    );
    expect(screen.getByTestId('usage-report-last').textContent).toMatch(
      /^Last monthly report: October 2026 — sent on Nov 1, 2026, 12:01\sAM\.$/,
    );
  });

  it.each<[string, UsageReportStatus['lastMonthly'], string]>([
    [
      'skipped',
      { month: '2026-10', outcome: 'skipped', handledAt: '2026-11-01T00:01:00.000+01:00', mail: null },
      'Last monthly report: October 2026 — skipped (no address set).',
    ],
    [
      'queued',
      {
        month: '2026-09',
        outcome: 'queued',
        handledAt: '2026-10-01T00:01:00.000+02:00',
        mail: { id: 'm', state: 'queued', sentAt: null, savedAt: null, fileName: null },
      },
      'Last monthly report: September 2026 — queued.',
    ],
    [
      'failed',
      {
        month: '2026-10',
        outcome: 'queued',
        handledAt: '2026-11-01T00:01:00.000+01:00',
        mail: { id: 'm', state: 'failed', sentAt: null, savedAt: null, fileName: null },
      },
      'Last monthly report: October 2026 — failed (see Mail Outbox).',
    ],
    [
      'saved to a file',
      {
        month: '2026-10',
        outcome: 'queued',
        handledAt: '2026-11-01T00:01:00.000+01:00',
        mail: {
          id: 'm',
          state: 'saved',
          sentAt: null,
          savedAt: '2026-11-01T00:01:05.000+01:00',
          fileName: 'm.eml',
        },
      },
      'Last monthly report: October 2026 — not emailed, saved to file m.eml (no mail server was set).',
    ],
    ['none', null, 'Last monthly report: none yet.'],
  ])('words a last monthly report that is %s', async (_, lastMonthly, text) => {
    mockFetch(optionsRoutes(OPTIONS, makeUsageReportStatus({ lastMonthly })));
    renderWithProviders(<OptionsSettings canEdit={false} />);
    expect(await screen.findByTestId('usage-report-last')).toHaveTextContent(text);
  });

  it('offers the month-to-date CSV to every role, and never Send Now to support', async () => {
    const csvText = '\uFEFFOIG usage report\r\nTime zone,Europe/Paris\r\n';
    const { requests } = mockFetch({
      ...optionsRoutes(),
      'GET /api/v1/usage-report/report.csv': {
        text: csvText,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': 'attachment; filename="oig-usage-2026-11-to-date.csv"',
        },
      },
    });
    const saved = recordDownloads();
    const { user } = renderWithProviders(<OptionsSettings canEdit={false} />);

    const csv = await screen.findByRole('button', { name: 'Download month-to-date CSV' });
    expect(csv).toHaveAttribute('data-testid', 'usage-report-csv');
    await user.click(csv);
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.name).toBe('oig-usage-2026-11-to-date.csv');
    expect(await blobText(saved[0]!.blob)).toBe(csvText);
    expect(requests.filter((r) => r.path === '/api/v1/usage-report/report.csv').map((r) => r.method)).toEqual(
      ['GET'],
    );
    await screen.findByTestId('usage-report-next');
    expect(screen.queryByRole('button', { name: 'Send Report To Email Now' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('usage-report-send-hint')).not.toBeInTheDocument();
    expect(posts(requests)).toHaveLength(0);
  });

  it('shows the status in French', async () => {
    const { i18n } = await import('@/lib/i18n');
    await i18n.changeLanguage('fr');
    mockFetch(optionsRoutes());
    renderWithProviders(<OptionsSettings canEdit />);

    expect(await screen.findByTestId('usage-report-next')).toHaveTextContent(
      'Prochain envoi : 1 décembre 2026.',
    );
    expect(screen.getByTestId('usage-report-last')).toHaveTextContent(
      /^Dernier rapport mensuel : octobre 2026 — envoyé le 1 nov\. 2026/,
    );
    expect(screen.getByRole('button', { name: 'Envoyer le rapport par e-mail maintenant' })).toBeEnabled();
  });
});

describe('OptionsSettings: support users', () => {
  it('shows both panels read-only, with no Save or Clear', async () => {
    const { requests } = mockFetch(optionsRoutes());
    renderWithProviders(<OptionsSettings canEdit={false} />);

    expect(await screen.findByTestId('logging-level-value')).toHaveTextContent('Info (default)');
    expect(screen.getByTestId('usage-report-value')).toHaveTextContent('ops@example.com');
    expect(screen.getByTestId('keepalive-rest')).toHaveTextContent('REST: 600 s');
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /save|clear/i })).not.toBeInTheDocument();
    expect(screen.getAllByTestId('read-only-hint')).toHaveLength(2);
    expect(requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });
});

describe('OptionsSettings: Send Report To Email Now for a past month', () => {
  const posts = (requests: RecordedRequest[]) => requests.filter((r) => r.method === 'POST');
  const STATUS = makeUsageReportStatus({ pastMonths: { oldest: '2026-07', latest: '2026-10' } });

  it('offers this month so far, then the past months the server allows, newest first', async () => {
    mockFetch(optionsRoutes(OPTIONS, STATUS));
    renderWithProviders(<OptionsSettings canEdit />);

    const select = await screen.findByRole('combobox', { name: 'Report period' });
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(5));
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => [o.getAttribute('value'), o.textContent]),
    ).toEqual([
      ['', 'This month so far'],
      ['2026-10', 'October 2026'],
      ['2026-09', 'September 2026'],
      ['2026-08', 'August 2026'],
      ['2026-07', 'July 2026'],
    ]);
    expect(select).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Send Report To Email Now' })).toHaveAccessibleDescription(
      'Mails the month-to-date report to ops@example.com now, through the Mail Outbox.',
    );
  });

  it('an older process (rolling upgrade) sends no pastMonths nor monthToDate: month to date only, said as such', async () => {
    const { pastMonths: _absent, ...older } = STATUS;
    mockFetch({
      ...optionsRoutes(OPTIONS, older),
      'POST /api/v1/usage-report/send': {
        status: 202,
        body: { month: '2026-11', to: 'ops@example.com', mailId: 'mail-7', mail: SMTP_OUTCOME },
      },
    });
    const { user } = renderWithProviders(<OptionsSettings canEdit />);
    const send = await screen.findByRole('button', { name: 'Send Report To Email Now' });
    const select = screen.queryByRole('combobox', { name: 'Report period' });
    if (select)
      expect(
        within(select)
          .getAllByRole('option')
          .map((o) => o.getAttribute('value')),
      ).toEqual(['']);
    await user.click(send);
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      'Month-to-date report for 2026-11 queued',
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('month to date sends no body and asks nothing', async () => {
    const { requests } = mockFetch(optionsRoutes(OPTIONS, STATUS));
    const { user } = renderWithProviders(<OptionsSettings canEdit />);
    await user.click(await screen.findByRole('button', { name: 'Send Report To Email Now' }));
    await waitFor(() => expect(posts(requests)).toHaveLength(1));
    expect(posts(requests)[0]?.body).toBeUndefined();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('a past month: a confirmation naming it and the address, then POST {month} with CSRF, progress, and a toast', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const routes = optionsRoutes(OPTIONS, STATUS);
    const { requests } = mockFetch({
      ...routes,
      'POST /api/v1/usage-report/send': async (req: RecordedRequest) => {
        await held;
        return routes['POST /api/v1/usage-report/send'](req);
      },
    });
    setCsrfToken('csrf-past');
    const { user } = renderWithProviders(<OptionsSettings canEdit />);

    const select = await screen.findByRole('combobox', { name: 'Report period' });
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(5));
    await user.selectOptions(select, '2026-09');
    const send = screen.getByRole('button', { name: 'Send Report To Email Now' });
    expect(send).toHaveAccessibleDescription(
      "Mails the monthly report for September 2026 to ops@example.com now: the same report as that month's " +
        'monthly mail, e.g. when that went to a wrong address.',
    );

    // Cancel: nothing is sent.
    await user.click(send);
    let dialog = await screen.findByRole('dialog', { name: 'Send the report for September 2026?' });
    expect(dialog).toHaveAccessibleDescription(
      'The monthly report for September 2026 is mailed again to ops@example.com, the address saved now, ' +
        "with the same content as that month's monthly mail.",
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(posts(requests)).toHaveLength(0);

    await user.click(send);
    dialog = await screen.findByRole('dialog', { name: 'Send the report for September 2026?' });
    await user.click(within(dialog).getByRole('button', { name: 'Send Report' }));
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      'Sending the report for September 2026…',
    );
    expect(select).toBeDisabled();
    await waitFor(() => expect(posts(requests)).toHaveLength(1));
    expect(posts(requests)[0]?.body).toEqual({ month: '2026-09' });
    expect(posts(requests)[0]?.headers.get('X-CSRF-Token')).toBe('csrf-past');

    release();
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      'Report for September 2026 queued for ops@example.com — see Mail Outbox.',
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(select).toBeEnabled();
    expect(select).toHaveValue('2026-09');
  });

  it("a refused month: the server's reason in the console's words beside the button", async () => {
    mockFetch({
      ...optionsRoutes(OPTIONS, STATUS),
      'POST /api/v1/usage-report/send': {
        status: 400,
        body: {
          error: {
            code: 'validation_failed',
            reason: 'usage_month_too_old',
            params: { month: '2026-07', oldest: '2026-08', days: '62' },
            message:
              'The session history (kept 62 days) no longer holds all of 2026-07: choose 2026-08 or later',
          },
        },
      },
    });
    const { user } = renderWithProviders(<OptionsSettings canEdit />);
    const select = await screen.findByRole('combobox', { name: 'Report period' });
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(5));
    await user.selectOptions(select, '2026-07');
    await user.click(screen.getByRole('button', { name: 'Send Report To Email Now' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Send Report' }));

    const alert = await within(screen.getByTestId('usage-report-panel')).findByRole('alert');
    expect(alert).toHaveTextContent(
      'The session history (kept 62 days) no longer holds all of 2026-07: choose 2026-08 or a later month.',
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByTestId('toast-success')).not.toBeInTheDocument();
    // Choosing another month puts that answer away.
    await user.selectOptions(select, '2026-08');
    expect(within(screen.getByTestId('usage-report-panel')).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('names the months in the console language (French)', async () => {
    const { i18n } = await import('@/lib/i18n');
    await i18n.changeLanguage('fr');
    mockFetch(optionsRoutes(OPTIONS, STATUS));
    const { user } = renderWithProviders(<OptionsSettings canEdit />);

    const select = await screen.findByRole('combobox', { name: 'Période du rapport' });
    await waitFor(() => expect(within(select).getAllByRole('option')).toHaveLength(5));
    expect(within(select).getAllByRole('option')[0]).toHaveTextContent('Mois en cours jusqu’à aujourd’hui');
    expect(within(select).getAllByRole('option')[1]).toHaveTextContent('octobre 2026');
    await user.selectOptions(select, '2026-08');
    await user.click(screen.getByRole('button', { name: 'Envoyer le rapport par e-mail maintenant' }));
    expect(
      await screen.findByRole('dialog', { name: 'Envoyer le rapport mensuel (août 2026)\u00a0?' }),
    ).toBeInTheDocument();
  });

  it('support users get no month choice', async () => {
    mockFetch(optionsRoutes(OPTIONS, STATUS));
    renderWithProviders(<OptionsSettings canEdit={false} />);
    expect(await screen.findByTestId('usage-report-next')).toBeInTheDocument();
    expect(screen.queryByTestId('usage-report-month')).not.toBeInTheDocument();
  });
});

import type { Options } from '@oig/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { OptionsSettings } from '../components/options-settings';

const OPTIONS: Options = { loggingLevel: 'info', usageReportEmail: 'ops@example.com', keepAlive: { soapSeconds: 10, restSeconds: 600 } };

/** GET answers the stored options; PUT merges the body into them, as the server does. */
function optionsRoutes(initial: Options = OPTIONS) {
  let stored = { ...initial };
  return {
    'GET /api/v1/options': () => ({ body: stored }),
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
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Error', 'Warning', 'Info (default)', 'Trace']);
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
    expect(await screen.findByText('Logging level set to Trace. The change is applied immediately.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('logging-level-save')).toBeDisabled());
  });

  it("shows the server's message when saving fails", async () => {
    mockFetch({
      ...optionsRoutes(),
      'PUT /api/v1/options': { status: 403, body: { error: { code: 'forbidden', message: 'Administrators only' } } },
    });
    const { user } = renderWithProviders(<OptionsSettings canEdit />);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Logging Level' }), 'error');
    await user.click(screen.getByTestId('logging-level-save'));
    expect(await within(screen.getByTestId('general-panel')).findByRole('alert')).toHaveTextContent('Administrators only');
  });
});

describe('OptionsSettings: Send OIG Usage Report', () => {
  it('shows the address and says when the report is mailed', async () => {
    mockFetch(optionsRoutes());
    renderWithProviders(<OptionsSettings canEdit />);
    const email = await screen.findByRole('textbox', { name: 'Email Address' });
    expect(email).toHaveValue('ops@example.com');
    expect(email).toHaveAccessibleDescription('The report is mailed on the first day of each month.');
    expect(screen.queryByRole('button', { name: /send report/i })).not.toBeInTheDocument();
  });

  it.each([
    ['not-an-address', 'Enter one valid e-mail address, e.g. admin@example.com.'],
    ['a@b.com\r\nBcc: x@y.com', 'Enter one valid e-mail address, e.g. admin@example.com.'],
    ['Admin <admin@example.com>', 'Enter one valid e-mail address, e.g. admin@example.com.'],
    ['   ', 'Enter an e-mail address, or use Clear to stop sending the report.'],
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
    expect(await screen.findByText('The usage report will be mailed to reports@example.org.')).toBeInTheDocument();
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
    expect(await screen.findByText('E-mail address cleared: the usage report is no longer sent.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Email Address' })).toHaveValue(''));
    expect(screen.getByTestId('usage-report-clear')).toBeDisabled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
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

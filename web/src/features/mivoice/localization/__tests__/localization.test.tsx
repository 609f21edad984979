import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { blobText, recordDownloads } from '@/testing/downloads';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { MivoiceView } from '../../components/mivoice-view';
import { fakeXhr } from '../../__tests__/fake-xhr';
import { makeLanguage, makeLocalizationReport, mivoiceRoutes, uploadedFile } from '../../__tests__/fixtures';

const JA_CSV = '\uFEFFmessageKey,languageValue\r\nbutton.call,"通話, ""appel"""\r\n';

const file = (name: string, text = 'messageKey,languageValue\r\nbutton.call,通話\r\n') =>
  new File([text], name, { type: 'text/csv' });

function renderLocalization(
  routes: Record<string, MockReply | ((r: RecordedRequest) => MockReply | Promise<MockReply>)>,
  route = '/mivoice?tab=localization',
) {
  const mocked = mockFetch(routes);
  const rendered = renderWithProviders(<MivoiceView canEdit />, { route });
  return { ...mocked, ...rendered };
}

async function chooseLanguageFile(user: ReturnType<typeof renderWithProviders>['user'], chosen: File) {
  await user.click(await screen.findByTestId('localization-add'));
  const dialog = screen.getByRole('dialog', { name: 'Add Language File' });
  await user.upload(within(dialog).getByLabelText('Language file (CSV)'), chosen);
  return dialog;
}

describe('Localization: languages', () => {
  it('lists the languages of the chosen application with completeness, import details and actions', async () => {
    const { user } = renderLocalization(mivoiceRoutes().routes);

    const table = await screen.findByRole('table', { name: 'Languages of MiVoice Integration for Google' });
    const rows = within(table).getAllByTestId('table-row');
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual([
      'Englishen',
      'Frenchfr',
      'Japaneseja',
    ]);
    const ja = rows[2] as HTMLElement;
    // A file of every key with 3 translated is not complete: the three counts, not "150 / 150".
    expect(within(ja).getByTestId('language-completeness')).toHaveTextContent(
      '3 translated · 117 same as English · 30 missing',
    );
    expect(ja).toHaveTextContent(/11\/2\/26.* by admin/);
    expect(ja).toHaveTextContent('MiVoice Integration for Google_ja.csv');
    expect(within(ja).getByRole('button', { name: 'Download Japanese (ja)' })).toHaveTextContent('Download');
    expect(within(ja).getByRole('button', { name: 'Delete Japanese (ja)' })).toBeInTheDocument();
    const en = rows[0] as HTMLElement;
    expect(en).toHaveTextContent('Built in');
    expect(within(en).getByTestId('language-completeness')).toHaveTextContent('150 / 150 (100%)');
    expect(within(en).queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument();
    expect(screen.getByTestId('table-count')).toHaveTextContent('3 languages');

    await user.click(screen.getByRole('radio', { name: 'Salesforce' }));
    const salesforce = await screen.findByRole('table', {
      name: 'Languages of MiVoice Integration for Salesforce',
    });
    expect(within(salesforce).getAllByTestId('table-row')).toHaveLength(2);
    expect(
      within(salesforce).getByText('40 translated · 0 same as English · 40 missing'),
    ).toBeInTheDocument();
  });

  it("downloads a row's language: its file, under the server's name, busy meanwhile", async () => {
    const { routes } = mivoiceRoutes();
    let answer: (reply: MockReply) => void = () => undefined;
    const { requests, user } = renderLocalization({
      ...routes,
      'GET /api/v1/mivoice/localization/google/ja/export': () =>
        new Promise<MockReply>((resolve) => (answer = resolve)),
    });
    const saved = recordDownloads();

    const download = await screen.findByRole('button', { name: 'Download Japanese (ja)' });
    expect(download).toHaveAttribute('data-testid', 'language-download');
    await user.click(download);
    await waitFor(() => expect(download).toHaveAttribute('aria-busy', 'true'));
    expect(requests.filter((r) => r.path.endsWith('/export')).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v1/mivoice/localization/google/ja/export',
    ]);
    answer({
      text: JA_CSV,
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="MiVoice Integration for Google_ja.csv"',
      },
    });

    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]?.name).toBe('MiVoice Integration for Google_ja.csv');
    expect(await blobText(saved[0]!.blob)).toBe(JA_CSV);
    await waitFor(() => expect(download).not.toHaveAttribute('aria-busy'));
  });

  it('says so when the language was deleted meanwhile by someone else (404), and saves nothing', async () => {
    const { routes, state } = mivoiceRoutes();
    const { user } = renderLocalization(routes);
    const saved = recordDownloads();
    const download = await screen.findByRole('button', { name: 'Download Japanese (ja)' });
    const google = state.localization.applications[0]!;
    google.languages = google.languages.filter((l) => l.code !== 'ja');

    await user.click(download);
    expect(await screen.findByTestId('toast-error')).toHaveTextContent(
      'MiVoice Integration for Google_ja.csv could not be downloaded: Japanese (ja) is not imported for MiVoice Integration for Google',
    );
    expect(saved).toEqual([]);
  });

  it('deletes an imported language only after confirmation, with the CSRF header', async () => {
    const { requests, user } = renderLocalization(mivoiceRoutes().routes);
    setCsrfToken('csrf-del');
    const deletes = () => requests.filter((r) => r.method === 'DELETE');

    await user.click(await screen.findByRole('button', { name: 'Delete Japanese (ja)' }));
    let dialog = screen.getByRole('dialog', { name: 'Delete Japanese (ja)?' });
    expect(dialog).toHaveTextContent('The Japanese strings of MiVoice Integration for Google are deleted.');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(deletes()).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Delete Japanese (ja)' }));
    dialog = screen.getByRole('dialog', { name: 'Delete Japanese (ja)?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(deletes()).toHaveLength(1));
    expect(deletes()[0]?.path).toBe('/api/v1/mivoice/localization/google/ja');
    expect(deletes()[0]?.headers.get('X-CSRF-Token')).toBe('csrf-del');
    expect(await screen.findByTestId('toast-success')).toHaveTextContent(
      'Japanese (ja) deleted from MiVoice Integration for Google.',
    );
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Delete Japanese (ja)' })).not.toBeInTheDocument(),
    );
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Language' })).toHaveFocus());
  });
});

describe('Localization: Add (import)', () => {
  it.each([
    [
      'translations_ja.csv',
      '“translations_ja.csv” does not follow the file-name rule. Expected “MiVoice Integration for Google_xx.csv” or “MiVoice Integration for Salesforce_xx.csv”, where xx is one of: zh-cn, zh-tw, da, nl, en, fi, fr, de, it, ja, ko, nb, pt-pt, pt-br, ru, es, sv.',
    ],
    [
      'MiVoice Integration for Google_jp.csv',
      '“jp” is not a supported language code. Use one of: zh-cn, zh-tw, da, nl, en, fi, fr, de, it, ja, ko, nb, pt-pt, pt-br, ru, es, sv.',
    ],
    ['MiVoice Integration for Google_ja.txt', 'does not follow the file-name rule'],
    ['MiVoice Integration for Outlook_ja.csv', 'does not follow the file-name rule'],
  ])('refuses %j in the browser with what is expected, and uploads nothing', async (name, message) => {
    const { uploads } = fakeXhr();
    const { user } = renderLocalization(mivoiceRoutes().routes);
    const dialog = await chooseLanguageFile(user, file(name));
    const input = within(dialog).getByLabelText('Language file (CSV)');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(within(dialog).getByRole('button', { name: 'Upload' })).toBeDisabled();
    expect(uploads).toHaveLength(0);
  });

  it('accepts the rule case-insensitively, uploads the file and shows the stored report with warnings; Done shows that application', async () => {
    const { routes, state } = mivoiceRoutes();
    const { uploads } = fakeXhr();
    const { user } = renderLocalization({
      ...routes,
      'POST /api/v1/mivoice/localization/import': (request: RecordedRequest): MockReply => {
        expect(uploadedFile(request).name).toBe('mivoice integration for salesforce_PT-BR.csv');
        expect(uploadedFile(request).text).toContain('通話');
        state.localization.applications[1]?.languages.push(
          makeLanguage('pt-br', 'Portuguese (Brazil)', { translated: 78, total: 80 }),
        );
        return {
          body: makeLocalizationReport({
            application: 'salesforce',
            language: 'pt-br',
            fileName: 'mivoice integration for salesforce_PT-BR.csv',
            translated: 78,
            total: 80,
            warnings: [
              {
                line: null,
                key: 'label.voicemail',
                kind: 'missing_key',
                params: { english: 'Voicemail' },
                message: 'Missing: English is used',
              },
              {
                line: null,
                key: 'label.transfer',
                kind: 'missing_key',
                params: { english: 'Transfer' },
                message: 'Missing: English is used',
              },
            ],
          }),
        };
      },
    });
    const dialog = await chooseLanguageFile(user, file('mivoice integration for salesforce_PT-BR.csv'));
    expect(within(dialog).getByTestId('loc-import-target')).toHaveTextContent(
      'Imports into MiVoice Integration for Salesforce, Portuguese (Brazil) (pt-br).',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));

    expect(await within(dialog).findByTestId('loc-report-outcome')).toHaveTextContent(
      'Done: the Portuguese (Brazil) strings of MiVoice Integration for Salesforce are stored (78 of 80 translated).',
    );
    const warnings = within(dialog).getByTestId('loc-report-warnings');
    expect(warnings).toHaveTextContent('2 warnings');
    expect(warnings).toHaveTextContent('Missing keys fall back to English.');
    expect(
      within(warnings)
        .getAllByTestId('loc-issue-row')
        .map((r) =>
          within(r)
            .getAllByRole('cell')
            .map((c) => c.textContent),
        ),
    ).toEqual([
      ['—', 'label.voicemail', 'Missing key', 'Not in the file: the English string "Voicemail" is used.'],
      ['—', 'label.transfer', 'Missing key', 'Not in the file: the English string "Transfer" is used.'],
    ]);
    expect(uploads[0]?.url).toBe('/api/v1/mivoice/localization/import');

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Salesforce' })).toBeChecked());
    const table = await screen.findByRole('table', {
      name: 'Languages of MiVoice Integration for Salesforce',
    });
    expect(
      await within(table).findByText('78 translated · 0 same as English · 2 missing'),
    ).toBeInTheDocument();
  });

  it('shows the errors of a refused file with their lines and keys; nothing stored; another file can be chosen', async () => {
    const { routes } = mivoiceRoutes();
    fakeXhr();
    const { user } = renderLocalization({
      ...routes,
      'POST /api/v1/mivoice/localization/import': {
        body: makeLocalizationReport({
          stored: false,
          errors: [
            {
              line: 4,
              key: 'button.dial',
              kind: 'placeholder_mismatch',
              params: { english: 'Dial {0}', expected: '{0}', found: '' },
              message: 'English has {0}',
            },
            {
              line: 9,
              key: 'button.nope',
              kind: 'unknown_key',
              params: { application: 'MiVoice Integration for Google' },
              message: 'Not a key',
            },
            {
              line: 12,
              key: 'button.call',
              kind: 'duplicate_key',
              params: { firstLine: '2' },
              message: 'Duplicate',
            },
            { line: 15, key: 'label.name', kind: 'empty_value', params: {}, message: 'Empty' },
          ],
          warnings: [
            {
              line: null,
              key: 'label.voicemail',
              kind: 'missing_key',
              params: { english: 'Voicemail' },
              message: 'Missing: English is used',
            },
          ],
        }),
      },
    });
    const dialog = await chooseLanguageFile(user, file('MiVoice Integration for Google_ja.csv'));
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));

    expect(await within(dialog).findByTestId('loc-report-outcome')).toHaveTextContent(
      'Nothing was stored from MiVoice Integration for Google_ja.csv: fix the errors below and upload the file again.',
    );
    const errors = within(dialog).getByTestId('loc-report-errors');
    expect(errors).toHaveTextContent('4 errors');
    expect(
      within(errors)
        .getAllByTestId('loc-issue-row')
        .map((r) =>
          within(r)
            .getAllByRole('cell')
            .map((c) => c.textContent),
        ),
    ).toEqual([
      [
        '4',
        'button.dial',
        'Placeholder mismatch',
        'The placeholders must match the English string "Dial {0}": expected {0}; found none.',
      ],
      ['9', 'button.nope', 'Unknown key', 'Not a string of MiVoice Integration for Google.'],
      ['12', 'button.call', 'Duplicate key', 'Already on line 2.'],
      ['15', 'label.name', 'Empty value', 'The value is empty.'],
    ]);
    expect(within(dialog).getByTestId('loc-report-warnings')).toHaveTextContent('1 warning');
    expect(within(dialog).queryByTestId('loc-report-truncated')).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Done' })).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Choose another file' }));
    expect(within(dialog).getByLabelText('Language file (CSV)')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Upload' })).toBeDisabled();
  });

  it('says when the server listed only the first errors', async () => {
    const { routes } = mivoiceRoutes();
    fakeXhr();
    const listed = Array.from({ length: 1_000 }, (_, i) => ({
      line: i + 2,
      key: `key.${i}`,
      kind: 'unknown_key' as const,
      params: { application: 'MiVoice Integration for Google' },
      message: 'Not a key of MiVoice Integration for Google',
    }));
    const { user } = renderLocalization({
      ...routes,
      'POST /api/v1/mivoice/localization/import': {
        body: makeLocalizationReport({
          stored: false,
          errors: listed,
          errorCount: 2_345,
          errorsTruncated: true,
        }),
      },
    });
    const dialog = await chooseLanguageFile(user, file('MiVoice Integration for Google_ja.csv'));
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));

    expect(await within(dialog).findByTestId('loc-report-errors')).toHaveTextContent('2,345 errors');
    expect(within(dialog).getByTestId('loc-report-truncated')).toHaveTextContent(
      'Only the first 1,000 of 2,345 errors were listed by the server (here and in the report CSV). Fix them and upload the file again to see the others.',
    );
  });

  it("shows the server's message for a refused upload (e.g. 413)", async () => {
    const { routes } = mivoiceRoutes();
    fakeXhr();
    const { user } = renderLocalization({
      ...routes,
      'POST /api/v1/mivoice/localization/import': { status: 413, body: 'Request Entity Too Large' },
    });
    const dialog = await chooseLanguageFile(user, file('MiVoice Integration for Google_ja.csv'));
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The file is too large for the server.',
    );
  });
});

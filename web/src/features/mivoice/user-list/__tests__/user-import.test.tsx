import type { UserListImportReport } from '@oig/shared';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { stubObjectUrls } from '@/testing/downloads';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { downloadUserImportReport } from '../api/download-user-import-report';
import { UserListTab } from '../components/user-list-tab';
import { readBytes, readText } from '../../utils/read-file';
import { fakeXhr, type RecordedUpload } from '../../__tests__/fake-xhr';
import { makeReport, makeUser, mivoiceRoutes } from '../../__tests__/fixtures';

const GOOD_CSV =
  'primary_email,full_name,phone_number,phone_type\r\nann@example.com,Ann,+15550001,work\r\nbob@example.com,Bob,015550002,mobile\r\n';

const BAD_ROWS: UserListImportReport['errors'] = [
  {
    line: 3,
    column: 'primary_email',
    code: 'invalid_email',
    params: { value: 'bob@' },
    message: 'primary_email "bob@" is not a valid email address',
  },
  {
    line: 7,
    column: 'phone_number',
    code: 'owned_by_other',
    params: { value: '+15550001', owner: 'carl@example.com' },
    message: 'phone_number "+15550001" already belongs to carl@example.com',
  },
  {
    line: 12,
    column: null,
    code: 'unnamed_cell',
    params: { field: '9', value: '=HYPERLINK("http://evil.example","click")' },
    message: 'Field 9 holds …',
  },
];

/** Line 3 has two bad cells: 4 problems on 3 rows. */
const SEVERAL_PER_ROW: UserListImportReport['errors'] = [
  BAD_ROWS[0]!,
  {
    line: 3,
    column: 'phone_type',
    code: 'invalid_phone_type',
    params: { value: 'desk' },
    message: 'phone_type "desk" must be work, mobile or home (or empty)',
  },
  BAD_ROWS[1]!,
  BAD_ROWS[2]!,
];

const csvFile = (text: string, name = 'users.csv') => new File([text], name, { type: 'text/csv' });

/** The import route: a dry run answers `dryRun`; the real import answers `applied` and adds a user to the list. */
function importRoutes(dryRun: UserListImportReport, applied: Partial<UserListImportReport> = {}) {
  const base = mivoiceRoutes();
  const routes = {
    ...base.routes,
    'POST /api/v1/mivoice/users/import': (request: RecordedRequest): MockReply => {
      if (request.url.searchParams.get('dryRun') === 'true') return { body: dryRun };
      base.state.users = [makeUser(99, { primaryEmail: 'ann@example.com' }), ...base.state.users];
      const mode = request.url.searchParams.get('mode') === 'skip' ? 'skip' : 'strict';
      return { body: { ...dryRun, dryRun: false, applied: true, mode, ...applied } };
    },
  };
  return { ...base, routes };
}

const params = (upload: RecordedUpload | undefined) =>
  Object.fromEntries(new URL(upload?.url ?? '', 'http://localhost').searchParams);

async function openAndChoose(user: ReturnType<typeof renderWithProviders>['user'], file: File) {
  await user.click(await screen.findByRole('button', { name: 'Add' }));
  const dialog = screen.getByRole('dialog', { name: 'Add User List' });
  await user.upload(within(dialog).getByLabelText('CSV file'), file);
  return dialog;
}

describe('User List: Add (import)', () => {
  it('refuses a file whose header lacks the required columns, in the browser, without uploading', async () => {
    mockFetch(importRoutes(makeReport()).routes);
    const { uploads } = fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);

    const dialog = await openAndChoose(
      user,
      csvFile('email;phone\r\nann@example.com;+15550001\r\n', 'people.csv'),
    );
    const errors = await within(dialog).findByTestId('check-errors');
    expect(errors).toHaveTextContent('This file cannot be uploaded:');
    expect(errors).toHaveTextContent(
      'The header has no primary_email, phone_number columns, which are required. Expected columns: primary_email, full_name, given_name, family_name, phone_number, phone_type, mark_as_delete, record_source.',
    );
    expect(within(dialog).getByTestId('check-columns')).toHaveTextContent('email, phone');
    expect(within(dialog).getByRole('button', { name: 'Upload' })).toBeDisabled();
    expect(uploads).toHaveLength(0);
  });

  it('reads a good file (rows, columns, delimiter), then uploads a strict dry run with progress and the CSRF header', async () => {
    const { routes } = importRoutes(makeReport());
    let answer: (reply: MockReply) => void = () => undefined;
    mockFetch({
      ...routes,
      'POST /api/v1/mivoice/users/import': () => new Promise<MockReply>((resolve) => (answer = resolve)),
    });
    const { uploads } = fakeXhr();
    setCsrfToken('csrf-import');
    const { user } = renderWithProviders(<UserListTab canEdit />);

    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    expect(await within(dialog).findByTestId('check-rows')).toHaveTextContent('2');
    expect(within(dialog).getByTestId('check-columns')).toHaveTextContent(
      'primary_email, full_name, phone_number, phone_type',
    );
    expect(within(dialog).getByTestId('check-format')).toHaveTextContent('UTF-8, separated by commas');
    expect(within(dialog).queryByTestId('check-errors')).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    const bar = await within(dialog).findByRole('progressbar', { name: 'Uploading users.csv for checking' });
    await waitFor(() =>
      expect(within(dialog).getByText('Checking every row on the server…')).toBeInTheDocument(),
    );
    expect(bar).toHaveAttribute('aria-busy', 'true');
    expect(uploads).toHaveLength(1);
    expect(params(uploads[0])).toEqual({ mode: 'strict', dryRun: 'true' });
    expect(uploads[0]?.field).toBe('file');
    expect(uploads[0]?.headers.get('X-CSRF-Token')).toBe('csrf-import');
    expect(await readText(uploads[0]!.file)).toBe(GOOD_CSV);

    answer({ body: makeReport() });
    expect(await within(dialog).findByTestId('import-report')).toHaveTextContent(
      'Validation report of users.csv: nothing has changed yet.',
    );
  });

  it('counts bad rows (badRows) apart from problems (errorCount) when the server lists only the first problems', async () => {
    const report = makeReport({
      errors: BAD_ROWS,
      errorCount: 4_321,
      badRows: 2_900,
      errorsTruncated: true,
      rows: 9_000,
    });
    mockFetch(importRoutes(report).routes);
    fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);

    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await within(dialog).findByTestId('check-rows');
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    const truncated = await within(dialog).findByTestId('report-truncated');
    expect(truncated).toHaveTextContent(
      'The first 3 of 4,321 problems are shown; the downloaded report (CSV, in English) lists them all, up to 100,000.',
    );
    expect(within(dialog).getByTestId('figure-errors-value')).toHaveTextContent(/^2,900$/);
    expect(within(dialog).getByTestId('report-title')).toHaveTextContent(
      /^2,900 bad rows \(4,321 problems\)$/,
    );
    expect(
      within(dialog).getByRole('checkbox', { name: 'Skip bad rows and apply the others' }),
    ).toHaveAccessibleDescription('The 2,900 bad rows are left out and every other row is applied.');
    expect(within(dialog).getByTestId('apply-blocked')).toHaveTextContent(
      'Apply is not possible while 2,900 rows have errors: fix the file and add it again, or choose to skip the bad rows.',
    );
  });

  it('shows the dry-run report with every problem and its line, bad rows counted once; Apply waits for the explicit skip choice; then Done', async () => {
    const report = makeReport({ errors: SEVERAL_PER_ROW, rows: 13 });
    const { routes } = importRoutes(report, { added: 3, updated: 2, deleted: 0, unchanged: 4 });
    const { requests } = mockFetch(routes);
    const { uploads } = fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);
    expect(await screen.findAllByTestId('user-row')).toHaveLength(3);

    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    await within(dialog).findByTestId('import-report');

    expect(within(dialog).getByTestId('figure-rows')).toHaveTextContent('Rows read13');
    expect(within(dialog).getByTestId('figure-added')).toHaveTextContent('To add3');
    expect(within(dialog).getByTestId('figure-updated')).toHaveTextContent('To update2');
    expect(within(dialog).getByTestId('figure-deleted')).toHaveTextContent('To delete0');
    expect(within(dialog).getByTestId('figure-unchanged')).toHaveTextContent('Unchanged4');
    // Three rows are bad (line 3 twice over): the figure counts rows, the list every problem.
    expect(within(dialog).getByTestId('figure-errors')).toHaveTextContent('Bad rows3');
    expect(within(dialog).getByTestId('report-title')).toHaveTextContent(/^3 bad rows \(4 problems\)$/);
    expect(
      within(dialog).getByText(
        'A row can have several problems, one for each bad cell: each problem is listed on its own line.',
      ),
    ).toBeInTheDocument();
    const rows = within(
      within(dialog).getByRole('table', { name: 'Problems found in the file' }),
    ).getAllByTestId('report-error-row');
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['3', 'primary_email', '"bob@" is not a valid email address.'],
      ['3', 'phone_type', '"desk" must be work, mobile or home (or empty).'],
      ['7', 'phone_number', '+15550001 already belongs to carl@example.com.'],
      [
        '12',
        '—',
        'Field 9 holds "=HYPERLINK("http://evil.example","click")" but its column has no name in the header: name the column or empty the cell.',
      ],
    ]);

    const apply = within(dialog).getByRole('button', { name: 'Apply' });
    expect(apply).toBeDisabled();
    expect(apply).toHaveAccessibleDescription(
      'Apply is not possible while 3 rows have errors: fix the file and add it again, or choose to skip the bad rows.',
    );

    const skip = within(dialog).getByRole('checkbox', { name: 'Skip bad rows and apply the others' });
    expect(skip).toHaveAccessibleDescription('The 3 bad rows are left out and every other row is applied.');
    await user.click(skip);
    const applySkipping = within(dialog).getByRole('button', { name: 'Apply without the bad rows' });
    expect(applySkipping).toBeEnabled();
    await user.click(applySkipping);

    const done = await within(dialog).findByTestId('import-done');
    expect(done).toHaveTextContent('The user list was updated from users.csv.');
    expect(within(done).getByTestId('figure-added')).toHaveTextContent('Added3');
    expect(within(done).getByTestId('figure-skipped')).toHaveTextContent('Bad rows skipped3');
    expect(within(done).getByTestId('figure-skipped-value')).toHaveTextContent(/^3$/);
    expect(uploads.map(params)).toEqual([
      { mode: 'strict', dryRun: 'true' },
      { mode: 'skip', dryRun: 'false' },
    ]);
    // The applied import re-reads the list.
    await waitFor(() => expect(screen.getAllByTestId('user-row')).toHaveLength(4));
    expect(requests.filter((r) => r.path === '/api/v1/mivoice/users').length).toBeGreaterThan(1);

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('applies a clean file in strict mode', async () => {
    mockFetch(importRoutes(makeReport()).routes);
    const { uploads } = fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    expect(await within(dialog).findByTestId('report-no-errors')).toBeInTheDocument();
    expect(within(dialog).queryByRole('checkbox')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(await within(dialog).findByTestId('import-done')).toBeInTheDocument();
    expect(params(uploads[1])).toEqual({ mode: 'strict', dryRun: 'false' });
  });

  it('shows the bad rows again when the real import is refused (applied: false)', async () => {
    mockFetch(
      importRoutes(makeReport(), { applied: false, errors: [BAD_ROWS[1]!], errorCount: 1, badRows: 1 })
        .routes,
    );
    fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Apply' }));
    expect(
      await within(dialog).findByText(/Nothing was changed: the server found bad rows/),
    ).toBeInTheDocument();
    expect(within(dialog).getAllByTestId('report-error-row')).toHaveLength(1);
    expect(within(dialog).getByTestId('report-title')).toHaveTextContent(/^1 bad row$/);
    expect(within(dialog).getByRole('button', { name: 'Apply' })).toBeDisabled();
  });

  it('says when the file would take the list over its maximum: figures in the words of the console, Apply disabled', async () => {
    const limitExceeded = {
      code: 'stored_limit' as const,
      params: { max: '199999', current: '150000', after: '210000' },
      message: 'This file would leave 210,000 phone numbers …',
    };
    mockFetch(importRoutes(makeReport({ limitExceeded }), { applied: false, limitExceeded }).routes);
    fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    expect(await within(dialog).findByTestId('report-limit')).toHaveTextContent(
      'Nothing can be applied: this file would leave 210,000 phone numbers in the user list, which holds ' +
        '150,000; it may hold at most 199,999. Delete numbers first (rows with mark_as_delete=yes) or import fewer.',
    );
    // No bad row, but nothing can be applied: the report must not say it can.
    expect(within(dialog).getByTestId('report-no-errors')).toHaveTextContent('No bad rows in the file.');
    expect(dialog).not.toHaveTextContent('can be applied as it is');
    expect(within(dialog).getByRole('button', { name: 'Apply' })).toBeDisabled();
  });

  it("shows the server's message for a problem with the whole file, and lets the user try again", async () => {
    const { routes } = importRoutes(makeReport());
    let fail = true;
    mockFetch({
      ...routes,
      'POST /api/v1/mivoice/users/import': (request: RecordedRequest): MockReply =>
        fail
          ? {
              status: 400,
              body: {
                error: {
                  code: 'validation_failed',
                  message: 'Line 1: the file is not UTF-8 or UTF-16 (mixed encodings)',
                  fields: { file: 'encoding' },
                },
              },
            }
          : routes['POST /api/v1/mivoice/users/import'](request),
    });
    fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Line 1: the file is not UTF-8 or UTF-16 (mixed encodings)',
    );
    fail = false;
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    expect(await within(dialog).findByTestId('import-report')).toBeInTheDocument();
  });

  it('cancels a dry-run upload under way and returns to the checked file', async () => {
    const { routes } = importRoutes(makeReport());
    mockFetch({
      ...routes,
      'POST /api/v1/mivoice/users/import': () => new Promise<MockReply>(() => undefined),
    });
    fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Cancel upload' }));
    expect(await within(dialog).findByTestId('check-rows')).toHaveTextContent('2');
    expect(within(dialog).getByRole('button', { name: 'Upload' })).toBeEnabled();
  });

  it('downloads the full report from the server (the chosen file POSTed with CSRF), busy meanwhile, saved byte for byte', async () => {
    const { routes } = importRoutes(
      makeReport({ errors: BAD_ROWS, errorCount: 1_200, badRows: 1_100, errorsTruncated: true }),
    );
    // Every problem, not only those of the JSON report (a thousand lines and more).
    const lines = [
      'Line,Column,Problem,Code',
      ...Array.from({ length: 1_200 }, (_, i) => `${i + 2},phone_number,Problem ${i + 1},invalid_phone`),
    ];
    const csv = `\uFEFF${lines.join('\r\n')}`;
    let answer: (reply: MockReply) => void = () => undefined;
    const { requests } = mockFetch({
      ...routes,
      'POST /api/v1/mivoice/users/import/report': () =>
        new Promise<MockReply>((resolve) => (answer = resolve)),
    });
    fakeXhr();
    setCsrfToken('csrf-report');
    const blobs: Blob[] = [];
    stubObjectUrls(blobs);
    const names: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
      expect(this.href).toBe('blob:report');
    });
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const chosen = csvFile(GOOD_CSV);
    const dialog = await openAndChoose(user, chosen);
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    const download = await within(dialog).findByRole('button', { name: 'Download report (CSV)' });
    await user.click(download);

    await waitFor(() => expect(download).toHaveAttribute('aria-busy', 'true'));
    expect(download).toBeDisabled();
    expect(within(dialog).getByTestId('report-download-pending')).toHaveTextContent(
      'Preparing the full report: the server checks the file again…',
    );
    const post = requests.find((r) => r.path === '/api/v1/mivoice/users/import/report');
    expect(post?.method).toBe('POST');
    expect(post?.headers.get('X-CSRF-Token')).toBe('csrf-report');
    const form = post?.body as FormData;
    expect([...form.keys()]).toEqual(['file']);
    const sent = form.get('file') as File;
    expect(sent.name).toBe('users.csv');
    expect(await readText(sent)).toBe(GOOD_CSV);
    expect(click).not.toHaveBeenCalled();

    answer({
      text: csv,
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="users-report.csv"',
      },
    });
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(names).toEqual(['users-report.csv']);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]?.type).toBe('text/csv; charset=utf-8');
    // The server's bytes as they are: the BOM kept, CRLF, every problem.
    const bytes = await readBytes(blobs[0]!);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text).toBe(csv);
    expect(text.split('\r\n')).toHaveLength(1_201);
    await waitFor(() => expect(download).not.toHaveAttribute('aria-busy'));
    expect(within(dialog).queryByTestId('report-download-pending')).not.toBeInTheDocument();
  });

  it("shows the server's message when the full report cannot be made, and can try again", async () => {
    const { routes } = importRoutes(makeReport({ errors: BAD_ROWS }));
    let fail = true;
    mockFetch({
      ...routes,
      'POST /api/v1/mivoice/users/import/report': (): MockReply =>
        fail
          ? {
              status: 400,
              body: {
                error: {
                  code: 'validation_failed',
                  message: 'Line 1: the header has no phone_number column',
                  fields: { file: 'header' },
                },
              },
            }
          : {
              text: '\uFEFFLine,Column,Problem,Code',
              headers: { 'Content-Type': 'text/csv; charset=utf-8' },
            },
    });
    fakeXhr();
    stubObjectUrls([]);
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const dialog = await openAndChoose(user, csvFile(GOOD_CSV, 'team.csv'));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Download report (CSV)' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The report could not be downloaded: Line 1: the header has no phone_number column',
    );
    expect(names).toEqual([]);
    fail = false;
    await user.click(within(dialog).getByRole('button', { name: 'Download report (CSV)' }));
    // Without Content-Disposition, the name follows the chosen file.
    await waitFor(() => expect(names).toEqual(['team-report.csv']));
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('downloadUserImportReport takes the file name of Content-Disposition (filename* first)', async () => {
    mockFetch({
      'POST /api/v1/mivoice/users/import/report': {
        text: '\uFEFFLine,Column,Problem,Code',
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="equipe-report.csv"; filename*=UTF-8''%C3%A9quipe-report.csv`,
        },
      },
    });
    const report = await downloadUserImportReport({ file: csvFile(GOOD_CSV, 'équipe.csv') });
    expect(report.fileName).toBe('équipe-report.csv');
  });

  it('Choose another file goes back to choosing a file from the report, without closing the dialog', async () => {
    const { routes } = importRoutes(makeReport({ errors: BAD_ROWS }));
    let answerWith: UserListImportReport = makeReport({ errors: BAD_ROWS });
    mockFetch({ ...routes, 'POST /api/v1/mivoice/users/import': (): MockReply => ({ body: answerWith }) });
    const { uploads } = fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const dialog = await openAndChoose(user, csvFile(GOOD_CSV, 'first.csv'));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    await within(dialog).findByTestId('import-report');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Skip bad rows and apply the others' }));

    await user.click(within(dialog).getByRole('button', { name: 'Choose another file' }));
    expect(screen.getByRole('dialog', { name: 'Add User List' })).toBe(dialog);
    expect(within(dialog).queryByTestId('import-report')).not.toBeInTheDocument();
    const chooser = within(dialog).getByLabelText('CSV file');
    expect(chooser).toHaveFocus();
    expect(within(dialog).queryByRole('button', { name: /^Apply/ })).not.toBeInTheDocument();

    // The fixed file: checked, uploaded, a clean report; the skip choice of the other file is gone.
    answerWith = makeReport();
    await user.upload(chooser, csvFile(GOOD_CSV, 'fixed.csv'));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    expect(await within(dialog).findByTestId('import-report')).toHaveTextContent(
      'Validation report of fixed.csv: nothing has changed yet.',
    );
    expect(within(dialog).getByTestId('report-no-errors')).toBeInTheDocument();
    expect(uploads.map((u) => u.file.name)).toEqual(['first.csv', 'fixed.csv']);
    expect(within(dialog).getByRole('button', { name: 'Apply' })).toBeEnabled();
  });

  it('asks before applying a file that deletes phone numbers, saying how many', async () => {
    mockFetch(importRoutes(makeReport({ deleted: 2 })).routes);
    const { uploads } = fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    expect(await within(dialog).findByTestId('figure-deleted-value')).toHaveTextContent(/^2$/);

    const apply = within(dialog).getByRole('button', { name: 'Apply' });
    await user.click(apply);
    const confirm = screen.getByRole('dialog', { name: 'Delete 2 phone numbers?' });
    expect(confirm).toHaveAccessibleDescription(
      'Applying users.csv deletes 2 phone numbers from the user list (the rows marked mark_as_delete). The numbers can only come back by importing them again.',
    );
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog', { name: 'Delete 2 phone numbers?' })).not.toBeInTheDocument();
    expect(uploads).toHaveLength(1);
    expect(apply).toHaveFocus();

    await user.click(apply);
    await user.click(
      within(screen.getByRole('dialog', { name: 'Delete 2 phone numbers?' })).getByRole('button', {
        name: 'Apply and delete',
      }),
    );
    expect(await within(dialog).findByTestId('import-done')).toBeInTheDocument();
    expect(params(uploads[1])).toEqual({ mode: 'strict', dryRun: 'false' });
    expect(within(dialog).getByTestId('figure-deleted-value')).toHaveTextContent(/^2$/);
  });

  it('applies without asking when nothing is deleted', async () => {
    mockFetch(importRoutes(makeReport({ deleted: 0 })).routes);
    const { uploads } = fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Apply' }));
    expect(await within(dialog).findByTestId('import-done')).toBeInTheDocument();
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    expect(uploads).toHaveLength(2);
  });
});

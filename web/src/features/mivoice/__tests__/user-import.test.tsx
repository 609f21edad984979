import { restoreCell, type UserListImportReport } from '@oig/shared';
import { screen, waitFor, within } from '@testing-library/react';
import Papa from 'papaparse';
import { describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '@/lib/api-client';
import { mockFetch, type MockReply, type RecordedRequest } from '@/testing/mock-fetch';
import { renderWithProviders } from '@/testing/render';
import { UserListTab } from '../components/user-list-tab';
import { readText } from '../utils/read-file';
import { fakeXhr, type RecordedUpload } from './fake-xhr';
import { makeReport, makeUser, mivoiceRoutes } from './fixtures';
import { stubObjectUrls } from './object-urls';

const GOOD_CSV = 'primary_email,full_name,phone_number,phone_type\r\nann@example.com,Ann,+15550001,work\r\nbob@example.com,Bob,015550002,mobile\r\n';

const BAD_ROWS: UserListImportReport['errors'] = [
  { line: 3, column: 'primary_email', message: 'Not a valid e-mail address: "bob@"' },
  { line: 7, column: 'phone_number', message: 'Phone number +15550001 already belongs to carl@example.com' },
  { line: 12, column: null, message: '=HYPERLINK("http://evil.example","click")' },
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

const params = (upload: RecordedUpload | undefined) => Object.fromEntries(new URL(upload?.url ?? '', 'http://localhost').searchParams);

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

    const dialog = await openAndChoose(user, csvFile('email;phone\r\nann@example.com;+15550001\r\n', 'people.csv'));
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
    mockFetch({ ...routes, 'POST /api/v1/mivoice/users/import': () => new Promise<MockReply>((resolve) => (answer = resolve)) });
    const { uploads } = fakeXhr();
    setCsrfToken('csrf-import');
    const { user } = renderWithProviders(<UserListTab canEdit />);

    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    expect(await within(dialog).findByTestId('check-rows')).toHaveTextContent('2');
    expect(within(dialog).getByTestId('check-columns')).toHaveTextContent('primary_email, full_name, phone_number, phone_type');
    expect(within(dialog).getByTestId('check-format')).toHaveTextContent('UTF-8, separated by commas');
    expect(within(dialog).queryByTestId('check-errors')).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    const bar = await within(dialog).findByRole('progressbar', { name: 'Uploading users.csv for checking' });
    await waitFor(() => expect(within(dialog).getByText('Checking every row on the server…')).toBeInTheDocument());
    expect(bar).toHaveAttribute('aria-busy', 'true');
    expect(uploads).toHaveLength(1);
    expect(params(uploads[0])).toEqual({ mode: 'strict', dryRun: 'true' });
    expect(uploads[0]?.field).toBe('file');
    expect(uploads[0]?.headers.get('X-CSRF-Token')).toBe('csrf-import');
    expect(await readText(uploads[0]!.file)).toBe(GOOD_CSV);

    answer({ body: makeReport() });
    expect(await within(dialog).findByTestId('import-report')).toHaveTextContent('Validation report of users.csv: nothing has changed yet.');
  });

  it('counts every bad row the server found when it lists only the first ones', async () => {
    const report = makeReport({ errors: BAD_ROWS, errorCount: 4_321, errorsTruncated: true, rows: 9_000 });
    mockFetch(importRoutes(report).routes);
    fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);

    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await within(dialog).findByTestId('check-rows');
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    const truncated = await within(dialog).findByTestId('report-truncated');
    expect(truncated).toHaveTextContent('The first 3 of 4,321 bad rows are shown; the report (CSV) lists the first 3. Fix them and check the file again for the rest.');
    expect(within(dialog).getByTestId('apply-blocked')).toHaveTextContent('4,321');
  });

  it('shows the dry-run report with every bad row and its line; Apply waits for the explicit skip choice; then Done', async () => {
    const report = makeReport({ errors: BAD_ROWS, rows: 13 });
    const { routes } = importRoutes(report, { added: 3, updated: 2, deleted: 1, unchanged: 4 });
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
    expect(within(dialog).getByTestId('figure-deleted')).toHaveTextContent('To delete1');
    expect(within(dialog).getByTestId('figure-unchanged')).toHaveTextContent('Unchanged4');
    expect(within(dialog).getByTestId('figure-errors')).toHaveTextContent('Bad rows3');
    const rows = within(within(dialog).getByRole('table', { name: 'Bad rows of the file' })).getAllByTestId('report-error-row');
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['3', 'primary_email', 'Not a valid e-mail address: "bob@"'],
      ['7', 'phone_number', 'Phone number +15550001 already belongs to carl@example.com'],
      ['12', '—', '=HYPERLINK("http://evil.example","click")'],
    ]);

    const apply = within(dialog).getByRole('button', { name: 'Apply' });
    expect(apply).toBeDisabled();
    expect(apply).toHaveAccessibleDescription(
      'Apply is not possible while 3 rows have errors: fix the file and add it again, or choose to skip the bad rows.',
    );

    await user.click(within(dialog).getByRole('checkbox', { name: 'Skip bad rows and apply the others' }));
    const applySkipping = within(dialog).getByRole('button', { name: 'Apply without the bad rows' });
    expect(applySkipping).toBeEnabled();
    await user.click(applySkipping);

    const done = await within(dialog).findByTestId('import-done');
    expect(done).toHaveTextContent('The user list was updated from users.csv.');
    expect(within(done).getByTestId('figure-added')).toHaveTextContent('Added3');
    expect(within(done).getByTestId('figure-skipped')).toHaveTextContent('Bad rows skipped3');
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
    mockFetch(importRoutes(makeReport(), { applied: false, errors: [BAD_ROWS[1]!], errorCount: 1 }).routes);
    fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Apply' }));
    expect(await within(dialog).findByText(/Nothing was changed: the server found bad rows/)).toBeInTheDocument();
    expect(within(dialog).getAllByTestId('report-error-row')).toHaveLength(1);
    expect(within(dialog).getByRole('button', { name: 'Apply' })).toBeDisabled();
  });

  it("shows the server's message for a problem with the whole file, and lets the user try again", async () => {
    const { routes } = importRoutes(makeReport());
    let fail = true;
    mockFetch({
      ...routes,
      'POST /api/v1/mivoice/users/import': (request: RecordedRequest): MockReply =>
        fail
          ? { status: 400, body: { error: { code: 'validation_failed', message: 'Line 1: the file is not UTF-8 or UTF-16 (mixed encodings)', fields: { file: 'encoding' } } } }
          : routes['POST /api/v1/mivoice/users/import'](request),
    });
    fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Line 1: the file is not UTF-8 or UTF-16 (mixed encodings)');
    fail = false;
    await user.click(within(dialog).getByRole('button', { name: 'Upload' }));
    expect(await within(dialog).findByTestId('import-report')).toBeInTheDocument();
  });

  it('cancels a dry-run upload under way and returns to the checked file', async () => {
    const { routes } = importRoutes(makeReport());
    mockFetch({ ...routes, 'POST /api/v1/mivoice/users/import': () => new Promise<MockReply>(() => undefined) });
    fakeXhr();
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Cancel upload' }));
    expect(await within(dialog).findByTestId('check-rows')).toHaveTextContent('2');
    expect(within(dialog).getByRole('button', { name: 'Upload' })).toBeEnabled();
  });

  it('downloads the report as CSV built in the browser, with formula cells neutralised', async () => {
    mockFetch(importRoutes(makeReport({ errors: BAD_ROWS })).routes);
    fakeXhr();
    const blobs: Blob[] = [];
    stubObjectUrls(blobs);
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('users-report.csv');
      expect(this.href).toBe('blob:report');
    });
    const { user } = renderWithProviders(<UserListTab canEdit />);
    const dialog = await openAndChoose(user, csvFile(GOOD_CSV));
    await user.click(await within(dialog).findByRole('button', { name: 'Upload' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Download report (CSV)' }));

    expect(click).toHaveBeenCalledTimes(1);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]?.type).toBe('text/csv;charset=utf-8');
    const text = await readText(blobs[0]!);
    expect(text.split('\r\n')).toEqual([
      'line,column,message',
      '3,primary_email,"Not a valid e-mail address: ""bob@"""',
      '7,phone_number,Phone number +15550001 already belongs to carl@example.com',
      `12,,"'=HYPERLINK(""http://evil.example"",""click"")"`,
    ]);
    const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { newline: '\r\n' }).data;
    expect(parsed[3]?.[2]?.startsWith("'=")).toBe(true);
    expect(restoreCell(parsed[3]?.[2] ?? '')).toBe(BAD_ROWS[2]?.message);
  });
});

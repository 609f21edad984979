import { readFile } from 'node:fs/promises';
import {
  expect,
  request as playwrightRequest,
  test,
  type APIRequestContext,
  type Download,
  type Page,
} from '@playwright/test';
import {
  ADMIN,
  apiSignIn,
  apiWrite,
  ensureSupportUser,
  expectNoSeriousA11yViolations,
  receivedMails,
  setGoogleUsers,
  uiSignIn,
} from '../support/api.js';
import { PEERS, PORT } from '../support/ports.js';

/**
 * The MiVoice tab, in order on the one shared product: Google corporate directory against the
 * fake Google, the user-list import (validation report, fix, apply), its exports (download and
 * Email User List to the SMTP peer), the Google application's localization (a Japanese file in,
 * byte-identical out, public endpoint, file-name rule, delete), and the support role's read-only
 * view. Mail settings, the MiVoice administrator e-mail, the user list and the imported languages
 * are put back as they were at the end.
 */

const BASE_URL = `http://127.0.0.1:${PORT}`;
const EXPORT_TO = 'mivoice-admin@example.com';
const JA_FILE = 'MiVoice Integration for Google_ja.csv';
const BOM = '\uFEFF';

interface FakeGoogle {
  adminEmail: string;
  domain: string;
  keyJson: string;
  users: number;
}

/* ---------- CSV helpers (RFC 4180, as the product writes it) ---------- */

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A cell quoted the way papaparse does it for the product's exports. */
const csvCell = (v: string) => (/[",\r\n\t]|^ | $/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csvLines = (rows: string[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n');

const readDownload = async (download: Download) => readFile(await download.path());

/* ---------- User lists ---------- */

const USER_HEADER = [
  'primary_email',
  'full_name',
  'given_name',
  'family_name',
  'phone_number',
  'phone_type',
  'record_source',
];
const ALICE = ['alice@example.com', 'Alice Martin', 'Alice', 'Martin', '0123456789', 'work', 'e2e'];
const CAROL = ['carol@example.com', 'Carol Dupont', 'Carol', 'Dupont', '+33 1 23 45 67 89', 'work', 'e2e'];
const ERIN = ['erin@example.com', 'Erin "E" Lee, Jr', 'Erin', 'Lee', '+1 (555) 010-2000', 'mobile', 'e2e'];
// Lines 3 and 5 of the first file are wrong: a bad e-mail, then Alice's number again.
const BOB_BAD = ['bob.example.com', 'Bob Durand', 'Bob', 'Durand', '0611223344', 'mobile', 'e2e'];
const DAVE_BAD = ['dave@example.com', 'Dave Smith', 'Dave', 'Smith', '0123456789', 'home', 'e2e'];
const BOB = ['bob@example.com', ...BOB_BAD.slice(1)];
const DAVE = ['dave@example.com', 'Dave Smith', 'Dave', 'Smith', '0098765432', 'home', 'e2e'];
const BAD_FILE = `${csvLines([USER_HEADER, ALICE, BOB_BAD, CAROL, DAVE_BAD, ERIN])}\r\n`;
const GOOD_FILE = `${csvLines([USER_HEADER, ALICE, BOB, CAROL, DAVE, ERIN])}\r\n`;
const GOOD_ROWS = [ALICE, BOB, CAROL, DAVE, ERIN];
/** A row as the export writes it: USER_LIST_COLUMNS order, mark_as_delete empty. */
const exported = (r: string[]) =>
  [r[0]!, r[1]!, r[2]!, r[3]!, r[4]!, r[5]!, '', r[6]!].map(csvCell).join(',');

const csvFile = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text, 'utf8'),
});

/* ---------- State shared by the tests (serial), and put back at the end ---------- */

let google: FakeGoogle;
let mailBefore: {
  source: string;
  host: string | null;
  port: number | null;
  tlsMode: string | null;
  username: string | null;
  fromAddress: string;
} | null = null;
let adminEmailBefore: string | null = null;
/** The Japanese file uploaded in test 4 (kept for the support test's download check). */
let jaBytes: Buffer;

async function adminApi(): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await playwrightRequest.newContext({ baseURL: BASE_URL });
  return { api, csrf: await apiSignIn(api) };
}

async function openMivoice(page: Page, user = ADMIN, tab: 'users' | 'localization' = 'users') {
  await uiSignIn(page, user);
  await page.getByRole('link', { name: 'MiVoice', exact: true }).click();
  await expect(page).toHaveURL(/\/mivoice/);
  if (tab === 'localization') await page.getByTestId('mivoice-tab-localization').click();
  await expect(page.getByRole('heading', { name: 'MiVoice', exact: true })).toBeVisible();
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const { api, csrf } = await adminApi();
  google = (await (await api.get(`http://127.0.0.1:${PEERS.mcs}/google`)).json()) as FakeGoogle;
  await setGoogleUsers(api, PEERS.mcs, 'ok');
  // Mails go to the SMTP peer for this file; the previous settings come back in afterAll.
  mailBefore = await (await api.get('/api/v1/mail/settings')).json();
  const smtp = await apiWrite(api, csrf, 'put', '/api/v1/mail/settings', {
    host: '127.0.0.1',
    port: PEERS.smtp,
    tlsMode: 'none',
    username: null,
    fromAddress: 'oig@example.com',
  });
  expect(smtp.status()).toBe(200);
  adminEmailBefore = (
    (await (await api.get('/api/v1/mivoice/settings')).json()) as { adminEmail: string | null }
  ).adminEmail;
  // A rerun on the same data folder starts from an empty list.
  await emptyUserList(api, csrf);
  await api.dispose();
});

test.afterAll(async () => {
  const { api, csrf } = await adminApi();
  await setGoogleUsers(api, PEERS.mcs, 'ok');
  for (const lang of ['ja', 'fr']) {
    const res = await apiWrite(api, csrf, 'delete', `/api/v1/mivoice/localization/google/${lang}`);
    expect([204, 404]).toContain(res.status());
  }
  await emptyUserList(api, csrf);
  expect(
    (await apiWrite(api, csrf, 'put', '/api/v1/mivoice/settings', { adminEmail: adminEmailBefore })).status(),
  ).toBe(200);
  if (mailBefore) {
    const back =
      mailBefore.source === 'options'
        ? {
            host: mailBefore.host,
            port: mailBefore.port,
            tlsMode: mailBefore.tlsMode,
            username: mailBefore.username,
            fromAddress: mailBefore.fromAddress,
          }
        : { clear: true };
    expect((await apiWrite(api, csrf, 'put', '/api/v1/mail/settings', back)).status()).toBe(200);
  }
  await api.dispose();
});

/** Removes every user (an import of mark_as_delete=yes rows). */
async function emptyUserList(api: APIRequestContext, csrf: string) {
  const page = (await (await api.get('/api/v1/mivoice/users?limit=500')).json()) as {
    total: number;
    items: Array<{ primaryEmail: string; phoneNumber: string }>;
  };
  if (page.total === 0) return;
  expect(page.total).toBeLessThanOrEqual(500);
  const text = `${csvLines([['primary_email', 'phone_number', 'mark_as_delete'], ...page.items.map((u) => [u.primaryEmail, u.phoneNumber, 'yes'])])}\r\n`;
  const res = await api.post('/api/v1/mivoice/users/import?mode=strict', {
    headers: { 'X-CSRF-Token': csrf },
    multipart: { file: { name: 'cleanup.csv', mimeType: 'text/csv', buffer: Buffer.from(text) } },
  });
  expect(res.status(), await res.text()).toBe(200);
  expect(((await (await api.get('/api/v1/mivoice/users')).json()) as { total: number }).total).toBe(0);
}

test('Google directory: settings with the key file, Sync with Google (120 contacts), a failing Google keeps the cache', async ({
  page,
  request,
}) => {
  await openMivoice(page);
  const panel = page.getByTestId('google-directory-panel');
  const form = panel.getByRole('form', { name: 'Google corporate directory settings' });
  await form.getByLabel('Google Administrator Email').fill(google.adminEmail);
  await form.getByLabel('Google Domain').fill(google.domain);
  // A key already stored (rerun): replace it.
  if (await form.getByTestId('google-key-replace').isVisible())
    await form.getByTestId('google-key-replace').click();
  await form
    .getByLabel('Key file (.json)')
    .setInputFiles({ name: 'key.json', mimeType: 'application/json', buffer: Buffer.from(google.keyJson) });
  const clientEmail = (JSON.parse(google.keyJson) as { client_email: string }).client_email;
  await expect(form.getByTestId('google-key-ready')).toHaveText(
    `Read from key.json. New key for ${clientEmail}, stored when you save.`,
  );
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Google directory settings saved.')).toBeVisible();
  // Write-only: only whose key it is is shown.
  await expect(form.getByTestId('google-key-status')).toHaveText(`Key set: ${clientEmail}`);
  await expect(form.getByTestId('google-key-paste')).toHaveCount(0);

  const sync = panel.getByTestId('google-sync');
  await expect(sync.getByTestId('google-sync-hint')).toContainText(`Reads every user of ${google.domain}`);
  await sync.getByRole('button', { name: 'Sync with Google' }).click();
  await expect(page.getByText('Synced with Google: 120 contacts.')).toBeVisible();
  await expect(sync.getByTestId('google-contact-count')).toHaveText('120');
  const lastSync = sync.getByTestId('google-last-sync');
  await expect(lastSync).not.toHaveText('Never');
  // A date and time of this year in the console's format, e.g. "Nov 20, 2026, 9:30:00 AM".
  await expect(lastSync).toHaveText(
    new RegExp(`^[A-Z][a-z]{2} \\d{1,2}, ${new Date().getFullYear()}, \\d{1,2}:\\d{2}:\\d{2}\\s[AP]M$`),
  );
  const syncedAt = await lastSync.innerText();
  await expect(sync.getByTestId('google-last-error')).toHaveText('None');
  // The cached contacts are listed, paged by the server: the first 10 of the 120.
  const contacts = panel.getByTestId('google-contacts');
  await expect(contacts.getByTestId('contact-row')).toHaveCount(10);
  await expect(contacts.getByTestId('contacts-range')).toHaveText('1–10 of 120');
  await expectNoSeriousA11yViolations(page);

  // Google answers 500: the error is shown, the 120 cached contacts are kept.
  await setGoogleUsers(request, PEERS.mcs, 500);
  await sync.getByRole('button', { name: 'Sync with Google' }).click();
  await expect(sync.getByRole('alert')).toContainText(
    /Sync with Google failed: .+ The contacts already cached are kept\./,
  );
  await expect(sync.getByTestId('google-last-error')).not.toHaveText('None');
  await expect(sync.getByTestId('google-contact-count')).toHaveText('120');
  await expect(lastSync).toHaveText(syncedAt);
  await expect(contacts.getByTestId('contacts-range')).toHaveText('1–10 of 120');

  // Google back: a sync clears the error.
  await setGoogleUsers(request, PEERS.mcs, 'ok');
  await sync.getByRole('button', { name: 'Sync with Google' }).click();
  await expect(sync.getByTestId('google-last-error')).toHaveText('None');
  await expect(sync.getByTestId('google-contact-count')).toHaveText('120');
  await expect(sync.getByRole('alert')).toHaveCount(0);
});

test('User list: a file with bad rows is reported by line and changes nothing; its good rows are applied by choice; the fixed file is applied; the table keeps 0 and +', async ({
  page,
  request,
}) => {
  await openMivoice(page);
  // The administrator e-mail the exports are mailed to.
  const adminPanel = page.getByTestId('admin-email-panel');
  await adminPanel.getByRole('textbox', { name: 'Email' }).fill(EXPORT_TO);
  await adminPanel.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`Exports will be mailed to ${EXPORT_TO}.`)).toBeVisible();

  const tab = page.getByTestId('user-list-tab');
  await expect(tab.getByTestId('users-empty')).toHaveText(
    'The user list is empty. Use Add to import a CSV file.',
  );
  await tab.getByRole('button', { name: 'Add' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add User List' });
  await dialog.getByLabel('CSV file').setInputFiles(csvFile('users.csv', BAD_FILE));
  await expect(dialog.getByTestId('check-rows')).toHaveText('5');
  await expect(dialog.getByTestId('check-ok')).toBeVisible();
  await dialog.getByRole('button', { name: 'Upload' }).click();

  // The validation report: both bad rows with their line and reason; Apply is blocked.
  const report = dialog.getByTestId('import-report');
  await expect(report).toContainText('Validation report of users.csv: nothing has changed yet.');
  await expect(report.getByTestId('figure-rows-value')).toHaveText('5');
  await expect(report.getByTestId('figure-errors-value')).toHaveText('2');
  await expect(report.getByTestId('figure-added-value')).toHaveText('3');
  await expect(report.getByTestId('figure-updated-value')).toHaveText('0');
  await expect(report.getByTestId('figure-deleted-value')).toHaveText('0');
  await expect(report.getByTestId('report-title')).toHaveText('2 bad rows');
  const errorRows = report
    .getByRole('table', { name: 'Problems found in the file' })
    .getByTestId('report-error-row');
  await expect(errorRows).toHaveCount(2);
  // Each reason in the console's words (the column has its own cell).
  await expect(errorRows.nth(0)).toHaveText(
    /^3\s*primary_email\s*"bob\.example\.com" is not a valid email address\.$/,
  );
  await expect(errorRows.nth(1)).toHaveText(
    /^5\s*phone_number\s*0123456789 is already on line 2 for alice@example\.com: a phone number may appear once\.$/,
  );
  await expect(dialog.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await expect(report.getByTestId('apply-blocked')).toContainText(
    'Apply is not possible while 2 rows have errors',
  );
  await expectNoSeriousA11yViolations(page, '[data-testid="user-import-dialog"]');

  // The full report, made by the server from the same file: every problem, in file order, as the dialog lists them.
  const downloading = page.waitForEvent('download');
  await report.getByRole('button', { name: 'Download report (CSV)' }).click();
  const reportDownload = await downloading;
  expect(reportDownload.suggestedFilename()).toBe('users-report.csv');
  const reportBytes = await readDownload(reportDownload);
  expect(reportBytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
  const reportText = reportBytes.toString('utf8').replace(/^\uFEFF/, '');
  expect(reportText.split('\r\n')[0]).toBe('Line,Column,Problem,Code');
  const reportRows = parseCsv(reportText);
  expect(reportRows[0]).toEqual(['Line', 'Column', 'Problem', 'Code']);
  expect(reportRows.slice(1).map((r) => [r[0], r[1]])).toEqual([
    ['3', 'primary_email'],
    ['5', 'phone_number'],
  ]);
  // The file's messages are the server's English ones, naming the column.
  expect(reportRows[1]![2]).toBe('primary_email "bob.example.com" is not a valid e-mail address');
  expect(reportRows[2]![2]).toBe(
    'phone_number "0123456789" is already on line 2 for alice@example.com; a phone number may appear once',
  );
  const listed = await Promise.all(
    (await errorRows.all()).map(async (row) => row.getByRole('cell').allInnerTexts()),
  );
  expect(reportRows.slice(1).map((r) => [r[0], r[1]])).toEqual(
    listed.map(([line, column]) => [line, column === '—' ? '' : column]),
  );
  await expect(report.getByTestId('report-download')).toBeEnabled();
  await expect(dialog.getByRole('alert')).toHaveCount(0);

  // Choose another file goes back to the file chooser, in the same dialog.
  await dialog.getByRole('button', { name: 'Choose another file' }).click();
  await expect(report).toBeHidden();
  await expect(dialog.getByLabel('CSV file')).toBeFocused();

  // Nothing was applied.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(tab.getByTestId('users-empty')).toBeVisible();
  await apiSignIn(request);
  expect(((await (await request.get('/api/v1/mivoice/users')).json()) as { total: number }).total).toBe(0);

  // The same file, its bad rows skipped by explicit choice: the 3 good rows are applied.
  await tab.getByRole('button', { name: 'Add' }).click();
  await dialog.getByLabel('CSV file').setInputFiles(csvFile('users.csv', BAD_FILE));
  await expect(dialog.getByTestId('check-rows')).toHaveText('5');
  await dialog.getByRole('button', { name: 'Upload' }).click();
  await expect(report.getByTestId('figure-errors-value')).toHaveText('2');
  await report.getByRole('checkbox', { name: 'Skip bad rows and apply the others' }).check();
  await expect(report.getByTestId('apply-blocked')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Apply without the bad rows' }).click();
  const done = dialog.getByTestId('import-done');
  await expect(done).toContainText('The user list was updated from users.csv.');
  await expect(done.getByTestId('figure-added-value')).toHaveText('3');
  await expect(done.getByTestId('figure-skipped-value')).toHaveText('2');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  const table = tab.getByRole('table', { name: 'MiVoice user list' });
  await expect(table.getByTestId('user-row')).toHaveCount(3);
  expect((await table.getByTestId('user-phone').allInnerTexts()).sort()).toEqual(
    [ALICE[4]!, CAROL[4]!, ERIN[4]!].sort(),
  );
  await expect(tab.getByTestId('users-range')).toHaveText('1–3 of 3');

  // The fixed file: no bad rows; the two rows skipped before are added, the others unchanged; Apply, Done.
  await tab.getByRole('button', { name: 'Add' }).click();
  await dialog.getByLabel('CSV file').setInputFiles(csvFile('users.csv', GOOD_FILE));
  await expect(dialog.getByTestId('check-rows')).toHaveText('5');
  await dialog.getByRole('button', { name: 'Upload' }).click();
  await expect(report.getByTestId('report-no-errors')).toHaveText(
    'No bad rows: the file can be applied as it is.',
  );
  await expect(report.getByTestId('figure-added-value')).toHaveText('2');
  await expect(report.getByTestId('figure-unchanged-value')).toHaveText('3');
  await expect(report.getByTestId('figure-errors-value')).toHaveText('0');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(done).toContainText('The user list was updated from users.csv.');
  await expect(done.getByTestId('figure-added-value')).toHaveText('2');
  await expect(done.getByTestId('figure-unchanged-value')).toHaveText('3');
  await expect(done.getByTestId('figure-skipped')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // The table: every row, phone numbers as given (leading zeros, +, blanks and brackets).
  await expect(table.getByTestId('user-row')).toHaveCount(5);
  expect((await table.getByTestId('user-phone').allInnerTexts()).sort()).toEqual(
    GOOD_ROWS.map((r) => r[4]!).sort(),
  );
  await expect(
    table.getByTestId('user-row').filter({ hasText: 'alice@example.com' }).getByTestId('user-phone'),
  ).toHaveText('0123456789');
  await expect(
    table.getByTestId('user-row').filter({ hasText: 'dave@example.com' }).getByTestId('user-phone'),
  ).toHaveText('0098765432');
  await expect(
    table.getByTestId('user-row').filter({ hasText: 'carol@example.com' }).getByTestId('user-phone'),
  ).toHaveText('+33 1 23 45 67 89');
  await expect(table.getByTestId('user-row').filter({ hasText: 'erin@example.com' })).toContainText(
    'Erin "E" Lee, Jr',
  );
  await expect(tab.getByTestId('users-range')).toHaveText('1–5 of 5');

  // Filter (server side) and clear.
  const filter = tab.getByRole('form', { name: 'Filter the user list' });
  await filter.getByLabel('Email, name or phone').fill('+33');
  await filter.getByRole('button', { name: 'Apply' }).click();
  await expect(table.getByTestId('user-row')).toHaveCount(1);
  await expect(table.getByTestId('user-row')).toContainText('carol@example.com');
  await filter.getByLabel('Email, name or phone').fill('nobody-here');
  await filter.getByRole('button', { name: 'Apply' }).click();
  await expect(table.getByTestId('users-empty')).toHaveText('No users match the filter.');
  await filter.getByRole('button', { name: 'Clear' }).click();
  await expect(table.getByTestId('user-row')).toHaveCount(5);
  await expectNoSeriousA11yViolations(page);
});

test('User list export: Download (CSV) and Email User List reach the SMTP peer once, with the CSV attached', async ({
  page,
  request,
}) => {
  await openMivoice(page);
  const tab = page.getByTestId('user-list-tab');
  await expect(tab.getByTestId('user-row')).toHaveCount(5);

  const downloading = page.waitForEvent('download');
  await tab.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('mivoice-users.csv');
  const csv = (await readDownload(download)).toString('utf8');
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  expect(lines[0]).toBe(
    'primary_email,full_name,given_name,family_name,phone_number,phone_type,mark_as_delete,record_source',
  );
  for (const r of GOOD_ROWS) expect(lines).toContain(exported(r));

  const before = (await receivedMails(request, PEERS.mcs)).filter((m) => m.to.includes(EXPORT_TO)).length;
  await expect(tab.getByTestId('users-email-hint')).toHaveText(`Mails the user list (CSV) to ${EXPORT_TO}.`);
  await tab.getByRole('button', { name: 'Email User List' }).click();
  await expect(page.getByText(`User list queued for ${EXPORT_TO} — see Mail Outbox.`)).toBeVisible();
  await expect
    .poll(
      async () => (await receivedMails(request, PEERS.mcs)).filter((m) => m.to.includes(EXPORT_TO)).length,
      { timeout: 30_000 },
    )
    .toBe(before + 1);
  // Exactly one: nothing more arrives.
  await page.waitForTimeout(500);
  const mails = (await receivedMails(request, PEERS.mcs)).filter((m) => m.to.includes(EXPORT_TO));
  expect(mails).toHaveLength(before + 1);
  const mail = mails.at(-1)!;
  expect(mail.subject).toContain('user list');
  const attachment = mail.attachments.find((a) => a.filename === 'mivoice-users.csv');
  expect(attachment?.contentType).toBe('text/csv');
  const attached = attachment!.content.replace(/^\uFEFF/, '').split('\r\n');
  for (const r of GOOD_ROWS) expect(attached).toContain(exported(r));
});

test('Localization: a Japanese file for Google is stored, listed with every string translated, downloads byte-identical, is served publicly; a wrong name is refused; delete', async ({
  page,
  request,
}) => {
  await openMivoice(page, ADMIN, 'localization');
  const tab = page.getByTestId('localization-tab');
  // The choice is a radio group drawn as buttons: the user clicks the label.
  const appChoice = (name: string) =>
    tab
      .getByRole('group', { name: 'Application' })
      .locator('label')
      .filter({ hasText: new RegExp(`^${name}$`) });
  await appChoice('Salesforce').click();
  await expect(tab.getByRole('radio', { name: 'Salesforce' })).toBeChecked();
  await expect(
    tab.getByRole('table', { name: 'Languages of MiVoice Integration for Salesforce' }),
  ).toBeVisible();
  await appChoice('Google').click();
  await expect(tab.getByRole('radio', { name: 'Google' })).toBeChecked();
  await expect(page).toHaveURL(/app=google/);
  const table = tab.getByRole('table', { name: 'Languages of MiVoice Integration for Google' });
  await expect(table).toContainText('Built in');
  await expectNoSeriousA11yViolations(page);

  // The English strings of Google, through the UI's Download.
  await tab.getByLabel('Language', { exact: true }).selectOption('en');
  const downloading = page.waitForEvent('download');
  await tab.getByRole('button', { name: 'Download', exact: true }).click();
  const english = await downloading;
  expect(english.suggestedFilename()).toBe('MiVoice Integration for Google_en.csv');
  const englishText = (await readDownload(english)).toString('utf8');
  expect(englishText.startsWith(BOM)).toBe(true);
  const [header, ...englishRows] = parseCsv(englishText.slice(1));
  expect(header).toEqual(['messageKey', 'languageValue']);
  const keys = englishRows.map((r) => r[0]!);
  expect(keys).toContain('duration_format');
  expect(keys).toContain('call_log_quick_note_label');

  // Japanese: every value replaced, placeholders kept; one value with a comma and quotes.
  const japanese: Record<string, string> = {
    duration_format: '{0}分{1}秒',
    call_log_quick_note_label: 'クイックメモ {0}',
    signed_in_as: '{0} としてサインイン',
    err_not_verified: '許可されていない電話番号, {0}',
    save_exit: '保存して終了, "閉じる"',
    cancel: 'キャンセル',
    save: '保存',
    settings: '設定',
  };
  const jaRows = englishRows.map(([key, value]) => [key!, japanese[key!] ?? `【日本語】${value!}`]);
  const jaText = `${BOM}${csvLines([header!, ...jaRows])}\r\n`;
  jaBytes = Buffer.from(jaText, 'utf8');
  expect(jaText).toContain('\r\nsave_exit,"保存して終了, ""閉じる"""\r\n');

  await tab.getByRole('button', { name: 'Add' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Language File' });
  await dialog
    .getByLabel('Language file (CSV)')
    .setInputFiles({ name: JA_FILE, mimeType: 'text/csv', buffer: jaBytes });
  await expect(dialog.getByTestId('loc-import-target')).toHaveText(
    'Imports into MiVoice Integration for Google, Japanese (ja).',
  );
  await dialog.getByRole('button', { name: 'Upload' }).click();
  await expect(dialog.getByTestId('loc-report-outcome')).toHaveText(
    `Done: the Japanese strings of MiVoice Integration for Google are stored (${keys.length} of ${keys.length} translated).`,
  );
  await expect(dialog.getByTestId('loc-report-errors')).toHaveCount(0);
  await expect(dialog.getByTestId('loc-report-warnings')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, '[data-testid="localization-import-dialog"]');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  const jaRow = table.getByRole('row').filter({ hasText: 'Japanese' });
  await expect(jaRow).toContainText('ja');
  await expect(jaRow.getByTestId('language-completeness')).toContainText(
    `${keys.length} translated · 0 same as English · 0 missing`,
  );
  await expect(jaRow).toContainText(JA_FILE);
  await expect(jaRow).toContainText(`by ${ADMIN.username}`);

  // The row's Download gives the very bytes uploaded.
  const back = page.waitForEvent('download');
  await jaRow.getByRole('button', { name: 'Download Japanese (ja)' }).click();
  const jaDownload = await back;
  expect(jaDownload.suggestedFilename()).toBe(JA_FILE);
  const downloaded = await readDownload(jaDownload);
  expect(
    downloaded.equals(jaBytes),
    `downloaded ${downloaded.length} bytes vs uploaded ${jaBytes.length}`,
  ).toBe(true);

  // MiVoice clients read the Japanese strings (no console session needed).
  const anonymous = await request.get('/mitel/oig/rest/resources/v1/localization/google/ja');
  expect(anonymous.status()).toBe(200);
  const served = (await anonymous.json()) as Record<string, string>;
  expect(Object.keys(served)).toEqual(keys);
  expect(served.duration_format).toBe('{0}分{1}秒');
  expect(served.call_log_quick_note_label).toBe('クイックメモ {0}');
  expect(served.save_exit).toBe('保存して終了, "閉じる"');
  expect(served.my_ext).toBe(`【日本語】${englishRows.find((r) => r[0] === 'my_ext')![1]}`);

  // Email Language Strings: the Japanese strings reach the SMTP peer once, the very bytes uploaded attached.
  await tab.getByLabel('Language', { exact: true }).selectOption('ja');
  await expect(tab.getByTestId('localization-email-hint')).toHaveText(
    `Mails the Japanese strings of MiVoice Integration for Google (CSV) to ${EXPORT_TO}.`,
  );
  const mailsBefore = (await receivedMails(request, PEERS.mcs)).filter((m) =>
    m.to.includes(EXPORT_TO),
  ).length;
  await tab.getByRole('button', { name: 'Email Language Strings' }).click();
  await expect(
    page.getByText(
      `Japanese strings of MiVoice Integration for Google queued for ${EXPORT_TO} — see Mail Outbox.`,
    ),
  ).toBeVisible();
  await expect
    .poll(
      async () => (await receivedMails(request, PEERS.mcs)).filter((m) => m.to.includes(EXPORT_TO)).length,
      { timeout: 30_000 },
    )
    .toBe(mailsBefore + 1);
  await page.waitForTimeout(500);
  const stringMails = (await receivedMails(request, PEERS.mcs)).filter((m) => m.to.includes(EXPORT_TO));
  expect(stringMails).toHaveLength(mailsBefore + 1);
  const stringsMail = stringMails.at(-1)!;
  expect(stringsMail.subject).toBe('MiVoice Integration for Google: language strings (Japanese, ja)');
  const stringsAttachment = stringsMail.attachments.find((a) => a.filename === JA_FILE);
  expect(stringsAttachment?.contentType).toBe('text/csv');
  expect(stringsAttachment!.content).toBe(jaText);

  // A wrong language code in the name is refused before anything is sent.
  await tab.getByRole('button', { name: 'Add' }).click();
  const file = dialog.getByLabel('Language file (CSV)');
  await file.setInputFiles({
    name: 'MiVoice Integration for Google_jp.csv',
    mimeType: 'text/csv',
    buffer: jaBytes,
  });
  await expect(dialog).toContainText('“jp” is not a supported language code. Use one of:');
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Upload' })).toBeDisabled();
  // And a name that is not the rule at all.
  await file.setInputFiles({ name: 'Google_ja.csv', mimeType: 'text/csv', buffer: jaBytes });
  await expect(dialog).toContainText(
    '“Google_ja.csv” does not follow the file-name rule. Expected “MiVoice Integration for Google_xx.csv” or “MiVoice Integration for Salesforce_xx.csv”',
  );
  await expect(dialog.getByRole('button', { name: 'Upload' })).toBeDisabled();

  // A German file with a placeholder missing: refused with its reason, nothing stored; the console
  // says the reason in its own language.
  const deText = `${BOM}${csvLines([header!, ['save', 'Speichern'], ['duration_format', '{0} Minuten']])}\r\n`;
  await file.setInputFiles({
    name: 'MiVoice Integration for Google_de.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(deText, 'utf8'),
  });
  await dialog.getByRole('button', { name: 'Upload' }).click();
  await expect(dialog.getByTestId('loc-report-outcome')).toHaveText(
    'Nothing was stored from MiVoice Integration for Google_de.csv: fix the errors below and upload the file again.',
  );
  const deIssue = dialog.getByTestId('loc-report-errors').getByTestId('loc-issue-row');
  await expect(deIssue).toHaveCount(1);
  await expect(deIssue).toHaveText(
    /^3\s*duration_format\s*Placeholder mismatch\s*The placeholders must match the English string "\{0\} minutes, \{1\} seconds": expected \{0\}, \{1\}; found \{0\}\.$/,
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  // The same file in the French console.
  await page.getByLabel('Language', { exact: true }).first().selectOption('fr');
  await tab.getByTestId('localization-add').click();
  const frDialog = page.getByTestId('localization-import-dialog');
  await frDialog.getByTestId('loc-import-file').setInputFiles({
    name: 'MiVoice Integration for Google_de.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(deText, 'utf8'),
  });
  await frDialog.getByTestId('loc-import-upload').click();
  await expect(frDialog.getByTestId('loc-report-errors').getByTestId('loc-issue-row')).toContainText(
    'Les espaces réservés doivent correspondre au texte anglais « {0} minutes, {1} seconds » : attendus {0}, {1} ; trouvés {0}.',
  );
  await frDialog.getByTestId('loc-import-cancel').click();
  await expect(frDialog).toBeHidden();
  await page.getByLabel('Langue', { exact: true }).first().selectOption('en');
  await expect(tab.getByTestId('localization-add')).toHaveText('Add');
  await apiSignIn(request);
  const overview = (await (await request.get('/api/v1/mivoice/localization')).json()) as {
    applications: Array<{ application: string; languages: Array<{ code: string }> }>;
  };
  expect(overview.applications.find((a) => a.application === 'google')!.languages.map((l) => l.code)).toEqual(
    ['en', 'ja'],
  );

  // Delete Japanese, confirmed.
  await jaRow.getByRole('button', { name: 'Delete Japanese (ja)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Japanese (ja)?' });
  await expect(confirm).toContainText('The Japanese strings of MiVoice Integration for Google are deleted.');
  await expectNoSeriousA11yViolations(page, '[role="dialog"]');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('Japanese (ja) deleted from MiVoice Integration for Google.')).toBeVisible();
  await expect(jaRow).toHaveCount(0);
  await expect(table.getByRole('row')).toHaveCount(2); // header + English
  // The clients fall back to English.
  const fallback = (await (
    await request.get('/mitel/oig/rest/resources/v1/localization/google/ja')
  ).json()) as Record<string, string>;
  expect(fallback.duration_format).toBe(englishRows.find((r) => r[0] === 'duration_format')![1]);
});

test('Support users see the MiVoice tab read-only but can download', async ({ page, request }) => {
  const csrf = await apiSignIn(request);
  const support = await ensureSupportUser(request, csrf);
  // An imported language (setup by API) so that a Delete button would have something to show on.
  const fr = jaBytes.toString('utf8').replace(/【日本語】/g, 'FR ');
  const imported = await request.post('/api/v1/mivoice/localization/import', {
    headers: { 'X-CSRF-Token': csrf },
    multipart: {
      file: { name: 'MiVoice Integration for Google_fr.csv', mimeType: 'text/csv', buffer: Buffer.from(fr) },
    },
  });
  expect(imported.status(), await imported.text()).toBe(200);
  expect(((await imported.json()) as { stored: boolean }).stored).toBe(true);

  await openMivoice(page, support);
  await expect(page.getByTestId('read-only-hint').first()).toBeVisible();
  const settings = page.getByTestId('google-settings-read-only');
  await expect(settings.getByTestId('google-admin-email-value')).toHaveText(google.adminEmail);
  await expect(settings.getByTestId('google-domain-value')).toHaveText(google.domain);
  await expect(settings.getByTestId('google-key-value')).toHaveText(/^Key set: /);
  await expect(page.getByTestId('google-contact-count')).toHaveText('120');
  await expect(page.getByTestId('admin-email-value')).toHaveText(EXPORT_TO);

  const noControls = async () => {
    for (const name of [
      'Save',
      'Sync with Google',
      'Add',
      'Email User List',
      'Email Language Strings',
      'Replace',
      'Remove',
    ]) {
      await expect(page.getByRole('button', { name, exact: true }), name).toHaveCount(0);
    }
    await expect(page.getByRole('button', { name: /^Delete/ })).toHaveCount(0);
    await expect(page.locator('input[type="file"], textarea')).toHaveCount(0);
    await expect(
      page.getByRole('textbox', { name: /Google Administrator Email|Google Domain|^Email$/ }),
    ).toHaveCount(0);
  };
  const tab = page.getByTestId('user-list-tab');
  await expect(tab.getByTestId('user-row')).toHaveCount(5);
  await noControls();
  const users = page.waitForEvent('download');
  await tab.getByRole('button', { name: 'Download' }).click();
  const usersCsv = (await readDownload(await users)).toString('utf8');
  for (const r of GOOD_ROWS) expect(usersCsv).toContain(exported(r));
  await expectNoSeriousA11yViolations(page);

  await page.getByTestId('mivoice-tab-localization').click();
  const loc = page.getByTestId('localization-tab');
  const frRow = loc.getByRole('row').filter({ hasText: 'French' });
  await expect(frRow).toContainText('90 translated · 0 same as English · 0 missing');
  await noControls();
  const frDownload = page.waitForEvent('download');
  await frRow.getByRole('button', { name: 'Download French (fr)' }).click();
  expect((await readDownload(await frDownload)).equals(Buffer.from(fr))).toBe(true);
  await expectNoSeriousA11yViolations(page);

  // The server refuses the support user's changes too.
  const supportCsrf = await apiSignIn(request, support);
  expect(
    (await apiWrite(request, supportCsrf, 'delete', '/api/v1/mivoice/localization/google/fr')).status(),
  ).toBe(403);
  expect((await apiWrite(request, supportCsrf, 'post', '/api/v1/mivoice/google/sync')).status()).toBe(403);
});

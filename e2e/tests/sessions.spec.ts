import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { apiSignIn, ensureAccount, restKeepAlive, restLogin, soapLogin, uiSignIn } from '../support/api.js';

const REST_LOGOUT = '/mitel/oig/rest/resources/v1/sessions';

test('applications log in over REST and SOAP, appear in Sessions, are terminated, and show in history with the reason', async ({
  page,
  request,
}) => {
  const csrf = await apiSignIn(request);
  await ensureAccount(request, csrf);
  await uiSignIn(page);

  const restId = await restLogin(request);
  const soapId = await soapLogin(request);
  const leaverId = await restLogin(request);
  const [restTail, soapTail, leaverTail] = [restId, soapId, leaverId].map((id) => id.slice(-4));

  await page.getByRole('link', { name: 'Sessions' }).click();
  await expect(page).toHaveURL(/\/sessions/);
  await page.getByTestId('refresh-sessions').click();
  const table = page.getByRole('table', { name: 'Live sessions' });
  await expect(table.getByRole('row').filter({ hasText: `…${restTail}` })).toContainText('REST');
  await expect(table.getByRole('row').filter({ hasText: `…${soapTail}` })).toContainText('SOAP');
  // Only the last four digits are ever shown: the id is a bearer credential.
  await expect(page.getByText(restId)).toHaveCount(0);

  // The filter narrows the list and says how many are shown.
  await page.getByLabel('Filter sessions').fill('soap');
  await expect(table.getByRole('row').filter({ hasText: `…${restTail}` })).toHaveCount(0);
  await expect(page.getByText(/Showing \d+ of \d+ session/)).toBeVisible();
  await page.getByLabel('Filter sessions').fill('');

  // Terminate one session, confirming in the dialog.
  await page
    .getByRole('button', { name: new RegExp(`Terminate session …${restTail} of Call Recorder`) })
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Terminate 1 session?');
  await dialog.getByRole('button', { name: 'Terminate session' }).click();
  await expect(page.getByText(new RegExp(`Session …${restTail} of Call Recorder terminated`))).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: `…${restTail}` })).toHaveCount(0);
  expect(await restKeepAlive(request, restId)).toBe(404);

  // Cancelling changes nothing: the session is still listed after a fresh read, and still alive.
  await page.getByRole('button', { name: new RegExp(`Terminate session …${soapTail}`) }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const reread = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/sessions' && r.ok());
  await page.getByTestId('refresh-sessions').click();
  await reread;
  await expect(table.getByRole('row').filter({ hasText: `…${soapTail}` })).toHaveCount(1);
  const live = (await (await request.get('/api/v1/sessions')).json()) as {
    sessions: Array<{ sessionIdLast4: string }>;
  };
  expect(live.sessions.map((s) => s.sessionIdLast4)).toContain(soapTail);

  // Terminate several: select the SOAP session and terminate the selection.
  await page.getByRole('checkbox', { name: new RegExp(`Select session …${soapTail}`) }).check();
  await page.getByTestId('terminate-selected').click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /Terminate/ })
    .click();
  await expect(table.getByRole('row').filter({ hasText: `…${soapTail}` })).toHaveCount(0);

  // An application logging out by itself.
  await request.delete(REST_LOGOUT, { headers: { Authorization: leaverId } });

  await page.getByTestId('sessions-view-history').click();
  const history = page.getByRole('table').last();
  await expect(history.getByRole('row').filter({ hasText: `…${restTail}` })).toContainText(
    'Terminated by administrator',
  );
  await expect(history.getByRole('row').filter({ hasText: `…${soapTail}` })).toContainText(
    'Terminated by administrator',
  );
  await expect(history.getByRole('row').filter({ hasText: `…${leaverTail}` })).toContainText('Logged out');

  // Export CSV fetches the file and saves it under the server's name.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('oig-session-history.csv');
  const csv = (await readFile(await download.path())).toString('utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv).toContain('Terminated by administrator');
  await expect(page.getByTestId('toast-error')).toHaveCount(0);
});

test('"Select all N matching" selects every session the filter matches on every page, and terminates them', async ({
  page,
  request,
}) => {
  const csrf = await apiSignIn(request);
  await ensureAccount(request, csrf);
  // 40 SOAP sessions (the Call Recorder's profile takes no license over SOAP): more than a page of 25.
  for (let i = 0; i < 4; i++) await Promise.all(Array.from({ length: 10 }, () => soapLogin(request)));
  await uiSignIn(page);
  await page.getByRole('link', { name: 'Sessions' }).click();
  const table = page.getByRole('table', { name: 'Live sessions' });
  await expect(table.getByRole('row')).toHaveCount(26);

  await page.getByLabel('Filter sessions').fill('soap');
  const count = page.getByTestId('table-count');
  await expect(count).toHaveText(/^Showing \d+ of \d+ sessions$/);

  // The header box ticks the page; the bar offers every matching session (their number as read last).
  await page.getByRole('checkbox', { name: 'Select all sessions on this page' }).check();
  const bar = page.getByTestId('selection-bar');
  await expect(bar).toContainText('25 sessions selected');
  await page.getByRole('button', { name: /^Select all \d+ matching sessions$/ }).click();
  await expect(bar).toContainText(/All \d+ sessions matching “soap” are selected\./);
  const matching = Number(/All (\d+)/.exec((await bar.textContent()) ?? '')![1]);
  expect(matching).toBeGreaterThanOrEqual(40);
  // Page 2: its rows are selected too.
  await page.getByTestId('live-sessions-next').click();
  await expect(page.getByTestId('live-sessions-range')).toContainText('26–');
  for (const box of await table.getByTestId('select-row').all()) await expect(box).toBeChecked();

  await page.getByTestId('terminate-selected').click();
  const dialog = page.getByRole('dialog', { name: `Terminate ${matching} sessions matching “soap”?` });
  await dialog.getByRole('button', { name: `Terminate ${matching} sessions` }).click();
  await expect(page.getByText(/^\d+ sessions terminated\.$/)).toBeVisible();
  await expect(count).toHaveText(/^Showing 0 of \d+ sessions?$/);
  const left = (await (await request.get('/api/v1/sessions?term=soap&codes=soap')).json()) as {
    total: number;
  };
  expect(left.total).toBe(0);
  await expect(page.getByTestId('toast-error')).toHaveCount(0);
});

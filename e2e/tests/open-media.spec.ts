import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import {
  apiSignIn,
  apiWrite,
  ensureSupportUser,
  expectNoSeriousA11yViolations,
  uiSignIn,
} from '../support/api.js';
import { MICC_LOGON_ID, MICC_PASSWORD } from '../support/micc.js';

// The MiCC is the project's own Open Media Service (support/fake-peers.mjs, micc-sim.json):
// authentication on; Support (1001) has one agent who answers after 1.5 s and completes after
// 4 s more; Sales (1002) has no available agent, so its requests wait; Billing (1003) is closed.

const [SUPPORT, SALES, BILLING] = ['1001', '1002', '1003'];

interface Element {
  id: string;
  type: string;
  ipAddress: string;
}

/** The MiCC element at 127.0.0.1 (another spec may have added it), with or without Open Media credentials. */
async function setMicc(request: APIRequestContext, csrf: string, withCredentials: boolean): Promise<void> {
  const { elements } = (await (await request.get('/api/v1/network-elements')).json()) as {
    elements: Element[];
  };
  const micc = elements.find((e) => e.type === 'micc');
  if (micc && micc.ipAddress !== '127.0.0.1') {
    expect((await apiWrite(request, csrf, 'delete', `/api/v1/network-elements/${micc.id}`)).ok()).toBe(true);
  }
  const credentials = withCredentials
    ? { openMediaLogonId: MICC_LOGON_ID, openMediaPassword: MICC_PASSWORD }
    : { openMediaLogonId: '' };
  const body = { type: 'micc', setup: 'default', ipAddress: '127.0.0.1', ...credentials };
  const res =
    micc && micc.ipAddress === '127.0.0.1'
      ? await apiWrite(request, csrf, 'put', `/api/v1/network-elements/${micc.id}`, body)
      : await apiWrite(request, csrf, 'post', '/api/v1/network-elements', body);
  expect(res.ok(), await res.text()).toBe(true);
}

const requestsTable = (page: Page) => page.getByTestId('open-media-requests');
const rowOf = (page: Page, id: string) => requestsTable(page).locator(`[data-row-id="${id}"]`);

/** Refreshes the list until the request shows the status (the list's own rhythm is 30 s). */
async function expectStatus(page: Page, id: string, status: string | RegExp): Promise<void> {
  await expect(async () => {
    await page.getByTestId('refresh-open-media').click();
    await expect(rowOf(page, id).getByTestId('request-status')).toContainText(status, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** Adds a test request to a group through the dialog; returns its Open Media ID (the new row). */
async function addTestRequest(page: Page, serviceGroupId: string): Promise<string> {
  await page.getByTestId('add-test-request').click();
  const dialog = page.getByTestId('add-request-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('add-group').selectOption(serviceGroupId);
  await dialog.getByTestId('add-request-submit').click();
  await expect(dialog).toHaveCount(0);
  const toast = page.getByText(/^Test request .+ added: queue position/).last();
  await expect(toast).toBeVisible();
  const id = /^Test request (\S+) added/.exec((await toast.textContent()) ?? '')?.[1];
  expect(id).toBeTruthy();
  await expect(rowOf(page, id!)).toBeVisible();
  return id!;
}

/** Picks Live, Ended or All (the radio itself is visually hidden inside its label). */
async function show(page: Page, which: 'Live' | 'All'): Promise<void> {
  await page.getByRole('group', { name: 'Show' }).getByText(which, { exact: true }).click();
  await expect(page.getByRole('radio', { name: which })).toBeChecked();
}

async function submitIn(dialog: Locator, prefix: string): Promise<void> {
  await dialog.getByTestId(`${prefix}-submit`).click();
  await expect(dialog).toHaveCount(0);
}

test('Open Media: credentials, a test request through its statuses, modify, divert, cancel and history', async ({
  page,
  request,
}) => {
  const csrf = await apiSignIn(request);
  await setMicc(request, csrf, false);
  await uiSignIn(page);
  await page.getByRole('link', { name: 'Network Elements' }).click();
  const miccRow = page
    .getByTestId('network-elements-table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: '127.0.0.1', exact: true }) });

  // Without credentials the MiCC refuses: a clear banner, in the console's words.
  await miccRow.getByTestId('open-media-link').click();
  await expect(page).toHaveURL(/\/network-elements\/open-media$/);
  await expect(page.getByTestId('tab-networkElements')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('open-media-problem')).toContainText(
    'refused the Open Media logon ID or password',
  );

  // Store the credentials on the MiCC element; the password is never shown again.
  await page.goBack();
  await miccRow.getByTestId('edit-element').click();
  const edit = page.getByRole('dialog', { name: 'Edit Network Element' });
  await edit.getByTestId('field-openMediaLogonId').fill(MICC_LOGON_ID);
  await edit.getByTestId('field-openMediaPassword').fill(MICC_PASSWORD);
  await edit.getByTestId('element-save').click();
  await expect(edit).toHaveCount(0);
  await miccRow.getByTestId('edit-element').click();
  await expect(edit.getByTestId('field-openMediaLogonId')).toHaveValue(MICC_LOGON_ID);
  await expect(edit.getByTestId('field-openMediaPassword')).toHaveValue('');
  await edit.getByTestId('element-cancel').click();

  await miccRow.getByTestId('open-media-link').click();
  await expect(page.getByTestId('open-media-problem')).toHaveCount(0);
  await expect(page.getByTestId('micc-address')).toContainText('127.0.0.1');
  const groups = page.getByTestId('service-groups');
  await expect(groups.getByTestId('service-group')).toHaveCount(3);
  await expect(groups.getByTestId('service-group').filter({ hasText: 'Billing' })).toContainText('Closed');
  await expectNoSeriousA11yViolations(page);

  // A test request to Support is allocated, handled and completed by its agent.
  const handled = await addTestRequest(page, SUPPORT);
  await show(page, 'All');
  await expectStatus(page, handled, /Allocated to an agent|Being handled/);
  await expect(rowOf(page, handled)).toContainText('4001'); // the agent's logon ID
  await expectStatus(page, handled, 'Completed');

  // A request to Sales waits (no agent available): its data can change while it is queued.
  const waiting = await addTestRequest(page, SALES);
  await expectStatus(page, waiting, 'Queued');
  await rowOf(page, waiting).getByTestId('request-modify').click();
  const modify = page.getByTestId('modify-dialog');
  await expectNoSeriousA11yViolations(page, '[role="dialog"]');
  await modify.getByTestId('ivr-row').first().getByRole('textbox').nth(1).fill('Ticket 4711');
  await submitIn(modify, 'modify');
  await expect(page.getByText(/was changed/).last()).toBeVisible();

  // Divert it to Support: the agent there takes it.
  await rowOf(page, waiting).getByTestId('request-divert').click();
  const divert = page.getByTestId('divert-dialog');
  await divert.getByTestId('divert-group').selectOption(SUPPORT);
  await submitIn(divert, 'divert');
  await expectStatus(page, waiting, /Allocated to an agent|Being handled|Completed/);

  // Its history tells the whole story as a timeline.
  await rowOf(page, waiting).getByTestId('request-history').click();
  const history = page.getByTestId('history-dialog');
  await expect(history.getByTestId('history-event').first()).toContainText('Queued');
  await expect(history.getByTestId('history-timeline')).toContainText('Allocated to an agent');
  await expectNoSeriousA11yViolations(page, '[role="dialog"]');
  await page.keyboard.press('Escape');
  await expect(history).toHaveCount(0);

  // Another request to Sales, cancelled while it waits.
  const cancelled = await addTestRequest(page, SALES);
  await expectStatus(page, cancelled, 'Queued');
  await rowOf(page, cancelled).getByTestId('request-cancel').click();
  const cancel = page.getByTestId('cancel-dialog');
  await expect(cancel).toContainText('Also take it from an agent it is already allocated to');
  await cancel.getByTestId('cancel-submit').click();
  await expect(cancel).toHaveCount(0);
  await expectStatus(page, cancelled, 'Cancelled');
  await expect(rowOf(page, cancelled).getByTestId('request-cancel')).toBeDisabled();

  // A closed group refuses, and the dialog says so.
  await page.getByTestId('add-test-request').click();
  const add = page.getByTestId('add-request-dialog');
  await add.getByTestId('add-group').selectOption(BILLING);
  await add.getByTestId('add-request-submit').click();
  await expect(add).toContainText(/Service group Billing.* is closed\./);
  await add.getByTestId('add-request-cancel').click();

  // Live hides what has ended.
  await show(page, 'Live');
  await expect(rowOf(page, cancelled)).toHaveCount(0);
  await expect(rowOf(page, handled)).toHaveCount(0);
});

test('a support user follows Open Media requests but cannot act on them', async ({ browser, request }) => {
  const csrf = await apiSignIn(request);
  await setMicc(request, csrf, true);
  const support = await ensureSupportUser(request, csrf);
  const context = await browser.newContext();
  const page = await context.newPage();
  await uiSignIn(page, support);
  await page.goto('/network-elements/open-media');
  await expect(page.getByTestId('service-groups').getByTestId('service-group')).toHaveCount(3);
  await show(page, 'All');
  await expect(requestsTable(page).getByTestId('request-history').first()).toBeVisible();
  await expect(page.getByTestId('add-test-request')).toHaveCount(0);
  await expect(page.getByTestId('set-options')).toHaveCount(0);
  await expect(page.getByTestId('request-cancel')).toHaveCount(0);
  await expect(page.getByTestId('request-divert')).toHaveCount(0);

  // Even with its own CSRF token, the server refuses a support user's action.
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  const res = await page.request.post('/api/v1/open-media/requests', {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data: { serviceGroupId: 1001, ivrInfo: [{ label: 'x', data: 'y' }] },
  });
  expect(res.status()).toBe(403);
  await expectNoSeriousA11yViolations(page);
  await context.close();
});

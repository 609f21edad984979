import { expect, test, type APIRequestContext } from '@playwright/test';
import { PEERS } from '../support/ports.js';
import { apiSignIn, apiWrite, expectNoSeriousA11yViolations, setMcsMode, uiSignIn } from '../support/api.js';

const WALLBOARD = {
  companyName: 'Acme',
  applicationName: 'Wallboard',
  applicationPassword: 'e2e-wallboard-app-password',
};
const REST = '/mitel/oig/rest/resources/v1/sessions';

async function wallboardLogin(request: APIRequestContext, localPassword: string) {
  const res = await request.get(REST, {
    params: { applicationName: WALLBOARD.applicationName, companyName: WALLBOARD.companyName },
    headers: { Authorization: localPassword, ApplicationInfo: WALLBOARD.applicationPassword },
  });
  return (await res.json()) as { result: boolean; sessionId?: string; error?: string };
}

test('Application Accounts: latest application list, create, edit, disable, enable and delete a local password', async ({
  page,
  request,
}) => {
  await uiSignIn(page);
  await page.getByRole('link', { name: 'Application Accounts' }).click();
  await expect(page).toHaveURL(/\/accounts$/);
  await expect(page.getByRole('heading', { name: 'Application Accounts', level: 1 })).toBeVisible();
  await expect(page.getByTestId('acl-source-line')).toContainText(/bundled/i);
  await expectNoSeriousA11yViolations(page);

  // The MCS fails: the error is shown and the bundled list stays in use.
  await setMcsMode(request, PEERS.mcs, 'fail');
  await page.getByTestId('acl-refresh').click();
  await expect(page.getByTestId('acl-refresh-error')).toContainText('HTTP 500');
  await expect(page.getByTestId('acl-source-line')).toContainText(/bundled/i);
  await expect(
    page.getByTestId('create-application').locator('option', { hasText: 'Wallboard' }),
  ).toHaveCount(0);

  // The MCS answers: its list (with Wallboard) is now in use, and the source says so.
  await setMcsMode(request, PEERS.mcs, 'ok');
  await page.getByTestId('acl-refresh').click();
  await expect(page.getByTestId('acl-source-line')).toContainText(`127.0.0.1:${PEERS.mcs}`);
  await expect(page.getByTestId('acl-refresh-error')).toHaveCount(0);

  // Create: a mismatch is caught before anything is sent, then the real thing.
  const create = page.getByTestId('create-account-form');
  await create.getByTestId('create-application').selectOption({ label: 'Wallboard — Acme (Standard)' });
  await create.getByRole('textbox', { name: 'Local Password', exact: true }).fill('wallboard-pass-1');
  await create.getByRole('textbox', { name: 'Confirm Local Password' }).fill('wallboard-pass-2');
  await create.getByTestId('create-submit').click();
  await expect(create.getByText('The two passwords do not match.')).toBeVisible();
  await create.getByRole('textbox', { name: 'Confirm Local Password' }).fill('wallboard-pass-1');
  await create.getByTestId('create-submit').click();
  const table = page.getByRole('table', { name: 'Allowed applications' });
  const row = table.getByRole('row').filter({ hasText: 'Wallboard' });
  await expect(row).toBeVisible();
  expect((await wallboardLogin(request, 'wallboard-pass-1')).result).toBe(true);

  // Server-side refusal shown as the server words it: the select offered an app that meanwhile got a password.
  const csrf = await apiSignIn(request);
  await create
    .getByTestId('create-application')
    .selectOption({ label: 'MiVoice Integration for Google — Mitel (Standard)' });
  await create.getByRole('textbox', { name: 'Local Password', exact: true }).fill('google-pass-1');
  await create.getByRole('textbox', { name: 'Confirm Local Password' }).fill('google-pass-1');
  const taken = await apiWrite(request, csrf, 'post', '/api/v1/accounts', {
    companyName: 'Mitel',
    applicationName: 'MiVoice Integration for Google',
    localPassword: 'google-pass-0',
  });
  expect(taken.status()).toBe(201);
  await create.getByTestId('create-submit').click();
  await expect(page.getByText(/already has a local password/i).first()).toBeVisible();
  await apiWrite(
    request,
    csrf,
    'delete',
    `/api/v1/accounts/Mitel/${encodeURIComponent('MiVoice Integration for Google')}`,
  );

  // Edit the local password with the keyboard only: open, type, Tab, type, Enter.
  const live = await wallboardLogin(request, 'wallboard-pass-1');
  await row.getByTestId('account-edit-password').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Edit local password' });
  await expect(dialog).toBeVisible();
  await expectNoSeriousA11yViolations(page, '[role="dialog"]');
  await page.keyboard.type('wallboard-pass-9');
  await page.keyboard.press('Tab');
  await page.keyboard.type('wallboard-pass-9');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(/Local password of Wallboard \(Acme\) changed/)).toBeVisible();
  // The current session continues; the next login needs the new password.
  expect((await request.put(REST, { headers: { Authorization: live.sessionId! } })).status()).toBe(200);
  expect((await wallboardLogin(request, 'wallboard-pass-1')).result).toBe(false);
  expect((await wallboardLogin(request, 'wallboard-pass-9')).result).toBe(true);

  // Disable asks first (Escape cancels), then refuses new logins.
  await row.getByTestId('account-disable').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(row.getByTestId('account-status')).toContainText('Enabled');
  await row.getByTestId('account-disable').click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /disable/i })
    .click();
  await expect(row.getByTestId('account-status')).toContainText('Disabled');
  expect(await wallboardLogin(request, 'wallboard-pass-9')).toMatchObject({
    result: false,
    error: 'Application disabled',
  });
  await row.getByTestId('account-enable').click();
  await expect(row.getByTestId('account-status')).toContainText('Enabled');
  expect((await wallboardLogin(request, 'wallboard-pass-9')).result).toBe(true);

  // Delete asks first; afterwards Wallboard is offered again for a new local password.
  await row.getByTestId('account-delete').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete local password' }).click();
  await expect(row).toHaveCount(0);
  await expect(
    create.getByTestId('create-application').locator('option', { hasText: 'Wallboard' }),
  ).toHaveCount(1);
  expect((await wallboardLogin(request, 'wallboard-pass-9')).result).toBe(false);
  await expectNoSeriousA11yViolations(page);
});

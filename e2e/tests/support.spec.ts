import { expect, test } from '@playwright/test';
import { apiSignIn, ensureAccount, ensureSupportUser, restLogin, uiSignIn } from '../support/api.js';

test('a support user sees read-only views and the server refuses changes', async ({ browser, request }) => {
  const csrf = await apiSignIn(request);
  await ensureAccount(request, csrf);
  const support = await ensureSupportUser(request, csrf);
  const sessionId = await restLogin(request);

  const context = await browser.newContext();
  const page = await context.newPage();
  await uiSignIn(page, support);
  await expect(page.getByText('Support', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Licensing' })).toBeVisible();

  await page.getByRole('link', { name: 'Sessions' }).click();
  const table = page.getByRole('table', { name: 'Live sessions' });
  await expect(table.getByRole('row').filter({ hasText: `…${sessionId.slice(-4)}` })).toBeVisible();
  await expect(page.getByTestId('read-only-hint')).toBeVisible();
  await expect(page.getByTestId('terminate-row')).toHaveCount(0);
  await expect(page.getByTestId('terminate-selected')).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);

  // Even with its own valid CSRF token, the support session cannot terminate anything.
  const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string };
  const live = (await (await page.request.get('/api/v1/sessions')).json()) as {
    sessions: Array<{ id: string }>;
  };
  const res = await page.request.delete(`/api/v1/sessions/${live.sessions[0]!.id}`, {
    headers: { 'X-CSRF-Token': me.csrfToken },
  });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/administrator/);

  // The three configuration tabs: everything visible, nothing changeable.
  await page.getByRole('link', { name: 'Application Accounts' }).click();
  await expect(page.getByRole('table', { name: 'Allowed applications' })).toBeVisible();
  await expect(page.getByTestId('create-account-panel')).toHaveCount(0);
  await expect(page.getByTestId('acl-refresh')).toHaveCount(0);
  await expect(page.getByTestId('account-delete')).toHaveCount(0);
  await page.getByRole('link', { name: 'Network Elements' }).click();
  await expect(page.getByTestId('network-elements-table')).toBeVisible();
  await expect(page.getByTestId('add-network-element')).toHaveCount(0);
  await expect(page.getByTestId('set-default-values')).toHaveCount(0);
  await expect(page.getByTestId('check-now')).toHaveCount(0);
  await page.getByRole('link', { name: 'Options' }).click();
  await expect(page.getByTestId('audit-panel')).toBeVisible();
  await expect(page.getByTestId('add-user')).toHaveCount(0);
  await expect(page.getByTestId('logging-level-save')).toHaveCount(0);
  await expect(page.getByTestId('change-password')).toBeVisible();
  const put = await page.request.put('/api/v1/options', {
    data: { loggingLevel: 'error' },
    headers: { 'X-CSRF-Token': me.csrfToken },
  });
  expect(put.status()).toBe(403);
  // Backup and Restore: said to be for administrators, no form; the API refuses too.
  await expect(page.getByTestId('backup-admin-only')).toBeVisible();
  await expect(page.getByTestId('backup-make')).toHaveCount(0);
  await expect(page.getByTestId('backup-check')).toHaveCount(0);
  const backup = await page.request.post('/api/v1/backup', {
    data: { passphrase: 'support passphrase' },
    headers: { 'X-CSRF-Token': me.csrfToken },
  });
  expect(backup.status()).toBe(403);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

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
  const live = (await (await page.request.get('/api/v1/sessions')).json()) as { sessions: Array<{ id: string }> };
  const res = await page.request.delete(`/api/v1/sessions/${live.sessions[0]!.id}`, { headers: { 'X-CSRF-Token': me.csrfToken } });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/administrator/);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

import { expect, test } from '@playwright/test';
import {
  apiSignIn,
  ensureAccount,
  expectNoSeriousA11yViolations,
  restLogin,
  uiSignIn,
} from '../support/api.js';

test('sign-in page refuses a wrong password with the server message and is accessible', async ({ page }) => {
  await page.goto('/overview');
  await expect(page).toHaveURL(/\/login/);
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel(/user name/i).fill('admin');
  await page.getByLabel(/password/i).fill('wrong-password');
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page.getByText('Invalid user name or password')).toBeVisible();
});

test('Overview shows counts and license use, Sessions and a coming tab are accessible', async ({
  page,
  request,
}) => {
  const csrf = await apiSignIn(request);
  await ensureAccount(request, csrf);
  await restLogin(request);
  await uiSignIn(page);

  const overview = (await (await page.request.get('/api/v1/overview')).json()) as {
    sessions: number;
    applications: number;
    licensing: { dataAccess: { used: number } };
  };
  expect(overview.sessions).toBeGreaterThan(0);
  await expect(page.getByText('OIG Version')).toBeVisible();
  await expect(page.getByRole('row', { name: /Data Access Service/ })).toContainText(
    String(overview.licensing.dataAccess.used),
  );
  await expect(page.getByTestId('license-source')).toContainText('the built-in demo inventory');
  await expectNoSeriousA11yViolations(page);

  // Collapsible panels.
  const licensing = page.getByRole('button', { name: 'Licensing' });
  await expect(licensing).toHaveAttribute('aria-expanded', 'true');
  await licensing.click();
  await expect(licensing).toHaveAttribute('aria-expanded', 'false');

  await page.getByRole('link', { name: 'Sessions' }).click();
  await expect(page.getByRole('table', { name: 'Live sessions' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('link', { name: 'MiVoice' }).click();
  await expect(page).toHaveURL(/\/mivoice/);
  await expect(page.getByRole('heading', { name: 'Google Corporate Directory' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Language picker proves the i18n wiring.
  await page.getByLabel('Language').selectOption('fr');
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await page.getByLabel(/Langue/).selectOption('en');
});

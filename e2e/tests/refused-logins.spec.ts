import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import {
  ACME,
  apiSignIn,
  ensureAccount,
  ensureSupportUser,
  expectNoSeriousA11yViolations,
  restLogin,
  uiSignIn,
} from '../support/api.js';

const REST = '/mitel/oig/rest/resources/v1/sessions';
const WRONG = 'e2e-wrong-local-password';

test('a refused application login shows on the Overview and in Refused Logins, for support too', async ({
  browser,
  page,
  request,
}) => {
  const csrf = await apiSignIn(request);
  await ensureAccount(request, csrf);
  const support = await ensureSupportUser(request, csrf);

  // An application with a wrong local password is refused; the password is never shown anywhere.
  const refused = await request.get(REST, {
    params: { applicationName: ACME.applicationName, companyName: ACME.companyName },
    headers: { Authorization: WRONG, ApplicationInfo: ACME.applicationPassword },
  });
  expect(refused.status()).toBe(401);
  // The refusal is written within a write period (500 ms); a right login afterwards forgets the failure.
  await expect
    .poll(async () => {
      const res = await request.get('/api/v1/sessions/refused', { params: { reason: 'bad_local_password' } });
      return ((await res.json()) as { total: number }).total;
    })
    .toBeGreaterThan(0);
  await restLogin(request);

  await uiSignIn(page);
  const panel = page.getByTestId('refused-logins-panel');
  await expect(panel.getByRole('heading', { name: 'Refused Logins, Last 24 Hours' })).toBeVisible();
  const byReason = panel.getByRole('table', { name: 'Refused logins by reason' });
  await expect(byReason.getByRole('row', { name: /Wrong local password/ })).toContainText(/[1-9]/);
  await expectNoSeriousA11yViolations(page);

  await byReason.getByRole('link', { name: 'Wrong local password' }).click();
  await expect(page).toHaveURL(/\/sessions\?view=refused&reason=bad_local_password/);
  await expect(page.getByRole('link', { name: 'Refused Logins' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByLabel('Reason')).toHaveValue('bad_local_password');
  const table = page.getByRole('table', { name: 'Refused logins' });
  const row = table.getByTestId('refused-row').filter({ hasText: ACME.applicationName }).first();
  await expect(row).toContainText('Wrong local password');
  await expect(row).toContainText('REST');
  await expect(page.getByText(WRONG)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  // The CSV download has the row, in English, with its code.
  const download = page.waitForEvent('download');
  await page.getByTestId('refused-export-csv').click();
  const file = await (await download).path();
  const csv = await readFile(file, 'utf8');
  expect(csv).toContain(',Local Password Invalid,');
  expect(csv).toContain(',bad_local_password,');
  expect(csv).not.toContain(WRONG);

  // Support reads the same view (read-only by nature).
  const context = await browser.newContext();
  const supportPage = await context.newPage();
  await uiSignIn(supportPage, support);
  await expect(supportPage.getByTestId('refused-logins-panel')).toContainText('Wrong local password');
  await supportPage.getByTestId('refused-logins-link').click();
  await expect(supportPage).toHaveURL(/\/sessions\?view=refused$/);
  await expect(
    supportPage.getByRole('table', { name: 'Refused logins' }).getByTestId('refused-row').filter({
      hasText: ACME.applicationName,
    }),
  ).not.toHaveCount(0);
  await expectNoSeriousA11yViolations(supportPage);
  await context.close();
});

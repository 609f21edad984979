import { expect, test, type Download } from '@playwright/test';
import { apiSignIn, ensureSupportUser, expectNoSeriousA11yViolations, uiSignIn } from '../support/api.js';

async function readDownload(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

test('Options → Logs: a line an action wrote, filtered; the logs and the support bundle download', async ({
  page,
  request,
}) => {
  // The action: a refused sign-in (logged at warning by module auth; the e2e server logs warning and above).
  const who = `e2e-nobody-${Date.now()}`;
  const refused = await request.post('/api/v1/auth/login', {
    data: { username: who, password: 'wrong-e2e-1' },
  });
  expect(refused.status()).toBe(401);

  await uiSignIn(page);
  await page.getByRole('link', { name: 'Options' }).click();
  const panel = page.getByTestId('logs-panel');
  await expect(panel.getByRole('heading', { name: 'Logs' })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Live tail' })).toHaveAttribute('aria-pressed', 'true');

  await panel.getByRole('combobox', { name: 'Lowest level' }).selectOption('warning');
  await panel.getByRole('combobox', { name: 'Module' }).selectOption('auth');
  await panel.getByRole('searchbox', { name: 'Text' }).fill(who);
  await panel.getByRole('button', { name: 'Apply' }).click();
  const rows = panel.getByTestId('logs-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('logs-message')).toHaveText('console sign-in failed');
  await expect(rows.first().getByTestId('logs-level-cell')).toHaveText('Warning');
  await expect(rows.first().getByTestId('logs-module-cell')).toHaveText('auth');
  await expect(rows.first()).toContainText(who);
  await expect(rows.first()).not.toContainText('wrong-e2e-1');

  await panel.getByRole('button', { name: 'Live tail' }).click();
  await expect(panel.getByTestId('logs-live-state')).toHaveText('Live tail paused');
  await expectNoSeriousA11yViolations(page, '[data-testid="logs-panel"]');

  let downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download logs' }).click();
  const logs = await downloading;
  expect(logs.suggestedFilename()).toMatch(/^oig-logs-.*\.ndjson$/);
  const text = (await readDownload(logs)).toString('utf8');
  expect(text).toContain(who);
  expect(text).not.toContain('wrong-e2e-1');

  downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download support bundle' }).click();
  const bundle = await downloading;
  expect(bundle.suggestedFilename()).toMatch(/^oig-support-bundle-.*\.zip$/);
  const zip = await readDownload(bundle);
  expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
  expect(zip.includes(Buffer.from('e2e-admin-password'))).toBe(false);
});

test('a support user reads the logs and downloads the bundle; nothing there changes anything', async ({
  browser,
  request,
}) => {
  const csrf = await apiSignIn(request);
  const support = await ensureSupportUser(request, csrf);
  const refused = await request.post('/api/v1/auth/login', {
    data: { username: 'e2e-x', password: 'wrong-e2e-2' },
  });
  expect(refused.status()).toBe(401);
  const context = await browser.newContext();
  const page = await context.newPage();
  await uiSignIn(page, support);
  await page.getByRole('link', { name: 'Options' }).click();
  const panel = page.getByTestId('logs-panel');
  await panel.getByRole('combobox', { name: 'Module' }).selectOption('auth');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByTestId('logs-row').first()).toBeVisible();
  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download support bundle' }).click();
  expect((await downloading).suggestedFilename()).toMatch(/^oig-support-bundle-.*\.zip$/);
  await expectNoSeriousA11yViolations(page, '[data-testid="logs-panel"]');
  await context.close();
});

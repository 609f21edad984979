import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { apiSignIn, apiWrite, expectNoSeriousA11yViolations, uiSignIn } from '../support/api.js';

const PASSPHRASE = 'e2e backup passphrase';

test('Options: Backup → change something → Restore with the preview → the change is gone', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const csrf = await apiSignIn(request);
  const options = async () =>
    (await (await request.get('/api/v1/options')).json()) as { loggingLevel: string };
  const elements = async () =>
    ((await (await request.get('/api/v1/network-elements')).json()) as { elements: { ipAddress: string }[] })
      .elements;
  // A stored logging level at backup time (so that the restore changes it back, not removes it).
  const originalLevel = 'warning';
  const otherLevel = 'error';
  expect(
    (await apiWrite(request, csrf, 'put', '/api/v1/options', { loggingLevel: originalLevel })).status(),
  ).toBe(200);

  await uiSignIn(page);
  await page.getByRole('link', { name: 'Options' }).click();
  const panel = page.getByTestId('backup-panel');
  await expect(panel).toBeVisible();
  await panel.scrollIntoViewIfNeeded();
  await expectNoSeriousA11yViolations(page, '[data-testid="backup-panel"]');

  // Backup: the passphrase twice (a mismatch first), then the file downloads.
  await panel.getByTestId('backup-passphrase').fill(PASSPHRASE);
  await panel.getByTestId('backup-passphrase-confirm').fill(`${PASSPHRASE}?`);
  await panel.getByTestId('backup-make').click();
  await expect(panel.getByText('The two passphrases do not match.')).toBeVisible();
  await panel.getByTestId('backup-passphrase-confirm').fill(PASSPHRASE);
  const downloading = page.waitForEvent('download');
  await panel.getByTestId('backup-make').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^oig-backup-[\d-]+\.oigbackup$/);
  const file = await download.path();
  await expect(page.getByText(/^Backup oig-backup-.*downloaded\.$/)).toBeVisible();

  // Change something after the backup: the logging level, and a new network element.
  await page.getByTestId('logging-level-select').selectOption(otherLevel);
  await page.getByTestId('logging-level-save').click();
  await expect(page.getByText(/applied immediately/)).toBeVisible();
  const added = await apiWrite(request, csrf, 'post', '/api/v1/network-elements', {
    type: 'mivb',
    setup: 'default',
    ipAddress: '198.51.100.77',
  });
  expect(added.status()).toBe(201);
  expect((await elements()).map((e) => e.ipAddress)).toContain('198.51.100.77');

  // Restore: a wrong passphrase first, then the preview per section.
  await panel.getByTestId('backup-file').setInputFiles({
    name: download.suggestedFilename(),
    mimeType: 'application/octet-stream',
    buffer: await readFile(file),
  });
  await panel.getByTestId('backup-restore-passphrase').fill('not the passphrase');
  await panel.getByTestId('backup-check').click();
  await expect(panel.getByTestId('backup-error')).toHaveText(
    'Wrong passphrase, or the backup file was altered or cut off.',
  );
  await panel.getByTestId('backup-restore-passphrase').fill(PASSPHRASE);
  await panel.getByTestId('backup-check').click();
  const preview = panel.getByTestId('backup-preview');
  await expect(preview).toBeVisible();
  const cells = async (section: string) =>
    (await preview.getByTestId(`backup-section-${section}`).getByRole('cell').allTextContents()).slice(0, 4);
  expect(await cells('options')).toEqual(['0', '1', '0', '0']);
  expect(await cells('networkElements')).toEqual(['0', '0', '1', expect.stringMatching(/^\d+$/)]);
  await expect(preview.getByTestId('backup-section-networkElements')).toContainText('− 198.51.100.77');
  await expectNoSeriousA11yViolations(page, '[data-testid="backup-panel"]');
  // Nothing changed yet.
  expect((await options()).loggingLevel).toBe(otherLevel);

  await preview.getByTestId('backup-restore').click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toBeVisible();
  await expectNoSeriousA11yViolations(page, '[role="dialog"]');
  await dialog.getByRole('button', { name: 'Restore Configuration' }).click();
  await expect(page.getByText(/^Configuration restored from oig-backup-.*\.$/)).toBeVisible();

  // The changes are gone, on the server and on the screen; the administrator is still signed in.
  expect((await options()).loggingLevel).toBe(originalLevel);
  expect((await elements()).map((e) => e.ipAddress)).not.toContain('198.51.100.77');
  await expect(page.getByTestId('logging-level-select')).toHaveValue(originalLevel);
  const audit = (await (await request.get('/api/v1/audit?action=backup.restore')).json()) as {
    entries: { action: string; actor: string }[];
  };
  expect(audit.entries.map((e) => [e.action, e.actor])).toEqual([['backup.restore', 'admin']]);
});

import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, uiSignIn } from '../support/api.js';
import { PEERS } from '../support/ports.js';

interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  messageId: string;
}

test('Options, no mail server yet: the test e-mail is saved to a file, said so, never shown as sent', async ({
  page,
}) => {
  await uiSignIn(page);
  await page.getByRole('link', { name: 'Options' }).click();
  const settings = page.getByTestId('mail-settings-panel');
  await expect(settings.getByTestId('mail-source')).toContainText(/\.eml/);
  const folder = ((await settings.getByTestId('mail-source').textContent()) ?? '').match(
    /written to (\S+) as/,
  )?.[1];
  expect(folder).toBeTruthy();
  await expect(settings.getByTestId('mail-test-delivery-note')).toContainText(
    `saved as .eml files in ${folder}`,
  );

  await settings.getByTestId('mail-test-to').fill('files@example.com');
  await settings.getByTestId('mail-test-send').click();
  const toast = page.getByTestId('toast-info');
  await expect(toast).toContainText(/not emailed, saved to file [0-9a-f-]{36}\.eml in /);
  const fileName = ((await toast.textContent()) ?? '').match(/([0-9a-f-]{36}\.eml)/)?.[1];

  const outbox = page.getByTestId('outbox-panel');
  await expect(outbox.getByTestId('outbox-delivery-note')).toBeVisible();
  const row = outbox.getByTestId('outbox-row').filter({ hasText: 'files@example.com' });
  await expect(async () => {
    await outbox.getByTestId('outbox-refresh').click();
    await expect(row.getByTestId('outbox-state-label')).toHaveText('Saved to file', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row.getByTestId('outbox-file')).toHaveText(`File: ${fileName}`);
  await expect(row).not.toContainText(/sent/i);
  // The product runs on this machine: the file is where the console says.
  expect(existsSync(path.join(folder!, fileName!))).toBe(true);
  await expectNoSeriousA11yViolations(page);
});

test('Options: outbound mail server, test e-mail delivered to the SMTP peer, outbox shows it sent', async ({
  page,
  request,
}) => {
  await uiSignIn(page);
  await page.getByRole('link', { name: 'Options' }).click();
  const settings = page.getByTestId('mail-settings-panel');
  await expect(settings.getByTestId('mail-source')).toContainText(/\.eml/);

  // A bad port is refused in the browser; then the real settings.
  await settings.getByTestId('mail-host').fill('127.0.0.1');
  await settings.getByTestId('mail-port').fill('70000');
  await settings.getByTestId('mail-tls').selectOption('none');
  await settings.getByTestId('mail-from').fill('oig@example.com');
  await settings.getByTestId('mail-save').click();
  await expect(settings.getByText(/65535/)).toBeVisible();
  await settings.getByTestId('mail-port').fill(String(PEERS.smtp));
  await settings.getByTestId('mail-save').click();
  await expect(settings.getByTestId('mail-source')).toContainText('127.0.0.1');
  await expect(settings.getByTestId('mail-test-delivery-note')).toHaveCount(0);

  // Send test e-mail: it goes through the outbox to the SMTP peer, exactly once.
  await settings.getByTestId('mail-test-to').fill('admin@example.com');
  await settings.getByTestId('mail-test-send').click();
  const outbox = page.getByTestId('outbox-panel');
  const row = outbox.getByTestId('outbox-row').filter({ hasText: 'admin@example.com' }).first();
  await expect(async () => {
    await outbox.getByTestId('outbox-refresh').click();
    await expect(row).toContainText(/sent/i, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const mails = (await (await request.get(`http://127.0.0.1:${PEERS.mcs}/mails`)).json()) as ReceivedMail[];
  const delivered = mails.filter((m) => m.to.includes('admin@example.com'));
  expect(delivered).toHaveLength(1);
  expect(delivered[0]).toMatchObject({ from: 'oig@example.com', subject: 'OIG test message' });
  await expectNoSeriousA11yViolations(page);
});

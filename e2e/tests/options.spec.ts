import { expect, test } from '@playwright/test';
import { ADMIN, expectNoSeriousA11yViolations, uiSignIn } from '../support/api.js';

test('Options: logging level, usage-report address, console users, own password and the audit log', async ({
  page,
  browser,
}) => {
  await uiSignIn(page);
  await page.getByRole('link', { name: 'Options' }).click();
  await expect(page).toHaveURL(/\/options$/);
  await expect(page.getByTestId('keepalive-soap')).toContainText('300');
  await expectNoSeriousA11yViolations(page);

  // Logging level: applied and persisted (a reload shows it).
  await page.getByTestId('logging-level-select').selectOption('trace');
  await page.getByTestId('logging-level-save').click();
  await expect(page.getByText(/applied immediately/)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('logging-level-select')).toHaveValue('trace');
  const options = (await (await page.request.get('/api/v1/options')).json()) as { loggingLevel: string };
  expect(options.loggingLevel).toBe('trace');

  // Usage-report address: header injection refused in the browser; a good one saved; Clear asks first.
  const email = page.getByTestId('usage-report-email');
  await email.fill('ops@example.com\nBcc: spy@example.com');
  await page.getByTestId('usage-report-save').click();
  await expect(page.getByText(/valid email address/)).toBeVisible();
  await email.fill('ops@example.com');
  await page.getByTestId('usage-report-save').click();
  await expect(page.getByText('The usage report will be mailed to ops@example.com.')).toBeVisible();
  await page.getByTestId('usage-report-clear').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Clear address' }).click();
  await expect(page.getByText(/no longer sent/)).toBeVisible();

  // Console users: Add User with the keyboard only (mismatch first), then a duplicate refused by the server.
  await page.getByTestId('add-user').focus();
  await page.keyboard.press('Enter');
  const add = page.getByTestId('add-user-dialog');
  await expect(add).toBeVisible();
  await expectNoSeriousA11yViolations(page, '[role="dialog"]');
  await page.keyboard.type('helpdesk1');
  await add.getByTestId('add-user-role').selectOption('support');
  await add.getByTestId('add-user-password').fill('helpdesk-pass-1');
  await add.getByTestId('add-user-confirm').fill('helpdesk-pass-2');
  await page.keyboard.press('Enter');
  await expect(add.getByText('The two passwords are not the same.')).toBeVisible();
  await add.getByTestId('add-user-confirm').fill('helpdesk-pass-1');
  await page.keyboard.press('Enter');
  await expect(add).toHaveCount(0);
  const users = page.getByTestId('users-table');
  const helpdesk = users.getByRole('row').filter({ hasText: 'helpdesk1' });
  await expect(helpdesk).toContainText('Support');
  await page.getByTestId('add-user').click();
  await add.getByTestId('add-user-username').fill('HelpDesk1');
  await add.getByTestId('add-user-password').fill('helpdesk-pass-1');
  await add.getByTestId('add-user-confirm').fill('helpdesk-pass-1');
  await add.getByTestId('add-user-submit').click();
  await expect(add.getByText(/already taken/i).first()).toBeVisible();
  await add.getByTestId('add-user-cancel').click();

  // The new support user signs in and changes their own password (a wrong current one is refused).
  const context = await browser.newContext();
  const other = await context.newPage();
  await uiSignIn(other, { username: 'helpdesk1', password: 'helpdesk-pass-1' });
  await other.getByRole('link', { name: 'Options' }).click();
  await expect(other.getByTestId('add-user')).toHaveCount(0);
  await expect(other.getByTestId('logging-level-save')).toHaveCount(0);
  await other.getByTestId('change-password').click();
  const change = other.getByTestId('change-password-dialog');
  await change.getByTestId('change-password-current').fill('not-my-password');
  await change.getByTestId('change-password-password').fill('helpdesk-pass-2');
  await change.getByTestId('change-password-confirm').fill('helpdesk-pass-2');
  await change.getByTestId('change-password-submit').click();
  await expect(change.getByText('Current password is incorrect')).toBeVisible();
  await change.getByTestId('change-password-current').fill('helpdesk-pass-1');
  await change.getByTestId('change-password-submit').click();
  await expect(other.getByText('Your password has been changed.')).toBeVisible();

  // The administrator resets that password and disables the user: the user's session ends at once.
  await helpdesk.getByTestId('reset-password').click();
  const reset = page.getByTestId('reset-password-dialog');
  await reset.getByTestId('reset-password-password').fill('helpdesk-pass-3');
  await reset.getByTestId('reset-password-confirm').fill('helpdesk-pass-3');
  await reset.getByTestId('reset-password-submit').click();
  await expect(reset).toHaveCount(0);
  // Five wrong passwords lock the user: listed as locked until a time; the administrator unlocks it.
  for (let i = 0; i < 5; i++) {
    const r = await page.request.post('/api/v1/auth/login', {
      data: { username: 'helpdesk1', password: `wrong-guess-${i}` },
    });
    expect(r.status()).toBe(401);
  }
  await page.getByTestId('refresh-users').click();
  await expect(helpdesk.getByTestId('user-locked')).toContainText('Locked until');
  await helpdesk.getByTestId('unlock-user').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Unlock user' }).click();
  await expect(page.getByText('helpdesk1 is unlocked and can sign in again.')).toBeVisible();
  await expect(helpdesk.getByTestId('user-locked')).toHaveCount(0);
  await helpdesk.getByTestId('change-role').click();
  const role = page.getByTestId('change-role-dialog');
  await role.getByTestId('change-role-select').selectOption('administrator');
  await role.getByTestId('change-role-submit').click();
  await expect(role).toHaveCount(0);
  await expect(helpdesk).toContainText('Administrator');
  await helpdesk.getByTestId('disable-user').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable user' }).click();
  await expect(helpdesk.getByTestId('user-status')).toContainText('Disabled');
  expect((await other.request.get('/api/v1/auth/me')).status()).toBe(401);
  await context.close();
  // You cannot disable yourself: your own row says why instead.
  await expect(
    users.getByRole('row').filter({ hasText: ADMIN.username }).first().getByTestId('self-reason'),
  ).toBeVisible();

  // The audit log lists those changes, secrets masked, filterable.
  const audit = page.getByTestId('audit-panel');
  await audit.getByTestId('audit-refresh').click();
  await expect(audit.getByTestId('audit-row').first()).toBeVisible();
  await audit.getByTestId('audit-q').fill('helpdesk1');
  await audit.getByTestId('audit-apply').click();
  await expect(audit.getByTestId('audit-row').filter({ hasText: 'helpdesk1' }).first()).toBeVisible();
  await expect(audit.getByTestId('audit-table')).not.toContainText('helpdesk-pass');
  await expect(audit.getByTestId('audit-action-cell').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Back to the default level, so that the rest of the run does not log at trace.
  await page.getByTestId('logging-level-select').selectOption('info');
  await page.getByTestId('logging-level-save').click();
  await expect(page.getByText(/applied immediately/).first()).toBeVisible();
  expect(
    ((await (await page.request.get('/api/v1/options')).json()) as { loggingLevel: string }).loggingLevel,
  ).toBe('info');
});

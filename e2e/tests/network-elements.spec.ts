import { expect, test, type Page } from '@playwright/test';
import { apiSignIn, expectNoSeriousA11yViolations, uiSignIn } from '../support/api.js';

interface Element {
  id: string;
  ipAddress: string;
  setup: string;
  outsidePrefix?: string;
  localAreaCodes?: string[];
  transportProtocol?: string;
}

const rowOf = (page: Page, ip: string) =>
  page
    .getByTestId('network-elements-table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: ip, exact: true }) });

test('Network Elements: add, validate, probe, edit, defaults and delete, as an administrator would', async ({
  page,
  request,
}) => {
  await uiSignIn(page);
  await page.getByRole('link', { name: 'Network Elements' }).click();
  await expect(page).toHaveURL(/\/network-elements$/);
  await expect(page.getByText('No network elements are configured yet.')).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Add a Default MiVoice Business element, keyboard only: the button, the IP field, Enter.
  await page.getByTestId('add-network-element').focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add Network Element' });
  await expect(dialog).toBeVisible();
  await expectNoSeriousA11yViolations(page, '[role="dialog"]');
  // A bad address is refused in the browser, naming the field.
  await dialog.getByTestId('field-ipAddress').fill('999.1.1.1');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText(/IP Address must be an IPv4/)).toBeVisible();
  await dialog.getByTestId('field-ipAddress').fill('127.0.0.2');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(rowOf(page, '127.0.0.2')).toBeVisible();
  // The fake MiVB controller listens on 127.0.0.2: the probe finds it without blocking anything.
  await page.getByTestId('check-now').click();
  await expect(rowOf(page, '127.0.0.2').getByTestId('element-status')).toContainText('Reachable', {
    timeout: 20_000,
  });

  // A Custom MiVoice Business element with its own values; nothing listens on 127.0.0.3.
  await page.getByTestId('add-network-element').click();
  await dialog.getByTestId('setup-custom').check();
  await dialog.getByTestId('field-ipAddress').fill('127.0.0.3');
  await dialog.getByTestId('field-outsidePrefix').fill('8');
  await dialog.getByTestId('field-localCountryCode').fill('3x3');
  await dialog.getByTestId('element-save').click();
  await expect(dialog.getByText('Local Country Code accepts digits only')).toBeVisible();
  await dialog.getByTestId('field-localCountryCode').fill('353');
  await dialog.getByRole('textbox', { name: 'Local Area Codes' }).fill('1, 21');
  await dialog.getByTestId('area-codes-add').click();
  await dialog.getByTestId('element-save').click();
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('check-now').click();
  await expect(rowOf(page, '127.0.0.3').getByTestId('element-status')).toContainText('Unreachable', {
    timeout: 20_000,
  });
  await expect(rowOf(page, '127.0.0.3').getByTestId('element-status-detail')).not.toBeEmpty();

  // The same address twice: the server refuses and the dialog shows its words on the field.
  await page.getByTestId('add-network-element').click();
  await dialog.getByTestId('field-ipAddress').fill('127.0.0.3');
  await dialog.getByTestId('element-save').click();
  await expect(dialog.getByText(/already/i).first()).toBeVisible();
  await dialog.getByTestId('element-cancel').click();

  // A MiContact Center (its Open Media WSDL is served by the fake on 127.0.0.1); then MiCC is full.
  await page.getByTestId('add-network-element').click();
  await dialog.getByTestId('field-type').selectOption('micc');
  await dialog.getByTestId('field-ipAddress').fill('127.0.0.1');
  await dialog.getByTestId('element-save').click();
  await expect(dialog).toHaveCount(0);
  await page.getByTestId('check-now').click();
  await expect(rowOf(page, '127.0.0.1').getByTestId('element-status')).toContainText('Reachable', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('network-element-counts')).toContainText('2 of 250 MiVoice Business');
  await page.getByTestId('add-network-element').click();
  await expect(dialog.getByTestId('field-type').locator('option[value="micc"]')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Set Default Values: the Default element follows, the Custom one keeps its own.
  await page.getByTestId('set-default-values').click();
  const defaults = page.getByTestId('defaults-dialog');
  await defaults.getByTestId('field-outsidePrefix').fill('7');
  await defaults.getByTestId('defaults-save').click();
  await expect(defaults).toHaveCount(0);
  await apiSignIn(request);
  const { elements } = (await (await request.get('/api/v1/network-elements')).json()) as {
    elements: Element[];
  };
  expect(elements.find((e) => e.ipAddress === '127.0.0.2')).toMatchObject({
    setup: 'default',
    outsidePrefix: '7',
  });
  expect(elements.find((e) => e.ipAddress === '127.0.0.3')).toMatchObject({
    setup: 'custom',
    outsidePrefix: '8',
    localAreaCodes: ['1', '21'],
  });

  // Edit (same dialog, prefilled): switch the Default element to Custom with its own prefix.
  await rowOf(page, '127.0.0.2').getByTestId('edit-element').click();
  const edit = page.getByRole('dialog', { name: 'Edit Network Element' });
  await expect(edit.getByTestId('field-ipAddress')).toHaveValue('127.0.0.2');
  await edit.getByTestId('setup-custom').check();
  await edit.getByTestId('field-outsidePrefix').fill('6');
  await edit.getByTestId('element-save').click();
  await expect(edit).toHaveCount(0);
  await expect(rowOf(page, '127.0.0.2')).toContainText('Custom');

  // Delete asks first: Cancel keeps it, confirming removes it.
  await rowOf(page, '127.0.0.3').getByTestId('delete-element').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(rowOf(page, '127.0.0.3')).toBeVisible();
  await rowOf(page, '127.0.0.3').getByTestId('delete-element').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(rowOf(page, '127.0.0.3')).toHaveCount(0);

  // Filter, and the Overview count comes from here.
  await page.getByLabel('Filter network elements').fill('MiContact');
  await expect(page.getByTestId('network-elements-table').getByRole('row')).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByTestId('stat-network-elements')).toContainText('2');
});

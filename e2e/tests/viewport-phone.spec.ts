import {
  expect,
  test,
  type APIRequestContext,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';
import {
  apiSignIn,
  apiWrite,
  ensureAccount,
  expectNoSeriousA11yViolations,
  restLogin,
  soapLogin,
  uiSignIn,
} from '../support/api.js';

// The console on a phone (390 × 844, and 360 / 430 wide) and a tablet (768): every tab reachable
// through the Menu, nothing wider than the screen, table values whole, dialogs inside the screen.
// Named to run after the specs that expect an empty list of network elements; it removes its own.

const PHONE = { width: 390, height: 844 };
const ELEMENT_IP = '192.168.100.200';

test.use({ viewport: PHONE });

interface Element {
  id: string;
  ipAddress: string;
}

async function elementsAt(request: APIRequestContext, ip: string): Promise<Element[]> {
  const { elements } = (await (await request.get('/api/v1/network-elements')).json()) as {
    elements: Element[];
  };
  return elements.filter((e) => e.ipAddress === ip);
}

async function removeElement(request: APIRequestContext, csrf: string): Promise<void> {
  for (const element of await elementsAt(request, ELEMENT_IP)) {
    expect((await apiWrite(request, csrf, 'delete', `/api/v1/network-elements/${element.id}`)).ok()).toBe(
      true,
    );
  }
}

/** The page is no wider than the window: nothing sticks out sideways. */
async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, 'page wider than the window').toBeLessThanOrEqual(innerWidth);
}

/** The element's text is not cut: its content fits its box (no ellipsis, no hidden overflow). */
async function expectWhole(cell: Locator): Promise<void> {
  const { scrollWidth, clientWidth, text } = await cell.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
    text: el.textContent,
  }));
  expect(scrollWidth, `"${text}" is cut`).toBeLessThanOrEqual(clientWidth);
}

/** The element lies inside the window. */
async function expectInsideWindow(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(size.height);
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** A spinner saying the page or a panel still loads. */
const loading = (page: Page) =>
  page
    .getByRole('main')
    .getByRole('status')
    .filter({ hasText: /Loading/ });
const menuButton = (page: Page) => page.getByRole('button', { name: 'Menu' });
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });

/** Opens the Menu and chooses a tab; the menu closes and gives focus back to its button. */
async function openTab(page: Page, tab: string, url: RegExp): Promise<void> {
  const button = menuButton(page);
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const list = page.locator(`#${await button.getAttribute('aria-controls')}`);
  await expect(list).toBeVisible();
  await expectInsideWindow(page, list.getByRole('link', { name: tab, exact: true }));
  await list.getByRole('link', { name: tab, exact: true }).click();
  await expect(page).toHaveURL(url);
  await expect(list).toBeHidden();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(button).toBeFocused();
  await expect(page.getByTestId('nav-menu-current')).toHaveText(tab);
}

test.afterAll(async ({ request }) => {
  await removeElement(request, await apiSignIn(request));
});

test('on a phone every tab is in the Menu, fits the screen and is accessible', async ({
  page,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const csrf = await apiSignIn(request);
  await ensureAccount(request, csrf);
  await restLogin(request);
  await soapLogin(request);
  await removeElement(request, csrf);
  const added = await apiWrite(request, csrf, 'post', '/api/v1/network-elements', {
    type: 'mivb',
    setup: 'default',
    ipAddress: ELEMENT_IP,
  });
  expect(added.ok(), await added.text()).toBe(true);

  await uiSignIn(page);
  await expect(heading(page, 'Overview')).toBeVisible();

  // The header fits: product, user, language picker and Sign out inside the window.
  for (const id of ['product-name', 'signed-in-user', 'language-picker', 'sign-out']) {
    await expectInsideWindow(page, page.getByTestId(id));
  }
  // The tab bar is replaced by the Menu: no tab link is shown until it opens.
  await expect(page.getByTestId('tab-options')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Console sections' }).getByRole('link')).toHaveCount(0);

  // Escape closes the menu and gives focus back to its button; focus went to the current tab.
  await menuButton(page).click();
  await expect(page.getByTestId('menu-tab-overview')).toBeFocused();
  await expect(page.getByTestId('menu-tab-overview')).toHaveAttribute('aria-current', 'page');
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, testInfo, 'phone-menu-open');
  await page.keyboard.press('Escape');
  await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(menuButton(page)).toBeFocused();

  const pages: Array<{ tab: string; url: RegExp; title: string; shot: string }> = [
    {
      tab: 'Application Accounts',
      url: /\/accounts$/,
      title: 'Application Accounts',
      shot: 'phone-accounts',
    },
    { tab: 'Sessions', url: /\/sessions$/, title: 'Sessions', shot: 'phone-sessions' },
    { tab: 'Network Elements', url: /\/network-elements$/, title: 'Network Elements', shot: 'phone-network' },
    { tab: 'Options', url: /\/options$/, title: 'Options', shot: 'phone-options' },
    { tab: 'MiVoice', url: /\/mivoice$/, title: 'MiVoice', shot: 'phone-mivoice' },
    { tab: 'Overview', url: /\/overview$/, title: 'Overview', shot: 'phone-overview' },
  ];
  for (const p of pages) {
    await openTab(page, p.tab, p.url);
    await expect(heading(page, p.title)).toBeVisible();
    await expect(loading(page)).toHaveCount(0);
    await expectNoHorizontalOverflow(page);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, testInfo, p.shot);
  }

  // Sessions: the live list scrolls sideways, says so, and shows addresses, ids and dates whole.
  await openTab(page, 'Sessions', /\/sessions$/);
  const live = page.getByRole('region', { name: 'Live sessions' });
  await expect(live.getByTestId('table-row').first()).toBeVisible();
  await expect(page.getByTestId('table-scroll-hint').first()).toBeVisible();
  await expect(live).toHaveAccessibleDescription(/Scroll sideways/);
  const firstLive = live.getByTestId('table-row').first();
  const cells = firstLive.getByRole('cell');
  const headers = await live.getByRole('columnheader').allTextContents();
  for (const name of ['Client Address', 'Session ID', 'Creation Date']) {
    const index = headers.findIndex((h) => h.startsWith(name));
    expect(index, `column ${name} in ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
    await expectWhole(cells.nth(index));
  }
  // Scrolled to its right end the key column stays at the left edge, and row actions are reachable.
  const key = cells.nth(headers.findIndex((h) => h.startsWith('Application Name')));
  await live.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect(page.getByTestId('table-scroll-shade')).toHaveCount(0);
  const regionBox = (await live.boundingBox())!;
  const keyBox = (await key.boundingBox())!;
  expect(keyBox.x).toBeGreaterThanOrEqual(regionBox.x);
  await expectInsideWindow(page, firstLive.getByTestId('terminate-row'));
  await screenshot(page, testInfo, 'phone-sessions-scrolled');

  // The session history (a list the browser filters, virtualized).
  await page.getByTestId('sessions-view-history').click();
  await expect(page).toHaveURL(/view=history/);
  await expect(page.getByRole('region', { name: 'Session history' })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, testInfo, 'phone-session-history');

  // Network Elements: the address whole; the Edit dialog inside the screen, its buttons in reach.
  await openTab(page, 'Network Elements', /\/network-elements$/);
  const elements = page.getByRole('region', { name: /network elements/i });
  const row = elements.getByRole('row').filter({ hasText: ELEMENT_IP });
  await expectWhole(row.getByRole('cell', { name: ELEMENT_IP, exact: true }));
  const edit = row.getByRole('button', { name: `Edit network element ${ELEMENT_IP}` });
  await edit.scrollIntoViewIfNeeded();
  await expectInsideWindow(page, edit);
  await edit.click();
  const dialog = page.getByRole('dialog', { name: 'Edit Network Element' });
  await expect(dialog).toBeVisible();
  await expectInsideWindow(page, dialog);
  await expectInsideWindow(page, dialog.getByTestId('element-save'));
  await expectNoSeriousA11yViolations(page, '[role="dialog"]');
  await screenshot(page, testInfo, 'phone-dialog-edit');
  await dialog.getByTestId('element-cancel').click();
  await expect(dialog).toBeHidden();

  // A long form (Custom setup): its body scrolls inside the dialog, the footer stays on screen.
  await page.getByTestId('add-network-element').click();
  const add = page.getByRole('dialog', { name: 'Add Network Element' });
  await add.getByRole('radio', { name: 'Custom' }).check();
  const body = add.getByTestId('dialog-body');
  await expect
    .poll(() => body.evaluate((el) => el.scrollHeight > el.clientHeight), { message: 'the form scrolls' })
    .toBe(true);
  await expectInsideWindow(page, add);
  await expectInsideWindow(page, add.getByTestId('element-save'));
  await expectInsideWindow(page, add.getByTestId('element-cancel'));
  await screenshot(page, testInfo, 'phone-dialog-long');
  await add.getByTestId('element-cancel').click();
  await expect(add).toBeHidden();

  // Open Media (a page under Network Elements) and MiVoice's Localization view.
  await page.goto('/network-elements/open-media');
  await expect(heading(page, 'Open Media')).toBeVisible();
  await expect(page.getByTestId('nav-menu-current')).toHaveText('Network Elements');
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, testInfo, 'phone-open-media');

  await openTab(page, 'MiVoice', /\/mivoice$/);
  // An empty list wider than the screen says so where it can be read.
  // (Filtered to nothing: another spec may have cached contacts.)
  await page.getByTestId('contacts-q').fill('zz-no-such-contact');
  await page.getByTestId('contacts-apply').click();
  const noContacts = page.getByTestId('contacts-empty').getByText(/^No contacts (cached yet|match)/);
  await noContacts.scrollIntoViewIfNeeded();
  await expectInsideWindow(page, noContacts);
  await page.getByTestId('mivoice-tab-localization').click();
  await expect(page).toHaveURL(/tab=localization/);
  await expect(loading(page)).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, testInfo, 'phone-mivoice-localization');
});

test('at 360 and 430 px nothing is wider than the screen; at 768 px the tabs are a tab bar', async ({
  page,
}, testInfo) => {
  await uiSignIn(page);
  for (const width of [360, 430]) {
    await page.setViewportSize({ width, height: 800 });
    for (const [path, title] of [
      ['/overview', 'Overview'],
      ['/sessions', 'Sessions'],
      ['/network-elements', 'Network Elements'],
      ['/options', 'Options'],
    ] as const) {
      await page.goto(path);
      await expect(heading(page, title)).toBeVisible();
      await expect(loading(page)).toHaveCount(0);
      await expectNoHorizontalOverflow(page);
    }
    await screenshot(page, testInfo, `width-${width}-options`);
  }

  // A tablet: the tab bar, every tab shown, no Menu button.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.goto('/sessions');
  await expect(heading(page, 'Sessions')).toBeVisible();
  await expect(menuButton(page)).toBeHidden();
  for (const key of ['overview', 'accounts', 'sessions', 'networkElements', 'options', 'mivoice']) {
    await expectInsideWindow(page, page.getByTestId(`tab-${key}`));
  }
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, testInfo, 'tablet-sessions');
});

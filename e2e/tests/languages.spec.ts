import { expect, test, type Page } from '@playwright/test';
import { ADMIN, apiSignIn, ensureAccount, expectNoSeriousA11yViolations, restLogin } from '../support/api.js';
import { fontFamiliesFor, fontsDrawing, text } from '../support/locales.js';

const TABS = ['overview', 'accounts', 'sessions', 'networkElements', 'options', 'mivoice'] as const;
const PATHS: Record<(typeof TABS)[number], RegExp> = {
  overview: /\/overview$/,
  accounts: /\/accounts$/,
  sessions: /\/sessions$/,
  networkElements: /\/network-elements$/,
  options: /\/options$/,
  mivoice: /\/mivoice$/,
};

/** Signs in through the sign-in page, whatever the language (its labels read from the locale). */
async function signIn(page: Page, language: string) {
  await page.getByLabel(text(language, 'auth:username')).fill(ADMIN.username);
  await page.getByLabel(text(language, 'auth:password'), { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: text(language, 'auth:submit') }).click();
  await expect(page).toHaveURL(/\/overview$/);
}

/** The fonts drawing `selector` are ones fontconfig lists for `fcLanguage`, and `family` is among them. */
async function expectDrawnWith(page: Page, selector: string, fcLanguage: string, family?: string) {
  const fonts = await fontsDrawing(page, selector);
  const able = fontFamiliesFor(fcLanguage);
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) expect(able, `${font.familyName} draws ${fcLanguage}`).toContain(font.familyName);
  if (family) expect(fonts.map((f) => f.familyName)).toContain(family);
}

test.describe('a first visit from a Japanese browser', () => {
  test.use({ locale: 'ja-JP' });

  test('shows the console in Japanese, every tab, with Japanese glyphs, accessible', async ({
    page,
    request,
  }, info) => {
    await ensureAccount(request, await apiSignIn(request));
    await restLogin(request);

    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expect(page.getByRole('heading', { name: text('ja', 'auth:title') })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await signIn(page, 'ja');

    const nav = page.getByRole('navigation', { name: text('ja', 'nav.label') });
    for (const tab of TABS) {
      await nav.getByRole('link', { name: text('ja', `nav.${tab}`), exact: true }).click();
      await expect(page).toHaveURL(PATHS[tab]);
      await expect(page.getByRole('main')).not.toContainText(text('ja', 'loading'));
      await page.waitForLoadState('networkidle');
      await expectNoSeriousA11yViolations(page);
      const shot = info.outputPath(`ja-${tab}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      await info.attach(`ja-${tab}`, { path: shot, contentType: 'image/png' });
    }
    // Han characters drawn with the Japanese face, not a Chinese one.
    await expectDrawnWith(page, 'nav a[href="/sessions"]', 'ja', 'Noto Sans CJK JP');
  });
});

test('the language picker switches to Russian, Traditional Chinese and German, and the choice is kept', async ({
  page,
}) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await signIn(page, 'en');

  for (const [language, tag] of [
    ['ru', 'ru'],
    ['zh-tw', 'zh-TW'],
    ['de', 'de'],
  ] as const) {
    await page.getByTestId('language-picker').selectOption(language);
    await expect(page.getByRole('button', { name: text(language, 'header.signOut') })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', tag);
    await expect(page.getByRole('navigation', { name: text(language, 'nav.label') })).toContainText(
      text(language, 'nav.networkElements'),
    );
    if (language === 'ru') await expectDrawnWith(page, 'nav a[href="/sessions"]', 'ru');
    if (language === 'zh-tw')
      await expectDrawnWith(page, 'nav a[href="/sessions"]', 'zh-tw', 'Noto Sans CJK TC');
  }

  await page.reload();
  await expect(page.getByRole('button', { name: text('de', 'header.signOut') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByTestId('language-picker').selectOption('en');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

import { expect, test, type Page } from '@playwright/test';
import {
  ADMIN,
  apiSignIn,
  apiWrite,
  ensureAccount,
  ensureSupportUser,
  expectNoSeriousA11yViolations,
  restLogin,
} from '../support/api.js';
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
    await expectDrawnWith(page, '[data-testid="tab-sessions"]', 'ja', 'Noto Sans CJK JP');
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
    if (language === 'ru') await expectDrawnWith(page, '[data-testid="tab-sessions"]', 'ru');
    if (language === 'zh-tw')
      await expectDrawnWith(page, '[data-testid="tab-sessions"]', 'zh-tw', 'Noto Sans CJK TC');
  }

  await page.reload();
  await expect(page.getByRole('button', { name: text('de', 'header.signOut') })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await page.getByTestId('language-picker').selectOption('en');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

/** A pattern for any plural form of `key` in `language`, its `{{count…}}` as any number. */
function anyPluralForm(language: string, key: string): RegExp {
  const forms = ['zero', 'one', 'two', 'few', 'many', 'other'].flatMap((category) => {
    try {
      return [text(language, `${key}_${category}`)];
    } catch {
      return [];
    }
  });
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    forms.map((f) => escape(f).replace(/\\\{\\\{count[^}]*\\\}\\\}/g, '[\\d\\s\u00a0\u202f.,]+')).join('|'),
  );
}

test('a refusal of the server and a lockout read in the chosen language', async ({ page, request }) => {
  const ip = '192.168.100.61';
  const csrf = await apiSignIn(request);
  const remove = async () => {
    const { elements } = (await (await request.get('/api/v1/network-elements')).json()) as {
      elements: { id: string; ipAddress: string }[];
    };
    for (const e of elements.filter((x) => x.ipAddress === ip))
      expect((await apiWrite(request, csrf, 'delete', `/api/v1/network-elements/${e.id}`)).ok()).toBe(true);
  };
  await remove();

  // German: a second network element at the same address is refused by the server, said in German.
  await page.goto('/login');
  await page.getByTestId('login-language-picker').selectOption('de');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await signIn(page, 'de');
  await page.getByRole('link', { name: text('de', 'nav.networkElements'), exact: true }).click();
  try {
    for (const attempt of [1, 2]) {
      await page.getByTestId('add-network-element').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('field-ipAddress').fill(ip);
      await dialog.getByTestId('element-save').click();
      if (attempt === 1) {
        await expect(dialog).toHaveCount(0);
      } else {
        await expect(dialog.getByText(text('de', 'serverErrors.ip_address_taken'))).toBeVisible();
        await expect(dialog).not.toContainText('Already used by another network element');
        await page.keyboard.press('Escape');
      }
    }
  } finally {
    await remove();
  }
  await page.getByTestId('language-picker').selectOption('en');

  // Russian: a console user locked after five wrong passwords reads the lockout in Russian.
  const user = await ensureSupportUser(request, csrf, 'lockout-ru', 'lockout-ru-password-1');
  for (let i = 0; i < 5; i++) {
    const r = await request.post('/api/v1/auth/login', {
      data: { username: user.username, password: `wrong-${i}` },
    });
    expect(r.status()).toBe(401);
  }
  await page.context().clearCookies();
  await page.goto('/login');
  await page.getByTestId('login-language-picker').selectOption('ru');
  await page.getByLabel(text('ru', 'auth:username')).fill(user.username);
  await page.getByLabel(text('ru', 'auth:password'), { exact: true }).fill(user.password);
  await page.getByRole('button', { name: text('ru', 'auth:submit') }).click();
  await expect(page.getByText(anyPluralForm('ru', 'auth:tooManyFailures'))).toBeVisible();
  await expect(page.getByText(/Too many failed/)).toHaveCount(0);
  await page.getByTestId('login-language-picker').selectOption('en');
});

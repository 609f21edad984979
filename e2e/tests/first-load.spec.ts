import { expect, test, type Page } from '@playwright/test';
import { uiSignIn } from '../support/api.js';

const OVERVIEW_CHUNK = /\/assets\/overview-[\w-]+\.js$/;

/**
 * The API requests the page sends (path and query), in order, and its console's errors, a
 * Content-Security-Policy violation among them (e.g. zod probing `new Function` before `jitless`).
 */
async function watch(page: Page) {
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective}`),
    ),
  );
  const api: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) api.push(`${url.pathname}${url.search}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { api, errors };
}

test('a signed-in first load asks for /auth/session and the Overview data while the page’s chunk still loads', async ({
  page,
}) => {
  await uiSignIn(page);
  const { api, errors } = await watch(page);
  // The Overview page's chunk is held back until both requests have gone out: they must not wait for it.
  let bothAsked = false;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path !== '/api/v1/overview' && path !== '/api/v1/auth/session') return;
    bothAsked = api.includes('/api/v1/auth/session') && api.includes('/api/v1/overview');
    if (bothAsked) release();
  });
  let chunkHeld = false;
  await page.route(OVERVIEW_CHUNK, async (route) => {
    chunkHeld = true;
    await Promise.race([released, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    await route.continue();
  });
  let chunkDone = -1;
  page.on('requestfinished', (r) => {
    if (OVERVIEW_CHUNK.test(new URL(r.url()).pathname)) chunkDone = api.length;
  });

  await page.reload();
  await expect
    .poll(() => bothAsked, {
      message: '/auth/session and the Overview data asked for while its chunk is held back',
    })
    .toBe(true);
  await expect(page.getByTestId('stat-applications')).toBeVisible();
  expect(chunkHeld).toBe(true);
  // Both went out before the chunk had finished loading, the usage chart's data too, each once.
  const beforeChunk = api.slice(0, chunkDone);
  expect(beforeChunk).toContain('/api/v1/auth/session');
  expect(beforeChunk).toContain('/api/v1/overview');
  expect(beforeChunk).toContain('/api/v1/usage/daily?days=30');
  expect(api.filter((p) => p === '/api/v1/overview')).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('the sign-in page logs nothing in the browser console: a first load without a session asks only for /auth/session, answered 200', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const { api, errors } = await watch(page);
  // Every answer of 400 or more, and every request that failed outright.
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
  await page.goto('/overview');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Foverview$/);
  expect(api).toEqual(['/api/v1/auth/session']);
  // The sign-in page asked for directly, then loaded again: still nothing.
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(api).toEqual(['/api/v1/auth/session', '/api/v1/auth/session', '/api/v1/auth/session']);
  expect(errors).toEqual([]);
  expect(failed).toEqual([]);
  await context.close();
});

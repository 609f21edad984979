import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { setCsrfToken, setUnauthorizedHandler } from '@/lib/api-client';
import { changeLanguage, i18n, NAMESPACES, startI18n } from '@/lib/i18n';

// Tests render components without their routes and switch languages with i18n.changeLanguage
// directly: every namespace's strings are loaded, in every language, before any test.
await startI18n('en', NAMESPACES);
if (!(await changeLanguage('fr')) || !(await changeLanguage('en')))
  throw new Error('Console strings missing');

// The console loads its own schemas' chunk with its first request (/auth/session); so do the tests.
await import('@/lib/api-schemas');

// jsdom does no layout: give scroll containers a size so the virtualizer renders a window of rows.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 720 });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1280 });

beforeEach(async () => {
  window.localStorage.clear();
  setCsrfToken(null);
  setUnauthorizedHandler(null);
  if (i18n.language !== 'en') await i18n.changeLanguage('en');
});

afterEach(() => {
  cleanup();
});

import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { setCsrfToken, setUnauthorizedHandler } from '@/lib/api-client';
import { i18n, initI18n, loadLanguage } from '@/lib/i18n';

initI18n('en');
// Tests switch languages with i18n.changeLanguage directly: every language's strings are loaded.
await loadLanguage('fr');

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

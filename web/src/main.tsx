import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config as zodConfig } from 'zod';
import { App } from './app/app';
import { initI18n } from './lib/i18n';
import './index.css';

// The BFF's CSP forbids eval: keep zod from probing `new Function` (a reported CSP violation).
zodConfig({ jitless: true });
initI18n();

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config as zodConfig } from 'zod';
import { App } from './app/app';
import { startI18n } from './lib/i18n';
import './index.css';

// The BFF's CSP forbids eval: keep zod from probing `new Function` (a reported CSP violation).
zodConfig({ jitless: true });
const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');
// The first render waits for the console language's strings (no flash of English).
void startI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

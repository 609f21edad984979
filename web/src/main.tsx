import './lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { App } from './app/app';
import { routes } from './app/router';
import { startI18n } from './lib/i18n';
import './index.css';

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');
// i18n first (set up at once, its strings loading), then the router, whose creation starts the
// page's chunk and strings. The first render waits for the console language's strings (no flash
// of English).
const ready = startI18n();
const router = createBrowserRouter(routes);
void ready.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App router={router} />
    </StrictMode>,
  ),
);

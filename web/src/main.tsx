import './lib/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { startConsole } from './app/first-load';
import './index.css';

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');
// /auth/session, the page's first data, its chunk and strings all start now; the first render waits
// for the console language's strings (no flash of English).
const { queryClient, router, ready } = startConsole(window.location.pathname);
void ready.then(() =>
  createRoot(root).render(
    <StrictMode>
      <App router={router} queryClient={queryClient} />
    </StrictMode>,
  ),
);

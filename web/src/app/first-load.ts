import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter } from 'react-router';
import { startEarlyGet } from '@/lib/api-client';
import { startI18n } from '@/lib/i18n';
import { getMeQueryOptions, probablySignedIn } from '@/lib/me';
import { createQueryClient } from '@/lib/query-client';
import { routes, type PagePath } from './router';

/**
 * The first data of a page, asked for at once when the console is first loaded on it, beside
 * /auth/session and the page's chunk instead of after both: the GETs its queries send when it opens, as
 * they send them (app/__tests__/first-load.test.tsx holds each list to the page's requests).
 * Spelled out rather than built from the features' query options, so that the entry does not take
 * in zod and the schemas (the test keeps each URL true to its page, e.g. the Sessions tab's first
 * page: newest first, LIVE_PAGE_SIZE rows).
 */
export const FIRST_TAB_PREFETCH: Partial<Record<PagePath, readonly string[]>> = {
  '/overview': ['/api/v1/overview', '/api/v1/usage/daily?days=30'],
  '/accounts': ['/api/v1/accounts', '/api/v1/acl'],
  '/sessions': ['/api/v1/sessions?sort=createdAt&order=desc&offset=0&limit=25'],
  '/network-elements': ['/api/v1/network-elements'],
  '/network-elements/open-media': ['/api/v1/network-elements', '/api/v1/open-media/requests'],
  '/options': ['/api/v1/options', '/api/v1/mail/settings', '/api/v1/users'],
  '/mivoice': ['/api/v1/mivoice/settings', '/api/v1/mivoice/google'],
};

/** The page a first load lands on ('/' goes on to the Overview). */
function landingPage(pathname: string): string {
  const path = pathname.replace(/\/+$/, '');
  return path === '' ? '/overview' : path;
}

/**
 * Starts the first data the console needs, side by side: the signed-in user (into the query cache
 * under useMe's key) and, when this browser has a session, the page's first data
 * (FIRST_TAB_PREFETCH). A visitor without a session asks only for /auth/session (answered 200).
 */
export function startFirstData(queryClient: QueryClient, pathname: string): void {
  void queryClient.prefetchQuery(getMeQueryOptions());
  if (!probablySignedIn()) return;
  for (const path of FIRST_TAB_PREFETCH[landingPage(pathname) as PagePath] ?? []) startEarlyGet(path);
}

/**
 * Everything the first page needs, started before React renders (main.tsx) and side by side: the
 * first data, the console language's strings, and the router, whose creation loads the page's
 * chunk and strings. `ready` resolves when the first render may happen (the strings are in: no
 * flash of another language).
 */
export function startConsole(
  pathname: string,
  createRouter: (
    routes: Parameters<typeof createBrowserRouter>[0],
  ) => ReturnType<typeof createBrowserRouter> = (r) => createBrowserRouter(r),
) {
  const queryClient = createQueryClient();
  startFirstData(queryClient, pathname);
  const ready = startI18n(); // sets i18n up at once, so the router's pages can ask for their strings
  const router = createRouter(routes);
  return { queryClient, router, ready };
}

import type { ComponentType } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { LoadingState } from '@/components/ui/spinner';
import { i18n, loadNamespaces, type Namespace } from '@/lib/i18n';
import { AppLayout } from './layout/app-layout';
import { RouteError } from './routes/route-error';

function HydrateFallback() {
  return <LoadingState label={i18n.t('loading')} />;
}

/** The strings each page reads besides `common` (its tab's namespace; see docs/architecture.md §5). */
export const PAGE_NAMESPACES = {
  '/login': ['auth'],
  '/overview': ['overview'],
  '/accounts': ['accounts'],
  '/sessions': ['sessions'],
  '/network-elements': ['networkElements'],
  '/network-elements/open-media': ['openMedia'],
  '/options': ['options', 'mail'],
  '/mivoice': ['mivoice'],
} as const satisfies Record<string, readonly Namespace[]>;
export type PagePath = keyof typeof PAGE_NAMESPACES;

/**
 * A page's route `lazy`: its chunk and its strings in the console's language, loaded together
 * (a failure of either shows RouteError).
 */
function page<M>(path: PagePath | null, load: () => Promise<M>, component: (m: M) => ComponentType) {
  return async () => {
    const [module] = await Promise.all([load(), path ? loadNamespaces(PAGE_NAMESPACES[path]) : undefined]);
    return { Component: component(module) };
  };
}

/** Tabs are separate chunks, loaded when first visited. */
export const routes: RouteObject[] = [
  {
    path: '/login',
    lazy: page(
      '/login',
      () => import('./routes/login'),
      (m) => m.LoginRoute,
    ),
    HydrateFallback,
    ErrorBoundary: RouteError,
  },
  {
    path: '/',
    Component: AppLayout,
    HydrateFallback,
    ErrorBoundary: RouteError,
    children: [
      { index: true, element: <Navigate to="/overview" replace /> },
      {
        path: 'overview',
        lazy: page(
          '/overview',
          () => import('./routes/overview'),
          (m) => m.OverviewRoute,
        ),
      },
      {
        path: 'accounts',
        lazy: page(
          '/accounts',
          () => import('./routes/accounts'),
          (m) => m.AccountsRoute,
        ),
      },
      {
        path: 'sessions',
        lazy: page(
          '/sessions',
          () => import('./routes/sessions'),
          (m) => m.SessionsRoute,
        ),
      },
      {
        path: 'network-elements',
        lazy: page(
          '/network-elements',
          () => import('./routes/network-elements'),
          (m) => m.NetworkElementsRoute,
        ),
      },
      {
        // Under the Network Elements tab (whose link stays current), with a bookmarkable URL of its own.
        path: 'network-elements/open-media',
        lazy: page(
          '/network-elements/open-media',
          () => import('./routes/open-media'),
          (m) => m.OpenMediaRoute,
        ),
      },
      {
        path: 'options',
        lazy: page(
          '/options',
          () => import('./routes/options'),
          (m) => m.OptionsRoute,
        ),
      },
      {
        path: 'mivoice',
        lazy: page(
          '/mivoice',
          () => import('./routes/mivoice'),
          (m) => m.MiVoiceRoute,
        ),
      },
      {
        path: '*',
        lazy: page(
          null,
          () => import('./routes/not-found'),
          (m) => m.NotFoundRoute,
        ),
      },
    ],
  },
];

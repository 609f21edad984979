import { Navigate, type RouteObject } from 'react-router';
import { LoadingState } from '@/components/ui/spinner';
import { i18n } from '@/lib/i18n';
import { AppLayout } from './layout/app-layout';
import { RouteError } from './routes/route-error';

function HydrateFallback() {
  return <LoadingState label={i18n.t('loading')} />;
}

/** Tabs are separate chunks, loaded when first visited. */
export const routes: RouteObject[] = [
  {
    path: '/login',
    lazy: () => import('./routes/login').then((m) => ({ Component: m.LoginRoute })),
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
        lazy: () => import('./routes/overview').then((m) => ({ Component: m.OverviewRoute })),
      },
      {
        path: 'accounts',
        lazy: () => import('./routes/accounts').then((m) => ({ Component: m.AccountsRoute })),
      },
      {
        path: 'sessions',
        lazy: () => import('./routes/sessions').then((m) => ({ Component: m.SessionsRoute })),
      },
      {
        path: 'network-elements',
        lazy: () => import('./routes/network-elements').then((m) => ({ Component: m.NetworkElementsRoute })),
      },
      {
        // Under the Network Elements tab (whose link stays current), with a bookmarkable URL of its own.
        path: 'network-elements/open-media',
        lazy: () => import('./routes/open-media').then((m) => ({ Component: m.OpenMediaRoute })),
      },
      {
        path: 'options',
        lazy: () => import('./routes/options').then((m) => ({ Component: m.OptionsRoute })),
      },
      {
        path: 'mivoice',
        lazy: () => import('./routes/mivoice').then((m) => ({ Component: m.MiVoiceRoute })),
      },
      { path: '*', lazy: () => import('./routes/not-found').then((m) => ({ Component: m.NotFoundRoute })) },
    ],
  },
];

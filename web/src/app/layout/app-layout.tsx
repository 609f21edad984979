import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigation } from 'react-router';
import { Button } from '@/components/ui/button';
import { ErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/spinner';
import { useMe } from '@/lib/me';
import { errorMessage } from '@/lib/errors';
import { cx } from '@/lib/class-names';
import { AppHeader } from './app-header';
import { AppNav } from './app-nav';

/** Signed-in shell: header, tabs and the current tab. Without a session it sends the user to /login. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigation = useNavigation();

  if (me.isPending) return <LoadingState label={t('loading')} />;
  if (me.isError) {
    return (
      <main className="mx-auto max-w-xl p-6">
        <ErrorAlert
          action={
            <Button size="sm" onClick={() => void me.refetch()}>
              {t('retry')}
            </Button>
          }
        >
          {errorMessage(me.error)}
        </ErrorAlert>
      </main>
    );
  }
  if (!me.data) {
    const here = `${location.pathname}${location.search}`;
    const target = here === '/' ? '/login' : `/login?redirectTo=${encodeURIComponent(here)}`;
    return <Navigate to={target} replace />;
  }

  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className={cx(
          'sr-only z-50 rounded bg-white px-3 py-2 text-sm text-blue-800',
          'focus:not-sr-only focus:absolute focus:top-2 focus:left-2',
          'focus:outline-2 focus:outline-blue-700',
        )}
      >
        {t('skipToContent')}
      </a>
      <AppHeader me={me.data} />
      <AppNav />
      <div className="h-0.5" aria-hidden="true">
        {navigation.state !== 'idle' && <div className="h-full w-1/3 animate-pulse bg-blue-600" />}
      </div>
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-[100rem] flex-1 px-4 py-5 outline-none sm:px-6"
      >
        <Outlet />
      </main>
    </div>
  );
}

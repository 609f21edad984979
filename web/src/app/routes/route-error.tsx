import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { Button } from '@/components/ui/button';

/** Shown when a route fails to render or its chunk cannot be loaded (e.g. after an upgrade). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (import.meta.env.DEV) console.error(error);
  return (
    <main className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-xl font-semibold text-gray-900">{t('errors.pageTitle')}</h1>
      <p className="mt-2 text-sm text-gray-700">{t('errors.pageBody')}</p>
      <Button variant="primary" className="mt-5" onClick={() => window.location.reload()}>
        {t('errors.reload')}
      </Button>
    </main>
  );
}

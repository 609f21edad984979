import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { buttonClasses } from '@/components/ui/button';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function NotFoundRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <section className="mx-auto max-w-xl py-10 text-center">
      <h1 className="text-xl font-semibold text-gray-900">{t('notFound.title')}</h1>
      <p className="mt-2 text-sm text-gray-700">{t('notFound.body')}</p>
      <Link to="/overview" className={buttonClasses('primary', 'md', 'mt-5')}>
        {t('notFound.back')}
      </Link>
    </section>
  );
}

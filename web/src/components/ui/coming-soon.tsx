import { useTranslation } from 'react-i18next';

/** Placeholder for a tab that a later release delivers. */
export function ComingSoon({ title, purpose }: { title: string; purpose: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="coming-soon-title" className="mx-auto max-w-2xl rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center" data-testid="coming-soon">
      <p className="mb-3 inline-flex items-center rounded-full bg-blue-50 px-3 py-1 text-xs font-medium text-blue-800">
        {t('comingSoon.badge')}
      </p>
      <h1 id="coming-soon-title" className="text-xl font-semibold text-gray-900">
        {title}
      </h1>
      <p className="mt-3 text-sm text-gray-700">{purpose}</p>
      <p className="mt-2 text-sm text-gray-600">{t('comingSoon.body')}</p>
    </section>
  );
}

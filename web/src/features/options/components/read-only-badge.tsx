import { useTranslation } from 'react-i18next';

/** Shown on panels a support user can read but not change. */
export function ReadOnlyBadge() {
  const { t } = useTranslation('options');
  return (
    <span
      className="inline-flex items-center rounded-full border border-gray-300 bg-gray-100 px-2.5 py-0.5 text-xs font-medium text-gray-800"
      title={t('readOnlyHint')}
      data-testid="read-only-hint"
    >
      {t('readOnly')}
    </span>
  );
}

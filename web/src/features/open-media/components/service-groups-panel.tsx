import type { OpenMediaServiceGroup } from '@oig/shared';
import { cx } from '@/lib/class-names';
import { useOpenMediaTranslation } from '../i18n';

/** The Open Media service groups: name (or "Group <id>"), ID, and Open/Closed in words. */
export function ServiceGroupsPanel({ groups }: { groups: readonly OpenMediaServiceGroup[] }) {
  const { t } = useOpenMediaTranslation();
  return (
    <section aria-labelledby="open-media-groups" className="space-y-2">
      <h2 id="open-media-groups" className="text-base font-semibold text-gray-900">
        {t('groups.title')}
      </h2>
      {groups.length === 0 ? (
        <p className="text-sm text-gray-700">{t('groups.empty')}</p>
      ) : (
        <ul className="flex flex-wrap gap-2" data-testid="service-groups">
          {groups.map((g) => (
            <li
              key={g.serviceGroupId}
              className="flex items-center gap-3 rounded-md border border-gray-200 bg-white px-3 py-2 text-sm"
              data-testid="service-group"
            >
              <span className="font-medium text-gray-900">
                {g.name ?? t('groups.name', { id: g.serviceGroupId })}
              </span>
              <span className="text-xs text-gray-600">{t('groups.id', { id: g.serviceGroupId })}</span>
              <span
                className={cx(
                  'rounded-full border px-2 py-0.5 text-xs font-medium',
                  g.open
                    ? 'border-green-300 bg-green-50 text-green-900'
                    : 'border-red-300 bg-red-50 text-red-900',
                )}
              >
                {g.open ? t('groups.open') : t('groups.closed')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

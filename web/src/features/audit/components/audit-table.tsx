import type { AuditEntry } from '@oig/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';
import { auditActionLabels, describeChanges } from '../utils/audit-text';

const th =
  'sticky top-0 border-b border-gray-300 bg-gray-100 px-3 py-2.5 text-left text-xs font-semibold text-gray-800';
const td = 'border-b border-gray-100 px-3 py-2 align-top text-gray-900';

/** One page of audit entries. Every value is rendered as text (React escapes it), never as markup. */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  const { t } = useTranslation(['options', 'common']);
  const fmt = useFormatters();
  const labels = useMemo(() => auditActionLabels(t), [t]);
  const role = (r: string) => (r === 'administrator' || r === 'support' ? t(`common:roles.${r}`) : r);

  return (
    <div
      role="region"
      aria-label={t('audit.tableLabel')}
      tabIndex={0}
      className="max-h-[max(20rem,calc(100vh-20rem))] overflow-auto rounded-md border border-gray-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-700"
    >
      <table
        aria-label={t('audit.tableLabel')}
        className="w-full min-w-[64rem] border-separate border-spacing-0 text-sm"
        data-testid="audit-table"
      >
        <thead>
          <tr>
            <th scope="col" className={`${th} w-44`}>
              {t('audit.columns.at')}
            </th>
            <th scope="col" className={`${th} w-40`}>
              {t('audit.columns.actor')}
            </th>
            <th scope="col" className={`${th} w-52`}>
              {t('audit.columns.action')}
            </th>
            <th scope="col" className={`${th} w-52`}>
              {t('audit.columns.target')}
            </th>
            <th scope="col" className={th}>
              {t('audit.columns.changes')}
            </th>
            <th scope="col" className={`${th} w-32`}>
              {t('audit.columns.address')}
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td
                colSpan={6}
                className="px-3 py-10 text-center text-sm text-gray-600"
                data-testid="audit-empty"
              >
                {t('audit.empty')}
              </td>
            </tr>
          )}
          {entries.map((entry) => {
            const changes = describeChanges(entry.before, entry.after);
            return (
              <tr
                key={entry.id}
                data-testid="audit-row"
                data-entry-id={entry.id}
                className="hover:bg-gray-50"
              >
                <td className={`${td} tabular-nums`} title={fmt.dateTime(entry.at)}>
                  {fmt.shortDateTime(entry.at)}
                </td>
                <td className={td} data-testid="audit-actor-cell">
                  <span className="font-medium">{entry.actor}</span>
                  <span className="block text-xs text-gray-600">{role(entry.actorRole)}</span>
                </td>
                <td className={td} data-testid="audit-action-cell">
                  {labels[entry.action]}
                </td>
                <td className={`${td} break-words`} data-testid="audit-target">
                  {entry.target}
                </td>
                <td className={td} data-testid="audit-changes">
                  {changes.length === 0 ? (
                    <span className="text-gray-500">—</span>
                  ) : (
                    <ul className="space-y-0.5 font-mono text-xs break-all">
                      {changes.map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className={`${td} font-mono text-xs`} data-testid="audit-address">
                  {entry.address ?? '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

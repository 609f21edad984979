import type { AuditEntry } from '@oig/shared';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';
import { auditActionLabels, describeChanges } from '../utils/audit-text';

/** When, Who, Action, Target, Changes, From. Every value is rendered as text (React escapes it), never as markup. */
export function useAuditColumns() {
  const { t } = useTranslation(['options', 'common']);
  const fmt = useFormatters();
  return useMemo(() => {
    const labels = auditActionLabels(t);
    const role = (r: string) => (r === 'administrator' || r === 'support' ? t(`common:roles.${r}`) : r);
    const columns: ColumnDef<AuditEntry, unknown>[] = [
      {
        id: 'at',
        header: t('audit.columns.at'),
        cell: ({ row }) => (
          <span className="tabular-nums" title={fmt.dateTime(row.original.at)}>
            {fmt.shortDateTime(row.original.at)}
          </span>
        ),
        size: 176,
      },
      {
        id: 'actor',
        header: t('audit.columns.actor'),
        cell: ({ row }) => (
          <div data-testid="audit-actor-cell">
            <span className="font-medium">{row.original.actor}</span>
            <span className="block text-xs text-gray-600">{role(row.original.actorRole)}</span>
          </div>
        ),
        size: 160,
      },
      {
        id: 'action',
        header: t('audit.columns.action'),
        cell: ({ row }) => <span data-testid="audit-action-cell">{labels[row.original.action]}</span>,
        size: 208,
      },
      {
        id: 'target',
        header: t('audit.columns.target'),
        cell: ({ row }) => <span data-testid="audit-target">{row.original.target}</span>,
        size: 208,
      },
      {
        id: 'changes',
        header: t('audit.columns.changes'),
        cell: ({ row }) => {
          const changes = describeChanges(row.original.before, row.original.after);
          return (
            <div data-testid="audit-changes">
              {changes.length === 0 ? (
                <span className="text-gray-500">—</span>
              ) : (
                <ul className="space-y-0.5 font-mono text-xs break-all">
                  {changes.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              )}
            </div>
          );
        },
        size: 320,
      },
      {
        id: 'address',
        header: t('audit.columns.address'),
        cell: ({ row }) => (
          <span className="font-mono text-xs" data-testid="audit-address">
            {row.original.address ?? '—'}
          </span>
        ),
        size: 128,
      },
    ];
    return columns;
  }, [t, fmt]);
}

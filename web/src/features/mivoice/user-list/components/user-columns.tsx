import type { MivoiceUser } from '@oig/shared';
import type { ColumnDef } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useFormatters } from '@/lib/format';
import { useMivoiceTranslation } from '../../i18n';

/** Columns of the user list. Phone numbers are text as stored (leading zeros and `+` kept). */
export function useUserColumns() {
  const { t } = useMivoiceTranslation();
  const fmt = useFormatters();
  return useMemo(() => {
    const columns: ColumnDef<MivoiceUser, unknown>[] = [
      {
        id: 'email',
        header: t('users.columns.email'),
        cell: ({ row }) => row.original.primaryEmail,
        size: 220,
        meta: { cellClassName: 'break-all' },
      },
      {
        id: 'fullName',
        header: t('users.columns.fullName'),
        cell: ({ row }) => row.original.fullName,
        size: 160,
      },
      {
        id: 'givenName',
        header: t('users.columns.givenName'),
        cell: ({ row }) => row.original.givenName,
        size: 120,
      },
      {
        id: 'familyName',
        header: t('users.columns.familyName'),
        cell: ({ row }) => row.original.familyName,
        size: 120,
      },
      {
        id: 'phone',
        header: t('users.columns.phone'),
        cell: ({ row }) => (
          <span className="font-mono text-xs whitespace-nowrap" dir="ltr" data-testid="user-phone">
            {row.original.phoneNumber}
          </span>
        ),
        size: 160,
      },
      {
        id: 'type',
        header: t('users.columns.type'),
        cell: ({ row }) => (row.original.phoneType ? t(`users.phoneTypes.${row.original.phoneType}`) : '—'),
        size: 100,
      },
      {
        id: 'source',
        header: t('users.columns.source'),
        cell: ({ row }) => row.original.recordSource,
        size: 100,
      },
      {
        id: 'updated',
        header: t('users.columns.updated'),
        cell: ({ row }) => (
          <span className="whitespace-nowrap tabular-nums" title={fmt.dateTime(row.original.updatedAt)}>
            {fmt.shortDateTime(row.original.updatedAt)}
          </span>
        ),
        size: 150,
      },
    ];
    return columns;
  }, [t, fmt]);
}

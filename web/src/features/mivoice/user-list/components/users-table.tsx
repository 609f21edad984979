import type { MivoiceUser } from '@oig/shared';
import { useFormatters } from '@/lib/format';
import { useMivoiceTranslation } from '../../i18n';
import { tableRegionClasses, tdClasses, thClasses } from '../../components/table-styles';

interface UsersTableProps {
  /** The page shown. */
  users: readonly MivoiceUser[];
  /** Users in the whole (filtered) list; undefined while unknown (e.g. the list could not be read). */
  total: number | undefined;
  filtered: boolean;
}

/**
 * One page of the user list. Phone numbers are text as stored (leading zeros and `+` kept). An
 * empty page says why: the list is empty, nothing matches the filter, or the page is past the end.
 */
export function UsersTable({ users, total, filtered }: UsersTableProps) {
  const { t } = useMivoiceTranslation();
  const fmt = useFormatters();
  const columns = [
    'email',
    'fullName',
    'givenName',
    'familyName',
    'phone',
    'type',
    'source',
    'updated',
  ] as const;
  return (
    <div role="region" aria-label={t('users.tableLabel')} tabIndex={0} className={tableRegionClasses}>
      <table
        aria-label={t('users.tableLabel')}
        className="w-full min-w-[64rem] border-separate border-spacing-0 text-sm"
        data-testid="users-table"
      >
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className={thClasses}>
                {t(`users.columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {users.length === 0 && total !== undefined && (
            <tr>
              <td
                colSpan={columns.length}
                className="px-3 py-10 text-center text-sm text-gray-600"
                data-testid="users-empty"
              >
                {total > 0 ? t('users.pageEmpty') : filtered ? t('users.noMatches') : t('users.empty')}
              </td>
            </tr>
          )}
          {users.map((user) => (
            <tr key={user.phoneNumber} data-testid="user-row" className="hover:bg-gray-50">
              <td className={`${tdClasses} break-all`}>{user.primaryEmail}</td>
              <td className={tdClasses}>{user.fullName}</td>
              <td className={tdClasses}>{user.givenName}</td>
              <td className={tdClasses}>{user.familyName}</td>
              <td
                className={`${tdClasses} font-mono text-xs whitespace-nowrap`}
                dir="ltr"
                data-testid="user-phone"
              >
                {user.phoneNumber}
              </td>
              <td className={tdClasses}>{user.phoneType ? t(`users.phoneTypes.${user.phoneType}`) : '—'}</td>
              <td className={tdClasses}>{user.recordSource}</td>
              <td
                className={`${tdClasses} whitespace-nowrap tabular-nums`}
                title={fmt.dateTime(user.updatedAt)}
              >
                {fmt.shortDateTime(user.updatedAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

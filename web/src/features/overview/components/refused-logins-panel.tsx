import type { RefusedLoginsSummary } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { useFormatters } from '@/lib/format';

const linkClasses =
  'text-blue-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-blue-700';

/** Refused application logins of the last 24 hours, by reason; each links to the Refused logins view. */
export function RefusedLoginsPanel({ summary }: { summary: RefusedLoginsSummary }) {
  const { t } = useTranslation(['overview', 'common']);
  const fmt = useFormatters();
  return (
    <CollapsiblePanel title={t('refusedLogins.title')} data-testid="refused-logins-panel">
      <div className="space-y-3">
        <p className="text-sm text-gray-700" data-testid="refused-logins-total">
          {t('refusedLogins.total', { count: summary.total })}
        </p>
        {summary.byReason.length > 0 && (
          <table className="text-sm" aria-label={t('refusedLogins.byReason')}>
            <thead className="sr-only">
              <tr>
                <th scope="col">{t('refusedLogins.reason')}</th>
                <th scope="col">{t('refusedLogins.attempts')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.byReason.map((r) => (
                <tr key={r.reason} data-testid={`refused-reason-${r.reason}`}>
                  <th scope="row" className="py-0.5 pr-6 text-left font-normal">
                    <Link to={`/sessions?view=refused&reason=${r.reason}`} className={linkClasses}>
                      {t(`common:refusedLoginReasons.${r.reason}`)}
                    </Link>
                  </th>
                  <td className="py-0.5 text-right font-semibold tabular-nums">{fmt.number(r.attempts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Link
          to="/sessions?view=refused"
          className={`text-sm ${linkClasses}`}
          data-testid="refused-logins-link"
        >
          {t('refusedLogins.viewAll')}
        </Link>
      </div>
    </CollapsiblePanel>
  );
}

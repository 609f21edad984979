import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { LiveSessions } from './live-sessions';
import { RefusedLogins } from './refused-logins';
import { SessionHistory } from './session-history';

export type SessionsSubView = 'live' | 'history' | 'refused';

/**
 * The Sessions tab: live sessions and, as sub-views, the session history (?view=history) and the
 * refused application logins (?view=refused).
 */
export function SessionsView({ canTerminate }: { canTerminate: boolean }) {
  const { t } = useTranslation('sessions');
  const [params] = useSearchParams();
  const asked = params.get('view');
  const view: SessionsSubView = asked === 'history' || asked === 'refused' ? asked : 'live';

  const subTab = (target: SessionsSubView, label: string) => {
    const active = view === target;
    return (
      <Link
        to={{ search: target === 'live' ? '' : `?view=${target}` }}
        aria-current={active ? 'page' : undefined}
        data-testid={`sessions-view-${target}`}
        className={`rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-700 ${
          active
            ? 'bg-white text-blue-800 shadow-xs ring-1 ring-gray-200'
            : 'text-gray-700 hover:text-gray-900'
        }`}
      >
        {label}
      </Link>
    );
  };

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('title')}
        intro={t('intro')}
        actions={
          <nav
            aria-label={t('views.label')}
            className="flex max-w-full flex-wrap gap-1 rounded-lg bg-gray-100 p-1"
          >
            {subTab('live', t('views.live'))}
            {subTab('history', t('views.history'))}
            {subTab('refused', t('views.refused'))}
          </nav>
        }
      />
      {view === 'live' && <LiveSessions canTerminate={canTerminate} />}
      {view === 'history' && <SessionHistory />}
      {view === 'refused' && <RefusedLogins />}
    </div>
  );
}

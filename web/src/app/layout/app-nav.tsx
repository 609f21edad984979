import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { cx } from '@/lib/class-names';

export const TABS = [
  { path: '/overview', key: 'overview' },
  { path: '/accounts', key: 'accounts' },
  { path: '/sessions', key: 'sessions' },
  { path: '/network-elements', key: 'networkElements' },
  { path: '/options', key: 'options' },
  { path: '/mivoice', key: 'mivoice' },
] as const;

/** The console tabs: links, so each tab has its own bookmarkable URL (aria-current marks the active one). */
export function AppNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.label')} className="border-b border-gray-200 bg-white">
      <ul className="mx-auto flex max-w-[100rem] gap-1 overflow-x-auto px-4 sm:px-6">
        {TABS.map((tab) => (
          <li key={tab.path}>
            <NavLink
              to={tab.path}
              data-testid={`tab-${tab.key}`}
              className={({ isActive }) =>
                cx(
                  '-mb-px inline-flex h-11 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap',
                  'focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-700',
                  isActive
                    ? 'border-blue-700 text-blue-800'
                    : 'border-transparent text-gray-700 hover:border-gray-300 hover:text-gray-900',
                )
              }
            >
              {t(`nav.${tab.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import { Link, type To } from 'react-router';
import { cx } from '@/lib/class-names';

export interface SubTab<K extends string> {
  key: K;
  label: string;
  /** Where the tab leads (usually a search string such as `?tab=users`), so each view is bookmarkable. */
  to: To;
  testId?: string;
}

interface SubTabsProps<K extends string> {
  /** Accessible name of the navigation. */
  label: string;
  tabs: ReadonlyArray<SubTab<K>>;
  current: K;
}

/** Views of one page as links (aria-current on the shown one), in a segmented bar. */
export function SubTabs<K extends string>({ label, tabs, current }: SubTabsProps<K>) {
  return (
    <nav aria-label={label} className="flex w-fit max-w-full flex-wrap gap-1 rounded-lg bg-gray-100 p-1">
      {tabs.map((tab) => {
        const active = tab.key === current;
        return (
          <Link
            key={tab.key}
            to={tab.to}
            aria-current={active ? 'page' : undefined}
            data-testid={tab.testId}
            className={cx(
              'rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-700',
              active
                ? 'bg-white text-blue-800 shadow-xs ring-1 ring-gray-200'
                : 'text-gray-700 hover:text-gray-900',
            )}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}

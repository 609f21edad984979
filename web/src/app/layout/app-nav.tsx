import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { cx } from '@/lib/class-names';

export const TABS = [
  { path: '/overview', key: 'overview' },
  { path: '/accounts', key: 'accounts' },
  { path: '/sessions', key: 'sessions' },
  { path: '/network-elements', key: 'networkElements' },
  { path: '/options', key: 'options' },
  { path: '/mivoice', key: 'mivoice' },
] as const;

/** The tab whose link is current at a path (a sub-page such as /network-elements/open-media counts as its tab). */
function currentTab(pathname: string) {
  return TABS.find((tab) => pathname === tab.path || pathname.startsWith(`${tab.path}/`));
}

/**
 * The console tabs: links, so each tab has its own bookmarkable URL (aria-current marks the active
 * one). From the md breakpoint (768 px) they are a tab bar that wraps onto a second line rather
 * than hiding tabs; below it, a Menu button opens them as a list (see NavMenu).
 */
export function AppNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.label')} className="border-b border-gray-200 bg-white">
      <NavMenu />
      <ul className="mx-auto hidden max-w-[100rem] flex-wrap gap-x-1 px-4 sm:px-6 md:flex">
        {TABS.map((tab) => (
          <li key={tab.path}>
            <NavLink
              to={tab.path}
              data-testid={`tab-${tab.key}`}
              className={({ isActive }) =>
                cx(
                  '-mb-px inline-flex min-h-11 items-center border-b-2 px-3 text-sm font-medium',
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

/**
 * The tabs on a phone: a disclosure button (aria-expanded, aria-controls) beside the current tab's
 * name, opening the tab links as a list under it. Opening moves focus to the current tab's link;
 * Escape closes and gives focus back to the button, and so does choosing a tab; a click outside
 * closes it without moving focus.
 */
export function NavMenu() {
  const { t } = useTranslation();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const { pathname } = useLocation();
  const current = currentTab(pathname);

  // Closes when the page changes (a tab chosen here, or the browser's Back button).
  const [shownPath, setShownPath] = useState(pathname);
  if (shownPath !== pathname) {
    setShownPath(pathname);
    if (open) setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const target =
      listRef.current?.querySelector<HTMLElement>('[aria-current="page"]') ??
      listRef.current?.querySelector<HTMLElement>('a');
    target?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      close();
    }
  };

  return (
    // Escape anywhere in the menu (button or links) closes it; the keys themselves are the links' and the button's.
    // eslint-disable-next-line jsx-a11y/no-static-element-interactions
    <div ref={rootRef} className="md:hidden" onKeyDown={onKeyDown}>
      <div className="flex min-h-11 items-center gap-3 px-4 sm:px-6">
        <button
          ref={buttonRef}
          type="button"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen((o) => !o)}
          data-testid="nav-menu-button"
          className={cx(
            'inline-flex h-9 shrink-0 items-center gap-2 rounded-md border border-gray-300 px-3 text-sm',
            'font-medium text-gray-900 hover:bg-gray-50',
            'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700',
          )}
        >
          <MenuIcon open={open} />
          {t('navMenu.button')}
        </button>
        {current && (
          <span
            className="min-w-0 text-sm font-semibold break-words text-blue-800"
            data-testid="nav-menu-current"
          >
            {t(`nav.${current.key}`)}
          </span>
        )}
      </div>
      <ul
        id={listId}
        ref={listRef}
        hidden={!open}
        className="border-t border-gray-200 py-1"
        data-testid="nav-menu-list"
      >
        {TABS.map((tab) => (
          <li key={tab.path}>
            <NavLink
              to={tab.path}
              data-testid={`menu-tab-${tab.key}`}
              onClick={close}
              className={({ isActive }) =>
                cx(
                  'flex min-h-11 items-center border-l-4 px-4 text-sm font-medium break-words sm:px-6',
                  'focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-700',
                  isActive
                    ? 'border-blue-700 bg-blue-50 text-blue-800'
                    : 'border-transparent text-gray-800 hover:bg-gray-50',
                )
              }
            >
              {t(`nav.${tab.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  );
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="size-4" fill="none" stroke="currentColor">
      {open ? (
        <path d="M3.5 3.5l9 9M12.5 3.5l-9 9" strokeWidth="1.6" strokeLinecap="round" />
      ) : (
        <path d="M2.5 4h11M2.5 8h11M2.5 12h11" strokeWidth="1.6" strokeLinecap="round" />
      )}
    </svg>
  );
}

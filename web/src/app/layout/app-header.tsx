import type { Me } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { useLogout } from '@/features/auth/api/logout';
import { cx } from '@/lib/class-names';
import { LanguagePicker } from './language-picker';

export function AppHeader({ me }: { me: Me }) {
  const { t } = useTranslation();
  const logout = useLogout();

  return (
    <header className="border-b border-gray-800 bg-gray-900 text-white">
      <div
        className={cx(
          'mx-auto flex max-w-[100rem] flex-wrap items-center justify-between',
          'gap-x-6 gap-y-1.5 px-4 py-2 sm:gap-y-2 sm:px-6 sm:py-2.5',
        )}
      >
        <div className="flex min-w-0 items-baseline gap-x-3 gap-y-1">
          <span
            className="min-w-0 text-sm font-semibold tracking-tight break-words sm:text-base"
            data-testid="product-name"
          >
            {t('productName')}
          </span>
          <span
            className="shrink-0 rounded bg-gray-700 px-1.5 py-0.5 text-xs whitespace-nowrap text-gray-100"
            data-testid="oig-version"
          >
            {t('version', { version: me.version })}
          </span>
        </div>
        <div className="flex min-w-0 flex-wrap items-center gap-x-4 gap-y-1.5 text-sm">
          <p
            className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-gray-200"
            data-testid="signed-in-user"
          >
            <span className="min-w-0 break-words">
              {t('header.signedInAs')} <span className="font-medium text-white">{me.username}</span>
            </span>
            <span
              className="rounded-full border border-gray-500 px-2 py-0.5 text-xs text-gray-100"
              data-testid="signed-in-role"
            >
              {t(`roles.${me.role}`)}
            </span>
          </p>
          <LanguagePicker tone="dark" testId="language-picker" />
          <Button
            size="sm"
            variant="ghost"
            className="border border-gray-600 text-white hover:bg-gray-700 focus-visible:outline-blue-400"
            onClick={() => logout.mutate()}
            disabled={logout.isPending}
            data-testid="sign-out"
          >
            {logout.isPending ? t('header.signingOut') : t('header.signOut')}
          </Button>
        </div>
      </div>
    </header>
  );
}

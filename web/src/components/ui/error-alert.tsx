import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '@/lib/errors';
import { cx } from '@/lib/class-names';
import { Button } from './button';

const ALERT_CLASSES = cx(
  'flex flex-wrap items-center justify-between gap-3 rounded-md border border-red-300 bg-red-50 px-3 py-2',
  'text-sm text-red-800',
);

/** A visible error message; role=alert so screen readers announce it. */
export function ErrorAlert({
  children,
  action,
  className = '',
}: {
  children: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div role="alert" className={`${ALERT_CLASSES} ${className}`}>
      <p className="flex items-center gap-2">
        <svg viewBox="0 0 20 20" className="size-4 shrink-0" fill="currentColor" aria-hidden="true">
          <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm-.9 4h1.8v5.2H9.1V6Zm0 6.6h1.8v1.8H9.1v-1.8Z" />
        </svg>
        <span>{children}</span>
      </p>
      {action}
    </div>
  );
}

/** Why a query failed, with a Retry button that runs it again. */
export function QueryErrorAlert({ query }: { query: { error: unknown; refetch: () => unknown } }) {
  const { t } = useTranslation('common');
  return (
    <ErrorAlert
      action={
        <Button size="sm" onClick={() => void query.refetch()}>
          {t('retry')}
        </Button>
      }
    >
      {errorMessage(query.error)}
    </ErrorAlert>
  );
}

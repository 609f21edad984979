import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';
import { Button } from './button';
import { Spinner } from './spinner';

interface RefreshButtonProps {
  onRefresh: () => void;
  /** A read is in flight (the button stays usable; it only says so). */
  fetching: boolean;
  testId: string;
  /**
   * How a read in flight shows: `icon`, a refresh icon that the spinner replaces; `inside`, a
   * spinner before the label; `beside`, a spinner left of the button.
   */
  indicator?: 'icon' | 'inside' | 'beside';
}

/** The "Refresh" button of a table toolbar or a panel. */
export function RefreshButton({ onRefresh, fetching, testId, indicator = 'inside' }: RefreshButtonProps) {
  const { t } = useTranslation('common');
  const button = (
    <Button onClick={onRefresh} aria-busy={fetching || undefined} data-testid={testId}>
      {indicator === 'icon' && (fetching ? <Spinner className="size-3.5" /> : <RefreshIcon />)}
      {indicator === 'inside' && fetching && <Spinner className="size-3.5" />}
      {t('refresh')}
    </Button>
  );
  if (indicator !== 'beside') return button;
  return (
    <>
      {fetching && <Spinner className="size-4 text-gray-500" />}
      {button}
    </>
  );
}

/** "Updated 10:42:05" for a read at `at` (ms since epoch), or undefined before the first one (0). */
export function useUpdatedAtText(at: number): string | undefined {
  const { t } = useTranslation('common');
  const fmt = useFormatters();
  return at > 0 ? t('updatedAt', { time: fmt.time(at) }) : undefined;
}

/** When a table's data was last read, for its toolbar; nothing before the first read. */
export function UpdatedAt({ at }: { at: number }) {
  const text = useUpdatedAtText(at);
  return text ? <span className="text-xs text-gray-600">{text}</span> : null;
}

function RefreshIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="size-3.5" aria-hidden="true">
      <path d="M10 3a7 7 0 0 1 6.3 4H14v2h5V4h-2v1.7A9 9 0 1 0 19 11h-2a7 7 0 1 1-7-8Z" />
    </svg>
  );
}

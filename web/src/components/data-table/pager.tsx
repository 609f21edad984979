import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';

interface PagerProps {
  /** Accessible name of the pager (e.g. "Pages of the user list"). */
  label: string;
  canPrevious: boolean;
  canNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  /** data-testid of the buttons: `${prefix}-previous`, `${prefix}-next`. */
  testIdPrefix: string;
}

/** Previous and Next for a list the server pages. */
export function Pager({ label, canPrevious, canNext, onPrevious, onNext, testIdPrefix }: PagerProps) {
  const { t } = useTranslation('common');
  return (
    <nav aria-label={label} className="flex items-center gap-2">
      <Button onClick={onPrevious} disabled={!canPrevious} data-testid={`${testIdPrefix}-previous`}>
        {t('table.previous')}
      </Button>
      <Button onClick={onNext} disabled={!canNext} data-testid={`${testIdPrefix}-next`}>
        {t('table.next')}
      </Button>
    </nav>
  );
}

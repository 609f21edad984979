import { Button } from './button';

interface PagerProps {
  /** Accessible name of the pager (e.g. "Pages of the user list"). */
  label: string;
  /** What is shown, e.g. "1–50 of 1,234"; announced when it changes. */
  rangeText: string;
  previousLabel: string;
  nextLabel: string;
  canPrevious: boolean;
  canNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  /** data-testid of the range text and buttons: `${prefix}-range`, `${prefix}-previous`, `${prefix}-next`. */
  testIdPrefix: string;
}

/** "1–50 of 1,234" with Previous and Next buttons, for lists paged by the server. */
export function Pager({
  label,
  rangeText,
  previousLabel,
  nextLabel,
  canPrevious,
  canNext,
  onPrevious,
  onNext,
  testIdPrefix,
}: PagerProps) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-2">
      <p
        className="text-sm text-gray-700 tabular-nums"
        aria-live="polite"
        data-testid={`${testIdPrefix}-range`}
      >
        {rangeText}
      </p>
      <Button size="sm" onClick={onPrevious} disabled={!canPrevious} data-testid={`${testIdPrefix}-previous`}>
        {previousLabel}
      </Button>
      <Button size="sm" onClick={onNext} disabled={!canNext} data-testid={`${testIdPrefix}-next`}>
        {nextLabel}
      </Button>
    </nav>
  );
}

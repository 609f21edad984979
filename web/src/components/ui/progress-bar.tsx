interface ProgressBarProps {
  /** Done so far, 0–1; null while the amount is unknown (e.g. the server is working). */
  value: number | null;
  /** Accessible name of the bar (e.g. "Uploading users.csv"). */
  label: string;
  /** Text shown beside the bar and read as aria-valuetext (e.g. "45 %" or "12 of 20 MB"). */
  valueText?: string | undefined;
  /**
   * A static amount (completeness) rather than an operation under way: the bar is hidden from
   * assistive technology, the text carries it.
   */
  decorative?: boolean;
  tone?: 'blue' | 'green' | 'amber';
  className?: string;
  'data-testid'?: string;
}

const tones = { blue: 'bg-blue-700', green: 'bg-green-700', amber: 'bg-amber-600' } as const;

/** A horizontal progress bar (role=progressbar with aria-valuenow, or indeterminate while value is null). */
export function ProgressBar({
  value,
  label,
  valueText,
  decorative = false,
  tone = 'blue',
  className = '',
  'data-testid': testId,
}: ProgressBarProps) {
  const clamped = value === null ? null : Math.min(1, Math.max(0, value));
  const percent = clamped === null ? null : Math.round(clamped * 100);
  const a11y = decorative
    ? { 'aria-hidden': true as const }
    : {
        role: 'progressbar',
        'aria-label': label,
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': percent ?? undefined,
        'aria-valuetext': valueText,
        'aria-busy': clamped === null || clamped < 1 ? true : undefined,
      };
  return (
    <div className={`flex items-center gap-2 ${className}`} data-testid={testId}>
      <div {...a11y} className="relative h-2 min-w-16 flex-1 overflow-hidden rounded-full bg-gray-200">
        {percent === null ? (
          <div className={`absolute inset-y-0 left-0 w-1/3 animate-pulse rounded-full ${tones[tone]}`} />
        ) : (
          <div
            className={`h-full rounded-full transition-[width] duration-150 ${tones[tone]}`}
            style={{ width: `${percent}%` }}
          />
        )}
      </div>
      {valueText !== undefined && (
        <span
          className="shrink-0 text-xs text-gray-700 tabular-nums"
          aria-hidden={decorative ? undefined : true}
        >
          {valueText}
        </span>
      )}
    </div>
  );
}

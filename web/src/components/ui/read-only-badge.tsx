import { cx } from '@/lib/class-names';

/**
 * Marks what a support user can read but not change: the label as a badge, the hint (what they
 * cannot do) as its tooltip. Each feature passes its own words.
 */
export function ReadOnlyBadge({ label, hint }: { label: string; hint: string }) {
  return (
    <span
      className={cx(
        'inline-flex items-center rounded-full border border-gray-300',
        'bg-gray-100 px-2.5 py-0.5 text-xs font-medium text-gray-800',
      )}
      title={hint}
      data-testid="read-only-hint"
    >
      {label}
    </span>
  );
}

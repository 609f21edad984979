import { cx } from '@/lib/class-names';
import { isEnded } from '../utils/status';

/** Live, ended well, ended otherwise: the tone repeats the word, never replaces it. */
function toneOf(status: number): string {
  if (status === 4) return 'border-green-300 bg-green-50 text-green-900';
  if (isEnded(status)) return 'border-gray-300 bg-gray-100 text-gray-800';
  if (status === 0) return 'border-amber-300 bg-amber-50 text-amber-900';
  return 'border-blue-300 bg-blue-50 text-blue-900';
}

/** A request's status in words, as a small badge. */
export function StatusBadge({ status, label }: { status: number; label: string }) {
  return (
    <span
      className={cx(
        'inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium',
        toneOf(status),
      )}
      data-testid="request-status"
      data-status={status}
    >
      {label}
    </span>
  );
}

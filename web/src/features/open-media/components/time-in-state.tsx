import { useNow } from '@/hooks/use-now';
import { useFormatters } from '@/lib/format';
import { useOpenMediaTranslation } from '../i18n';
import { formatDuration, secondsSince } from '../utils/duration';

/**
 * How long a request has been in its status, counting up every second, on the MiCC's clock: `at`
 * is the MiCC's time, so the browser's clock is corrected by `skewMs` (MiCC minus browser).
 */
export function TimeInState({ at, skewMs }: { at: string; skewMs: number }) {
  const { t } = useOpenMediaTranslation();
  const fmt = useFormatters();
  const now = useNow();
  return (
    <span title={fmt.dateTime(at)} data-testid="time-in-state">
      {formatDuration(secondsSince(at, now + skewMs), t)}
    </span>
  );
}

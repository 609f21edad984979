import { useNow } from '@/hooks/use-now';
import { useFormatters } from '@/lib/format';
import { useOpenMediaTranslation } from '../i18n';
import { formatDuration, secondsSince } from '../utils/duration';

/** How long a request has been in its status, counting up every second. */
export function TimeInState({ at }: { at: string }) {
  const { t } = useOpenMediaTranslation();
  const fmt = useFormatters();
  const now = useNow();
  return (
    <span title={fmt.dateTime(at)} data-testid="time-in-state">
      {formatDuration(secondsSince(at, now), t)}
    </span>
  );
}

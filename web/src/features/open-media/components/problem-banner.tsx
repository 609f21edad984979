import { useFormatters } from '@/lib/format';
import { useOpenMediaTranslation } from '../i18n';
import { reasonText, type ReasonSource } from '../utils/reasons';

interface ProblemBannerProps {
  problem: ReasonSource & { at?: string | undefined };
  /** The MiCC's time of the list still shown; null when none was ever read. */
  asOf: string | null;
}

/**
 * Why the MiCC cannot be read, in the console's language, while the last list stays on the page:
 * the banner dates it so nobody takes it for the present.
 */
export function ProblemBanner({ problem, asOf }: ProblemBannerProps) {
  const { t } = useOpenMediaTranslation();
  const fmt = useFormatters();
  return (
    <div
      role="alert"
      className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950"
      data-testid="open-media-problem"
    >
      <p className="flex items-center gap-2 font-semibold">
        <svg viewBox="0 0 20 20" className="size-4 shrink-0" fill="currentColor" aria-hidden="true">
          <path d="M10 2 1 18h18L10 2Zm-.9 6h1.8v4.6H9.1V8Zm0 6h1.8v1.8H9.1V14Z" />
        </svg>
        {problem.reason === 'too_many_requests' ? t('problem.incompleteTitle') : t('problem.title')}
      </p>
      <p className="mt-1" data-testid="open-media-problem-text">
        {reasonText(t, problem)}
        {problem.at && <> {t('problem.since', { time: fmt.dateTime(problem.at) })}</>}
      </p>
      <p className="mt-1" data-testid="open-media-problem-as-of">
        {asOf ? t('problem.asOf', { time: fmt.dateTime(asOf) }) : t('problem.noData')}
      </p>
    </div>
  );
}

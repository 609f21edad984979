import { Pager } from '@/components/ui/pager';
import { useFormatters } from '@/lib/format';
import { useMivoiceTranslation } from '../i18n';
import type { PageQuery } from '../utils/page-query';

interface PageRangeProps {
  label: string;
  page: PageQuery;
  shown: number;
  total: number | undefined;
  /** Previous data shown while the next page loads: paging waits for it. */
  busy: boolean;
  onPrevious: () => void;
  onNext: () => void;
  testIdPrefix: string;
}

/** "1–50 of 1,234" and Previous / Next for one of the tab's server-paged lists. */
export function PageRange({
  label,
  page,
  shown,
  total,
  busy,
  onPrevious,
  onNext,
  testIdPrefix,
}: PageRangeProps) {
  const { t } = useMivoiceTranslation();
  const fmt = useFormatters();
  const count = total ?? 0;
  const last = page.offset + shown;
  const rangeText =
    total === undefined
      ? ''
      : count === 0 || shown === 0
        ? t('pager.none', { total: fmt.number(count) })
        : t('pager.range', {
            first: fmt.number(page.offset + 1),
            last: fmt.number(last),
            total: fmt.number(count),
          });
  return (
    <Pager
      label={label}
      rangeText={rangeText}
      previousLabel={t('pager.previous')}
      nextLabel={t('pager.next')}
      canPrevious={page.offset > 0 && !busy}
      canNext={last < count && !busy}
      onPrevious={onPrevious}
      onNext={onNext}
      testIdPrefix={testIdPrefix}
    />
  );
}

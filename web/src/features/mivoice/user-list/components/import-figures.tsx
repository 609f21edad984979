import { useFormatters } from '@/lib/format';
import { cx } from '@/lib/class-names';

export interface Figure {
  key: string;
  label: string;
  value: number;
  /** Red when above zero (bad rows). */
  alarm?: boolean;
}

/** The counts of an import (rows read, to add, to update…) as a row of labelled figures. */
export function ImportFigures({ figures }: { figures: readonly Figure[] }) {
  const fmt = useFormatters();
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="import-figures">
      {figures.map((f) => (
        <div
          key={f.key}
          className={cx(
            'rounded-md border px-3 py-2',
            f.alarm && f.value > 0
              ? 'border-red-300 bg-red-50 text-red-900'
              : 'border-gray-200 bg-gray-50 text-gray-900',
          )}
          data-testid={`figure-${f.key}`}
        >
          <dt className="text-xs font-medium">{f.label}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid={`figure-${f.key}-value`}>
            {fmt.number(f.value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

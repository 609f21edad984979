import { useId } from 'react';
import { cx } from '@/lib/class-names';

interface SegmentedControlProps<V extends string> {
  /** The group's visible legend (its accessible name). */
  legend: string;
  options: ReadonlyArray<{ value: V; label: string }>;
  value: V;
  onChange: (value: V) => void;
  /** data-testid of each option: `${prefix}-${value}`. */
  testIdPrefix?: string;
  disabled?: boolean;
}

/**
 * One choice among a few, shown as joined buttons but built from native radio buttons in a
 * fieldset: arrow keys move the choice, Tab leaves the group.
 */
export function SegmentedControl<V extends string>({
  legend,
  options,
  value,
  onChange,
  testIdPrefix,
  disabled,
}: SegmentedControlProps<V>) {
  const name = useId();
  return (
    <fieldset className="flex flex-wrap items-center gap-2" disabled={disabled}>
      <legend className="float-left mr-2 text-sm font-medium text-gray-800">{legend}</legend>
      <div className="inline-flex rounded-md border border-gray-300 bg-white p-0.5">
        {options.map((option) => (
          <label
            key={option.value}
            className={cx(
              'relative cursor-pointer rounded px-3 py-1 text-sm font-medium',
              'text-gray-700 has-checked:bg-blue-700 has-checked:text-white',
              'has-focus-visible:outline-2 has-focus-visible:outline-offset-1',
              'has-focus-visible:outline-blue-700',
            )}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
              className="sr-only"
              data-testid={testIdPrefix ? `${testIdPrefix}-${option.value}` : undefined}
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

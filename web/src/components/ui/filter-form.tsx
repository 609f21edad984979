import type { FormEvent, ReactNode } from 'react';
import { Button } from './button';

interface FilterFormProps {
  /** The form's accessible name. */
  label: string;
  onApply: (event: FormEvent<HTMLFormElement>) => void;
  onClear: () => void;
  applyLabel: string;
  clearLabel: string;
  /** data-testid of the form and its buttons: `${prefix}-filter-form`, `${prefix}-apply`, `${prefix}-clear`. */
  testIdPrefix: string;
  children: ReactNode;
}

/** A row of compact filters applied with Apply (or Enter), not per keystroke, and a Clear button. */
export function FilterForm({
  label,
  onApply,
  onClear,
  applyLabel,
  clearLabel,
  testIdPrefix,
  children,
}: FilterFormProps) {
  return (
    <form
      onSubmit={onApply}
      noValidate
      aria-label={label}
      className="flex flex-wrap items-start gap-3 rounded-md border border-gray-200 bg-white p-3"
      data-testid={`${testIdPrefix}-filter-form`}
    >
      {children}
      <div className="flex gap-2 self-start pt-5">
        <Button type="submit" variant="primary" data-testid={`${testIdPrefix}-apply`}>
          {applyLabel}
        </Button>
        <Button onClick={onClear} data-testid={`${testIdPrefix}-clear`}>
          {clearLabel}
        </Button>
      </div>
    </form>
  );
}

interface FilterFieldProps {
  /** The control's id; its error gets `${id}-error`. */
  id: string;
  label: string;
  error?: string | undefined;
  /** The control; as a function, it is given what ties it to the error while there is one. */
  children: ReactNode | ((a11y: { invalid?: true; describedBy?: string }) => ReactNode);
}

/** One filter of a FilterForm: a small label above the control, the error under it. */
export function FilterField({ id, label, error, children }: FilterFieldProps) {
  return (
    <div className="flex max-w-full min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-gray-800">
        {label}
      </label>
      {typeof children === 'function'
        ? children(error ? { invalid: true, describedBy: `${id}-error` } : {})
        : children}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

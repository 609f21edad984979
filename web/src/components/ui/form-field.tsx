import { useId, type ComponentProps, type ReactNode } from 'react';

interface FieldShellProps {
  label: string;
  /** The error for this field (client-side zod message or the server's `fields[name]`). */
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** Label + control + hint + error, wired with htmlFor / aria-describedby / aria-invalid. */
export function FieldShell({ label, error, hint, required, children }: FieldShellProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-gray-800">
        {label}
        {required && (
          <span className="ml-0.5 text-red-700" aria-hidden="true">
            *
          </span>
        )}
      </label>
      <div className="mt-1">{children({ id, describedBy, invalid: !!error })}</div>
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-gray-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export const inputClasses =
  'block h-9 w-full rounded-md border border-gray-300 bg-white px-2.5 text-sm text-gray-900 ' +
  'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700 ' +
  'aria-[invalid=true]:border-red-600 disabled:bg-gray-100';

interface TextFieldProps extends Omit<ComponentProps<'input'>, 'id'> {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
}

export function TextField({ label, error, hint, required, className = '', ...input }: TextFieldProps) {
  return (
    <FieldShell label={label} error={error} hint={hint} required={required ?? false}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          required={required}
          className={`${inputClasses} ${className}`}
          {...input}
        />
      )}
    </FieldShell>
  );
}

/**
 * One e-mail address: the browser's e-mail keyboard and autofill, no spell check, at most 254
 * characters (as the server).
 */
export function EmailField(props: Omit<TextFieldProps, 'type'>) {
  return (
    <TextField
      type="email"
      inputMode="email"
      autoComplete="email"
      spellCheck={false}
      maxLength={254}
      {...props}
    />
  );
}

interface SelectFieldProps extends Omit<ComponentProps<'select'>, 'id'> {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
}

export function SelectField({
  label,
  error,
  hint,
  options,
  required,
  className = '',
  ...select
}: SelectFieldProps) {
  return (
    <FieldShell label={label} error={error} hint={hint} required={required ?? false}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          required={required}
          className={`${inputClasses} ${className}`}
          {...select}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

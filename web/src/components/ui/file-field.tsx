import type { ChangeEvent, ComponentProps, MouseEvent, ReactNode, Ref } from 'react';
import { FieldShell } from './form-field';

interface FileFieldProps extends Omit<ComponentProps<'input'>, 'id' | 'type' | 'onChange' | 'value' | 'ref'> {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  /** The chosen file, or null when the choice was cleared. */
  onFile: (file: File | null) => void;
  inputRef?: Ref<HTMLInputElement>;
}

const fileInputClasses =
  'block w-full rounded-md border border-gray-300 bg-white text-sm text-gray-800 ' +
  'file:mr-3 file:h-9 file:cursor-pointer file:border-0 file:border-r file:border-gray-300 file:bg-gray-50 ' +
  'file:px-3.5 file:text-sm file:font-medium file:text-gray-800 hover:file:bg-gray-100 ' +
  'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-700 ' +
  'aria-[invalid=true]:border-red-600 disabled:bg-gray-100 disabled:opacity-60';

/**
 * A labelled native file chooser (keyboard and screen-reader friendly as the browser makes it).
 * The input is emptied when it is opened, so choosing the same file again (after fixing it)
 * still reports the choice.
 */
export function FileField({
  label,
  error,
  hint,
  required,
  onFile,
  inputRef,
  onClick,
  className = '',
  ...input
}: FileFieldProps) {
  const change = (event: ChangeEvent<HTMLInputElement>) => onFile(event.target.files?.[0] ?? null);
  const click = (event: MouseEvent<HTMLInputElement>) => {
    event.currentTarget.value = '';
    onClick?.(event);
  };
  return (
    <FieldShell label={label} error={error} hint={hint} required={required ?? false}>
      {({ id, describedBy, invalid }) => (
        <input
          ref={inputRef}
          id={id}
          type="file"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          required={required}
          onChange={change}
          onClick={click}
          className={`${fileInputClasses} ${className}`}
          {...input}
        />
      )}
    </FieldShell>
  );
}

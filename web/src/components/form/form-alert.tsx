import type { FieldErrors, FieldValues } from 'react-hook-form';
import { ErrorAlert } from '@/components/ui/error-alert';

/** The form-level message of a form (`errors.root.server`, see applyServerErrors), above its buttons. */
export function FormErrorAlert<V extends FieldValues>({ errors }: { errors: FieldErrors<V> }) {
  const message = errors.root?.server?.message;
  return message ? <ErrorAlert>{message}</ErrorAlert> : null;
}

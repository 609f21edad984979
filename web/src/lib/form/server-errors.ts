import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { errorMessage, fieldErrors } from '@/lib/errors';

export interface ServerErrorOptions<V extends FieldValues> {
  /** The form's field for a server field name that differs (`applicationName` → `application`). */
  names?: Readonly<Record<string, Path<V>>>;
  /**
   * The fields that can show a message, in the order focus looks for the first; default: the
   * top-level fields of the form's values.
   */
  fields?: readonly Path<V>[];
  /** Show the server's message above the form even when its fields carry every detail. */
  alwaysAlert?: boolean;
  /**
   * The form-level text of the error; default `errorMessage` (the server's text). A feature whose
   * errors carry a `reason` passes its own wording of them here.
   */
  message?: (error: unknown) => string;
}

/** The message above a form's buttons, when the server's refusal is not (only) about its fields. */
export const SERVER_ERROR = 'root.server' as const;

/**
 * Puts a failed request's field messages (`error.fields`, by the server's field paths) on the
 * form's fields and focuses the first; what no field can show (no field message, or one for a
 * field the form does not have) becomes the form-level message `errors.root.server`. Returns
 * whether there is such a message.
 */
export function applyServerErrors<V extends FieldValues>(
  form: Pick<UseFormReturn<V, unknown, never>, 'setError' | 'getValues'>,
  error: unknown,
  { names = {}, fields, alwaysAlert = false, message = errorMessage }: ServerErrorOptions<V> = {},
): boolean {
  const known: readonly string[] = fields ?? Object.keys(form.getValues());
  const placed = new Map<string, string>();
  let unplaced = false;
  for (const [path, text] of Object.entries(fieldErrors(error))) {
    const top = path.split('.')[0] ?? path;
    const name = names[path] ?? names[top] ?? top;
    if (known.includes(name)) {
      if (!placed.has(name)) placed.set(name, text);
    } else {
      unplaced = true;
    }
  }
  known
    .filter((name) => placed.has(name))
    .forEach((name, i) =>
      form.setError(name as Path<V>, { type: 'server', message: placed.get(name) }, { shouldFocus: i === 0 }),
    );
  const left = alwaysAlert || placed.size === 0 || unplaced;
  if (left) form.setError(SERVER_ERROR, { type: 'server', message: message(error) });
  return left;
}

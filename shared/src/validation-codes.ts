import type { z } from 'zod';

/**
 * The generic codes of a value that fails a rule, as both the server (`fieldReasons` of a 400
 * `validation_failed`) and the console (its form messages, `common:validation.<code>`) derive them
 * from a zod issue:
 * - `required`: the value is missing or blank (whatever rule then failed);
 * - `tooShort` / `tooLong`: a min / max rule (params `min` / `max`);
 * - `email`, `format`: an e-mail or a pattern rule;
 * - `invalidType`, `invalidOption`, `invalid`: a wrong type, a value not in an enum, anything else.
 * A custom refinement names its own code in `params.code` (e.g. `sameAsCurrent`).
 */
export const VALIDATION_CODES = [
  'required',
  'tooShort',
  'tooLong',
  'email',
  'format',
  'invalidType',
  'invalidOption',
  'invalid',
] as const;
export type GenericValidationCode = (typeof VALIDATION_CODES)[number];
/** A generic code, or a custom refinement's own `params.code`. */
export type ValidationCode = GenericValidationCode | (string & {});

const GENERIC: ReadonlySet<string> = new Set(VALIDATION_CODES);
export const isGenericValidationCode = (code: string): code is GenericValidationCode => GENERIC.has(code);

const isBlank = (value: unknown, untrimmed: boolean) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && (untrimmed ? value : value.trim()) === '');

/**
 * The stable code of one issue; `value` is what was given at the issue's path. With `untrimmed`,
 * only an empty value is missing (a password of blanks is a too-short password).
 */
export function issueCode(issue: z.core.$ZodIssue, value: unknown, untrimmed = false): ValidationCode {
  // A refinement names its own case, even on an empty value ("passwords do not match").
  if (issue.code === 'custom') {
    const code: unknown = issue.params?.code;
    return typeof code === 'string' ? code : 'invalid';
  }
  if (isBlank(value, untrimmed)) return 'required';
  switch (issue.code) {
    case 'too_small':
      return 'tooShort';
    case 'too_big':
      return 'tooLong';
    case 'invalid_format':
      return issue.format === 'email' ? 'email' : 'format';
    case 'invalid_type':
      return 'invalidType';
    case 'invalid_value':
      return 'invalidOption';
    default:
      return 'invalid';
  }
}

/** The value at `path` inside `values` (undefined where the path leads nowhere). */
export function valueAt(values: unknown, path: readonly PropertyKey[]): unknown {
  let value = values;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * The params of an issue's code, as strings: `min` / `max` of a size rule, and a custom
 * refinement's own string params (its `code` aside).
 */
export function issueParams(issue: z.core.$ZodIssue): Record<string, string> {
  const params: Record<string, string> = {};
  if (issue.code === 'custom') {
    for (const [k, v] of Object.entries(issue.params ?? {}))
      if (k !== 'code' && (typeof v === 'string' || typeof v === 'number')) params[k] = String(v);
  }
  if (issue.code === 'too_small') params.min = String(Number(issue.minimum));
  if (issue.code === 'too_big') params.max = String(Number(issue.maximum));
  return params;
}

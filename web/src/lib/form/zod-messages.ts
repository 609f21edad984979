import type { ParseKeys } from 'i18next';
import type { z } from 'zod';
import { isGenericValidationCode, issueCode, valueAt, type ValidationCode } from '@oig/shared';
import { i18n } from '@/lib/i18n';

/**
 * What went wrong with a value (`issueCode`, shared with the server, which sends the same codes as
 * `fieldReasons`), independent of the English text a shared schema carries (that text is the
 * server's; the console shows its own, in the console language): see VALIDATION_CODES.
 */
export type { ValidationCode };

/** A translation key of any console namespace (`ns:key`, or a key of `common`). */
export type MessageKey = ParseKeys<
  ['common', 'auth', 'accounts', 'mail', 'networkElements', 'options', 'mivoice', 'openMedia', 'sessions']
>;

/** The message of each code for one field; `*` for any code not listed. */
export type FieldMessages = Partial<Record<ValidationCode | '*', MessageKey>>;

/**
 * A form's own texts, by field path (`localAreaCodes`, or `localAreaCodes.*` for the items of a
 * list). A code with no entry falls back to the field's `*`, then to `common:validation.<code>`.
 */
export type FormMessages = Readonly<Record<string, FieldMessages>>;

export interface MessageOptions {
  messages?: FormMessages | undefined;
  /** Extra interpolation values for a field's messages (e.g. `{ field: its label }`), by top-level name. */
  params?: ((field: string) => Record<string, unknown>) | undefined;
  /**
   * Top-level fields whose blanks are part of the value (passwords): only an empty one is missing;
   * one of blanks is judged by its rule ("at least 10 characters"), as the server judges it.
   */
  untrimmed?: readonly string[] | undefined;
}

/** The path as FormMessages keys it: list indexes as `*`. */
const messagePath = (path: readonly PropertyKey[]) =>
  path.map((p) => (typeof p === 'number' ? '*' : String(p))).join('.');

/** The translated message of one issue of a form whose values are `values`. */
export function issueMessage(
  issue: z.core.$ZodIssue,
  values: unknown,
  options: MessageOptions = {},
  /** Where the issue's own path starts (the issues of a union's branches are relative to the union). */
  prefix: readonly PropertyKey[] = [],
): string {
  const path = [...prefix, ...issue.path];
  const value = valueAt(values, path);
  const field = String(path[0] ?? '');
  const code = issueCode(issue, value, options.untrimmed?.includes(field) ?? false);
  const own = options.messages?.[messagePath(path)];
  const key =
    own?.[code] ??
    own?.['*'] ??
    (isGenericValidationCode(code) ? `common:validation.${code}` : 'common:validation.invalid');
  const params: Record<string, unknown> = {
    ...(issue.code === 'custom' ? issue.params : {}),
    ...(options.params?.(field) ?? {}),
    value:
      typeof value === 'string'
        ? value.trim()
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : '',
  };
  if (issue.code === 'too_small') params.min = Number(issue.minimum);
  if (issue.code === 'too_big') params.max = Number(issue.maximum);
  const text: unknown = i18n.t(key, params as never);
  return typeof text === 'string' ? text : key;
}

/** Replaces every issue's message (a union's nested ones too) with the console's translated text. */
export function translateIssues(
  issues: readonly z.core.$ZodIssue[],
  values: unknown,
  options: MessageOptions = {},
  prefix: readonly PropertyKey[] = [],
): void {
  for (const issue of issues) {
    if (issue.code === 'invalid_union') {
      for (const branch of issue.errors) translateIssues(branch, values, options, [...prefix, ...issue.path]);
    }
    (issue as { message: string }).message = issueMessage(issue, values, options, prefix);
  }
}

/**
 * The messages a schema gives `values`, by field path (the first issue of each), as a form shows
 * them: for unit tests of form schemas and their texts.
 */
export function validationMessages(
  schema: z.ZodType,
  values: unknown,
  options: MessageOptions = {},
): Record<string, string> {
  const result = schema.safeParse(values);
  if (result.success) return {};
  translateIssues(result.error.issues, values, options);
  const messages: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    messages[path] ??= issue.message;
  }
  return messages;
}

import { isApiRequestError, type ApiRequestError } from './api-client';
import { i18n } from './i18n';

/** Reasons whose text has a plural form, and the param that is their count. */
const COUNTED: Readonly<Record<string, string>> = { too_many_failures: 'minutes' };

/** Numeric params of a validation code (min / max), as numbers for the texts. */
const validationParams = (params: Readonly<Record<string, string>>) =>
  Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, (k === 'min' || k === 'max') && v !== '' ? Number(v) : v]),
  );

/**
 * A server reason in the console's language (`common:serverErrors.<reason>`, filled with its
 * params); undefined when this console does not know the reason (a newer server).
 */
export function reasonText(
  reason: string | undefined,
  params: Readonly<Record<string, string>> = {},
  extra: Record<string, unknown> = {},
): string | undefined {
  if (!reason || !/^\w+$/.test(reason)) return undefined;
  const countParam = COUNTED[reason];
  const count = countParam !== undefined ? Number(params[countParam]) : undefined;
  const options = {
    ...params,
    ...extra,
    ...(count !== undefined && Number.isFinite(count) ? { count } : {}),
  };
  const key = `common:serverErrors.${reason}`;
  if (!i18n.exists(key, options)) return undefined;
  const text: unknown = i18n.t(key, options as never);
  return typeof text === 'string' ? text : undefined;
}

/** Why a backup's content is refused (`common:backupProblems.<problem>`), or the generic invalid text. */
function backupProblemText(problem: string | undefined): string {
  if (problem && /^\w+$/.test(problem) && i18n.exists(`common:backupProblems.${problem}`)) {
    const text: unknown = i18n.t(`common:backupProblems.${problem}` as never);
    if (typeof text === 'string') return text;
  }
  return i18n.t('common:validation.invalid');
}

/** A field's text from its code or reason, or undefined when the console does not know it. */
function fieldReasonText(reason: string, params: Readonly<Record<string, string>>): string | undefined {
  // The shared VALIDATION_CODES (and the console's own refinement codes) are `common:validation.*`.
  if (/^\w+$/.test(reason) && i18n.exists(`common:validation.${reason}`)) {
    const text: unknown = i18n.t(`common:validation.${reason}` as never, validationParams(params) as never);
    return typeof text === 'string' ? text : undefined;
  }
  return reasonText(reason, params);
}

/** The translated text of one field of a failed call (the server's English when the console cannot say it). */
function fieldText(error: ApiRequestError, path: string): string | undefined {
  const why = error.fieldReasons[path];
  return (why ? fieldReasonText(why.reason, why.params ?? {}) : undefined) ?? error.fields[path];
}

/**
 * The text to show for a failed call: the server's reason in the console's language when the
 * console knows it, else the server's (English) message; a client-side failure in its own words.
 */
export function errorMessage(error: unknown): string {
  if (isApiRequestError(error)) {
    switch (error.code) {
      case 'network_error':
        return i18n.t('errors.network');
      case 'invalid_response':
        return i18n.t('errors.invalidResponse');
      case 'http_error':
        return i18n.t('errors.unexpected', { status: error.status });
      default: {
        // A failed schema names its first field: the console says what is wrong with it.
        const extra =
          error.reason === 'invalid_input'
            ? {
                problem: fieldText(error, error.params.field ?? '') ?? i18n.t('common:validation.invalid'),
              }
            : error.reason === 'backup_content_invalid'
              ? { problem: backupProblemText(error.params.problem) }
              : {};
        return reasonText(error.reason, error.params, extra) ?? error.message;
      }
    }
  }
  return i18n.t('errors.unexpected', { status: '?' });
}

/**
 * Server-side field messages keyed by field path (empty when none), in the console's language:
 * `common:validation.<code>` for a validation code, `common:serverErrors.<reason>` for a reason;
 * the server's English text for a reason the console does not know.
 */
export function fieldErrors(error: unknown): Readonly<Record<string, string>> {
  if (!isApiRequestError(error)) return {};
  const out: Record<string, string> = {};
  for (const path of Object.keys(error.fields)) out[path] = fieldText(error, path) ?? error.fields[path]!;
  return out;
}

/**
 * A message as a sentence, for a text that goes on with another sentence after it: the server's
 * messages (e.g. "Google: Not Authorized … (403)") often end without a full stop.
 */
export function asSentence(message: string): string {
  const text = message.trimEnd();
  return text === '' || /[.!?…。！？]$/.test(text) ? text : `${text}.`;
}

import { isApiRequestError } from './api-client';
import { i18n } from './i18n';

/** The text to show for a failed call: the server's message, or a translated client-side one. */
export function errorMessage(error: unknown): string {
  if (isApiRequestError(error)) {
    switch (error.code) {
      case 'network_error':
        return i18n.t('errors.network');
      case 'invalid_response':
        return i18n.t('errors.invalidResponse');
      case 'http_error':
        return i18n.t('errors.unexpected', { status: error.status });
      default:
        return error.message;
    }
  }
  return i18n.t('errors.unexpected', { status: '?' });
}

/** Server-side field messages keyed by field path (empty when none). */
export function fieldErrors(error: unknown): Readonly<Record<string, string>> {
  return isApiRequestError(error) ? error.fields : {};
}

/**
 * Where a form shows a failed call: the server's field messages on the form's own fields
 * (`serverNames`: form field → the server's name for it), or, when none applies, `form`: one
 * message for the whole form.
 */
export function formErrorsOf<F extends string>(
  error: unknown,
  serverNames: Readonly<Record<F, string>>,
): { fields: Partial<Record<F, string>>; form: string | undefined } {
  const server = fieldErrors(error);
  const fields: Partial<Record<F, string>> = {};
  for (const [field, name] of Object.entries(serverNames) as [F, string][]) {
    const text = server[name];
    if (text) fields[field] = text;
  }
  return { fields, form: Object.keys(fields).length === 0 ? errorMessage(error) : undefined };
}

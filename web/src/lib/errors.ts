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
 * A message as a sentence, for a text that goes on with another sentence after it: the server's
 * messages (e.g. "Google: Not Authorized … (403)") often end without a full stop.
 */
export function asSentence(message: string): string {
  const text = message.trimEnd();
  return text === '' || /[.!?…。！？]$/.test(text) ? text : `${text}.`;
}

import { isApiRequestError } from '@/lib/api-client';
import { errorMessage } from '@/lib/errors';
import { i18n } from '@/lib/i18n';
import '../i18n'; // registers the mivoice strings

/** The text of a failed upload: the server's message, or what a bare 413 from a proxy means. */
export function uploadErrorMessage(error: unknown): string {
  if (isApiRequestError(error) && error.status === 413 && error.code === 'http_error')
    return i18n.t('mivoice:upload.tooLarge');
  return errorMessage(error);
}

import { mailSettingsSchema, type MailOutcome, type MailSettings } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api-client';
import { i18n } from './i18n';

/**
 * GET /api/v1/mail/settings (every role may read it): the Options tab's mail panel and every
 * place that sends mail (test e-mail, usage report, MiVoice exports) share this one query, so a
 * change of server shows everywhere at once.
 */
export function getMailSettings(signal?: AbortSignal): Promise<MailSettings> {
  return api.get('/api/v1/mail/settings', mailSettingsSchema, signal);
}

export function getMailSettingsQueryOptions() {
  return queryOptions({
    queryKey: ['mail', 'settings'] as const,
    queryFn: ({ signal }) => getMailSettings(signal),
  });
}

/**
 * Where mail goes now: `toFile` when no SMTP server is set (messages are saved as .eml files in
 * `folder`, not e-mailed); undefined until known (or when it cannot be read).
 */
export function useMailDelivery(): { toFile: boolean; folder: string } | undefined {
  const { data } = useQuery(getMailSettingsQueryOptions());
  return data && { toFile: data.source === 'none', folder: data.outboxFolder };
}

/**
 * The toast after a console action sent mail: with no SMTP server, that the message was saved to
 * its file (or will be, when the answer came before the file was written) and where, as an
 * information; otherwise the action's own words (`queuedText`, e.g. "queued for …").
 */
export function mailOutcomeToast(
  outcome: MailOutcome,
  queuedText: string,
): { text: string; toFile: boolean } {
  if (outcome.delivery !== 'file' || !outcome.fileName || !outcome.outboxFolder)
    return { text: queuedText, toFile: false };
  const params = { file: outcome.fileName, folder: outcome.outboxFolder };
  return {
    text:
      outcome.state === 'saved'
        ? i18n.t('common:mailDelivery.saved', params)
        : outcome.state === 'failed' || outcome.state === 'discarded'
          ? queuedText
          : i18n.t('common:mailDelivery.willSave', params),
    toFile: true,
  };
}

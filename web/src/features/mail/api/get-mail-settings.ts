import { mailSettingsSchema, type MailSettings } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export function getMailSettings(signal?: AbortSignal): Promise<MailSettings> {
  return api.get('/api/v1/mail/settings', mailSettingsSchema, signal);
}

export function getMailSettingsQueryOptions() {
  return queryOptions({
    queryKey: ['mail', 'settings'] as const,
    queryFn: ({ signal }) => getMailSettings(signal),
  });
}

export function useMailSettings() {
  return useQuery(getMailSettingsQueryOptions());
}

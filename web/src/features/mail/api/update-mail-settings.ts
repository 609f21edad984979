import { mailSettingsSchema, type MailSettings, type UpdateMailSettingsRequest } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { getMailSettingsQueryOptions } from '@/lib/mail-delivery';

/**
 * PUT /api/v1/mail/settings: the server set here (password omitted = keep, null = remove), or
 * `{clear:true}` to fall back to OIG_SMTP_URL / .eml files. Answers the settings now in use.
 */
export function updateMailSettings(body: UpdateMailSettingsRequest): Promise<MailSettings> {
  return api.put('/api/v1/mail/settings', body, mailSettingsSchema);
}

export function useUpdateMailSettings() {
  const queryClient = useQueryClient();
  const { queryKey } = getMailSettingsQueryOptions();
  return useMutation({
    mutationFn: updateMailSettings,
    onSuccess: (settings) => queryClient.setQueryData(queryKey, settings),
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
}

import { mivoiceSettingsSchema, type MivoiceSettings, type UpdateMivoiceSettingsRequest } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { getMivoiceSettingsQueryOptions } from './get-mivoice-settings';

/** PUT /api/v1/mivoice/settings {adminEmail} (null clears it). */
export function updateMivoiceSettings(body: UpdateMivoiceSettingsRequest): Promise<MivoiceSettings> {
  return api.put('/api/v1/mivoice/settings', body, mivoiceSettingsSchema);
}

export function useUpdateMivoiceSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMivoiceSettings,
    onSuccess: (settings) => queryClient.setQueryData(getMivoiceSettingsQueryOptions().queryKey, settings),
    onSettled: () => queryClient.invalidateQueries({ queryKey: getMivoiceSettingsQueryOptions().queryKey }),
  });
}

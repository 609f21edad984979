import { mivoiceSettingsSchema, type MivoiceSettings } from '@oig/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** GET /api/v1/mivoice/settings: the administrator e-mail that exports are mailed to. */
export function getMivoiceSettings(signal?: AbortSignal): Promise<MivoiceSettings> {
  return api.get('/api/v1/mivoice/settings', mivoiceSettingsSchema, signal);
}

export function getMivoiceSettingsQueryOptions() {
  return queryOptions({
    queryKey: ['mivoice', 'settings'] as const,
    queryFn: ({ signal }) => getMivoiceSettings(signal),
  });
}

export function useMivoiceSettings() {
  return useQuery(getMivoiceSettingsQueryOptions());
}

import { useQuery } from '@tanstack/react-query';
import { getMailSettingsQueryOptions } from '@/lib/mail-delivery';

/** GET /api/v1/mail/settings: one query, shared with every tab that sends mail (lib/mail-delivery). */
export function useMailSettings() {
  return useQuery(getMailSettingsQueryOptions());
}

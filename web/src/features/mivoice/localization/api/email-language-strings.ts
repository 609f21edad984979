import {
  mivoiceEmailResponseSchema,
  type LanguageCode,
  type LocalizationApp,
  type MivoiceEmailResponse,
} from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';
import { api } from '@/lib/api-client';

export interface EmailLanguageStringsInput {
  app: LocalizationApp;
  lang: LanguageCode;
}

/**
 * POST /api/v1/mivoice/localization/{app}/{lang}/email → 202 {mailId, to}: "Email Language
 * Strings", queued in the Mail Outbox; 409 (naming adminEmail) when no address is set.
 */
export function emailLanguageStrings({
  app,
  lang,
}: EmailLanguageStringsInput): Promise<MivoiceEmailResponse> {
  return api.post(
    `/api/v1/mivoice/localization/${app}/${encodeURIComponent(lang)}/email`,
    undefined,
    mivoiceEmailResponseSchema,
  );
}

export function useEmailLanguageStrings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: emailLanguageStrings,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.outbox }),
  });
}

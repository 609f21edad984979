import type { LanguageCode, LocalizationApp } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { getLocalizationQueryOptions } from './get-localization';

export interface DeleteLanguageInput {
  app: LocalizationApp;
  lang: LanguageCode;
}

/** DELETE /api/v1/mivoice/localization/{app}/{lang} → 204 (English is built in and cannot be deleted). */
export function deleteLanguage({ app, lang }: DeleteLanguageInput): Promise<void> {
  return api.delete(`/api/v1/mivoice/localization/${app}/${encodeURIComponent(lang)}`);
}

export function useDeleteLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteLanguage,
    onSettled: () => queryClient.invalidateQueries({ queryKey: getLocalizationQueryOptions().queryKey }),
  });
}

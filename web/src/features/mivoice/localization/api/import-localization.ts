import { localizationImportReportSchema, type LocalizationImportReport } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadFile, type UploadProgress } from '@/lib/upload-file';
import { getLocalizationQueryOptions } from './get-localization';

export interface ImportLocalizationInput {
  /**
   * Named `MiVoice Integration for Google_xx.csv` or `…for Salesforce_xx.csv`: the name carries
   * application and language.
   */
  file: File;
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * POST /api/v1/mivoice/localization/import (multipart field `file`) → the report: with errors
 * nothing is stored; warnings (missing keys, which fall back to English) do not stop it.
 */
export function importLocalization({
  file,
  onProgress,
  signal,
}: ImportLocalizationInput): Promise<LocalizationImportReport> {
  return uploadFile({
    url: '/api/v1/mivoice/localization/import',
    file,
    schema: localizationImportReportSchema,
    onProgress,
    signal,
  });
}

export function useImportLocalization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importLocalization,
    onSuccess: (report) => {
      if (report.stored)
        void queryClient.invalidateQueries({ queryKey: getLocalizationQueryOptions().queryKey });
    },
  });
}

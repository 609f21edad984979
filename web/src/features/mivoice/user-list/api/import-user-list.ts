import { userListImportReportSchema, type ImportMode, type UserListImportReport } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadFile, type UploadProgress } from '@/lib/upload-file';
import { getMivoiceUsersQueryOptions } from './get-mivoice-users';

export interface ImportUserListInput {
  file: File;
  /** strict: any bad row changes nothing; skip: the good rows are applied. */
  mode: ImportMode;
  /** Only check the file and count what would change. */
  dryRun: boolean;
  onProgress?: ((progress: UploadProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * POST /api/v1/mivoice/users/import?mode&dryRun (multipart field `file`) → the report (200 for
 * row problems: `applied` tells whether anything changed). Problems with the whole file (header,
 * encoding, size) are 4xx errors.
 */
export function importUserList({
  file,
  mode,
  dryRun,
  onProgress,
  signal,
}: ImportUserListInput): Promise<UserListImportReport> {
  const query = new URLSearchParams({ mode, dryRun: String(dryRun) });
  return uploadFile({
    url: `/api/v1/mivoice/users/import?${query.toString()}`,
    file,
    schema: userListImportReportSchema,
    onProgress,
    signal,
  });
}

export function useImportUserList() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importUserList,
    onSuccess: (report) => {
      if (report.applied)
        void queryClient.invalidateQueries({ queryKey: getMivoiceUsersQueryOptions().queryKey });
    },
  });
}

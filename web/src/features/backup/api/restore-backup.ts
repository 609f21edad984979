import { restoreReportSchema, type RestoreReport } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadFile } from '@/lib/upload-file';

export interface RestoreBackupInput {
  file: File;
  passphrase: string;
  /** Only say what would change, section by section. */
  dryRun: boolean;
}

/**
 * POST /api/v1/backup/restore?dryRun (multipart: the field `passphrase`, then `file`) → what
 * changes per section; a real restore applies all of it or nothing.
 */
export function restoreBackup({ file, passphrase, dryRun }: RestoreBackupInput): Promise<RestoreReport> {
  return uploadFile({
    url: `/api/v1/backup/restore?dryRun=${String(dryRun)}`,
    file,
    fields: { passphrase },
    schema: restoreReportSchema,
  });
}

export function useRestoreBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: restoreBackup,
    // A restore changes every tab's data: read everything again.
    onSuccess: (report) => {
      if (report.applied) void queryClient.invalidateQueries();
    },
  });
}

import { useMutation } from '@tanstack/react-query';
import { apiPostFormForFile } from '@/lib/api-client';
import { importReportFileName } from '@oig/shared';

export const USER_IMPORT_REPORT_URL = '/api/v1/mivoice/users/import/report';

export interface DownloadUserImportReportInput {
  /** The file of the import (the one the dry run checked). */
  file: File;
  signal?: AbortSignal | undefined;
}

export interface UserImportReportFile {
  fileName: string;
  blob: Blob;
}

/**
 * POST /api/v1/mivoice/users/import/report (multipart field `file`) → 200 text/csv: every
 * problem of the file (line, column, message; BOM, CRLF), where the JSON report lists only the
 * first ones. Changes nothing. Problems with the whole file are 4xx errors, as for the import.
 */
export async function downloadUserImportReport({
  file,
  signal,
}: DownloadUserImportReportInput): Promise<UserImportReportFile> {
  const body = new FormData();
  body.append('file', file, file.name);
  const answer = await apiPostFormForFile(USER_IMPORT_REPORT_URL, body, signal);
  return { fileName: answer.fileName ?? importReportFileName(file.name), blob: answer.blob };
}

export function useDownloadUserImportReport() {
  return useMutation({ mutationFn: downloadUserImportReport });
}

import { useMutation } from '@tanstack/react-query';
import { apiPostJsonForFile, type ApiFile } from '@/lib/api-client';

/** POST /api/v1/backup {passphrase} → the encrypted configuration backup file (administrators). */
export function makeBackup(passphrase: string): Promise<ApiFile> {
  return apiPostJsonForFile('/api/v1/backup', { passphrase });
}

export function useMakeBackup() {
  return useMutation({ mutationFn: makeBackup });
}

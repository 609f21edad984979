import { googleDirectorySchema, type GoogleDirectory } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { getGoogleContactsQueryOptions } from './get-google-contacts';
import { getGoogleDirectoryQueryOptions } from './get-google-directory';

/**
 * POST /api/v1/mivoice/google/sync → the directory state after the sync. 502 (upstream_failed,
 * the message is Google's) keeps the previous cache and records the error; 409 when the
 * directory is not configured.
 */
export function syncGoogleDirectory(): Promise<GoogleDirectory> {
  return api.post('/api/v1/mivoice/google/sync', undefined, googleDirectorySchema);
}

export function useSyncGoogleDirectory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: syncGoogleDirectory,
    onSuccess: (directory) => {
      queryClient.setQueryData(getGoogleDirectoryQueryOptions().queryKey, directory);
      void queryClient.invalidateQueries({ queryKey: getGoogleContactsQueryOptions().queryKey });
    },
    // A failed sync is recorded by the server (last error): read the state again.
    onError: () => queryClient.invalidateQueries({ queryKey: getGoogleDirectoryQueryOptions().queryKey }),
  });
}

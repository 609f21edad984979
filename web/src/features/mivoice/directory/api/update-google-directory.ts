import { googleDirectorySchema, type GoogleDirectory, type UpdateGoogleDirectoryRequest } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { getGoogleDirectoryQueryOptions } from './get-google-directory';

/** PUT /api/v1/mivoice/google: administrator e-mail, domain and (optionally) the key; null removes the key. */
export function updateGoogleDirectory(body: UpdateGoogleDirectoryRequest): Promise<GoogleDirectory> {
  return api.put('/api/v1/mivoice/google', body, googleDirectorySchema);
}

export function useUpdateGoogleDirectory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateGoogleDirectory,
    onSuccess: (directory) => queryClient.setQueryData(getGoogleDirectoryQueryOptions().queryKey, directory),
    onSettled: () => queryClient.invalidateQueries({ queryKey: getGoogleDirectoryQueryOptions().queryKey }),
  });
}

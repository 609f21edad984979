import { useQueryClient } from '@tanstack/react-query';
import { OPEN_MEDIA_QUERY_KEY } from './get-requests';

/** After an action, settled either way: the requests, groups and histories are read again. */
export function useInvalidateOpenMedia() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: OPEN_MEDIA_QUERY_KEY });
}

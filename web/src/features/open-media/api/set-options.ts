import type { OpenMediaOptions } from '@oig/shared';
import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

/** PUT /api/v1/open-media/options: the MiCC's SetOptions (nothing the console lists changes). */
export function setOpenMediaOptions(body: OpenMediaOptions): Promise<void> {
  return api.put('/api/v1/open-media/options', body);
}

export function useSetOpenMediaOptions() {
  return useMutation({ mutationFn: setOpenMediaOptions });
}

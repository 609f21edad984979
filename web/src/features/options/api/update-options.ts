import { optionsSchema, type Options, type UpdateOptionsRequest } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { getOptionsQueryOptions } from './get-options';

/** PUT /api/v1/options: loggingLevel and/or usageReportEmail (null stops the report). */
export function updateOptions(body: UpdateOptionsRequest): Promise<Options> {
  return api.put('/api/v1/options', body, optionsSchema);
}

export function useUpdateOptions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateOptions,
    onSuccess: (options) => queryClient.setQueryData(getOptionsQueryOptions().queryKey, options),
    onSettled: () => queryClient.invalidateQueries({ queryKey: getOptionsQueryOptions().queryKey }),
  });
}

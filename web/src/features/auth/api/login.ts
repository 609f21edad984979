import { meSchema, type LoginRequest, type Me } from '@oig/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, setCsrfToken } from '@/lib/api-client';
import { replaceSignedInUser } from '../../../lib/me';

export function login(body: LoginRequest): Promise<Me> {
  return apiRequest('/api/v1/auth/login', {
    method: 'POST',
    body,
    schema: meSchema,
    redirectOnUnauthorized: false,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      // Nothing cached for a previous user may show up for this one.
      replaceSignedInUser(queryClient, me);
    },
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, setCsrfToken } from '@/lib/api-client';
import { replaceSignedInUser } from '../../../lib/me';

export function logout(): Promise<void> {
  return apiRequest('/api/v1/auth/logout', { method: 'POST', redirectOnUnauthorized: false });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    // Signed out locally even if the server call fails (the session may already be gone).
    onSettled: () => {
      setCsrfToken(null);
      replaceSignedInUser(queryClient, null);
    },
  });
}

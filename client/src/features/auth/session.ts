import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ROLES, type Role, type SessionInfo, SessionInfoSchema } from '../../../../shared/schemas/auth';
import { ApiRequestError, getJson, sendJson, setCsrfToken } from '../../api/http';

/** The signed-in session, or null when nobody is signed in (401). */
export const sessionQuery = queryOptions({
  queryKey: ['auth', 'me'],
  queryFn: async ({ signal }): Promise<SessionInfo | null> => {
    try {
      const info = await getJson('/api/auth/me', SessionInfoSchema, signal);
      setCsrfToken(info.csrfToken);
      return info;
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw err;
    }
  },
  staleTime: 60_000,
  retry: false,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/** Whether the signed-in user's role includes `role` (admin ⊃ analyst ⊃ viewer). */
export function useCan(role: Role): boolean {
  const { data } = useSession();
  return !!data && ROLES.indexOf(data.user.role) >= ROLES.indexOf(role);
}

export function useLoginMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      sendJson('POST', '/api/auth/login', body, SessionInfoSchema),
    onSuccess: (info) => {
      setCsrfToken(info.csrfToken);
      qc.setQueryData(sessionQuery.queryKey, info);
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    },
  });
}

export function useLogoutMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson('POST', '/api/auth/logout', undefined, z.unknown()),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(sessionQuery.queryKey, null);
    },
  });
}

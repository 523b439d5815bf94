import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { PasswordChange } from '../../../../shared/schemas/auth';
import { ApiRequestError, sendJson } from '../../api/http';
import { sessionQuery } from '../auth/session';

/**
 * Changes the signed-in user's own password. Nothing cached changes (the session and its CSRF token stay), so
 * nothing is invalidated. A 401 means the session ended meanwhile: http.ts leaves `/api/auth/*` answers to
 * their callers (a failed login is a 401 too), so this one shows the login page itself.
 */
export function useChangePasswordMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PasswordChange) => sendJson('POST', '/api/auth/password', body, z.unknown()),
    onError: (err) => {
      if (err instanceof ApiRequestError && err.status === 401) qc.setQueryData(sessionQuery.queryKey, null);
    },
  });
}

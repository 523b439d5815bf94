import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type NewUser, type UserPatch, UserSchema } from '../../../../shared/schemas/auth';
import { sendJson } from '../../api/http';
import { userQueries } from './queries';

/** Both change the list of users and nothing else. */
function useRefreshUsers() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: userQueries.all().queryKey });
}

export function useCreateUserMutation() {
  const onSuccess = useRefreshUsers();
  return useMutation({ mutationFn: (body: NewUser) => sendJson('POST', '/api/users', body, UserSchema), onSuccess });
}

/** An admin's change of a user: role, disabled, or a new password (which ends that user's sessions). */
export function useUpdateUserMutation() {
  const onSuccess = useRefreshUsers();
  return useMutation({
    mutationFn: ({ id, ...body }: UserPatch & { id: number }) =>
      sendJson('PATCH', `/api/users/${id}`, body, UserSchema),
    onSuccess,
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { z } from 'zod';
import { ROLES, type Role, UserSchema } from '../../../../shared/schemas/auth';
import { getJson, sendJson } from '../../api/http';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { useLocale } from '../../i18n';

const usersQuery = {
  queryKey: ['users'],
  queryFn: ({ signal }: { signal: AbortSignal }) => getJson('/api/users', z.array(UserSchema), signal),
};

/** Admins create users, change roles, reset passwords and disable accounts. */
export function UsersPage() {
  const { t } = useLocale();
  const qc = useQueryClient();
  const users = useQuery(usersQuery);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['users'] });
  const create = useMutation({
    mutationFn: (body: { username: string; password: string; role: Role }) =>
      sendJson('POST', '/api/users', body, UserSchema),
    onSuccess: refresh,
  });
  const patch = useMutation({
    mutationFn: ({ id, ...body }: { id: number; role?: Role; disabled?: boolean; password?: string }) =>
      sendJson('PATCH', `/api/users/${id}`, body, UserSchema),
    onSuccess: refresh,
  });
  const [form, setForm] = useState({ username: '', password: '', role: 'viewer' as Role });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(form, { onSuccess: () => setForm({ username: '', password: '', role: 'viewer' }) });
  };
  const error = create.error ?? patch.error;
  return (
    <div className="page">
      <h1>{t('users.title')}</h1>
      <section className="card" aria-labelledby="new-user-h">
        <h2 id="new-user-h">{t('users.add')}</h2>
        <form className="row" onSubmit={submit}>
          <label>
            {t('auth.username')}
            <input required value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
          </label>
          <label>
            {t('auth.password')}
            <input
              type="password"
              required
              minLength={10}
              autoComplete="new-password"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
          </label>
          <label>
            {t('users.role')}
            <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`auth.role.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('users.create')}
          </button>
        </form>
        {error && (
          <p role="alert" className="error">
            {error.message}
          </p>
        )}
      </section>
      <LoadingPanel query={users}>
        {(list) => (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('auth.username')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('targets.status')}</th>
                <th scope="col">{t('users.resetPassword')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <tr key={u.id}>
                  <td>{u.username}</td>
                  <td>
                    <select
                      aria-label={`${u.username} role`}
                      value={u.role}
                      onChange={(e) => patch.mutate({ id: u.id, role: e.target.value as Role })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`auth.role.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {u.disabled ? `${t('users.disabled')} ` : ''}
                    <button type="button" onClick={() => patch.mutate({ id: u.id, disabled: !u.disabled })}>
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </button>
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => {
                        const password = window.prompt(t('users.newPassword'));
                        if (password) patch.mutate({ id: u.id, password });
                      }}
                    >
                      {t('users.resetPassword')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadingPanel>
    </div>
  );
}

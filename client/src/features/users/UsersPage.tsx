import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { PasswordSchema, ROLES, type Role, type User } from '../../../../shared/schemas/auth';
import { LoadingPanel } from '../../components/common/LoadingPanel';
import { useLocale } from '../../i18n';
import { useCreateUserMutation, useUpdateUserMutation } from './mutations';
import { userQueries } from './queries';

/** The shortest password the server accepts, read from the schema it validates with. */
const MIN_PASSWORD = PasswordSchema.minLength ?? 10;

/**
 * An admin's reset of one user's password, in the user's row: a labelled field checked against the server's
 * rule before it is sent, instead of the browser's prompt (which hid what was typed from no one and checked
 * nothing).
 */
function ResetPasswordForm({ user, onDone }: { user: User; onDone: (reset: boolean) => void }) {
  const { t } = useLocale();
  const update = useUpdateUserMutation();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!PasswordSchema.safeParse(password).success) {
      setProblem(t('users.tooShort', { min: MIN_PASSWORD }));
      return;
    }
    update.mutate({ id: user.id, password }, { onSuccess: () => onDone(true) });
  };
  const error = problem ?? update.error?.message;
  return (
    <form className="row reset-password" onSubmit={submit} noValidate>
      <label>
        {t('users.newPasswordFor', { username: user.username })}
        <input
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD}
          placeholder={t('users.newPassword', { min: MIN_PASSWORD })}
          value={password}
          onChange={(e) => {
            setPassword(e.target.value);
            setProblem(null);
          }}
          aria-invalid={error ? true : undefined}
        />
      </label>
      <button type="submit" className="primary" disabled={update.isPending}>
        {t('users.setPassword')}
      </button>
      <button type="button" onClick={() => onDone(false)}>
        {t('users.cancel')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}

/** A role change waiting for the admin's confirmation: a role is a grant of powers, not a casual select. */
interface PendingRole {
  user: User;
  role: Role;
}

/** Admins create users, change roles (after confirming), reset passwords and disable accounts. */
export function UsersPage() {
  const { t } = useLocale();
  const users = useQuery(userQueries.all());
  const create = useCreateUserMutation();
  const patch = useUpdateUserMutation();
  const [resetting, setResetting] = useState<number | null>(null);
  const [pendingRole, setPendingRole] = useState<PendingRole | null>(null);
  /** What the last action did, said once it has succeeded. */
  const [done, setDone] = useState<string | null>(null);
  const [form, setForm] = useState({ username: '', password: '', role: 'viewer' as Role });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    create.mutate(form, {
      onSuccess: (u) => {
        setForm({ username: '', password: '', role: 'viewer' });
        setDone(t('users.created', { username: u.username, role: t(`auth.role.${u.role}`) }));
      },
    });
  };
  const confirmRole = () => {
    if (!pendingRole) return;
    const { user, role } = pendingRole;
    patch.mutate(
      { id: user.id, role },
      {
        onSuccess: (u) => {
          setPendingRole(null);
          setDone(t('users.roleChanged', { username: u.username, role: t(`auth.role.${u.role}`) }));
        },
      },
    );
  };
  const toggle = (u: User) => {
    setDone(null);
    patch.mutate(
      { id: u.id, disabled: !u.disabled },
      {
        onSuccess: (after) =>
          setDone(
            t('users.statusChanged', {
              username: after.username,
              status: after.disabled ? t('users.inactive') : t('users.active'),
            }),
          ),
      },
    );
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
              minLength={MIN_PASSWORD}
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
      {done && (
        <p role="status" className="notice">
          {done}
        </p>
      )}
      {pendingRole && (
        <div role="alertdialog" aria-labelledby="confirm-role" className="notice confirm">
          <p id="confirm-role">
            {t('users.confirmRole', {
              username: pendingRole.user.username,
              from: t(`auth.role.${pendingRole.user.role}`),
              to: t(`auth.role.${pendingRole.role}`),
            })}
          </p>
          <button type="button" className="primary" onClick={confirmRole} disabled={patch.isPending}>
            {t('users.confirmRoleButton')}
          </button>{' '}
          <button type="button" onClick={() => setPendingRole(null)}>
            {t('users.cancel')}
          </button>
        </div>
      )}
      <LoadingPanel query={users}>
        {(list) => (
          <div className="table-scroll">
            <table className="data users">
              <thead>
                <tr>
                  <th scope="col">{t('auth.username')}</th>
                  <th scope="col">{t('users.role')}</th>
                  <th scope="col">{t('users.status')}</th>
                  <th scope="col">{t('users.resetPassword')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((u) => (
                  <tr key={u.id} className={u.disabled ? 'inactive' : undefined}>
                    <td>{u.username}</td>
                    <td>
                      <select
                        aria-label={`${u.username} ${t('users.role')}`}
                        // The select shows the asked-for role while it waits for confirmation, the stored one otherwise.
                        value={pendingRole?.user.id === u.id ? pendingRole.role : u.role}
                        onChange={(e) => {
                          const role = e.target.value as Role;
                          setDone(null);
                          setPendingRole(role === u.role ? null : { user: u, role });
                        }}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`auth.role.${r}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="user-status">
                      <span className={`user-state ${u.disabled ? 'off' : 'on'}`}>
                        {u.disabled ? t('users.inactive') : t('users.active')}
                      </span>{' '}
                      <button
                        type="button"
                        aria-label={`${u.disabled ? t('users.makeActive') : t('users.makeInactive')} ${u.username}`}
                        onClick={() => toggle(u)}
                        disabled={patch.isPending}
                      >
                        {u.disabled ? t('users.makeActive') : t('users.makeInactive')}
                      </button>
                    </td>
                    <td>
                      {resetting === u.id ? (
                        <ResetPasswordForm
                          user={u}
                          onDone={(reset) => {
                            setResetting(null);
                            setDone(reset ? t('users.passwordReset', { username: u.username }) : null);
                          }}
                        />
                      ) : (
                        <button
                          type="button"
                          onClick={() => {
                            setResetting(u.id);
                            setDone(null);
                          }}
                        >
                          {t('users.resetPassword')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadingPanel>
    </div>
  );
}

import { type FormEvent, useRef, useState } from 'react';
import { PasswordSchema } from '../../../../shared/schemas/auth';
import { useLocale } from '../../i18n';
import { useSession } from '../auth/session';
import { useChangePasswordMutation } from './mutations';
import {
  checkPasswordForm,
  PASSWORD_FIELDS,
  type PasswordField,
  type PasswordFormErrors,
  type PasswordFormValues,
  serverProblems,
} from './passwordForm';

const EMPTY: PasswordFormValues = { currentPassword: '', newPassword: '', confirm: '' };

/** The signed-in user's own account: who they are, and changing their password. */
export function AccountPage() {
  const { t } = useLocale();
  const session = useSession();
  if (!session.data) return null;
  const { user } = session.data;
  return (
    <div className="page account">
      <h1>{t('account.title')}</h1>
      <div className="card">
        <dl className="fields">
          <div>
            <dt>{t('auth.username')}</dt>
            <dd>{user.username}</dd>
          </div>
          <div>
            <dt>{t('users.role')}</dt>
            <dd>{t(`auth.role.${user.role}`)}</dd>
          </div>
        </dl>
      </div>
      <ChangePasswordForm username={user.username} />
    </div>
  );
}

function ChangePasswordForm({ username }: { username: string }) {
  const { t } = useLocale();
  const change = useChangePasswordMutation();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<PasswordFormErrors>({});
  const [done, setDone] = useState(false);
  const inputs = useRef<Partial<Record<PasswordField, HTMLInputElement | null>>>({});
  const min = PasswordSchema.minLength ?? 0;

  // Focus goes to the first field to fix, whose message its aria-describedby reads out.
  const show = (found: PasswordFormErrors) => {
    setErrors(found);
    const first = PASSWORD_FIELDS.find((f) => found[f]);
    if (first) inputs.current[first]?.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const found = checkPasswordForm(values);
    show(found);
    if (Object.keys(found).length > 0) return;
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          setValues(EMPTY);
          setDone(true);
        },
        onError: (err) => show(serverProblems(err)),
      },
    );
  };
  const field = (name: PasswordField, label: string, autoComplete: string, hint?: string) => {
    const problem = errors[name];
    const describedBy = [hint && `${name}-hint`, problem && `${name}-error`].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={`account-${name}`}>{label}</label>
        <input
          id={`account-${name}`}
          ref={(el) => {
            inputs.current[name] = el;
          }}
          type="password"
          autoComplete={autoComplete}
          required
          value={values[name]}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => {
            setValues({ ...values, [name]: e.target.value });
            if (problem) setErrors({ ...errors, [name]: undefined });
          }}
        />
        {hint && (
          <span id={`${name}-hint`} className="muted">
            {hint}
          </span>
        )}
        {problem && (
          <span id={`${name}-error`} className="error">
            {t(problem.key, problem.values)}
          </span>
        )}
      </div>
    );
  };

  return (
    <section className="card" aria-labelledby="change-password-h">
      <h2 id="change-password-h">{t('account.changePassword')}</h2>
      {/* noValidate: the messages below say what is wrong in the page's language, next to the field. */}
      <form className="stack" onSubmit={submit} noValidate>
        {/* Lets a password manager file the new password under the right account. */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        {field('currentPassword', t('account.currentPassword'), 'current-password')}
        {field('newPassword', t('account.newPassword'), 'new-password', t('account.rule', { min }))}
        {field('confirm', t('account.confirmPassword'), 'new-password')}
        {errors.form && (
          <p role="alert" className="error">
            {t(errors.form.key, errors.form.values)}
          </p>
        )}
        <div>
          <button type="submit" className="primary" disabled={change.isPending}>
            {t('account.submit')}
          </button>
        </div>
        {done && <p role="status">{t('account.changed')}</p>}
      </form>
    </section>
  );
}

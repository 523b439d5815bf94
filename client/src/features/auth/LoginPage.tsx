import { type FormEvent, useState } from 'react';
import { useLocale } from '../../i18n';
import { useLoginMutation } from './session';

/** Username and password; the server rate-limits attempts and locks an account after repeated failures. */
export function LoginPage() {
  const { t } = useLocale();
  const login = useLoginMutation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username, password });
  };
  return (
    <div className="login">
      <form className="card" onSubmit={submit} aria-labelledby="login-h">
        <h1 id="login-h">{t('auth.title')}</h1>
        <label>
          {t('auth.username')}
          <input autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          {t('auth.password')}
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {login.isError && (
          <p role="alert" className="error">
            {login.error.message}
          </p>
        )}
        <button type="submit" className="primary" disabled={login.isPending}>
          {t('auth.submit')}
        </button>
      </form>
    </div>
  );
}

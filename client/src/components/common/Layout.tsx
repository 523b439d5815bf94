import { type FormEvent, Suspense, useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { LoginPage } from '../../features/auth/LoginPage';
import { useCan, useLogoutMutation, useSession } from '../../features/auth/session';
import { setLanguage, useLocale } from '../../i18n';

/** The header's search box: Enter (or the button) opens the target list searched for the text. */
function GlobalSearch() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const location = useLocation();
  const current = location.pathname === '/targets' ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  const [q, setQ] = useState(current);
  useEffect(() => setQ(current), [current]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = q.trim();
    navigate(text ? `/targets?${new URLSearchParams({ q: text })}` : '/targets');
  };
  return (
    <search className="global-search">
      <form onSubmit={submit}>
        <input
          type="search"
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit">{t('search.submit')}</button>
      </form>
    </search>
  );
}

export function Layout() {
  const { t, locale } = useLocale();
  const session = useSession();
  const logout = useLogoutMutation();
  const analyst = useCan('analyst');
  const admin = useCan('admin');
  const languageButton = (
    <button
      type="button"
      className="lang"
      onClick={() => setLanguage(locale === 'zh' ? 'en' : 'zh')}
      lang={locale === 'zh' ? 'en' : 'zh'}
    >
      {t('nav.language')}
    </button>
  );
  if (session.isPending) return <div className="panel-state">{t('common.loading')}</div>;
  if (!session.data) {
    return (
      <>
        <header className="topbar">
          <div className="brand">
            <strong>{t('app.name')}</strong> <span>{t('app.tagline')}</span>
          </div>
          <span className="spacer" />
          {languageButton}
        </header>
        <main id="main">
          <LoginPage />
        </main>
      </>
    );
  }
  const { user } = session.data;
  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <strong>{t('app.name')}</strong> <span>{t('app.tagline')}</span>
        </div>
        <nav aria-label="main">
          <NavLink to="/" end>
            {t('nav.overview')}
          </NavLink>
          <NavLink to="/targets">{t('nav.targets')}</NavLink>
          <NavLink to="/indicators">{t('nav.indicators')}</NavLink>
          <NavLink to="/documents">{t('nav.documents')}</NavLink>
          {analyst && <NavLink to="/import">{t('nav.import')}</NavLink>}
          {analyst && <NavLink to="/audit">{t('nav.audit')}</NavLink>}
          {admin && <NavLink to="/users">{t('nav.users')}</NavLink>}
        </nav>
        <GlobalSearch />
        <NavLink to="/account" className="who" title={t('account.title')}>
          {user.username} · {t(`auth.role.${user.role}`)}
        </NavLink>
        <button type="button" className="lang" onClick={() => logout.mutate()}>
          {t('nav.logout')}
        </button>
        {languageButton}
      </header>
      <main id="main">
        <Suspense fallback={<div className="panel-state">{t('common.loading')}</div>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

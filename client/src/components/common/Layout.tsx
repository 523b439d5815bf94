import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { setLanguage, useLocale } from '../../i18n';

export function Layout() {
  const { t, locale } = useLocale();
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
          <NavLink to="/documents">{t('nav.documents')}</NavLink>
        </nav>
        <button
          type="button"
          className="lang"
          onClick={() => setLanguage(locale === 'zh' ? 'en' : 'zh')}
          lang={locale === 'zh' ? 'en' : 'zh'}
        >
          {t('nav.language')}
        </button>
      </header>
      <main id="main">
        <Suspense fallback={<div className="panel-state">{t('common.loading')}</div>}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

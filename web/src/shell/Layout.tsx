import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Link, useLocation } from '../router';
import { useSession, useUser } from '../session';
import { workspacesFor } from '../workspaces';
import { NotificationBell } from './NotificationBell';

/** The staff app's frame: the centre's name, the role's workspaces, language and logout. */
export function Layout({ children }: { children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const { logout } = useSession();
  const user = useUser();
  const { path } = useLocation();
  const workspaces = workspacesFor(user.roles);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            12345
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </Link>
        <nav aria-label={t('nav.main')} className="topnav">
          {workspaces.map((workspace) => (
            <Link
              key={workspace.path}
              to={workspace.path}
              aria-current={path.startsWith(workspace.path) ? 'page' : undefined}
            >
              {t(workspace.label)}
            </Link>
          ))}
        </nav>
        <div className="topbar-end">
          <NotificationBell />
          <button
            type="button"
            className="ghost"
            aria-label={t('app.switchLanguageLabel')}
            onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
          >
            {t('app.switchLanguage')}
          </button>
          <span className="user" title={user.roles.map((role) => t(`role.${role}`)).join(', ')}>
            {user.displayName}
          </span>
          <button type="button" className="ghost" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

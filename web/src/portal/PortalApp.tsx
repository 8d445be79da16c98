import { useEffect, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { Link, matchPath, useLocation } from '../router';
import { AnswerPage, AnswersPage } from './AnswersPage';
import { FilePage } from './FilePage';
import { HomePage } from './HomePage';
import { TrackPage } from './TrackPage';

/** The citizen portal (/portal/*): public, no login, made for a phone first. */
export default function PortalApp() {
  const { t, locale } = useI18n();
  const { path } = useLocation();
  const answer = matchPath('/portal/answers/:id', path);

  let page: ReactNode;
  if (path === '/portal' || path === '/portal/') page = <HomePage />;
  else if (path === '/portal/file') page = <FilePage />;
  else if (path === '/portal/track') page = <TrackPage />;
  else if (path === '/portal/answers') page = <AnswersPage />;
  else if (answer) page = <AnswerPage id={Number(answer.id)} />;
  else page = <p className="portal-notice">{t('app.notFound')}</p>;

  useEffect(() => {
    document.title = t('portal.documentTitle');
  }, [t, locale]);

  return (
    <div className="portal">
      <a className="skip-link" href="#portal-main">
        {t('app.skipToContent')}
      </a>
      <PortalHeader home={path === '/portal' || path === '/portal/'} />
      <main id="portal-main" className="portal-main" tabIndex={-1}>
        {page}
      </main>
      <footer className="portal-footer">
        <p>{t('portal.footer.hotline')}</p>
        <p>{t('portal.footer.emergency')}</p>
      </footer>
    </div>
  );
}

const NAV: [string, MessageKey][] = [
  ['/portal/file', 'portal.file.short'],
  ['/portal/track', 'portal.track.short'],
  ['/portal/answers', 'portal.answers.short'],
];

function PortalHeader({ home }: { home: boolean }) {
  const { t, locale, setLocale } = useI18n();
  const { path } = useLocation();
  return (
    <header className="portal-header">
      <Link to="/portal" className="portal-brand" aria-label={t('portal.home')}>
        <span className="brand-mark" aria-hidden="true">
          12345
        </span>
        <span className="portal-brand-name">{t('portal.brand')}</span>
      </Link>
      <button
        type="button"
        className="portal-lang"
        aria-label={t('app.switchLanguageLabel')}
        onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
      >
        {t('app.switchLanguage')}
      </button>
      {home ? null : (
        <nav className="portal-nav" aria-label={t('portal.nav')}>
          {NAV.map(([to, label]) => (
            <Link key={to} to={to} aria-current={path.startsWith(to) ? 'page' : undefined}>
              {t(label)}
            </Link>
          ))}
        </nav>
      )}
    </header>
  );
}

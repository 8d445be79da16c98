import { useState, type FormEvent } from 'react';
import { qs } from '../api';
import { useT } from '../i18n';
import { Link, navigate } from '../router';

/** The portal's front page: file, follow, or find the answer yourself. */
export function HomePage() {
  const t = useT();
  const [q, setQ] = useState('');
  const search = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/portal/answers${qs({ q: q.trim() })}`);
  };
  return (
    <>
      <section className="portal-hero">
        <h1>{t('portal.home.title')}</h1>
        <p>{t('portal.home.lead')}</p>
      </section>
      <nav className="portal-actions" aria-label={t('portal.home.actions')}>
        <Link to="/portal/file" className="portal-action portal-action-primary">
          <span className="portal-action-title">{t('portal.file.title')}</span>
          <span className="portal-action-text">{t('portal.home.fileText')}</span>
        </Link>
        <Link to="/portal/track" className="portal-action">
          <span className="portal-action-title">{t('portal.track.title')}</span>
          <span className="portal-action-text">{t('portal.home.trackText')}</span>
        </Link>
        <Link to="/portal/answers" className="portal-action">
          <span className="portal-action-title">{t('portal.answers.title')}</span>
          <span className="portal-action-text">{t('portal.home.answersText')}</span>
        </Link>
      </nav>
      <form className="portal-card portal-search" role="search" onSubmit={search}>
        <label htmlFor="portal-home-q">{t('portal.answers.searchLabel')}</label>
        <div className="portal-search-row">
          <input
            id="portal-home-q"
            type="search"
            enterKeyHint="search"
            value={q}
            placeholder={t('portal.answers.placeholder')}
            onChange={(event) => setQ(event.target.value)}
          />
          <button type="submit" className="primary">
            {t('form.search')}
          </button>
        </div>
      </form>
      <p className="portal-emergency" role="note">
        {t('portal.home.emergency')}
      </p>
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { api, ApiError, qs } from '../api';
import { useT } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { useFormat } from '../settings';
import { useLoad } from '../ui/data';
import { Notice } from '../ui/forms';
import { failureText, type PublicArticle, type PublicHit } from './portal-api';

/** /portal/answers?q=: the public answers, searched. */
export function AnswersPage() {
  const t = useT();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const [text, setText] = useState(q);
  const state = useLoad(
    (signal) =>
      q
        ? api<{ items: PublicHit[] }>(
            'GET',
            `/public/knowledge/search${qs({ q, limit: 20 })}`,
            undefined,
            {
              signal,
            },
          )
        : Promise.resolve(null),
    [q],
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/portal/answers${qs({ q: text.trim() })}`, { replace: true });
  };
  const hits = state.data?.items ?? [];
  return (
    <>
      <h1 className="portal-title">{t('portal.answers.title')}</h1>
      <form className="portal-card portal-search" role="search" onSubmit={submit}>
        <label htmlFor="portal-q">{t('portal.answers.searchLabel')}</label>
        <div className="portal-search-row">
          <input
            id="portal-q"
            type="search"
            enterKeyHint="search"
            value={text}
            placeholder={t('portal.answers.placeholder')}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="primary">
            {t('form.search')}
          </button>
        </div>
      </form>
      {state.error ? <Notice kind="error">{failureText(t, state.error)}</Notice> : null}
      {state.loading && q ? (
        <p className="portal-muted" role="status">
          {t('app.loading')}
        </p>
      ) : null}
      {q && state.data && hits.length === 0 ? (
        <div className="portal-card">
          <p>{t('portal.answers.none', { q })}</p>
          <Link to="/portal/file" className="button primary">
            {t('portal.file.title')}
          </Link>
        </div>
      ) : null}
      {hits.length ? (
        <section aria-label={t('portal.answers.results')}>
          <ul className="list-plain portal-hits">
            {hits.map((hit) => (
              <li key={hit.id}>
                <Link to={`/portal/answers/${hit.id}`} className="portal-hit">
                  <span
                    className="portal-hit-title"
                    dangerouslySetInnerHTML={{ __html: hit.titleHtml }}
                  />
                  <span
                    className="portal-hit-snippet"
                    dangerouslySetInnerHTML={{ __html: hit.snippetHtml }}
                  />
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** /portal/answers/:id: one public answer. */
export function AnswerPage({ id }: { id: number }) {
  const t = useT();
  const format = useFormat();
  const state = useLoad(
    (signal) => api<PublicArticle>('GET', `/public/knowledge/${id}`, undefined, { signal }),
    [id],
  );
  const article = state.data;
  const missing =
    state.error instanceof ApiError && (state.error.status === 404 || state.error.status === 400);
  return (
    <>
      <Link to="/portal/answers" className="portal-back">
        ← {t('portal.back')}
      </Link>
      {missing ? <Notice kind="error">{t('portal.answers.missing')}</Notice> : null}
      {state.error && !missing ? <Notice kind="error">{failureText(t, state.error)}</Notice> : null}
      {state.loading && !article ? (
        <p className="portal-muted" role="status">
          {t('app.loading')}
        </p>
      ) : null}
      {article ? (
        <article className="portal-card portal-article">
          <h1>{article.title}</h1>
          <p className="portal-muted portal-small">
            {t('portal.answers.updated', { time: format.date(article.updatedAt) })}
          </p>
          <div className="rich" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
        </article>
      ) : null}
      <div className="portal-card portal-more">
        <p>{t('portal.answers.notSolved')}</p>
        <Link to="/portal/file" className="button primary">
          {t('portal.file.title')}
        </Link>
      </div>
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { api, qs, type Page } from '../../api';
import { useT } from '../../i18n';
import { Link, navigate, useLocation } from '../../router';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { ArticleMarkers, KnowledgeHead, StateBadge } from './common';
import { useKnowledgeRole, useUnits } from './knowledge-data';
import { ReviewReminders } from './ReviewReminders';
import { ARTICLE_STATES, type ArticleState, type KnowledgeArticle, type SearchHit } from './types';

/** /knowledge: the editors' list of articles, or the search for everyone who only reads. */
export default function KnowledgePage() {
  const role = useKnowledgeRole();
  return (
    <div className="page kb">
      <KnowledgeHead current="articles" />
      {role.isEditor ? <ReviewReminders /> : null}
      {role.usesList ? <ArticleList /> : <ReaderSearch />}
    </div>
  );
}

/** Puts the filters in the address, so that Back and a shared link show the same list. */
function setQuery(values: Record<string, string | number | boolean | undefined>) {
  navigate(`/knowledge${qs(values)}`, { replace: true });
}

function SearchBox({ initial, onSearch }: { initial: string; onSearch: (q: string) => void }) {
  const t = useT();
  const [text, setText] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  return (
    <form className="kb-search" role="search" onSubmit={submit}>
      <label className="visually-hidden" htmlFor="kb-q">
        {t('kb.search.label')}
      </label>
      <input
        id="kb-q"
        type="search"
        value={text}
        placeholder={t('kb.search.placeholder')}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit" className="primary">
        {t('form.search')}
      </button>
    </form>
  );
}

function ReaderSearch() {
  const t = useT();
  const format = useFormat();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const state = useLoad(
    (signal) =>
      q
        ? api<{ items: SearchHit[]; total: number }>(
            'GET',
            `/knowledge/search${qs({ q, limit: 50 })}`,
            undefined,
            { signal },
          )
        : Promise.resolve(null),
    [q],
  );
  return (
    <section className="panel" aria-label={t('kb.search.results')}>
      <SearchBox key={q} initial={q} onSearch={(next) => setQuery({ q: next })} />
      <LoadState state={state} />
      {!q ? <p className="muted">{t('kb.search.prompt')}</p> : null}
      {state.data && state.data.items.length === 0 ? (
        <p className="muted">{t('kb.search.none', { q })}</p>
      ) : null}
      {state.data && state.data.items.length > 0 ? (
        <ol className="kb-hits list-plain">
          {state.data.items.map((hit) => (
            <li key={hit.id}>
              <Link to={`/knowledge/${hit.id}`} className="kb-hit-title">
                <span dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
              </Link>
              <p className="kb-hit-snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
              <p className="kb-hit-meta muted">
                {hit.ownerUnitName} · {t('kb.updatedAt', { time: format.dateTime(hit.updatedAt) })}
                {hit.audience === 'public' ? (
                  <span className="badge badge-brand">{t('kb.audience.public')}</span>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

const PAGE_SIZE = 25;

function ArticleList() {
  const t = useT();
  const format = useFormat();
  const role = useKnowledgeRole();
  const units = useUnits();
  const { query } = useLocation();
  const filters = {
    q: query.get('q') ?? '',
    state: (ARTICLE_STATES as readonly string[]).includes(query.get('state') ?? '')
      ? (query.get('state') as ArticleState)
      : undefined,
    ownerUnitId: Number(query.get('owner')) || undefined,
    reviewDue: query.get('reviewDue') === 'true' || undefined,
    page: Math.max(1, Number(query.get('page')) || 1),
  };
  const key = JSON.stringify(filters);
  const state = useLoad(
    (signal) =>
      api<Page<KnowledgeArticle>>(
        'GET',
        `/knowledge/articles${qs({ ...filters, pageSize: PAGE_SIZE })}`,
        undefined,
        { signal },
      ),
    [key],
  );
  const change = (next: Partial<typeof filters>) => {
    const merged = { ...filters, page: undefined, ...next };
    setQuery({
      q: merged.q,
      state: merged.state,
      owner: merged.ownerUnitId,
      reviewDue: merged.reviewDue,
      page: merged.page && merged.page > 1 ? merged.page : undefined,
    });
  };
  const seesAll = role.centreEditor || !role.isEditor;
  const data = state.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <section className="panel" aria-label={t('kb.list.title')}>
      <div className="kb-filters">
        <SearchBox key={filters.q} initial={filters.q} onSearch={(q) => change({ q })} />
        <label>
          <span>{t('kb.filter.state')}</span>
          <select
            value={filters.state ?? ''}
            onChange={(event) =>
              change({ state: (event.target.value || undefined) as ArticleState })
            }
          >
            <option value="">{t('kb.filter.all')}</option>
            {ARTICLE_STATES.map((value) => (
              <option key={value} value={value}>
                {t(`kb.state.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {seesAll ? (
          <label>
            <span>{t('kb.filter.owner')}</span>
            <select
              value={filters.ownerUnitId ?? ''}
              onChange={(event) => change({ ownerUnitId: Number(event.target.value) || undefined })}
            >
              <option value="">{t('kb.filter.all')}</option>
              {(units ?? [])
                .filter((unit) => unit.active)
                .map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {unit.name}
                  </option>
                ))}
            </select>
          </label>
        ) : null}
        <label className="kb-check">
          <input
            type="checkbox"
            checked={!!filters.reviewDue}
            onChange={(event) => change({ reviewDue: event.target.checked || undefined })}
          />
          <span>{t('kb.filter.reviewDue')}</span>
        </label>
      </div>
      <LoadState state={state} />
      {data && data.items.length === 0 ? <p className="muted">{t('list.empty')}</p> : null}
      {data && data.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data kb-table">
            <thead>
              <tr>
                <th>{t('kb.field.title')}</th>
                <th>{t('kb.field.state')}</th>
                <th>{t('kb.field.ownerUnit')}</th>
                <th>{t('kb.field.reviewBy')}</th>
                <th>{t('kb.field.updatedAt')}</th>
                <th className="num">{t('kb.field.uses')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((article) => (
                <tr key={article.id}>
                  <td>
                    <Link to={`/knowledge/${article.id}`}>{article.title}</Link>
                    {article.audience === 'public' ? (
                      <>
                        {' '}
                        <span className="badge badge-brand">{t('kb.audience.public')}</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <StateBadge state={article.state} />
                  </td>
                  <td>{article.ownerUnitName}</td>
                  <td>
                    <span className="kb-date">{article.reviewBy ?? '—'}</span>{' '}
                    <ArticleMarkers article={article} />
                  </td>
                  <td>
                    {format.dateTime(article.updatedAt)}
                    <div className="muted kb-small">{article.updatedByName}</div>
                  </td>
                  <td className="num">{format.number(article.useCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data && data.total > 0 ? (
        <div className="kb-pager">
          <span className="muted">{t('list.total', { total: format.number(data.total) })}</span>
          <button
            type="button"
            disabled={filters.page <= 1}
            onClick={() => change({ page: filters.page - 1 })}
          >
            {t('list.prev')}
          </button>
          <span>
            {filters.page} / {pages}
          </span>
          <button
            type="button"
            disabled={filters.page >= pages}
            onClick={() => change({ page: filters.page + 1 })}
          >
            {t('list.next')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

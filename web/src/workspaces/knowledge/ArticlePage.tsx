import { useState } from 'react';
import { api, ApiError } from '../../api';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { ArticleActions } from './ArticleActions';
import { ArticleForm } from './ArticleForm';
import { ArticleMarkers, shown, StateBadge } from './common';
import { useCategories, useCategoryLabel, useKnowledgeRole } from './knowledge-data';
import type { KnowledgeArticle } from './types';
import { VersionHistory } from './VersionHistory';

type Tab = 'content' | 'edit' | 'history';

/** /knowledge/:id: an article to read; for its editors also to change, move on, and compare. */
export default function ArticlePage({ params }: { params: Record<string, string> }) {
  const t = useT();
  const id = Number(params.id);
  const state = useLoad(
    (signal) => api<KnowledgeArticle>('GET', `/knowledge/articles/${id}`, undefined, { signal }),
    [id],
  );
  if (
    !Number.isInteger(id) ||
    id < 1 ||
    (state.error instanceof ApiError && state.error.status === 404)
  )
    return (
      <div className="page kb">
        <BackLink />
        <Notice kind="error">{t('kb.article.notFound')}</Notice>
      </div>
    );
  return (
    <div className="page kb">
      <BackLink />
      <LoadState state={state} />
      {state.data ? (
        <ArticleScreen key={state.data.id} article={state.data} reload={state.reload} />
      ) : null}
    </div>
  );
}

function BackLink() {
  const t = useT();
  return (
    <Link to="/knowledge" className="kb-back">
      ← {t('kb.back')}
    </Link>
  );
}

function ArticleScreen({
  article: loaded,
  reload,
}: {
  article: KnowledgeArticle;
  reload: () => void;
}) {
  const t = useT();
  const role = useKnowledgeRole();
  const [tab, setTab] = useState<Tab>('content');
  const [saved, setSaved] = useState<KnowledgeArticle | null>(null);
  // The newest of what was loaded and what this screen just saved.
  const article = saved && saved.version >= loaded.version ? saved : loaded;
  const [message, setMessage] = useState<string | null>(null);
  const canEdit = role.canEdit(article);
  // The history is for whoever sees the working copy: the owner unit's editors, the centre's, and
  // the overseers (the API refuses everyone else).
  const tabs: Tab[] = canEdit
    ? ['content', 'edit', 'history']
    : role.overseer
      ? ['content', 'history']
      : ['content'];

  const afterAction = (text: string) => {
    setMessage(text);
    setSaved(null);
    reload();
  };

  return (
    <>
      <div className="page-head kb-article-head">
        <div>
          <h1>{article.title}</h1>
          <div className="kb-badges">
            <StateBadge state={article.state} />
            <ArticleMarkers article={article} />
            <span className="badge">{t(`kb.audience.${article.audience}`)}</span>
            <span className="muted kb-small">
              {t('kb.versionOf', { version: article.version })}
            </span>
          </div>
        </div>
        <ArticleActions
          article={article}
          canEdit={canEdit}
          onDone={afterAction}
          onReload={reload}
        />
      </div>
      {message ? <Notice kind="success">{message}</Notice> : null}
      {tabs.length > 1 ? (
        <div className="tabs" role="tablist" aria-label={t('kb.article.views')}>
          {tabs.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`kb-tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`kb-panel-${name}`}
              onClick={() => {
                setTab(name);
                setMessage(null);
              }}
            >
              {t(`kb.tab.${name}`)}
            </button>
          ))}
        </div>
      ) : null}
      <div
        id={`kb-panel-${tab}`}
        role={tabs.length > 1 ? 'tabpanel' : undefined}
        aria-labelledby={tabs.length > 1 ? `kb-tab-${tab}` : undefined}
      >
        {tab === 'content' ? <ArticleContent article={article} /> : null}
        {tab === 'edit' ? (
          <section className="panel kb-form-panel">
            <ArticleForm
              key={article.version}
              article={article}
              onSaved={(next) => {
                setSaved(next);
                setTab('content');
                setMessage(t('kb.saved', { version: next.version }));
              }}
              onCancel={() => setTab('content')}
              onReload={() => {
                setSaved(null);
                reload();
              }}
            />
          </section>
        ) : null}
        {tab === 'history' ? <VersionHistory article={article} /> : null}
      </div>
    </>
  );
}

function ArticleContent({ article }: { article: KnowledgeArticle }) {
  const t = useT();
  const format = useFormat();
  const categories = useCategories();
  const label = useCategoryLabel();
  const categoryNames = article.categoryIds.map((id) => {
    const category = categories?.find((c) => c.id === id);
    return category ? label(category) : `#${id}`;
  });
  const liveIsOlder =
    article.publishedVersion !== null &&
    article.publishedVersion !== article.version &&
    article.state !== 'published';
  return (
    <div className="kb-article">
      <article className="panel">
        {article.rejection ? (
          <Notice kind="error">
            {t('kb.rejected', {
              name: article.rejection.byName,
              time: format.dateTime(article.rejection.at),
            })}
            <div className="kb-reason">{article.rejection.reason}</div>
          </Notice>
        ) : null}
        {liveIsOlder ? (
          <Notice>{t('kb.liveIsOlder', { version: article.publishedVersion ?? '' })}</Notice>
        ) : null}
        <div className="rich" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      </article>
      <aside className="panel kb-meta" aria-label={t('kb.meta')}>
        <dl>
          <dt>{t('kb.field.ownerUnit')}</dt>
          <dd>{article.ownerUnitName}</dd>
          <dt>{t('kb.field.categories')}</dt>
          <dd>{shown(categoryNames)}</dd>
          <dt>{t('kb.field.keywords')}</dt>
          <dd>{shown(article.keywords)}</dd>
          <dt>{t('kb.field.synonyms')}</dt>
          <dd>{shown(article.synonyms)}</dd>
          <dt>{t('kb.field.effectiveFrom')}</dt>
          <dd>{article.effectiveFrom}</dd>
          <dt>{t('kb.field.expiresOn')}</dt>
          <dd>
            {shown(article.expiresOn)}{' '}
            {article.expired ? (
              <ArticleMarkers article={{ expired: true, reviewDue: false }} />
            ) : null}
          </dd>
          <dt>{t('kb.field.reviewBy')}</dt>
          <dd>
            {shown(article.reviewBy)}{' '}
            {article.reviewDue ? (
              <ArticleMarkers article={{ expired: false, reviewDue: true }} />
            ) : null}
          </dd>
          <dt>{t('kb.field.updatedAt')}</dt>
          <dd>
            {format.dateTime(article.updatedAt)} · {article.updatedByName}
          </dd>
          <dt>{t('kb.field.publishedAt')}</dt>
          <dd>
            {article.publishedAt
              ? `${format.dateTime(article.publishedAt)} · ${t('kb.versionOf', { version: article.publishedVersion ?? '' })}`
              : '—'}
          </dd>
          <dt>{t('kb.field.uses')}</dt>
          <dd>{format.number(article.useCount)}</dd>
        </dl>
      </aside>
    </div>
  );
}

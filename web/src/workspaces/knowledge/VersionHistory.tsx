import { useState } from 'react';
import { api, qs } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { shown } from './common';
import { useCategories, useCategoryLabel, useUnits } from './knowledge-data';
import type { ArticleDiff, ArticleVersion, KnowledgeArticle } from './types';

const FIELD_LABELS: Record<string, MessageKey> = {
  title: 'kb.field.title',
  body: 'kb.field.body',
  categoryIds: 'kb.field.categories',
  keywords: 'kb.field.keywords',
  synonyms: 'kb.field.synonyms',
  ownerUnitId: 'kb.field.ownerUnit',
  audience: 'kb.field.audience',
  effectiveFrom: 'kb.field.effectiveFrom',
  expiresOn: 'kb.field.expiresOn',
  reviewBy: 'kb.field.reviewBy',
};

const VERSION_STATES: Record<string, MessageKey> = {
  draft: 'kb.state.draft',
  in_review: 'kb.state.in_review',
  published: 'kb.state.published',
  retired: 'kb.state.retired',
  superseded: 'kb.state.superseded',
};

/** Every version of the article, and what changed between any two of them. */
export function VersionHistory({ article }: { article: KnowledgeArticle }) {
  const t = useT();
  const format = useFormat();
  const versions = useLoad(
    (signal) =>
      api<{ items: ArticleVersion[] }>(
        'GET',
        `/knowledge/articles/${article.id}/versions`,
        undefined,
        {
          signal,
        },
      ),
    [article.id, article.version],
  );
  const items = versions.data?.items ?? [];
  const newest = Math.max(0, ...items.map((item) => item.version));
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const from = pair?.from ?? Math.max(1, newest - 1);
  const to = pair?.to ?? newest;
  const [compared, setCompared] = useState<{ from: number; to: number } | null>(null);

  return (
    <section className="panel" aria-labelledby="kb-versions-title">
      <div className="panel-head">
        <h2 id="kb-versions-title">{t('kb.versions.title')}</h2>
      </div>
      <LoadState state={versions} />
      {items.length ? (
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th className="num">{t('kb.versions.version')}</th>
                <th>{t('kb.field.title')}</th>
                <th>{t('kb.field.state')}</th>
                <th>{t('kb.versions.changedBy')}</th>
                <th>{t('kb.versions.changedAt')}</th>
                <th>{t('kb.field.note')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.version}>
                  <td className="num">{item.version}</td>
                  <td>{item.title}</td>
                  <td>
                    {VERSION_STATES[item.state] ? t(VERSION_STATES[item.state]!) : item.state}
                  </td>
                  <td>{item.changedByName}</td>
                  <td>{format.dateTime(item.changedAt)}</td>
                  <td>{item.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {items.length > 1 ? (
        <form
          className="kb-compare"
          onSubmit={(event) => {
            event.preventDefault();
            setCompared({ from, to });
          }}
        >
          <label>
            <span>{t('kb.diff.from')}</span>
            <select
              value={from}
              onChange={(event) => setPair({ from: Number(event.target.value), to })}
            >
              {items.map((item) => (
                <option key={item.version} value={item.version}>
                  {t('kb.versionOf', { version: item.version })}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('kb.diff.to')}</span>
            <select
              value={to}
              onChange={(event) => setPair({ from, to: Number(event.target.value) })}
            >
              {items.map((item) => (
                <option key={item.version} value={item.version}>
                  {t('kb.versionOf', { version: item.version })}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={from === to}>
            {t('kb.diff.compare')}
          </button>
        </form>
      ) : null}
      {compared ? <DiffView articleId={article.id} from={compared.from} to={compared.to} /> : null}
    </section>
  );
}

/** A changed field's value in words: unit and category names instead of their ids. */
function useValueText(): (field: string, value: unknown) => string {
  const units = useUnits();
  const categories = useCategories();
  const label = useCategoryLabel();
  return (field, value) => {
    if (field === 'ownerUnitId' && typeof value === 'number')
      return units?.find((unit) => unit.id === value)?.name ?? `#${value}`;
    if (field === 'categoryIds' && Array.isArray(value))
      return shown(
        value.map((id) => {
          const category = categories?.find((c) => c.id === id);
          return category ? label(category) : `#${String(id)}`;
        }),
      );
    return shown(value);
  };
}

function DiffView({ articleId, from, to }: { articleId: number; from: number; to: number }) {
  const t = useT();
  const valueText = useValueText();
  const state = useLoad(
    (signal) =>
      api<ArticleDiff>(
        'GET',
        `/knowledge/articles/${articleId}/diff${qs({ from, to })}`,
        undefined,
        {
          signal,
        },
      ),
    [articleId, from, to],
  );
  const diff = state.data;
  const fields = (diff?.fields ?? []).filter((change) => change.field !== 'body');
  const bodyChanged = (diff?.body ?? []).some((part) => part.op !== 'equal');
  return (
    <div className="kb-diff" aria-label={t('kb.diff.title', { from, to })} role="region">
      <h3>{t('kb.diff.title', { from, to })}</h3>
      <LoadState state={state} />
      {diff && fields.length === 0 && !bodyChanged ? <Notice>{t('kb.diff.same')}</Notice> : null}
      {fields.length ? (
        <table className="data kb-diff-fields">
          <thead>
            <tr>
              <th>{t('kb.diff.field')}</th>
              <th>{t('kb.diff.before', { version: from })}</th>
              <th>{t('kb.diff.after', { version: to })}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((change) => (
              <tr key={change.field}>
                <th scope="row">
                  {FIELD_LABELS[change.field] ? t(FIELD_LABELS[change.field]!) : change.field}
                </th>
                <td>
                  <del>{valueText(change.field, change.before)}</del>
                </td>
                <td>
                  <ins>{valueText(change.field, change.after)}</ins>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {diff && bodyChanged ? (
        <>
          <h4>{t('kb.field.body')}</h4>
          <p className="muted kb-small">
            <ins>{t('kb.diff.inserted')}</ins> <del>{t('kb.diff.deleted')}</del>
          </p>
          <pre className="kb-diff-body">
            {diff.body.map((part, index) =>
              part.op === 'insert' ? (
                <ins key={index}>{part.text}</ins>
              ) : part.op === 'delete' ? (
                <del key={index}>{part.text}</del>
              ) : (
                <span key={index}>{part.text}</span>
              ),
            )}
          </pre>
        </>
      ) : null}
    </div>
  );
}

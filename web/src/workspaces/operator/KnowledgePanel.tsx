import { useEffect, useState, type RefObject } from 'react';
import { api, qs } from '../../api';
import { useT } from '../../i18n';
import { useFormat } from '../../settings';
import { Notice } from '../../ui/forms';
import { MARKS, useMarkAfterPaint } from './marks';
import type { KnowledgeArticleView, KnowledgeHit } from './types';

const DEBOUNCE_MS = 150;
const SUGGEST_CHARS = 2000;

interface Hits {
  /** What they were found for: the appeal's text, or the operator's own query. */
  source: 'suggest' | 'search';
  input: string;
  items: KnowledgeHit[];
}

/**
 * Loads hits for `input` a moment after the operator stops typing; a newer input aborts the
 * request of an older one, so results never arrive out of order. The last results stay on
 * screen (marked stale) until the next ones arrive, so the list does not flicker while typing.
 */
function useHits(source: Hits['source'], input: string, categoryId: number | null): Hits | null {
  const [hits, setHits] = useState<Hits | null>(null);
  useEffect(() => {
    if (input.trim().length < 2) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const path =
        source === 'suggest'
          ? `/knowledge/suggest${qs({ text: input, categoryId, limit: 5 })}`
          : `/knowledge/search${qs({ q: input, categoryId, limit: 10 })}`;
      api<{ items: KnowledgeHit[] }>('GET', path, undefined, { signal: controller.signal })
        .then((result) => setHits({ source, input, items: result.items }))
        .catch(() => undefined); // the panel is help, not a gate: the call goes on without it
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [source, input, categoryId]);
  return input.trim().length >= 2 ? hits : null;
}

/**
 * The knowledge side panel: suggestions for the appeal as it is typed, an explicit search, an
 * article read in place, "answer with this" and "no answer found".
 */
export function KnowledgePanel({
  appealText,
  categoryId,
  busy,
  searchRef,
  onAnswer,
  onGap,
}: {
  appealText: string;
  categoryId: number | null;
  busy: boolean;
  searchRef: RefObject<HTMLInputElement | null>;
  onAnswer: (articleId: number) => void;
  onGap: (text: string) => Promise<boolean>;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [opened, setOpened] = useState<KnowledgeArticleView | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const [gapNoted, setGapNoted] = useState<string | null>(null);
  const suggestInput = Array.from(appealText.trim()).slice(0, SUGGEST_CHARS).join('');
  const searching = query.trim() !== '';
  const suggestions = useHits('suggest', searching ? '' : suggestInput, categoryId);
  const results = useHits('search', query.trim(), null);
  const hits = searching ? results : suggestions;
  useMarkAfterPaint(MARKS.knowledgeResults, hits, hits !== null);

  const open = (id: number) => {
    setOpenError(null);
    api<KnowledgeArticleView>('GET', `/knowledge/articles/${id}`)
      .then(setOpened)
      .catch((error: unknown) =>
        setOpenError(error instanceof Error ? error.message : String(error)),
      );
  };
  const gapText = appealText.trim() || query.trim();
  const reportGap = () => {
    void onGap(gapText).then((ok) => ok && setGapNoted(gapText));
  };

  return (
    <section className="panel op-kb" aria-labelledby="op-kb-head">
      <div className="panel-head">
        <h2 id="op-kb-head">{t('op.kb.heading')}</h2>
        <span className="muted op-shortcut">
          <kbd>Alt</kbd>+<kbd>K</kbd>
        </span>
      </div>
      <div className="op-kb-search" role="search">
        <label htmlFor="op-kb-q" className="op-sr-only">
          {t('op.kb.search')}
        </label>
        <input
          id="op-kb-q"
          ref={searchRef}
          type="search"
          placeholder={t('op.kb.search')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpened(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.preventDefault();
          }}
        />
      </div>
      {openError ? <Notice kind="error">{openError}</Notice> : null}
      {opened ? (
        <ArticleView
          article={opened}
          busy={busy}
          onBack={() => setOpened(null)}
          onAnswer={onAnswer}
        />
      ) : (
        <HitList
          heading={searching ? t('op.kb.results') : t('op.kb.suggested')}
          hits={hits}
          stale={hits !== null && hits.input !== (searching ? query.trim() : suggestInput)}
          idle={searching ? null : suggestInput.length < 2 ? t('op.kb.typeToSuggest') : null}
          busy={busy}
          onOpen={open}
          onAnswer={onAnswer}
        />
      )}
      <div className="op-kb-foot">
        {gapNoted && gapNoted === gapText ? (
          <Notice kind="success">{t('op.kb.gapRecorded')}</Notice>
        ) : (
          <button type="button" disabled={busy || gapText === ''} onClick={reportGap}>
            {t('op.kb.noAnswer')}
          </button>
        )}
      </div>
    </section>
  );
}

function HitList({
  heading,
  hits,
  stale,
  idle,
  busy,
  onOpen,
  onAnswer,
}: {
  heading: string;
  hits: Hits | null;
  stale: boolean;
  idle: string | null;
  busy: boolean;
  onOpen: (id: number) => void;
  onAnswer: (articleId: number) => void;
}) {
  const t = useT();
  if (idle) return <p className="muted op-kb-idle">{idle}</p>;
  return (
    <div className="op-kb-hits">
      <h3>{heading}</h3>
      {hits && hits.items.length === 0 ? <p className="muted">{t('op.kb.none')}</p> : null}
      <ul className={`list-plain${stale ? ' op-stale' : ''}`} aria-busy={hits === null || stale}>
        {(hits?.items ?? []).map((hit) => (
          <li key={hit.id} className="op-kb-hit">
            <button
              type="button"
              id={`op-kb-hit-${hit.id}`}
              className="link op-kb-title"
              onClick={() => onOpen(hit.id)}
              // server-escaped text with <mark> around the matched words
              dangerouslySetInnerHTML={{ __html: hit.titleHtml }}
            />
            <p className="op-kb-snippet" dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
            <div className="op-kb-hit-foot">
              <span className="muted">{hit.ownerUnitName}</span>
              <button
                type="button"
                className="op-kb-use"
                disabled={busy}
                aria-describedby={`op-kb-hit-${hit.id}`}
                onClick={() => onAnswer(hit.id)}
              >
                {t('op.kb.useAnswer')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ArticleView({
  article,
  busy,
  onBack,
  onAnswer,
}: {
  article: KnowledgeArticleView;
  busy: boolean;
  onBack: () => void;
  onAnswer: (articleId: number) => void;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <article className="op-kb-article" aria-labelledby="op-kb-article-title">
      <div className="op-kb-article-head">
        <button type="button" className="link" onClick={onBack}>
          ‹ {t('op.kb.back')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => onAnswer(article.id)}
        >
          {t('op.kb.useAnswer')}
        </button>
      </div>
      <h3 id="op-kb-article-title">{article.title}</h3>
      <p className="muted op-kb-meta">
        {article.ownerUnitName} · {format.date(article.updatedAt)}
      </p>
      {/* bodyHtml is rendered and sanitised by the server (no raw HTML passes) */}
      <div className="rich op-kb-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
    </article>
  );
}

import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { useKnowledgeRole } from './knowledge-data';
import type { ArticleState, KnowledgeArticle } from './types';

const STATE_BADGE: Record<ArticleState, string> = {
  draft: 'badge',
  in_review: 'badge badge-warn',
  published: 'badge badge-ok',
  retired: 'badge kb-badge-retired',
};

export function StateBadge({ state }: { state: ArticleState }) {
  const t = useT();
  return <span className={STATE_BADGE[state]}>{t(`kb.state.${state}`)}</span>;
}

/** "Review due" and "expired" flags, shown wherever an article is listed. */
export function ArticleMarkers({
  article,
}: {
  article: Pick<KnowledgeArticle, 'reviewDue' | 'expired'>;
}) {
  const t = useT();
  return (
    <>
      {article.expired ? (
        <span className="badge badge-danger">{t('kb.marker.expired')}</span>
      ) : null}
      {article.reviewDue ? (
        <span className="badge badge-warn">{t('kb.marker.reviewDue')}</span>
      ) : null}
    </>
  );
}

/** The workspace's heading: its title, its two views and the editors' "new article". */
export function KnowledgeHead({
  current,
  children,
}: {
  current: 'articles' | 'reports' | null;
  children?: ReactNode;
}) {
  const t = useT();
  const role = useKnowledgeRole();
  return (
    <>
      <div className="page-head">
        <h1>{t('nav.knowledge')}</h1>
        <div className="form-actions kb-head-actions">
          {children}
          {role.isEditor ? (
            <Link to="/knowledge/new" className="button primary">
              {t('kb.new')}
            </Link>
          ) : null}
        </div>
      </div>
      {role.seesReports ? (
        <nav className="kb-views" aria-label={t('kb.views')}>
          <Link to="/knowledge" aria-current={current === 'articles' ? 'page' : undefined}>
            {t('kb.view.articles')}
          </Link>
          <Link to="/knowledge/reports" aria-current={current === 'reports' ? 'page' : undefined}>
            {t('kb.view.reports')}
          </Link>
        </nav>
      ) : null}
    </>
  );
}

/** A field's value for the metadata list and the diff ("—" when empty). */
export const shown = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map((item) => shown(item)).join('、') : '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
};

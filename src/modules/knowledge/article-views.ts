import { isExpired, isReviewDue, type KnowledgeArticle } from './article.js';
import {
  namesOf,
  useCounts,
  type ArticleRecord,
  type Executor,
  type VersionRecord,
} from './articles.repository.js';
import { renderMarkdown } from './markdown.js';

/** What to show of an article: its working copy, or (to readers) its live version. */
export type Shown = { article: ArticleRecord; live?: VersionRecord };

/** The API view of articles, with names, use counts and today's review and expiry flags. */
export async function toViews(
  db: Executor,
  shown: readonly Shown[],
  today: string,
): Promise<KnowledgeArticle[]> {
  const ids = shown.map((s) => s.article.id);
  const users = shown.flatMap(({ article, live }) =>
    live
      ? [live.changedBy]
      : [article.updatedBy, ...(article.rejection ? [article.rejection.by] : [])],
  );
  const units = shown.map(({ article, live }) => (live ?? article).content.ownerUnitId);
  const [names, uses] = await Promise.all([namesOf(db, { users, units }), useCounts(db, ids)]);
  const userName = (id: number) => names.users.get(id) ?? `#${id}`;
  return shown.map(({ article, live }): KnowledgeArticle => {
    const content = live?.content ?? article.content;
    return {
      id: article.id,
      state: live ? 'published' : article.state,
      version: live?.version ?? article.version,
      publishedVersion: article.publishedVersion,
      ...content,
      bodyHtml: renderMarkdown(content.body),
      ownerUnitName: names.units.get(content.ownerUnitId) ?? `#${content.ownerUnitId}`,
      reviewDue: isReviewDue(content, today),
      expired: isExpired(content, today),
      createdAt: article.createdAt,
      updatedAt: live?.changedAt ?? article.updatedAt,
      updatedByName: userName(live?.changedBy ?? article.updatedBy),
      publishedAt: live?.publishedAt ?? article.publishedAt,
      useCount: uses.get(article.id) ?? 0,
      rejection:
        !live && article.rejection
          ? {
              reason: article.rejection.reason,
              byName: userName(article.rejection.by),
              at: article.rejection.at,
            }
          : null,
    };
  });
}

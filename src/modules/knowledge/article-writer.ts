// The writes of an editor's change, inside the caller's transaction: the article row, a new
// version, and the audit record, together or not at all. Shared by the editing service and import.
import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { recordAuditIn } from '../../platform/audit.js';
import type { DB } from '../../platform/db/schema.js';
import type { ArticleContent } from './article.js';
import { changedFields } from './article-rules.js';
import {
  contentColumns,
  insertArticle,
  insertVersion,
  updateArticle,
  type ArticleRecord,
} from './articles.repository.js';
import type { IndexedArticle } from './search/search-types.js';

export const SUBJECT = 'knowledge_article';

export interface Change {
  actor: Actor;
  at: string;
  note: string | null;
  /** 'import' when the change came from a file. */
  via?: 'api' | 'import';
}

/** A new article in draft, version 1. */
export async function writeNewArticle(
  trx: Transaction<DB>,
  content: ArticleContent,
  change: Change,
): Promise<number> {
  const id = await insertArticle(trx, content, {
    actorId: change.actor.userId,
    at: change.at,
    note: change.note,
  });
  await recordAuditIn(trx, change.at, {
    actorId: change.actor.userId,
    action: 'knowledge_article.create',
    subjectType: SUBJECT,
    subjectId: id,
    detail: { version: 1, ownerUnitId: content.ownerUnitId, via: change.via ?? 'api' },
  });
  return id;
}

/**
 * A new version of an article's working copy; the article goes back to draft (a live version
 * stays live until the new one is approved). Nothing is written when nothing changed.
 */
export async function writeNewVersion(
  trx: Transaction<DB>,
  article: ArticleRecord,
  content: ArticleContent,
  change: Change,
): Promise<boolean> {
  const changes = changedFields(article.content, content);
  if (changes.length === 0) return false;
  const version = article.version + 1;
  await insertVersion(trx, article.id, version, content, {
    actorId: change.actor.userId,
    at: change.at,
    note: change.note,
  });
  await updateArticle(trx, article.id, {
    ...contentColumns(content),
    state: 'draft',
    version,
    updated_at: change.at,
    updated_by: change.actor.userId,
  });
  await recordAuditIn(trx, change.at, {
    actorId: change.actor.userId,
    action: 'knowledge_article.update',
    subjectType: SUBJECT,
    subjectId: article.id,
    detail: {
      version,
      fields: changes.map((c) => c.field),
      ownerUnitId: content.ownerUnitId,
      via: change.via ?? 'api',
    },
  });
  return true;
}

/** What the search index holds of a version going live. */
export const indexedArticle = (articleId: number, content: ArticleContent): IndexedArticle => ({
  articleId,
  title: content.title,
  body: content.body,
  keywords: content.keywords,
  synonyms: content.synonyms,
  categoryIds: content.categoryIds,
  ownerUnitId: content.ownerUnitId,
  audience: content.audience,
  effectiveFrom: content.effectiveFrom,
  expiresOn: content.expiresOn,
});

import { sql, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { DialectName } from '../../platform/db/database.js';
import type { DB, KnowledgeArticleTable, KnowledgeVersionTable } from '../../platform/db/schema.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ArticleContent, ArticleState, Audience } from './article.js';

export type Executor = Kysely<DB> | Transaction<DB>;

/** An article row as the services use it: the working copy's content and the life-cycle fields. */
export interface ArticleRecord {
  id: number;
  state: ArticleState;
  version: number;
  publishedVersion: number | null;
  content: ArticleContent;
  rejection: { reason: string; by: number; at: string } | null;
  createdAt: string;
  createdBy: number;
  updatedAt: string;
  updatedBy: number;
  publishedAt: string | null;
  retiredAt: string | null;
}

export interface VersionRecord {
  articleId: number;
  version: number;
  content: ArticleContent;
  note: string | null;
  changedBy: number;
  changedAt: string;
  publishedAt: string | null;
  publishedBy: number | null;
  approvalNote: string | null;
}

type ContentColumns = Pick<
  KnowledgeArticleTable,
  | 'title'
  | 'body'
  | 'category_ids'
  | 'keywords'
  | 'synonyms'
  | 'owner_unit_id'
  | 'audience'
  | 'effective_from'
  | 'expires_on'
  | 'review_by'
>;

export const contentColumns = (content: ArticleContent): ContentColumns => ({
  title: content.title,
  body: content.body,
  category_ids: JSON.stringify(content.categoryIds),
  keywords: JSON.stringify(content.keywords),
  synonyms: JSON.stringify(content.synonyms),
  owner_unit_id: content.ownerUnitId,
  audience: content.audience,
  effective_from: content.effectiveFrom,
  expires_on: content.expiresOn,
  review_by: content.reviewBy,
});

const contentOf = (row: ContentColumns): ArticleContent => ({
  title: row.title,
  body: row.body,
  categoryIds: JSON.parse(row.category_ids) as number[],
  keywords: JSON.parse(row.keywords) as string[],
  synonyms: JSON.parse(row.synonyms) as string[],
  ownerUnitId: row.owner_unit_id,
  audience: row.audience as Audience,
  effectiveFrom: row.effective_from,
  expiresOn: row.expires_on,
  reviewBy: row.review_by,
});

type ArticleRow = Selectable<KnowledgeArticleTable>;

export const toArticle = (row: ArticleRow): ArticleRecord => ({
  id: row.id,
  state: row.state as ArticleState,
  version: row.version,
  publishedVersion: row.published_version,
  content: contentOf(row),
  rejection:
    row.rejection_reason !== null && row.rejected_by !== null && row.rejected_at !== null
      ? { reason: row.rejection_reason, by: row.rejected_by, at: row.rejected_at }
      : null,
  createdAt: row.created_at,
  createdBy: row.created_by,
  updatedAt: row.updated_at,
  updatedBy: row.updated_by,
  publishedAt: row.published_at,
  retiredAt: row.retired_at,
});

const toVersion = (row: Selectable<KnowledgeVersionTable>): VersionRecord => ({
  articleId: row.article_id,
  version: row.version,
  content: contentOf(row),
  note: row.note,
  changedBy: row.changed_by,
  changedAt: row.changed_at,
  publishedAt: row.published_at,
  publishedBy: row.published_by,
  approvalNote: row.approval_note,
});

export async function findArticle(db: Executor, id: number): Promise<ArticleRecord | undefined> {
  const row = await db
    .selectFrom('knowledge_articles')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toArticle(row);
}

/** The article, locked for the rest of the transaction on PostgreSQL; NotFound otherwise. */
export async function lockArticle(
  trx: Transaction<DB>,
  dialect: DialectName,
  id: number,
): Promise<ArticleRecord> {
  let query = trx.selectFrom('knowledge_articles').selectAll().where('id', '=', id);
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new NotFoundError('Knowledge article', id, 'KNOWLEDGE_ARTICLE_NOT_FOUND');
  return toArticle(row);
}

/** Inserts a new article in draft with its version 1; returns its id. */
export async function insertArticle(
  trx: Transaction<DB>,
  content: ArticleContent,
  change: { actorId: number; at: string; note: string | null },
): Promise<number> {
  const { id } = await trx
    .insertInto('knowledge_articles')
    .values({
      ...contentColumns(content),
      state: 'draft',
      version: 1,
      published_version: null,
      rejection_reason: null,
      rejected_by: null,
      rejected_at: null,
      created_at: change.at,
      created_by: change.actorId,
      updated_at: change.at,
      updated_by: change.actorId,
      published_at: null,
      retired_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertVersion(trx, id, 1, content, change);
  return id;
}

export async function insertVersion(
  trx: Transaction<DB>,
  articleId: number,
  version: number,
  content: ArticleContent,
  change: { actorId: number; at: string; note: string | null },
): Promise<void> {
  await trx
    .insertInto('knowledge_versions')
    .values({
      ...contentColumns(content),
      article_id: articleId,
      version,
      note: change.note,
      changed_by: change.actorId,
      changed_at: change.at,
      published_at: null,
      published_by: null,
      approval_note: null,
    })
    .execute();
}

export async function updateArticle(
  trx: Transaction<DB>,
  id: number,
  patch: Updateable<KnowledgeArticleTable>,
): Promise<void> {
  await trx.updateTable('knowledge_articles').set(patch).where('id', '=', id).execute();
}

export async function markVersionPublished(
  trx: Transaction<DB>,
  articleId: number,
  version: number,
  approval: { actorId: number; at: string; note: string | null },
): Promise<void> {
  await trx
    .updateTable('knowledge_versions')
    .set({
      published_at: approval.at,
      published_by: approval.actorId,
      approval_note: approval.note,
    })
    .where('article_id', '=', articleId)
    .where('version', '=', version)
    .execute();
}

export async function findVersion(
  db: Executor,
  articleId: number,
  version: number,
): Promise<VersionRecord | undefined> {
  const row = await db
    .selectFrom('knowledge_versions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && toVersion(row);
}

export async function listVersions(db: Executor, articleId: number): Promise<VersionRecord[]> {
  const rows = await db
    .selectFrom('knowledge_versions')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toVersion);
}

/** The live versions of several articles (the ones search hits point to), by article id. */
export async function liveVersions(
  db: Executor,
  articleIds: readonly number[],
): Promise<Map<number, { article: ArticleRecord; live: VersionRecord }>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('knowledge_articles as a')
    .innerJoin('knowledge_versions as v', (join) =>
      join.onRef('v.article_id', '=', 'a.id').onRef('v.version', '=', 'a.published_version'),
    )
    .selectAll('v')
    .where('a.id', 'in', [...articleIds])
    .where('a.state', '!=', 'retired')
    .execute();
  const articles = await db
    .selectFrom('knowledge_articles')
    .selectAll()
    .where('id', 'in', rows.map((row) => row.article_id).concat([0]))
    .execute();
  const byId = new Map(articles.map((row) => [row.id, toArticle(row)]));
  const out = new Map<number, { article: ArticleRecord; live: VersionRecord }>();
  for (const row of rows) {
    const article = byId.get(row.article_id);
    if (article) out.set(row.article_id, { article, live: toVersion(row) });
  }
  return out;
}

export interface ArticleListFilter {
  /** Only these owner units (a unit editor's own); absent: all. */
  ownerUnitIds?: number[];
  state?: ArticleState;
  /** Review date reached (today or before), retired articles left out. */
  reviewDueBy?: string;
  q?: string;
}

const likePattern = (text: string): string =>
  `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A page of articles (newest change first) and how many match. */
export async function listArticles(
  db: Executor,
  filter: ArticleListFilter,
  page: { offset: number; limit: number },
): Promise<{ items: ArticleRecord[]; total: number }> {
  let query = db.selectFrom('knowledge_articles');
  if (filter.ownerUnitIds) {
    query = query.where('owner_unit_id', 'in', filter.ownerUnitIds.concat([0]));
  }
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.reviewDueBy) {
    query = query.where('review_by', '<=', filter.reviewDueBy).where('state', '!=', 'retired');
  }
  if (filter.q) {
    const pattern = likePattern(filter.q);
    query = query.where(sql<boolean>`lower(title) LIKE ${pattern} ESCAPE '\\'`);
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map(toArticle), total: Number(count?.n ?? 0) };
}

/** Every article an export includes (a unit's, or all), oldest first. */
export async function allArticles(
  db: Executor,
  ownerUnitIds: number[] | undefined,
): Promise<ArticleRecord[]> {
  let query = db.selectFrom('knowledge_articles').selectAll();
  if (ownerUnitIds) query = query.where('owner_unit_id', 'in', ownerUnitIds.concat([0]));
  return (await query.orderBy('id').execute()).map(toArticle);
}

/** How many times each article was used to answer an appeal. */
export async function useCounts(
  db: Executor,
  articleIds: readonly number[],
): Promise<Map<number, number>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('knowledge_uses')
    .select(['article_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('article_id', 'in', [...articleIds])
    .groupBy('article_id')
    .execute();
  return new Map(rows.map((row) => [row.article_id, Number(row.n)]));
}

/** Display names of users and units, for the names an article shows. */
export async function namesOf(
  db: Executor,
  ids: { users: readonly number[]; units: readonly number[] },
): Promise<{ users: Map<number, string>; units: Map<number, string> }> {
  const userIds = [...new Set(ids.users)];
  const unitIds = [...new Set(ids.units)];
  const [users, units] = await Promise.all([
    userIds.length
      ? db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute()
      : [],
    unitIds.length
      ? db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute()
      : [],
  ]);
  return {
    users: new Map(users.map((u) => [u.id, u.display_name])),
    units: new Map(units.map((u) => [u.id, u.name])),
  };
}

/** The working title and owner unit of several articles, by id. */
export async function articleTitles(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, { title: string; ownerUnitId: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('knowledge_articles')
    .select(['id', 'title', 'owner_unit_id'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, { title: row.title, ownerUnitId: row.owner_unit_id }]));
}

import { sql } from 'kysely';
import type { Executor } from './articles.repository.js';

/** A half-open span of instants [fromAt, toAt) as stored (ISO-8601 UTC). */
export interface Span {
  fromAt: string;
  toAt: string;
}

const count = (value: number | string | bigint | null | undefined): number => Number(value ?? 0);

/** Uses per article in the span, most used first. */
export async function usesPerArticle(
  db: Executor,
  span: Span,
  limit: number,
): Promise<{ articleId: number; uses: number }[]> {
  const rows = await db
    .selectFrom('knowledge_uses')
    .select(['article_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('used_at', '>=', span.fromAt)
    .where('used_at', '<', span.toAt)
    .groupBy('article_id')
    .orderBy('n', 'desc')
    .orderBy('article_id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ articleId: row.article_id, uses: count(row.n) }));
}

/** The gaps of the span, newest first (the report groups them by category). */
export async function gapsIn(
  db: Executor,
  span: Span,
): Promise<{ categoryId: number | null; text: string }[]> {
  const rows = await db
    .selectFrom('knowledge_gaps')
    .select(['category_id', 'text'])
    .where('created_at', '>=', span.fromAt)
    .where('created_at', '<', span.toAt)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => ({ categoryId: row.category_id, text: row.text }));
}

/**
 * Per category, the tickets created in the span (invalid ones left out: they are not valid
 * contacts), how many closed as a direct answer, and how many of those with an article.
 */
export async function directAnswersPerCategory(
  db: Executor,
  span: Span,
): Promise<{ categoryId: number; tickets: number; directAnswers: number; withArticle: number }[]> {
  const rows = await db
    .selectFrom('tickets as t')
    .select((eb) => [
      't.category_id',
      eb.fn.countAll<number | string>().as('tickets'),
      eb.fn
        .sum<number | string>(sql`CASE WHEN t.resolution = 'direct_answer' THEN 1 ELSE 0 END`)
        .as('direct'),
      eb.fn
        .sum<number | string>(
          sql`CASE WHEN t.resolution = 'direct_answer' AND EXISTS (SELECT 1 FROM knowledge_uses u WHERE u.ticket_id = t.id) THEN 1 ELSE 0 END`,
        )
        .as('with_article'),
    ])
    .where('t.created_at', '>=', span.fromAt)
    .where('t.created_at', '<', span.toAt)
    .where('t.category_id', 'is not', null)
    .where((eb) => eb.or([eb('t.resolution', 'is', null), eb('t.resolution', '!=', 'invalid')]))
    .groupBy('t.category_id')
    .execute();
  return rows.map((row) => ({
    categoryId: row.category_id!,
    tickets: count(row.tickets),
    directAnswers: count(row.direct),
    withArticle: count(row.with_article),
  }));
}

/** Versions written in the span: the first of an article is its creation, later ones updates. */
export async function versionsWritten(
  db: Executor,
  span: Span,
): Promise<{ ownerUnitId: number; version: number }[]> {
  const rows = await db
    .selectFrom('knowledge_versions')
    .select(['owner_unit_id', 'version'])
    .where('changed_at', '>=', span.fromAt)
    .where('changed_at', '<', span.toAt)
    .execute();
  return rows.map((row) => ({ ownerUnitId: row.owner_unit_id, version: row.version }));
}

/** Versions approved (gone live) in the span, by the owner unit they name. */
export async function versionsPublished(db: Executor, span: Span): Promise<number[]> {
  const rows = await db
    .selectFrom('knowledge_versions')
    .select('owner_unit_id')
    .where('published_at', '>=', span.fromAt)
    .where('published_at', '<', span.toAt)
    .execute();
  return rows.map((row) => row.owner_unit_id);
}

/** Articles retired in the span, by owner unit. */
export async function articlesRetired(db: Executor, span: Span): Promise<number[]> {
  const rows = await db
    .selectFrom('knowledge_articles')
    .select('owner_unit_id')
    .where('retired_at', '>=', span.fromAt)
    .where('retired_at', '<', span.toAt)
    .execute();
  return rows.map((row) => row.owner_unit_id);
}

/** Every article not retired: owner, whether a version is live, its expiry, the review date. */
export async function articlesForFreshness(db: Executor) {
  const rows = await db
    .selectFrom('knowledge_articles as a')
    .leftJoin('knowledge_versions as v', (join) =>
      join.onRef('v.article_id', '=', 'a.id').onRef('v.version', '=', 'a.published_version'),
    )
    .select([
      'a.id',
      'a.owner_unit_id',
      'a.published_version',
      'v.expires_on as live_expires_on',
      'a.review_by',
    ])
    .where('a.state', '!=', 'retired')
    .execute();
  return rows;
}

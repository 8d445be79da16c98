import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Executor } from './articles.repository.js';

/** Records that an article answered an appeal (the ticket closed as a direct answer). */
export async function insertUse(
  trx: Transaction<DB>,
  use: {
    articleId: number;
    version: number;
    ticketId: number;
    actorId: number;
    categoryId: number | null;
    at: string;
  },
): Promise<void> {
  await trx
    .insertInto('knowledge_uses')
    .values({
      article_id: use.articleId,
      version: use.version,
      ticket_id: use.ticketId,
      actor_id: use.actorId,
      category_id: use.categoryId,
      used_at: use.at,
    })
    .execute();
}

/** Records "no answer found": the appeal's text, for the editors to write the missing answer. */
export async function insertGap(
  trx: Transaction<DB>,
  gap: {
    text: string;
    categoryId: number | null;
    contactId: number | null;
    actorId: number;
    unitId: number;
    at: string;
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('knowledge_gaps')
    .values({
      text: gap.text,
      category_id: gap.categoryId,
      contact_id: gap.contactId,
      actor_id: gap.actorId,
      unit_id: gap.unitId,
      created_at: gap.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function contactExists(db: Executor, id: number): Promise<boolean> {
  const row = await db.selectFrom('contacts').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

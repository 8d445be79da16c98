import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { AttributeDefinition, Datatype, ListValue } from './attribute-rules.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** The attributes of some categories (all when `categoryIds` is absent), by category, in order. */
export async function listAttributes(
  db: Executor,
  categoryIds?: readonly number[],
): Promise<Map<number, AttributeDefinition[]>> {
  let query = db
    .selectFrom('open311_service_attributes')
    .selectAll()
    .orderBy('category_id')
    .orderBy('position');
  if (categoryIds) {
    if (categoryIds.length === 0) return new Map();
    query = query.where('category_id', 'in', categoryIds);
  }
  const byCategory = new Map<number, AttributeDefinition[]>();
  for (const row of await query.execute()) {
    const list = byCategory.get(row.category_id) ?? [];
    list.push({
      code: row.code,
      variable: row.variable === 1,
      datatype: row.datatype as Datatype,
      required: row.required === 1,
      description: row.description,
      datatypeDescription: row.datatype_description,
      order: row.position,
      values: JSON.parse(row.list_values) as ListValue[],
    });
    byCategory.set(row.category_id, list);
  }
  return byCategory;
}

/** How many attributes each category has (categories without any are absent). */
export async function countAttributes(db: Executor): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('open311_service_attributes')
    .select(['category_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('category_id')
    .execute();
  return new Map(rows.map((row) => [row.category_id, Number(row.n)]));
}

/** When a category's attributes were last saved, or null. */
export async function attributesUpdatedAt(
  db: Executor,
  categoryId?: number,
): Promise<string | null> {
  let query = db
    .selectFrom('open311_service_attributes')
    .select((eb) => eb.fn.max('updated_at').as('at'));
  if (categoryId !== undefined) query = query.where('category_id', '=', categoryId);
  const row = await query.executeTakeFirst();
  return row?.at ?? null;
}

/** Replaces a category's attributes by `definitions`, in their order. */
export async function replaceAttributes(
  trx: Transaction<DB>,
  categoryId: number,
  definitions: readonly AttributeDefinition[],
  by: number,
  at: string,
): Promise<void> {
  await trx
    .deleteFrom('open311_service_attributes')
    .where('category_id', '=', categoryId)
    .execute();
  if (definitions.length === 0) return;
  await trx
    .insertInto('open311_service_attributes')
    .values(
      definitions.map((d) => ({
        category_id: categoryId,
        code: d.code,
        position: d.order,
        variable: d.variable ? 1 : 0,
        datatype: d.datatype,
        required: d.required ? 1 : 0,
        description: d.description,
        datatype_description: d.datatypeDescription,
        list_values: JSON.stringify(d.values),
        updated_by: by,
        updated_at: at,
      })),
    )
    .execute();
}

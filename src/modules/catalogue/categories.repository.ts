import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CategoryTable, DB } from '../../platform/db/schema.js';
import type { CategoryRecord } from './category-rules.js';

export type Executor = Kysely<DB> | Transaction<DB>;

export function toCategoryRecord(row: Selectable<CategoryTable>): CategoryRecord {
  return {
    id: row.id,
    code: row.code,
    parentId: row.parent_id,
    level: row.level as 1 | 2 | 3,
    name: row.name,
    nameEn: row.name_en,
    keywords: row.keywords ? (JSON.parse(row.keywords) as string[]) : [],
    active: row.active === 1,
  };
}

export interface CategoryValues {
  code: string;
  parentId: number | null;
  level: number;
  name: string;
  nameEn: string | null;
  keywords: string[];
  active: boolean;
}

const toRow = (values: Partial<CategoryValues>) => ({
  ...(values.code !== undefined && { code: values.code }),
  ...(values.parentId !== undefined && { parent_id: values.parentId }),
  ...(values.level !== undefined && { level: values.level }),
  ...(values.name !== undefined && { name: values.name }),
  ...(values.nameEn !== undefined && { name_en: values.nameEn }),
  ...(values.keywords !== undefined && { keywords: JSON.stringify(values.keywords) }),
  ...(values.active !== undefined && { active: values.active ? 1 : 0 }),
});

export async function listCategoryRecords(
  db: Executor,
  options: { includeInactive?: boolean } = {},
): Promise<CategoryRecord[]> {
  let query = db.selectFrom('categories').selectAll().orderBy('code');
  if (!options.includeInactive) query = query.where('active', '=', 1);
  return (await query.execute()).map(toCategoryRecord);
}

/** A category with its ancestors' ids and names (nearest first), in one query. */
export async function findCategoryWithAncestors(
  db: Executor,
  id: number,
): Promise<{ category: CategoryRecord; ancestors: { id: number; name: string }[] } | null> {
  const row = await db
    .selectFrom('categories as c')
    .leftJoin('categories as p', 'p.id', 'c.parent_id')
    .leftJoin('categories as g', 'g.id', 'p.parent_id')
    .selectAll('c')
    .select(['p.id as p_id', 'p.name as p_name', 'g.id as g_id', 'g.name as g_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const ancestors: { id: number; name: string }[] = [];
  if (row.p_id !== null) ancestors.push({ id: row.p_id, name: row.p_name ?? '' });
  if (row.g_id !== null) ancestors.push({ id: row.g_id, name: row.g_name ?? '' });
  return { category: toCategoryRecord(row), ancestors };
}

export async function insertCategory(trx: Executor, values: CategoryValues): Promise<number> {
  const row = await trx
    .insertInto('categories')
    .values({
      code: values.code,
      parent_id: values.parentId,
      level: values.level,
      name: values.name,
      name_en: values.nameEn,
      keywords: JSON.stringify(values.keywords),
      active: values.active ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCategoryRow(
  trx: Executor,
  id: number,
  values: Partial<CategoryValues>,
): Promise<void> {
  const patch = toRow(values);
  if (Object.keys(patch).length === 0) return;
  await trx.updateTable('categories').set(patch).where('id', '=', id).execute();
}

/** Deactivates a category and everything under it; returns how many rows changed. */
export async function deactivateSubtree(trx: Executor, id: number): Promise<number> {
  const children = trx.selectFrom('categories').select('id').where('parent_id', '=', id);
  const result = await trx
    .updateTable('categories')
    .set({ active: 0 })
    .where('active', '=', 1)
    .where((eb) =>
      eb.or([eb('id', '=', id), eb('parent_id', '=', id), eb('parent_id', 'in', children)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The category named `name` under `parentId` (or among the roots), active or not. */
export async function findSiblingByName(
  db: Executor,
  parentId: number | null,
  name: string,
): Promise<CategoryRecord | null> {
  const query = db.selectFrom('categories').selectAll().where('name', '=', name);
  const row = await (
    parentId === null
      ? query.where('parent_id', 'is', null)
      : query.where('parent_id', '=', parentId)
  ).executeTakeFirst();
  return row ? toCategoryRecord(row) : null;
}

/** Every category code in use (active or not): codes are unique across the tree. */
export async function allCategoryCodes(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('categories').select('code').execute();
  return new Set(rows.map((r) => r.code));
}

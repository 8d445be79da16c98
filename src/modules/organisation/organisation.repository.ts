import {
  sql,
  type Kysely,
  type SelectQueryBuilder,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { DB, UnitTable } from '../../platform/db/schema.js';
import type { Jurisdiction, Unit, UnitFilter, UnitType } from './unit.js';

export type Executor = Kysely<DB> | Transaction<DB>;

const COLUMNS = [
  'id',
  'code',
  'name',
  'name_en',
  'type',
  'parent_id',
  'district_id',
  'adcode',
  'aliases',
  'active',
] as const;

interface UnitRow {
  id: number;
  code: string;
  name: string;
  name_en: string | null;
  type: string;
  parent_id: number | null;
  district_id: number | null;
  adcode: string | null;
  aliases: string | null;
  active: number;
  has_jurisdiction: number;
}

function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    type: row.type as UnitType,
    parentId: row.parent_id,
    districtId: row.district_id,
    adcode: row.adcode,
    aliases: row.aliases ? (JSON.parse(row.aliases) as string[]) : [],
    active: row.active === 1,
    hasJurisdiction: Number(row.has_jurisdiction) === 1,
  };
}

// The polygon itself can be large: lists say only whether there is one.
const selectUnits = (db: Executor) =>
  db
    .selectFrom('units')
    .select(COLUMNS)
    .select((eb) =>
      eb.case().when('jurisdiction', 'is', null).then(0).else(1).end().as('has_jurisdiction'),
    );

export async function findUnit(db: Executor, id: number): Promise<Unit | null> {
  const row = await selectUnits(db).where('id', '=', id).executeTakeFirst();
  return row ? toUnit(row) : null;
}

export async function findUnits(db: Executor, ids: readonly number[]): Promise<Unit[]> {
  if (ids.length === 0) return [];
  const rows = await selectUnits(db)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map(toUnit);
}

export async function findUnitByCode(db: Executor, code: string): Promise<Unit | null> {
  const row = await selectUnits(db).where('code', '=', code).executeTakeFirst();
  return row ? toUnit(row) : null;
}

/** `%text%` for LIKE, with the wildcard characters of the text itself escaped. */
const containsPattern = (text: string): string =>
  `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function applyFilter<O>(
  query: SelectQueryBuilder<DB, 'units', O>,
  filter: UnitFilter,
): SelectQueryBuilder<DB, 'units', O> {
  let q = query;
  if (!filter.includeInactive) q = q.where('active', '=', 1);
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.parentId !== undefined) q = q.where('parent_id', '=', filter.parentId);
  if (filter.districtId !== undefined) q = q.where('district_id', '=', filter.districtId);
  const text = filter.q?.trim();
  if (text) {
    const pattern = containsPattern(text);
    const like = (column: 'code' | 'name' | 'name_en' | 'aliases') =>
      sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
    q = q.where((eb) => eb.or([like('code'), like('name'), like('name_en'), like('aliases')]));
  }
  return q;
}

export async function listUnits(
  db: Executor,
  filter: UnitFilter,
  page?: { limit: number; offset: number },
): Promise<Unit[]> {
  let query = applyFilter(selectUnits(db), filter).orderBy('id');
  if (page) query = query.limit(page.limit).offset(page.offset);
  return (await query.execute()).map(toUnit);
}

export async function countUnits(db: Executor, filter: UnitFilter): Promise<number> {
  const row = await applyFilter(db.selectFrom('units'), filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUnit(
  trx: Transaction<DB>,
  values: Omit<UnitTable, 'id' | 'jurisdiction' | 'aliases' | 'active'> & {
    aliases: string[];
    jurisdiction: Jurisdiction | null;
  },
): Promise<number> {
  const row = await trx
    .insertInto('units')
    .values({
      ...values,
      aliases: aliasesColumn(values.aliases),
      jurisdiction: values.jurisdiction ? JSON.stringify(values.jurisdiction) : null,
      active: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUnitRow(
  trx: Transaction<DB>,
  id: number,
  values: Updateable<UnitTable>,
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await trx.updateTable('units').set(values).where('id', '=', id).execute();
}

export const aliasesColumn = (aliases: string[]): string | null =>
  aliases.length ? JSON.stringify(aliases) : null;

/** Every unit below `id`, level by level (the tree is shallow: a handful of queries). */
export async function descendantIds(db: Executor, id: number): Promise<number[]> {
  const found: number[] = [];
  let level = [id];
  while (level.length > 0) {
    const rows = await db
      .selectFrom('units')
      .select('id')
      .where('parent_id', 'in', level)
      .execute();
    level = rows.map((r) => r.id).filter((child) => !found.includes(child) && child !== id);
    found.push(...level);
  }
  return found;
}

export async function setDistrictOf(
  trx: Transaction<DB>,
  ids: readonly number[],
  districtId: number | null,
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('units')
    .set({ district_id: districtId })
    .where('id', 'in', [...ids])
    .execute();
}

export async function hasActiveChildren(db: Executor, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('units')
    .select('id')
    .where('parent_id', '=', id)
    .where('active', '=', 1)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function findJurisdiction(db: Executor, id: number): Promise<Jurisdiction | null> {
  const row = await db
    .selectFrom('units')
    .select('jurisdiction')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.jurisdiction ? (JSON.parse(row.jurisdiction) as Jurisdiction) : null;
}

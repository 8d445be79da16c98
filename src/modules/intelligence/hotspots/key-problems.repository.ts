import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface KeyProblemRecord {
  id: number;
  month: string;
  title: string;
  leadUnitId: number;
  categoryId: number | null;
  districtId: number | null;
  keywords: string[];
  measures: string;
  startDate: string;
  weeks: number;
  source: { label: string; ticketIds: number[] } | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type KeyProblemFields = Pick<
  KeyProblemRecord,
  | 'month'
  | 'title'
  | 'leadUnitId'
  | 'categoryId'
  | 'districtId'
  | 'keywords'
  | 'measures'
  | 'startDate'
  | 'weeks'
>;

export interface KeyProblemChange {
  id: number;
  actorId: number;
  at: string;
  action: 'created' | 'updated';
  changes: Record<string, { before: unknown; after: unknown }>;
}

type Row = {
  id: number;
  month: string;
  title: string;
  lead_unit_id: number;
  category_id: number | null;
  district_id: number | null;
  keywords: string;
  measures: string;
  start_date: string;
  weeks: number;
  source: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: number;
};

const toRecord = (r: Row): KeyProblemRecord => ({
  id: r.id,
  month: r.month,
  title: r.title,
  leadUnitId: r.lead_unit_id,
  categoryId: r.category_id,
  districtId: r.district_id,
  keywords: JSON.parse(r.keywords) as string[],
  measures: r.measures,
  startDate: r.start_date,
  weeks: r.weeks,
  source: r.source ? (JSON.parse(r.source) as KeyProblemRecord['source']) : null,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

const toColumns = (f: Partial<KeyProblemFields>) => ({
  ...(f.month !== undefined && { month: f.month }),
  ...(f.title !== undefined && { title: f.title }),
  ...(f.leadUnitId !== undefined && { lead_unit_id: f.leadUnitId }),
  ...(f.categoryId !== undefined && { category_id: f.categoryId }),
  ...(f.districtId !== undefined && { district_id: f.districtId }),
  ...(f.keywords !== undefined && { keywords: JSON.stringify(f.keywords) }),
  ...(f.measures !== undefined && { measures: f.measures }),
  ...(f.startDate !== undefined && { start_date: f.startDate }),
  ...(f.weeks !== undefined && { weeks: f.weeks }),
});

export async function insertKeyProblem(
  trx: Transaction<DB>,
  fields: KeyProblemFields & { source: KeyProblemRecord['source']; by: number; at: string },
): Promise<number> {
  const row = await trx
    .insertInto('key_problems')
    .values({
      month: fields.month,
      title: fields.title,
      lead_unit_id: fields.leadUnitId,
      category_id: fields.categoryId,
      district_id: fields.districtId,
      keywords: JSON.stringify(fields.keywords),
      measures: fields.measures,
      start_date: fields.startDate,
      weeks: fields.weeks,
      source: fields.source ? JSON.stringify(fields.source) : null,
      created_by: fields.by,
      created_at: fields.at,
      updated_at: fields.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates when the version still matches; false otherwise. */
export async function updateKeyProblem(
  trx: Transaction<DB>,
  id: number,
  version: number,
  fields: Partial<KeyProblemFields>,
  at: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('key_problems')
    .set({ ...toColumns(fields), updated_at: at, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertHistory(
  trx: Transaction<DB>,
  entry: Omit<KeyProblemChange, 'id'> & { keyProblemId: number },
): Promise<void> {
  await trx
    .insertInto('key_problem_history')
    .values({
      key_problem_id: entry.keyProblemId,
      actor_id: entry.actorId,
      at: entry.at,
      action: entry.action,
      changes: JSON.stringify(entry.changes),
    })
    .execute();
}

export async function findKeyProblem(db: Executor, id: number) {
  const row = await db
    .selectFrom('key_problems')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function listKeyProblems(
  db: Executor,
  filter: { month?: string; leadUnitId?: number },
): Promise<KeyProblemRecord[]> {
  let query = db.selectFrom('key_problems').selectAll();
  if (filter.month) query = query.where('month', '=', filter.month);
  if (filter.leadUnitId !== undefined) query = query.where('lead_unit_id', '=', filter.leadUnitId);
  const rows = await query.orderBy('month', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map(toRecord);
}

export async function historyOf(db: Executor, id: number): Promise<KeyProblemChange[]> {
  const rows = await db
    .selectFrom('key_problem_history')
    .selectAll()
    .where('key_problem_id', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    actorId: r.actor_id,
    at: r.at,
    action: r.action === 'created' ? 'created' : 'updated',
    changes: JSON.parse(r.changes) as KeyProblemChange['changes'],
  }));
}

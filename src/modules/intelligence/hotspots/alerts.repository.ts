import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { WarningPeriod } from './early-warning-rules.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface Alert {
  id: number;
  period: WarningPeriod;
  periodStart: string;
  categoryId: number;
  districtId: number;
  observed: number;
  expected: number;
  pValue: number;
  baseline: Record<string, unknown>;
  state: 'open' | 'acknowledged';
  createdAt: string;
  acknowledgedBy: number | null;
  acknowledgedAt: string | null;
  note: string | null;
}

type Row = {
  id: number;
  period: string;
  period_start: string;
  category_id: number;
  district_id: number;
  observed: number;
  expected: number;
  p_value: number;
  baseline: string;
  state: string;
  created_at: string;
  acknowledged_by: number | null;
  acknowledged_at: string | null;
  note: string | null;
};

const toAlert = (r: Row): Alert => ({
  id: r.id,
  period: r.period === 'week' ? 'week' : 'day',
  periodStart: r.period_start,
  categoryId: r.category_id,
  districtId: r.district_id,
  observed: r.observed,
  expected: Number(r.expected),
  pValue: Number(r.p_value),
  baseline: JSON.parse(r.baseline) as Record<string, unknown>,
  state: r.state === 'acknowledged' ? 'acknowledged' : 'open',
  createdAt: r.created_at,
  acknowledgedBy: r.acknowledged_by,
  acknowledgedAt: r.acknowledged_at,
  note: r.note,
});

export interface NewAlert {
  period: WarningPeriod;
  periodStart: string;
  categoryId: number;
  districtId: number;
  observed: number;
  expected: number;
  pValue: number;
  baseline: Record<string, unknown>;
  createdAt: string;
}

/** Inserts the alert unless one exists for its (period, start, category, district); its id or null. */
export async function insertAlert(trx: Transaction<DB>, alert: NewAlert): Promise<number | null> {
  const row = await trx
    .insertInto('hotspot_alerts')
    .values({
      period: alert.period,
      period_start: alert.periodStart,
      category_id: alert.categoryId,
      district_id: alert.districtId,
      observed: alert.observed,
      expected: alert.expected,
      p_value: alert.pValue,
      baseline: JSON.stringify(alert.baseline),
      state: 'open',
      created_at: alert.createdAt,
      acknowledged_by: null,
      acknowledged_at: null,
      note: null,
    })
    .onConflict((oc) =>
      oc.columns(['period', 'period_start', 'category_id', 'district_id']).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The keys already alerted among some periods: `${period}:${start}:${category}:${district}`. */
export async function alertedKeys(
  db: Executor,
  periods: ReadonlyArray<{ period: WarningPeriod; start: string }>,
): Promise<Set<string>> {
  if (periods.length === 0) return new Set();
  const rows = await db
    .selectFrom('hotspot_alerts')
    .select(['period', 'period_start', 'category_id', 'district_id'])
    .where('period_start', 'in', [...new Set(periods.map((p) => p.start))])
    .execute();
  return new Set(
    rows.map((r) => `${r.period}:${r.period_start}:${r.category_id}:${r.district_id}`),
  );
}

export async function listAlerts(
  db: Executor,
  filter: { state?: 'open' | 'acknowledged'; districtId?: number | null; limit: number },
): Promise<Alert[]> {
  let query = db.selectFrom('hotspot_alerts').selectAll();
  if (filter.state) query = query.where('state', '=', filter.state);
  if (filter.districtId) query = query.where('district_id', '=', filter.districtId);
  const rows = await query
    .orderBy('period_start', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map(toAlert);
}

export async function findAlert(db: Executor, id: number): Promise<Alert | undefined> {
  const row = await db
    .selectFrom('hotspot_alerts')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toAlert(row) : undefined;
}

export async function acknowledgeAlert(
  trx: Transaction<DB>,
  id: number,
  by: { userId: number; at: string; note: string | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('hotspot_alerts')
    .set({
      state: 'acknowledged',
      acknowledged_by: by.userId,
      acknowledged_at: by.at,
      note: by.note,
    })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

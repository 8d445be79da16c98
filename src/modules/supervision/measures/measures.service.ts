import { sql, type Kysely } from 'kysely';
import type { Actor } from '../../../platform/actor.js';
import type { Database } from '../../../platform/db/database.js';
import type { DB } from '../../../platform/db/schema.js';
import { ValidationError } from '../../../platform/errors.js';
import {
  columnOf,
  COUNT_NAMES,
  DAY_OF_COUNT,
  zeroCounts,
  type CountName,
  type Counts,
} from './measure-facts.js';
import {
  averageHandlingHours,
  measuresScope,
  ratesOf,
  type CompositeWeights,
  type Rates,
} from './measure-rates.js';
import { COUNTER_TABLES, type CounterTable } from './rollup.repository.js';

export const DIMENSIONS = [
  'unit',
  'district',
  'category',
  'channel',
  'day',
  'week',
  'month',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface MeasureFilter {
  unitId?: number;
  unitType?: string;
  districtId?: number;
  categoryId?: number;
  channel?: string;
}

export interface MeasureQuery extends MeasureFilter {
  from: string;
  to: string;
  by: string;
}

export interface MeasureRow {
  key: string;
  label: string;
  labelEn: string | null;
  counts: Counts;
  rates: Rates;
  averageHandlingHours: number | null;
}

export interface DrillDownQuery extends MeasureFilter {
  count: string;
  from: string;
  to: string;
  by?: string;
  key?: string;
  limit?: number;
  offset?: number;
}

export interface DrillDownItem {
  id: number;
  number: string;
  title: string;
  status: string;
  channel: string;
  categoryName: string | null;
  districtName: string | null;
  unitName: string | null;
  createdAt: string;
}

/** The intake pseudo-unit: contacts and direct answers, tickets never dispatched. */
const INTAKE_LABEL = { label: '热线受理', labelEn: 'Hotline intake' };
const NONE_LABEL = { label: '（无）', labelEn: '(none)' };
const CHANNEL_LABELS: Record<string, [string, string]> = {
  phone: ['电话', 'Phone'],
  web: ['网站', 'Web portal'],
  app: ['移动应用', 'Mobile app'],
  wechat: ['微信', 'WeChat'],
  weibo: ['微博', 'Weibo'],
  sms: ['短信', 'SMS'],
  email: ['电子邮件', 'E-mail'],
  walk_in: ['来访', 'Walk-in'],
};
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

type Weights = () => Promise<CompositeWeights>;

/**
 * The evaluation measures over a period, read from the counters only (never the tickets), and
 * the tickets behind one figure, read from the facts by index.
 */
export class MeasuresService {
  constructor(
    private readonly database: Database,
    private readonly weights: Weights,
  ) {}

  async query(
    actor: Actor,
    input: MeasureQuery,
  ): Promise<{ from: string; to: string; by: Dimension; rows: MeasureRow[]; total: MeasureRow }> {
    const scope = measuresScope(actor);
    const { from, to } = checkPeriod(input.from, input.to);
    const by = checkDimension(input.by, 'by');
    const filter = { ...input, districtId: scope.districtId ?? input.districtId };
    const db = this.database.db;
    const tree = await categoryTree(db);
    const column = groupColumn(by);
    const table = `${COUNTER_TABLES[counterTableFor(column, filter)].table} as c`;
    let query = db
      .selectFrom(table as 'measure_counters as c')
      .select(sql<string | number>`${sql.ref(`c.${column}`)}`.as('k'))
      .select(COUNT_NAMES.map((n) => sql<number>`SUM(${sql.ref(`c.${columnOf(n)}`)})`.as(n)))
      .where('c.day', '>=', from)
      .where('c.day', '<=', to)
      .groupBy(sql.ref(`c.${column}`));
    query = applyFilter(query, filter, tree, 'c');
    const raw = await query.execute();
    const groups = new Map<string, Counts>();
    const total = zeroCounts();
    for (const row of raw) {
      const key = foldKey(by, row.k, filter.categoryId, tree);
      const counts = groups.get(key) ?? zeroCounts();
      for (const n of COUNT_NAMES) {
        const value = Number((row as Record<string, unknown>)[n] ?? 0);
        counts[n] += value;
        total[n] += value;
      }
      groups.set(key, counts);
    }
    const weights = await this.weights();
    const labels = await labelsFor(db, by, [...groups.keys()], tree);
    const rows = [...groups].map(([key, counts]) =>
      measureRow(key, labels.get(key), counts, weights),
    );
    const timeLike = by === 'day' || by === 'week' || by === 'month';
    rows.sort((a, b) =>
      timeLike
        ? a.key.localeCompare(b.key)
        : a.label.localeCompare(b.label, 'zh-CN') || a.key.localeCompare(b.key),
    );
    const totalRow = measureRow('total', { label: '合计', labelEn: 'Total' }, total, weights);
    return { from, to, by, rows, total: totalRow };
  }

  /** The tickets behind one count (numerator or denominator) of a figure, newest first. */
  async tickets(
    actor: Actor,
    input: DrillDownQuery,
  ): Promise<{ items: DrillDownItem[]; total: number }> {
    const scope = measuresScope(actor);
    const { from, to } = checkPeriod(input.from, input.to);
    const count = input.count as CountName;
    if (!(COUNT_NAMES as readonly string[]).includes(count) || count === 'handlingSeconds')
      throw new ValidationError('count', 'Name one of the counts', 'VALIDATION_FAILED', {
        rule: 'enum',
        allowed: COUNT_NAMES.filter((c) => c !== 'handlingSeconds'),
      });
    const filter: MeasureFilter = { ...input, districtId: scope.districtId ?? input.districtId };
    const db = this.database.db;
    const tree = await categoryTree(db);
    const dayColumn = `f.${DAY_OF_COUNT[count]}_day`;
    let dayFrom = from;
    let dayTo = to;
    if (input.by !== undefined || input.key !== undefined) {
      const by = checkDimension(input.by, 'by');
      if (input.key === undefined || input.key === '')
        throw new ValidationError('key', 'Say which row of the figure', 'VALIDATION_FAILED', {
          rule: 'required',
        });
      const key = input.key;
      if (by === 'day' || by === 'week' || by === 'month') {
        const [start, end] = periodOfKey(by, key);
        dayFrom = start > dayFrom ? start : dayFrom;
        dayTo = end < dayTo ? end : dayTo;
      } else {
        const id = Number(key);
        if (by !== 'channel' && !Number.isInteger(id))
          throw new ValidationError('key', 'Not a row of this figure', 'VALIDATION_FAILED', {
            rule: 'pattern',
          });
        if (by === 'unit') filter.unitId = id;
        else if (by === 'district') filter.districtId = scope.districtId ?? id;
        else if (by === 'channel') filter.channel = key;
        else filter.categoryId = id;
      }
    }
    let query = db
      .selectFrom('measure_facts as f')
      .where(sql.ref(dayColumn), '>=', dayFrom)
      .where(sql.ref(dayColumn), '<=', dayTo)
      .where(sql.ref(`f.${columnOf(count)}`), '>', 0);
    query = applyFilter(query, filter, tree, 'f');
    const totalRow = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    // The page is chosen among the facts alone, then only its rows meet the tickets.
    const page = query
      .select(['f.ticket_id as ticket_id', 'f.unit_id as unit_id'])
      .orderBy('f.ticket_id', 'desc')
      .orderBy('f.unit_id')
      .limit(Math.min(Math.max(input.limit ?? 50, 1), 500))
      .offset(Math.max(input.offset ?? 0, 0))
      .as('p');
    const rows = await db
      .selectFrom(page)
      .innerJoin('tickets as t', 't.id', 'p.ticket_id')
      .leftJoin('categories as cat', 'cat.id', 't.category_id')
      .leftJoin('units as d', 'd.id', 't.district_id')
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .select([
        't.id',
        't.number',
        't.title',
        't.status',
        't.channel',
        't.created_at',
        'cat.name as category_name',
        'd.name as district_name',
        'u.name as unit_name',
      ])
      .orderBy('p.ticket_id', 'desc')
      .orderBy('p.unit_id')
      .execute();
    return {
      total: Number(totalRow?.n ?? 0),
      items: rows.map((r) => ({
        id: r.id,
        number: r.number,
        title: r.title,
        status: r.status,
        channel: r.channel,
        categoryName: r.category_name,
        districtName: r.district_name,
        unitName: r.unit_name,
        createdAt: r.created_at,
      })),
    };
  }
}

function measureRow(
  key: string,
  label: { label: string; labelEn: string | null } | undefined,
  counts: Counts,
  weights: CompositeWeights,
): MeasureRow {
  return {
    key,
    label: label?.label ?? key,
    labelEn: label?.labelEn ?? null,
    counts,
    rates: ratesOf(counts, weights),
    averageHandlingHours: averageHandlingHours(counts),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(value: string | undefined, field: string): string {
  const parsed = value && DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (!value || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== value)
    throw new ValidationError(field, `${field} must be a date YYYY-MM-DD`, 'VALIDATION_FAILED', {
      rule: 'format',
    });
  return value;
}

/** A period of whole days, `to` included, of at most 366 days. */
export function checkPeriod(fromText: string, toText: string): { from: string; to: string } {
  const from = checkDate(fromText, 'from');
  const to = checkDate(toText, 'to');
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days < 1)
    throw new ValidationError('to', 'The period ends before it starts', 'VALIDATION_FAILED', {
      rule: 'minimum',
    });
  if (days > MAX_DAYS)
    throw new ValidationError('to', `A period has at most ${MAX_DAYS} days`, 'VALIDATION_FAILED', {
      rule: 'maximum',
      limit: MAX_DAYS,
    });
  return { from, to };
}

function checkDimension(value: string | undefined, field: string): Dimension {
  if (!value || !(DIMENSIONS as readonly string[]).includes(value))
    throw new ValidationError(field, 'Group by one of the dimensions', 'VALIDATION_FAILED', {
      rule: 'enum',
      allowed: [...DIMENSIONS],
    });
  return value as Dimension;
}

/** The counter tables from the smallest to the full one. */
const SMALLEST_FIRST: readonly CounterTable[] = ['channel', 'unit', 'category', 'full'];

/**
 * The smallest counter table whose key holds the grouping column and every filtered column
 * (a unit type filters on the unit): the coarser tables hold the same sums with fewer rows.
 */
export function counterTableFor(column: string, filter: MeasureFilter): CounterTable {
  const needed = new Set([column]);
  if (filter.unitId !== undefined || filter.unitType !== undefined) needed.add('unit_id');
  if (filter.districtId !== undefined) needed.add('district_id');
  if (filter.categoryId !== undefined) needed.add('category_id');
  if (filter.channel !== undefined) needed.add('channel');
  const fits = (which: CounterTable) => {
    const keys: readonly string[] = COUNTER_TABLES[which].keys;
    return [...needed].every((c) => keys.includes(c));
  };
  return SMALLEST_FIRST.find(fits) ?? 'full';
}

function groupColumn(by: Dimension): string {
  switch (by) {
    case 'unit':
      return 'unit_id';
    case 'district':
      return 'district_id';
    case 'category':
      return 'category_id';
    case 'channel':
      return 'channel';
    case 'day':
    case 'week':
    case 'month':
      return 'day';
  }
}

/** The Monday of a day's ISO week. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}

function periodOfKey(by: 'day' | 'week' | 'month', key: string): [string, string] {
  if (by === 'month') {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(key))
      throw new ValidationError('key', 'A month is YYYY-MM', 'VALIDATION_FAILED', {
        rule: 'pattern',
      });
    return [`${key}-01`, `${key}-31`];
  }
  const day = checkDate(key, 'key');
  if (by === 'day') return [day, day];
  const monday = weekOf(day);
  return [monday, new Date(Date.parse(monday) + 6 * DAY_MS).toISOString().slice(0, 10)];
}

interface CategoryTree {
  parent: Map<number, number | null>;
  names: Map<number, { name: string; nameEn: string | null }>;
}

async function categoryTree(db: Kysely<DB>): Promise<CategoryTree> {
  const rows = await db
    .selectFrom('categories')
    .select(['id', 'parent_id', 'name', 'name_en'])
    .execute();
  return {
    parent: new Map(rows.map((r) => [r.id, r.parent_id])),
    names: new Map(rows.map((r) => [r.id, { name: r.name, nameEn: r.name_en }])),
  };
}

/** A category and everything below it. */
function descendants(tree: CategoryTree, root: number): number[] {
  const out: number[] = [];
  for (const id of tree.parent.keys()) {
    let at: number | null | undefined = id;
    while (at !== null && at !== undefined && at !== root) at = tree.parent.get(at);
    if (at === root) out.push(id);
  }
  return out.length > 0 ? out : [root];
}

/** The row a leaf category counts in: its first-level category, or the filter's child. */
function categoryRow(tree: CategoryTree, leaf: number, under: number | undefined): number {
  if (leaf === 0) return 0;
  let at = leaf;
  for (;;) {
    const parent = tree.parent.get(at) ?? null;
    if (parent === null || parent === (under ?? null) || at === under) return at;
    at = parent;
  }
}

function foldKey(
  by: Dimension,
  raw: string | number,
  categoryId: number | undefined,
  tree: CategoryTree,
): string {
  if (by === 'week') return weekOf(String(raw));
  if (by === 'month') return String(raw).slice(0, 7);
  if (by === 'category') return String(categoryRow(tree, Number(raw), categoryId));
  return String(raw);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function applyFilter<Q extends { where: (...args: any[]) => Q }>(
  query: Q,
  filter: MeasureFilter,
  tree: CategoryTree,
  alias: 'c' | 'f',
): Q {
  let q = query;
  if (filter.unitId !== undefined) q = q.where(sql.ref(`${alias}.unit_id`), '=', filter.unitId);
  if (filter.districtId !== undefined)
    q = q.where(sql.ref(`${alias}.district_id`), '=', filter.districtId);
  if (filter.channel !== undefined) q = q.where(sql.ref(`${alias}.channel`), '=', filter.channel);
  if (filter.categoryId !== undefined)
    q = q.where(sql.ref(`${alias}.category_id`), 'in', descendants(tree, filter.categoryId));
  if (filter.unitType !== undefined)
    q = q.where(
      sql.ref(`${alias}.unit_id`),
      'in',
      sql`(SELECT id FROM units WHERE type = ${filter.unitType})`,
    );
  return q;
}

async function labelsFor(
  db: Kysely<DB>,
  by: Dimension,
  keys: string[],
  tree: CategoryTree,
): Promise<Map<string, { label: string; labelEn: string | null }>> {
  const labels = new Map<string, { label: string; labelEn: string | null }>();
  for (const key of keys) {
    if (by === 'day' || by === 'week' || by === 'month')
      labels.set(key, { label: key, labelEn: key });
    else if (by === 'channel') {
      const [zh, en] = CHANNEL_LABELS[key] ?? [key, key];
      labels.set(key, { label: zh, labelEn: en });
    } else if (key === '0') labels.set(key, by === 'unit' ? INTAKE_LABEL : NONE_LABEL);
    else if (by === 'category') {
      const name = tree.names.get(Number(key));
      labels.set(key, { label: name?.name ?? key, labelEn: name?.nameEn ?? null });
    }
  }
  if (by === 'unit' || by === 'district') {
    const ids = keys.map(Number).filter((id) => id > 0);
    if (ids.length > 0) {
      const units = await db
        .selectFrom('units')
        .select(['id', 'name', 'name_en'])
        .where('id', 'in', ids)
        .execute();
      for (const u of units) labels.set(String(u.id), { label: u.name, labelEn: u.name_en });
    }
  }
  return labels;
}

import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { DialectName } from '../../../platform/db/database.js';
import type { DB } from '../../../platform/db/schema.js';
import {
  columnOf,
  COUNT_NAMES,
  DAY_KINDS,
  DAY_OF_COUNT,
  zeroCounts,
  type CounterKey,
  type Counts,
  type Fact,
  type TicketSnapshot,
} from './measure-facts.js';

type Executor = Kysely<DB> | Transaction<DB>;

const num = (value: unknown): number => Number(value ?? 0);
const parse = (text: string | null): Record<string, unknown> => {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/** Which tickets to read: a list of ids, or every id in (after, upTo] (the full recomputation). */
type TicketScope = { ids: number[] } | { after: number; upTo: number };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function inScope<Q extends { where: (...args: any[]) => Q }>(
  query: Q,
  column: string,
  scope: TicketScope,
): Q {
  if ('ids' in scope) return query.where(sql.ref(column), 'in', scope.ids);
  return query.where(sql.ref(column), '>', scope.after).where(sql.ref(column), '<=', scope.upTo);
}

/** Everything the facts of these tickets depend on, read in a few set queries. */
export async function loadSnapshots(
  db: Executor,
  ids: readonly number[],
): Promise<TicketSnapshot[]> {
  if (ids.length === 0) return [];
  return loadScope(db, { ids: [...ids] });
}

/** The same for every ticket whose id is in (after, upTo], by index range (no list of ids). */
export async function loadSnapshotRange(
  db: Executor,
  after: number,
  upTo: number,
): Promise<TicketSnapshot[]> {
  return loadScope(db, { after, upTo });
}

/** The id closing the next batch of at most `size` tickets after `after` (null: none left). */
export async function nextTicketBound(
  db: Executor,
  after: number,
  size: number,
): Promise<number | null> {
  const result = await sql<{ upTo: number | null }>`SELECT MAX(id) AS ${sql.ref('upTo')}
    FROM (SELECT id FROM tickets WHERE id > ${after} ORDER BY id LIMIT ${size}) t`.execute(db);
  const upTo = result.rows[0]?.upTo;
  return upTo === null || upTo === undefined ? null : Number(upTo);
}

async function loadScope(db: Executor, scope: TicketScope): Promise<TicketSnapshot[]> {
  const [tickets, contacts, assignments, events, callbacks, evaluations, returns, adjustments] =
    await Promise.all([
      inScope(
        db
          .selectFrom('tickets')
          .select([
            'id',
            'status',
            'channel',
            'category_id',
            'district_id',
            'lead_unit_id',
            'created_at',
            'dispatched_at',
            'sign_due_at',
            'reply_due_at',
            'replied_at',
            'resolution',
            'reopen_count',
          ]),
        'id',
        scope,
      ).execute(),
      inScope(
        db
          .selectFrom('contacts')
          .select(['ticket_id', (eb) => eb.fn.countAll().as('n')])
          .where('outcome', 'not in', ['invalid', 'abandoned'])
          .groupBy('ticket_id'),
        'ticket_id',
        scope,
      ).execute(),
      inScope(
        db
          .selectFrom('ticket_assignments')
          .select(['ticket_id', 'unit_id', 'dispatched_at', 'signed_at']),
        'ticket_id',
        scope,
      ).execute(),
      inScope(
        db
          .selectFrom('ticket_events')
          .select(['ticket_id', 'type', 'at', 'actor_unit_id', 'after'])
          .where('type', 'in', ['dispatch', 'reassign', 'reply']),
        'ticket_id',
        scope,
      ).execute(),
      inScope(
        db
          .selectFrom('ticket_callbacks')
          .select(['ticket_id', 'id', 'contacted', 'resolved', 'satisfaction', 'at']),
        'ticket_id',
        scope,
      ).execute(),
      inScope(
        db
          .selectFrom('citizen_evaluations')
          .select(['ticket_id', 'id', 'contacted', 'resolved', 'satisfaction', 'at']),
        'ticket_id',
        scope,
      ).execute(),
      inScope(
        db
          .selectFrom('ticket_requests')
          .select(['ticket_id', 'unit_id', (eb) => eb.fn.countAll().as('n')])
          .where('kind', '=', 'return')
          .where('state', '=', 'accepted')
          .groupBy(['ticket_id', 'unit_id']),
        'ticket_id',
        scope,
      ).execute(),
      inScope(
        db.selectFrom('evaluation_adjustments').select(['ticket_id', 'unit_id', 'aspect']),
        'ticket_id',
        scope,
      ).execute(),
    ]);
  const snapshots = new Map<number, TicketSnapshot>();
  for (const t of tickets)
    snapshots.set(t.id, {
      id: t.id,
      status: t.status,
      channel: t.channel,
      categoryId: t.category_id,
      districtId: t.district_id,
      leadUnitId: t.lead_unit_id,
      createdAt: t.created_at,
      dispatchedAt: t.dispatched_at,
      signDueAt: t.sign_due_at,
      replyDueAt: t.reply_due_at,
      repliedAt: t.replied_at,
      resolution: t.resolution,
      reopenCount: num(t.reopen_count),
      validContacts: 0,
      assignments: [],
      signDueByDispatch: new Map(),
      replies: [],
      evaluation: null,
      returnsAccepted: new Map(),
      adjustments: new Map(),
    });
  for (const c of contacts) {
    const s = snapshots.get(c.ticket_id!);
    if (s) s.validContacts = num(c.n);
  }
  for (const a of assignments)
    snapshots.get(a.ticket_id)?.assignments.push({
      unitId: a.unit_id,
      dispatchedAt: a.dispatched_at,
      signedAt: a.signed_at,
    });
  for (const e of events) {
    const s = snapshots.get(e.ticket_id);
    if (!s) continue;
    if (e.type === 'reply') s.replies.push({ at: e.at, unitId: e.actor_unit_id });
    else {
      const due = parse(e.after).signDueAt;
      if (typeof due === 'string') (s.signDueByDispatch as Map<string, string>).set(e.at, due);
    }
  }
  const latest = new Map<number, { at: string; order: number; row: (typeof callbacks)[number] }>();
  const consider = (row: (typeof callbacks)[number], order: number) => {
    const seen = latest.get(row.ticket_id);
    if (!seen || row.at > seen.at || (row.at === seen.at && order > seen.order))
      latest.set(row.ticket_id, { at: row.at, order, row });
  };
  for (const c of callbacks) consider(c, c.id * 2);
  for (const c of evaluations) consider(c, c.id * 2 + 1);
  for (const [ticketId, { row }] of latest) {
    const s = snapshots.get(ticketId);
    if (s)
      s.evaluation = {
        contacted: num(row.contacted) === 1,
        resolved: num(row.resolved) === 1,
        satisfaction: row.satisfaction,
        at: row.at,
      };
  }
  for (const r of returns)
    (snapshots.get(r.ticket_id)?.returnsAccepted as Map<number, number> | undefined)?.set(
      r.unit_id,
      num(r.n),
    );
  for (const a of adjustments) {
    const map = snapshots.get(a.ticket_id)?.adjustments as Map<number, Set<string>> | undefined;
    if (!map) continue;
    const set = map.get(a.unit_id) ?? new Set<string>();
    set.add(a.aspect);
    map.set(a.unit_id, set);
  }
  return [...snapshots.values()];
}

type FactRow = Record<string, string | number | null>;

const DAY_COLUMN = (kind: (typeof DAY_KINDS)[number]) => `${kind}_day`;

function fromRow(row: Record<string, unknown>): Fact {
  const counts = zeroCounts();
  for (const count of COUNT_NAMES) counts[count] = num(row[columnOf(count)]);
  const days = {} as Fact['days'];
  for (const kind of DAY_KINDS) days[kind] = (row[DAY_COLUMN(kind)] as string | null) ?? null;
  return {
    ticketId: num(row.ticket_id),
    unitId: num(row.unit_id),
    districtId: num(row.district_id),
    categoryId: num(row.category_id),
    channel: String(row.channel),
    days,
    counts,
  };
}

export async function readFacts(db: Executor, ids: readonly number[]): Promise<Fact[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('measure_facts')
    .selectAll()
    .where('ticket_id', 'in', [...ids])
    .execute();
  return rows.map((r) => fromRow(r as unknown as Record<string, unknown>));
}

/** Every fact row, in ticket order (for comparisons and tests). */
export async function readAllFacts(db: Executor): Promise<Fact[]> {
  const rows = await db
    .selectFrom('measure_facts')
    .selectAll()
    .orderBy('ticket_id')
    .orderBy('unit_id')
    .execute();
  return rows.map((r) => fromRow(r as unknown as Record<string, unknown>));
}

export async function replaceFacts(
  trx: Transaction<DB>,
  dialect: DialectName,
  ids: readonly number[],
  facts: readonly Fact[],
): Promise<void> {
  if (ids.length > 0)
    await trx
      .deleteFrom('measure_facts')
      .where('ticket_id', 'in', [...ids])
      .execute();
  await insertFacts(trx, dialect, facts);
}

/** The facts' columns, in the order insertFacts sends them. */
const FACT_COLUMNS = [
  'ticket_id',
  'unit_id',
  'district_id',
  'category_id',
  'channel',
  ...DAY_KINDS.map(DAY_COLUMN),
  ...COUNT_NAMES.map(columnOf),
];
/** Facts per INSERT statement (25 values each: well under both dialects' parameter limits). */
const FACTS_PER_INSERT = 100;

/** `INSERT INTO measure_facts … VALUES (…), …` for `rows` facts, in the dialect's placeholders. */
const insertText = (dialect: DialectName, rows: number): string => {
  const width = FACT_COLUMNS.length;
  const tuples = Array.from(
    { length: rows },
    (_, r) =>
      `(${FACT_COLUMNS.map((_c, i) => (dialect === 'postgres' ? `$${r * width + i + 1}` : '?')).join(', ')})`,
  );
  return `INSERT INTO measure_facts (${FACT_COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
};
const insertTexts = new Map<string, string>();

/**
 * Inserts facts by multi-row statements compiled once (the text of a full statement is the same
 * every time, so the driver's statement cache prepares it once): no query builder per row.
 */
export async function insertFacts(
  trx: Executor,
  dialect: DialectName,
  facts: readonly Fact[],
): Promise<void> {
  // Full statements, then the rest by powers of two: a handful of distinct statement texts.
  for (let i = 0; i < facts.length;) {
    const left = facts.length - i;
    const size = left >= FACTS_PER_INSERT ? FACTS_PER_INSERT : 2 ** Math.floor(Math.log2(left));
    const chunk = facts.slice(i, i + size);
    i += size;
    const id = `${dialect}:${chunk.length}`;
    let text = insertTexts.get(id);
    if (text === undefined) {
      text = insertText(dialect, chunk.length);
      insertTexts.set(id, text);
    }
    const values: Array<string | number | null> = [];
    for (const fact of chunk) toArray(fact, values);
    await trx.executeQuery(CompiledQuery.raw(text, values));
  }
}

/** Appends a fact's values in FACT_COLUMNS order. */
function toArray(fact: Fact, row: Array<string | number | null>): void {
  row.push(fact.ticketId, fact.unitId, fact.districtId, fact.categoryId, fact.channel);
  for (const kind of DAY_KINDS) row.push(fact.days[kind]);
  for (const count of COUNT_NAMES) row.push(fact.counts[count]);
}

/**
 * measure_facts' secondary indexes (as the migration creates them), per day kind: covering the
 * drill-down (day, the filtered keys, the ticket, and that day's counts).
 */
const FACT_INDEXES = DAY_KINDS.map((kind) => ({
  name: `measure_facts_${DAY_COLUMN(kind)}`,
  columns: [
    DAY_COLUMN(kind),
    'unit_id',
    'district_id',
    'category_id',
    'channel',
    'ticket_id',
    ...COUNT_NAMES.filter((count) => DAY_OF_COUNT[count] === kind).map(columnOf),
  ],
}));

/** Drops measure_facts' secondary indexes (before a full recomputation fills the table). */
export async function dropFactIndexes(db: Executor): Promise<void> {
  for (const { name } of FACT_INDEXES) await db.schema.dropIndex(name).ifExists().execute();
}

/** Creates measure_facts' secondary indexes again (missing ones only). */
export async function createFactIndexes(db: Executor): Promise<void> {
  for (const { name, columns } of FACT_INDEXES)
    await db.schema.createIndex(name).ifNotExists().on('measure_facts').columns(columns).execute();
}

/**
 * The counter tables, each keyed by `day` and a subset of the full key: the full table; by unit
 * and district (rankings, most dashboards); by district and leaf category; by district and
 * channel. A column left out of a table's key reads as 0 (or '' for the channel).
 */
export const COUNTER_TABLES = {
  full: {
    table: 'measure_counters',
    keys: ['day', 'unit_id', 'district_id', 'category_id', 'channel'],
  },
  unit: { table: 'measure_unit_counters', keys: ['day', 'unit_id', 'district_id'] },
  category: { table: 'measure_category_counters', keys: ['day', 'district_id', 'category_id'] },
  channel: { table: 'measure_channel_counters', keys: ['day', 'district_id', 'channel'] },
} as const;
export type CounterTable = keyof typeof COUNTER_TABLES;
export type CounterColumn = (typeof COUNTER_TABLES)['full']['keys'][number];
/** Every counter table, the full one first. */
export const COUNTER_TABLE_NAMES = Object.keys(COUNTER_TABLES) as CounterTable[];

const keyValues = (key: CounterKey): Record<string, string | number> => ({
  day: key.day,
  unit_id: key.unitId,
  district_id: key.districtId,
  category_id: key.categoryId,
  channel: key.channel,
});

/** The deltas of the full key summed up to the key of a coarser counter table. */
export function toTableKeys(
  which: CounterTable,
  deltas: Iterable<{ key: CounterKey; counts: Counts }>,
): Array<{ key: CounterKey; counts: Counts }> {
  const keys: readonly string[] = COUNTER_TABLES[which].keys;
  const out = new Map<string, { key: CounterKey; counts: Counts }>();
  for (const { key, counts } of deltas) {
    const coarse: CounterKey = {
      day: key.day,
      unitId: keys.includes('unit_id') ? key.unitId : 0,
      districtId: keys.includes('district_id') ? key.districtId : 0,
      categoryId: keys.includes('category_id') ? key.categoryId : 0,
      channel: keys.includes('channel') ? key.channel : '',
    };
    const id = `${coarse.day}|${coarse.unitId}|${coarse.districtId}|${coarse.categoryId}|${coarse.channel}`;
    let entry = out.get(id);
    if (!entry) {
      entry = { key: coarse, counts: zeroCounts() };
      out.set(id, entry);
    }
    for (const count of COUNT_NAMES) entry.counts[count] += counts[count];
  }
  return [...out.values()];
}

/** Adds the deltas of the full key to every counter table, in the caller's transaction. */
export async function addToAllCounters(
  trx: Transaction<DB>,
  deltas: ReadonlyArray<{ key: CounterKey; counts: Counts }>,
): Promise<void> {
  for (const which of COUNTER_TABLE_NAMES)
    await addToCounters(trx, which, which === 'full' ? deltas : toTableKeys(which, deltas));
}

/**
 * Adds each delta to its counter row (creating it; deleting it once all zero), in key order so
 * that two workers never wait for each other in a cycle.
 */
export async function addToCounters(
  trx: Transaction<DB>,
  which: CounterTable,
  deltas: ReadonlyArray<{ key: CounterKey; counts: Counts }>,
): Promise<void> {
  const { table, keys } = COUNTER_TABLES[which];
  const sorted = [...deltas].sort((a, b) => compareKeys(a.key, b.key));
  const allZero = sql.join(
    COUNT_NAMES.map((c) => sql`${sql.ref(columnOf(c))} = 0`),
    sql` AND `,
  );
  for (const { key, counts } of sorted) {
    const changed = COUNT_NAMES.filter((c) => counts[c] !== 0);
    if (changed.length === 0) continue;
    const all = keyValues(key);
    const values: FactRow = Object.fromEntries(keys.map((k) => [k, all[k]!]));
    for (const count of changed) values[columnOf(count)] = counts[count];
    const set = sql.join(
      changed.map(
        (c) =>
          sql`${sql.ref(columnOf(c))} = ${sql.table(table)}.${sql.ref(columnOf(c))} + ${counts[c]}`,
      ),
    );
    const columns = Object.keys(values);
    await sql`INSERT INTO ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      VALUES (${sql.join(columns.map((c) => values[c]))})
      ON CONFLICT (${sql.join(keys.map((k) => sql.ref(k)))}) DO UPDATE SET ${set}`.execute(trx);
    const sameKey = sql.join(
      keys.map((k) => sql`${sql.ref(k)} = ${all[k]!}`),
      sql` AND `,
    );
    await sql`DELETE FROM ${sql.table(table)} WHERE ${sameKey} AND ${allZero}`.execute(trx);
  }
}

function compareKeys(a: CounterKey, b: CounterKey): number {
  return (
    a.day.localeCompare(b.day) ||
    a.unitId - b.unitId ||
    a.districtId - b.districtId ||
    a.categoryId - b.categoryId ||
    a.channel.localeCompare(b.channel)
  );
}

/** Claims up to `limit` marked tickets; PostgreSQL skips those another instance holds. */
export async function claimDirty(
  trx: Transaction<DB>,
  dialect: DialectName,
  limit: number,
): Promise<number[]> {
  const result =
    dialect === 'postgres'
      ? await sql<{ ticket_id: number }>`SELECT ticket_id FROM rollup_dirty ORDER BY ticket_id
          LIMIT ${limit} FOR UPDATE SKIP LOCKED`.execute(trx)
      : await sql<{ ticket_id: number }>`SELECT ticket_id FROM rollup_dirty ORDER BY ticket_id
          LIMIT ${limit}`.execute(trx);
  return result.rows.map((r) => num(r.ticket_id));
}

export async function clearDirty(trx: Transaction<DB>, ids: readonly number[]): Promise<void> {
  if (ids.length > 0)
    await trx
      .deleteFrom('rollup_dirty')
      .where('ticket_id', 'in', [...ids])
      .execute();
}

/** Marks the tickets whose feedback deadline passed in (after, upTo], still unreplied. */
export async function markDeadlinesPassed(
  trx: Transaction<DB>,
  after: string,
  upTo: string,
): Promise<void> {
  await sql`INSERT INTO rollup_dirty (ticket_id, marked_at)
    SELECT id, ${upTo} FROM tickets
    WHERE reply_due_at > ${after} AND reply_due_at <= ${upTo} AND replied_at IS NULL
    ON CONFLICT (ticket_id) DO UPDATE SET marked_at = excluded.marked_at`.execute(trx);
}

export async function readState(db: Executor, key: string): Promise<string | null> {
  const row = await db
    .selectFrom('rollup_state')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value ?? null;
}

export async function writeState(
  db: Executor,
  key: string,
  value: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('rollup_state')
    .values({ key, value, updated_at: at })
    .onConflict((c) => c.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}

/** The counters rebuilt from the facts table by one set query each (both dialects). */
export async function countersFromFacts(trx: Executor): Promise<void> {
  for (const which of COUNTER_TABLE_NAMES)
    await sql`DELETE FROM ${sql.table(COUNTER_TABLES[which].table)}`.execute(trx);
  const parts = DAY_KINDS.map((kind) => {
    const columns = COUNT_NAMES.map((c) =>
      DAY_OF_COUNT[c] === kind ? sql`${sql.ref(columnOf(c))}` : sql`0`,
    );
    return sql`SELECT ${sql.ref(DAY_COLUMN(kind))} AS day, unit_id, district_id, category_id, channel,
      ${sql.join(columns.map((col, i) => sql`${col} AS ${sql.ref(columnOf(COUNT_NAMES[i]!))}`))}
      FROM measure_facts WHERE ${sql.ref(DAY_COLUMN(kind))} IS NOT NULL`;
  });
  const sums = COUNT_NAMES.map((c) => sql`SUM(${sql.ref(columnOf(c))})`);
  const counts = sql.join(COUNT_NAMES.map((c) => sql.ref(columnOf(c))));
  const nonZero = sql.join(
    COUNT_NAMES.map((c) => sql`SUM(${sql.ref(columnOf(c))}) <> 0`),
    sql` OR `,
  );
  await sql`INSERT INTO measure_counters (day, unit_id, district_id, category_id, channel, ${counts})
    SELECT day, unit_id, district_id, category_id, channel, ${sql.join(sums)}
    FROM (${sql.join(parts, sql` UNION ALL `)}) f
    GROUP BY day, unit_id, district_id, category_id, channel
    HAVING ${nonZero}`.execute(trx);
  // The coarser tables: the full table's rows summed up to their keys.
  for (const which of COUNTER_TABLE_NAMES) {
    if (which === 'full') continue;
    const { table, keys } = COUNTER_TABLES[which];
    const key = sql.join(keys.map((k) => sql.ref(k)));
    await sql`INSERT INTO ${sql.table(table)} (${key}, ${counts})
      SELECT ${key}, ${sql.join(sums)} FROM measure_counters
      GROUP BY ${key}
      HAVING ${nonZero}`.execute(trx);
  }
}

/** Every counter row (for comparisons and tests), in key order. */
export async function readAllCounters(
  db: Executor,
  which: CounterTable = 'full',
): Promise<Array<CounterKey & { counts: Counts }>> {
  const { table, keys } = COUNTER_TABLES[which];
  const result = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}
    ORDER BY ${sql.join(keys.map((k) => sql.ref(k)))}`.execute(db);
  return result.rows.map((r) => {
    const counts = zeroCounts();
    for (const count of COUNT_NAMES) counts[count] = num(r[columnOf(count)]);
    return {
      day: String(r.day),
      unitId: num(r.unit_id),
      districtId: num(r.district_id),
      categoryId: num(r.category_id),
      channel: typeof r.channel === 'string' ? r.channel : '',
      counts,
    };
  });
}

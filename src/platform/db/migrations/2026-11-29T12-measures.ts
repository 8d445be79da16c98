import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

// The evaluation measures (考核指标): one row of facts per (ticket, unit) with what the ticket
// adds to each count and the day each count belongs to; counters per (day, unit, district,
// category, channel) and coarser ones per (day, unit, district), (day, district, category) and
// (day, district, channel), kept equal to the facts' sums by a worker; the tickets whose facts
// must be recomputed (marked with each ticket event); the worker's watermark; published monthly
// rankings, frozen as they were published.

type Col = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

const COUNTS = [
  'contacts',
  'direct_answers',
  'dispatched',
  'signed_on_time',
  'returned',
  'due',
  'on_time',
  'overdue',
  'replied',
  'handling_seconds',
  'reopened',
  'evaluated',
  'contacted',
  'resolved',
  'satisfied',
] as const;

const FACT_INDEX_COUNTS: Array<[string, string[]]> = [
  ['intake_day', ['contacts', 'direct_answers']],
  ['dispatch_day', ['dispatched', 'signed_on_time', 'returned']],
  ['due_day', ['due', 'on_time', 'overdue']],
  ['reply_day', ['replied', 'handling_seconds', 'reopened']],
  ['eval_day', ['evaluated', 'contacted', 'resolved', 'satisfied']],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const notNull: Col = (c) => c.notNull();
  const zero: Col = (c) => c.notNull().defaultTo(0);

  let facts = db.schema
    .createTable('measure_facts')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('unit_id', 'integer', notNull)
    .addColumn('district_id', 'integer', notNull)
    .addColumn('category_id', 'integer', notNull)
    .addColumn('channel', 'text', notNull)
    .addColumn('intake_day', 'text')
    .addColumn('dispatch_day', 'text')
    .addColumn('due_day', 'text')
    .addColumn('reply_day', 'text')
    .addColumn('eval_day', 'text');
  for (const count of COUNTS) facts = facts.addColumn(count, 'bigint', zero);
  await facts.addPrimaryKeyConstraint('measure_facts_pk', ['ticket_id', 'unit_id']).execute();
  // Per day kind, an index that covers the drill-down: the day, the keys a figure filters by, the
  // ticket, and the counts that belong to that day, so listing a month's overdue tickets reads the
  // index alone instead of every fact row.
  for (const [day, counts] of FACT_INDEX_COUNTS)
    await db.schema
      .createIndex(`measure_facts_${day}`)
      .on('measure_facts')
      .columns([day, 'unit_id', 'district_id', 'category_id', 'channel', 'ticket_id', ...counts])
      .execute();

  let counters = db.schema
    .createTable('measure_counters')
    .addColumn('day', 'text', notNull)
    .addColumn('unit_id', 'integer', notNull)
    .addColumn('district_id', 'integer', notNull)
    .addColumn('category_id', 'integer', notNull)
    .addColumn('channel', 'text', notNull);
  for (const count of COUNTS) counters = counters.addColumn(count, 'bigint', zero);
  await counters
    .addPrimaryKeyConstraint('measure_counters_pk', [
      'day',
      'unit_id',
      'district_id',
      'category_id',
      'channel',
    ])
    .execute();
  await db.schema
    .createIndex('measure_counters_unit_day')
    .on('measure_counters')
    .columns(['unit_id', 'day'])
    .execute();
  await db.schema
    .createIndex('measure_counters_district_day')
    .on('measure_counters')
    .columns(['district_id', 'day'])
    .execute();

  // The same sums without category and channel: what rankings and most dashboards read.
  let unitCounters = db.schema
    .createTable('measure_unit_counters')
    .addColumn('day', 'text', notNull)
    .addColumn('unit_id', 'integer', notNull)
    .addColumn('district_id', 'integer', notNull);
  for (const count of COUNTS) unitCounters = unitCounters.addColumn(count, 'bigint', zero);
  await unitCounters
    .addPrimaryKeyConstraint('measure_unit_counters_pk', ['day', 'unit_id', 'district_id'])
    .execute();
  await db.schema
    .createIndex('measure_unit_counters_district_day')
    .on('measure_unit_counters')
    .columns(['district_id', 'day'])
    .execute();

  // The same sums by district and leaf category, and by district and channel: the dashboards
  // by category or channel read these instead of the full table.
  for (const [table, key] of [
    ['measure_category_counters', 'category_id'],
    ['measure_channel_counters', 'channel'],
  ] as const) {
    let coarse = db.schema
      .createTable(table)
      .addColumn('day', 'text', notNull)
      .addColumn('district_id', 'integer', notNull)
      .addColumn(key, key === 'channel' ? 'text' : 'integer', notNull);
    for (const count of COUNTS) coarse = coarse.addColumn(count, 'bigint', zero);
    await coarse.addPrimaryKeyConstraint(`${table}_pk`, ['day', 'district_id', key]).execute();
    await db.schema
      .createIndex(`${table}_district_day`)
      .on(table)
      .columns(['district_id', 'day'])
      .execute();
  }

  await db.schema
    .createTable('rollup_dirty')
    .addColumn('ticket_id', 'integer', (c) => c.primaryKey())
    .addColumn('marked_at', 'text', notNull)
    .execute();

  // Tickets older than the rollups are marked: the workers compute them like any change.
  await sql`INSERT INTO rollup_dirty (ticket_id, marked_at) SELECT id, updated_at FROM tickets`.execute(
    db,
  );

  await db.schema
    .createTable('rollup_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('ranking_publications')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('published_at', 'text', notNull)
    .addColumn('published_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('weights', 'text', notNull)
    .execute();

  await db.schema
    .createTable('ranking_rows')
    .addColumn('month', 'text', (c) => c.notNull().references('ranking_publications.month'))
    .addColumn('unit_type', 'text', notNull)
    .addColumn('position', 'integer', notNull)
    .addColumn('rank', 'integer')
    .addColumn('unit_id', 'integer', notNull)
    .addColumn('unit_name', 'text', notNull)
    .addColumn('unit_name_en', 'text')
    .addColumn('evaluated', 'bigint', notNull)
    .addColumn('response_rate', 'double precision')
    .addColumn('resolution_rate', 'double precision')
    .addColumn('satisfaction_rate', 'double precision')
    .addColumn('composite_score', 'double precision')
    .addColumn('on_time_rate', 'double precision')
    .addColumn('overdue', 'bigint', notNull)
    .addColumn('return_rate', 'double precision')
    .addColumn('reopen_rate', 'double precision')
    .addPrimaryKeyConstraint('ranking_rows_pk', ['month', 'unit_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'ranking_rows',
    'ranking_publications',
    'rollup_state',
    'rollup_dirty',
    'measure_channel_counters',
    'measure_category_counters',
    'measure_unit_counters',
    'measure_counters',
    'measure_facts',
  ])
    await db.schema.dropTable(table).execute();
}

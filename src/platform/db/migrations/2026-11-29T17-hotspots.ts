import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

// Hot spots and early warning (热点/预警): alerts on unusual rises of a category in a district
// (one per category, district and period), the monthly key problems (每月一题) with every change
// of them, public support (likes) of tickets from channels that have it, and the early-warning
// scan's claims and watermarks as key/value rows.

type Col = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const id: Col = pg
    ? (c) => c.primaryKey().generatedByDefaultAsIdentity()
    : (c) => c.primaryKey().autoIncrement();
  const notNull: Col = (c) => c.notNull();
  const user: Col = (c) => c.references('users.id');

  await db.schema
    .createTable('hotspot_alerts')
    .addColumn('id', 'integer', id)
    /** 'day' | 'week' */
    .addColumn('period', 'text', notNull)
    /** The period's first day (local date, YYYY-MM-DD). */
    .addColumn('period_start', 'text', notNull)
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('district_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('observed', 'integer', notNull)
    .addColumn('expected', 'double precision', notNull)
    .addColumn('p_value', 'double precision', notNull)
    /** JSON: how the expected value was made (baseline weeks, weekday factor, year-ago factor). */
    .addColumn('baseline', 'text', notNull)
    /** 'open' | 'acknowledged' */
    .addColumn('state', 'text', notNull)
    .addColumn('created_at', 'text', notNull)
    .addColumn('acknowledged_by', 'integer', user)
    .addColumn('acknowledged_at', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('hotspot_alerts_key')
    .on('hotspot_alerts')
    .columns(['period', 'period_start', 'category_id', 'district_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('hotspot_alerts_state')
    .on('hotspot_alerts')
    .columns(['state', 'created_at'])
    .execute();

  await db.schema
    .createTable('key_problems')
    .addColumn('id', 'integer', id)
    /** The month it is the key problem of (YYYY-MM). */
    .addColumn('month', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    /** The class of appeals counted before and after: category (with its subtree), district, keywords. */
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('district_id', 'integer', (c) => c.references('units.id'))
    /** JSON array of words any of which the appeal's text must contain (empty: no condition). */
    .addColumn('keywords', 'text', notNull)
    .addColumn('measures', 'text', notNull)
    /** The day the measures started (local date): the before/after split. */
    .addColumn('start_date', 'text', notNull)
    .addColumn('weeks', 'integer', notNull)
    /** JSON: the hot issue it came from (label, ticket ids), or null. */
    .addColumn('source', 'text')
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('key_problems_month')
    .on('key_problems')
    .columns(['month', 'id'])
    .execute();
  await db.schema
    .createIndex('key_problems_lead_unit')
    .on('key_problems')
    .column('lead_unit_id')
    .execute();

  await db.schema
    .createTable('key_problem_history')
    .addColumn('id', 'integer', id)
    .addColumn('key_problem_id', 'integer', (c) => c.notNull().references('key_problems.id'))
    .addColumn('actor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', notNull)
    /** 'created' | 'updated' */
    .addColumn('action', 'text', notNull)
    /** JSON: { field: { before, after } } of what changed. */
    .addColumn('changes', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('key_problem_history_problem')
    .on('key_problem_history')
    .columns(['key_problem_id', 'id'])
    .execute();

  await db.schema
    .createTable('ticket_support')
    .addColumn('ticket_id', 'integer', (c) => c.primaryKey().references('tickets.id'))
    .addColumn('likes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dislikes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', notNull)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ticket_support').execute();
  await db.schema.dropTable('key_problem_history').execute();
  await db.schema.dropTable('key_problems').execute();
  await db.schema.dropTable('hotspot_alerts').execute();
}

import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * Reply quality (答复质量): the score of every reply a unit sent (one row per reply event), with
 * its unit and time, for the supervisors' per-unit figures and their drill-down to tickets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
  await db.schema
    .createTable('reply_quality_scores')
    .addColumn('id', 'integer', id)
    .addColumn('event_id', 'integer', (c) => c.notNull().unique().references('ticket_events.id'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('replied_by', 'integer', (c) => c.references('users.id'))
    .addColumn('replied_at', 'text', (c) => c.notNull())
    .addColumn('relevance', 'integer', (c) => c.notNull())
    .addColumn('completeness', 'integer', (c) => c.notNull())
    .addColumn('explanation', 'integer', (c) => c.notNull())
    .addColumn('overall', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    /** The hint codes (JSON array), for "what is most often missing" per unit. */
    .addColumn('hints', 'text', (c) => c.notNull())
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('reply_quality_scores_replied')
    .on('reply_quality_scores')
    .columns(['replied_at', 'unit_id'])
    .execute();
  await db.schema
    .createIndex('reply_quality_scores_ticket')
    .on('reply_quality_scores')
    .column('ticket_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reply_quality_scores').execute();
}

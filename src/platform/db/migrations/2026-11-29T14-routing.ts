import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * Intelligent routing (智能派单): the evidence read from ticket events (one row per fact, so each
 * counts once across instances), the counts per (category, place, unit) built from it, the
 * auto-dispatch settings as a history, and the router's decision for each time a ticket waited
 * for dispatch (its suggestion, confidence, evidence version, auto or human, and the outcome).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
  await db.schema
    .createTable('routing_evidence')
    .addColumn('id', 'integer', id)
    /** handled:<ticket> or event:<event id>: a fact is recorded once, whoever reads it. */
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('event_id', 'integer', (c) => c.notNull())
    /** handled | returned | reassigned */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    /** lead | co */
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('district_id', 'integer', (c) => c.references('units.id'))
    .addColumn('street_id', 'integer', (c) => c.references('units.id'))
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('routing_counts')
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    /** city | district | street */
    .addColumn('place_kind', 'text', (c) => c.notNull())
    /** 0 for the whole city. */
    .addColumn('place_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('handled', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('returned', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('reassigned', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('routing_counts_pk', [
      'category_id',
      'place_kind',
      'place_id',
      'unit_id',
      'role',
    ])
    .execute();
  await db.schema
    .createTable('routing_settings')
    .addColumn('id', 'integer', id)
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('threshold', 'double precision', (c) => c.notNull())
    .addColumn('allow_emergency', 'integer', (c) => c.notNull())
    /** JSON: category ids never dispatched automatically (their subtrees included). */
    .addColumn('excluded_category_ids', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('routing_decisions')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    /** The event that put the ticket in the dispatch queue. */
    .addColumn('queued_event_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('lead_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('co_unit_ids', 'text', (c) => c.notNull())
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    /** JSON: every suggestion with its structured explanation. */
    .addColumn('suggestions', 'text', (c) => c.notNull())
    /** The newest evidence row the router had read (the "version" of what it knew). */
    .addColumn('evidence_version', 'integer', (c) => c.notNull())
    .addColumn('catalogue_version_id', 'integer')
    /** waiting | human | claimed | dispatched | skipped */
    .addColumn('auto_state', 'text', (c) => c.notNull())
    .addColumn('auto', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dispatch_event_id', 'integer')
    .addColumn('dispatched_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('followed', 'integer')
    /** pending | dispatched | returned | reassigned | handled */
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('outcome_at', 'text')
    .execute();
  await db.schema
    .createIndex('routing_decisions_ticket_queued')
    .on('routing_decisions')
    .columns(['ticket_id', 'queued_event_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('routing_decisions_auto_state')
    .on('routing_decisions')
    .columns(['auto_state', 'id'])
    .execute();
  await db.schema
    .createIndex('routing_decisions_dispatch_event')
    .on('routing_decisions')
    .column('dispatch_event_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('routing_decisions').execute();
  await db.schema.dropTable('routing_settings').execute();
  await db.schema.dropTable('routing_counts').execute();
  await db.schema.dropTable('routing_evidence').execute();
}

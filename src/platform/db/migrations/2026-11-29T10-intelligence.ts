import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * Intelligent acceptance, classification: the deployment's model versions (parameters as one
 * compact text), the suggestions each version made for tickets and what staff then chose, the
 * training examples (a ticket's text and the category staff confirmed), and the module's
 * watermarks and claims as key/value rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();
  await db.schema
    .createTable('intelligence_models')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('trained_at', 'text', (c) => c.notNull())
    .addColumn('trained_by', 'integer', (c) => c.references('users.id'))
    .addColumn('cold_start', 'integer', (c) => c.notNull())
    .addColumn('examples_count', 'integer', (c) => c.notNull())
    /** The newest training example (id) the version learnt from. */
    .addColumn('last_example_id', 'integer', (c) => c.notNull())
    .addColumn('tree_hash', 'text', (c) => c.notNull())
    .addColumn('metrics', 'text', (c) => c.notNull())
    .addColumn('parameters', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('intelligence_examples')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    /** The ticket event type that confirmed or changed the category (created, accept, dispatch …). */
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('event_id', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One row per staff decision on a ticket's category; training takes each ticket's latest.
  await db.schema
    .createIndex('intelligence_examples_ticket_event')
    .on('intelligence_examples')
    .columns(['ticket_id', 'event_id'])
    .unique()
    .execute();
  await db.schema
    .createTable('intelligence_suggestions')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('model_id', 'integer', (c) => c.notNull().references('intelligence_models.id'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('confidence', 'double precision', (c) => c.notNull())
    /** JSON: the top candidates, [{ categoryId, confidence }]. */
    .addColumn('candidates', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    /** pending | accepted | corrected */
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('final_category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('intelligence_suggestions_ticket_model')
    .on('intelligence_suggestions')
    .columns(['ticket_id', 'model_id'])
    .unique()
    .execute();
  await db.schema
    .createTable('intelligence_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('intelligence_state').execute();
  await db.schema.dropTable('intelligence_suggestions').execute();
  await db.schema.dropTable('intelligence_examples').execute();
  await db.schema.dropTable('intelligence_models').execute();
}

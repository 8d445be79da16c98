import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * The phone switch (CTI): one row per call the switch offered (unique per switch and PBX call
 * id, so a call reported twice, or by two app instances, is one call), the log of what happened
 * to it (each switch event once), and which operator sits at which extension. On PostgreSQL a new
 * log row NOTIFYs its id on a channel named after the schema, at commit, so a screen pop reaches
 * the operator whichever app instance their browser is connected to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const id = (c: ColumnDefinitionBuilder) =>
    pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement();

  await db.schema
    .createTable('cti_calls')
    .addColumn('id', 'integer', id)
    .addColumn('switch', 'text', (c) => c.notNull())
    .addColumn('pbx_call_id', 'text', (c) => c.notNull())
    .addColumn('caller_number', 'text')
    .addColumn('called_number', 'text')
    .addColumn('agent_extension', 'text')
    .addColumn('operator_id', 'integer', (c) => c.references('users.id'))
    .addColumn('offered_at', 'text', (c) => c.notNull())
    .addColumn('offered_day', 'text', (c) => c.notNull())
    .addColumn('ringing_at', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('answer_wait_ms', 'integer')
    .addColumn('handle_ms', 'integer')
    .addColumn('recording_url', 'text')
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
    .addColumn('contact_claimed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cti_calls_switch_call')
    .on('cti_calls')
    .columns(['switch', 'pbx_call_id'])
    .unique()
    .execute();
  await db.schema.createIndex('cti_calls_day').on('cti_calls').column('offered_day').execute();
  await db.schema
    .createIndex('cti_calls_operator')
    .on('cti_calls')
    .columns(['operator_id', 'offered_at'])
    .execute();

  await db.schema
    .createTable('cti_call_events')
    .addColumn('id', 'integer', id)
    .addColumn('call_id', 'integer', (c) => c.notNull().references('cti_calls.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // What makes a switch event itself: the agent's leg for a ring, '' for once-per-call events.
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('extension', 'text')
    .addColumn('operator_id', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cti_call_events_once')
    .on('cti_call_events')
    .columns(['call_id', 'kind', 'dedupe_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('cti_extensions')
    .addColumn('extension', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().unique().references('users.id'))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  if (pg) {
    await sql`CREATE FUNCTION notify_cti_call_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('cti_call_events_' || TG_TABLE_SCHEMA, NEW.id::text);
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER cti_call_events_notify AFTER INSERT ON cti_call_events
      FOR EACH ROW EXECUTE FUNCTION notify_cti_call_event()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP TRIGGER cti_call_events_notify ON cti_call_events`.execute(db);
    await sql`DROP FUNCTION notify_cti_call_event()`.execute(db);
  }
  await db.schema.dropTable('cti_extensions').execute();
  await db.schema.dropTable('cti_call_events').execute();
  await db.schema.dropTable('cti_calls').execute();
}

import { sql, type Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

// PostgreSQL: every new ticket event NOTIFYs the ticket's id on a channel named after the
// schema, delivered to the listening app instances when (and only if) its transaction commits.
// SQLite needs nothing: its single app instance reads new events in order.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE FUNCTION notify_ticket_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('ticket_events_' || TG_TABLE_SCHEMA, NEW.ticket_id::text);
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER ticket_events_notify AFTER INSERT ON ticket_events
    FOR EACH ROW EXECUTE FUNCTION notify_ticket_event()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP TRIGGER ticket_events_notify ON ticket_events`.execute(db);
  await sql`DROP FUNCTION notify_ticket_event()`.execute(db);
}

import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

// Supervision (督办): the admin's supervision rules, every reminder (催办) and escalation (提级)
// sent, supervision orders (督办单) with each of their steps, units' exemption (核减) and
// objection (申诉) requests with the adjustments they led to, and time limits per category. On
// PostgreSQL every new notification NOTIFYs its audience, so each app instance can push it.

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
  const ticket: Col = (c) => c.notNull().references('tickets.id');
  const unit: Col = (c) => c.notNull().references('units.id');
  const user: Col = (c) => c.references('users.id');

  await db.schema
    .createTable('supervision_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', notNull)
    .addColumn('updated_by', 'integer', user)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('supervision_orders')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', ticket)
    .addColumn('unit_id', 'integer', unit)
    .addColumn('state', 'text', notNull)
    .addColumn('reason', 'text', notNull)
    .addColumn('requirement', 'text', notNull)
    .addColumn('started_at', 'text', notNull)
    .addColumn('due_at', 'text', notNull)
    .addColumn('issued_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('issued_at', 'text', notNull)
    .addColumn('reply_text', 'text')
    .addColumn('replied_by', 'integer', user)
    .addColumn('replied_at', 'text')
    .addColumn('closed_by', 'integer', user)
    .addColumn('closed_at', 'text')
    .addColumn('close_note', 'text')
    .addColumn('rounds', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('supervision_orders_state_due')
    .on('supervision_orders')
    .columns(['state', 'due_at'])
    .execute();
  await db.schema
    .createIndex('supervision_orders_unit')
    .on('supervision_orders')
    .columns(['unit_id', 'state'])
    .execute();
  await db.schema
    .createIndex('supervision_orders_ticket')
    .on('supervision_orders')
    .column('ticket_id')
    .execute();

  await db.schema
    .createTable('supervision_order_steps')
    .addColumn('id', 'integer', id)
    .addColumn('order_id', 'integer', (c) => c.notNull().references('supervision_orders.id'))
    .addColumn('action', 'text', notNull)
    .addColumn('actor_id', 'integer', user)
    .addColumn('actor_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('at', 'text', notNull)
    .addColumn('text', 'text')
    .addColumn('due_at', 'text')
    .execute();
  await db.schema
    .createIndex('supervision_order_steps_order')
    .on('supervision_order_steps')
    .column('order_id')
    .execute();

  await db.schema
    .createTable('supervision_reminders')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', ticket)
    .addColumn('unit_id', 'integer', unit)
    .addColumn('deadline_kind', 'text', notNull)
    .addColumn('due_at', 'text')
    .addColumn('stage', 'text', notNull)
    .addColumn('order_id', 'integer', (c) => c.references('supervision_orders.id'))
    .addColumn('actor_id', 'integer', user)
    .addColumn('note', 'text')
    .addColumn('notified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('supervision_reminders_ticket')
    .on('supervision_reminders')
    .columns(['ticket_id', 'deadline_kind'])
    .execute();
  await db.schema
    .createIndex('supervision_reminders_unit')
    .on('supervision_reminders')
    .columns(['unit_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('evaluation_requests')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', notNull)
    .addColumn('ticket_id', 'integer', ticket)
    .addColumn('unit_id', 'integer', unit)
    .addColumn('aspect', 'text', notNull)
    .addColumn('reason', 'text', notNull)
    .addColumn('attachment_id', 'integer', (c) => c.references('ticket_attachments.id'))
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', notNull)
    .addColumn('state', 'text', notNull)
    .addColumn('decided_by', 'integer', user)
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .execute();
  await db.schema
    .createIndex('evaluation_requests_state')
    .on('evaluation_requests')
    .columns(['state', 'kind'])
    .execute();
  await db.schema
    .createIndex('evaluation_requests_ticket')
    .on('evaluation_requests')
    .columns(['ticket_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('evaluation_adjustments')
    .addColumn('ticket_id', 'integer', ticket)
    .addColumn('unit_id', 'integer', unit)
    .addColumn('aspect', 'text', notNull)
    .addColumn('request_id', 'integer', (c) => c.notNull().references('evaluation_requests.id'))
    .addColumn('at', 'text', notNull)
    .addPrimaryKeyConstraint('evaluation_adjustments_pk', ['ticket_id', 'unit_id', 'aspect'])
    .execute();
  await db.schema
    .createIndex('evaluation_adjustments_unit')
    .on('evaluation_adjustments')
    .columns(['unit_id', 'aspect'])
    .execute();

  await db.schema
    .createTable('time_limit_rules')
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('urgency', 'text', notNull)
    .addColumn('stage', 'text', notNull)
    .addColumn('unit', 'text', notNull)
    .addColumn('amount', 'integer', notNull)
    .addColumn('updated_by', 'integer', user)
    .addColumn('updated_at', 'text', notNull)
    .addPrimaryKeyConstraint('time_limit_rules_pk', ['category_id', 'urgency', 'stage'])
    .execute();

  if (pg) {
    await sql`CREATE FUNCTION notify_notification() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('notifications_' || TG_TABLE_SCHEMA,
          NEW.id::text || ':' || NEW.unit_id::text || ':' || COALESCE(NEW.user_id::text, ''));
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER notifications_notify AFTER INSERT ON notifications
      FOR EACH ROW EXECUTE FUNCTION notify_notification()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP TRIGGER notifications_notify ON notifications`.execute(db);
    await sql`DROP FUNCTION notify_notification()`.execute(db);
  }
  for (const table of [
    'time_limit_rules',
    'evaluation_adjustments',
    'evaluation_requests',
    'supervision_reminders',
    'supervision_order_steps',
    'supervision_orders',
    'supervision_settings',
  ])
    await db.schema.dropTable(table).execute();
}

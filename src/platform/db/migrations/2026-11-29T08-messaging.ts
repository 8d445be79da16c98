import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

type Col = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * The SMS, Weibo and e-mail channels: which ticket answers go to which address, every inbound
 * message's interpretation (once per message id), an outbox of messages to send (claimed by one
 * instance at a time, retried, with status), and the SMS callback survey of each reply.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id: Col = isPostgres(db)
    ? (c) => c.primaryKey().generatedByDefaultAsIdentity()
    : (c) => c.primaryKey().autoIncrement();
  const notNull: Col = (c) => c.notNull();
  const zero: Col = (c) => c.notNull().defaultTo(0);

  await db.schema
    .createTable('messaging_links')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('channel', 'text', notNull)
    .addColumn('address', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('reply_ref', 'text')
    .addColumn('subject', 'text')
    .addColumn('seen_version', 'integer', zero)
    .addColumn('last_seq', 'integer', zero)
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .addUniqueConstraint('messaging_links_ticket_channel', ['ticket_id', 'channel'])
    .execute();
  await db.schema
    .createIndex('messaging_links_address')
    .on('messaging_links')
    .columns(['channel', 'address'])
    .execute();
  await db.schema
    .createIndex('messaging_links_active')
    .on('messaging_links')
    .column('active')
    .execute();

  await db.schema
    .createTable('messaging_inbound')
    .addColumn('channel', 'text', notNull)
    .addColumn('external_id', 'text', notNull)
    .addColumn('sender', 'text')
    .addColumn('decision', 'text', notNull)
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('survey_id', 'integer')
    .addColumn('payload', 'text')
    .addColumn('received_at', 'text', notNull)
    .addColumn('done_at', 'text')
    .addPrimaryKeyConstraint('messaging_inbound_pk', ['channel', 'external_id'])
    .execute();
  await db.schema
    .createIndex('messaging_inbound_unfinished')
    .on('messaging_inbound')
    .columns(['done_at', 'received_at'])
    .execute();

  await db.schema
    .createTable('messaging_outbox')
    .addColumn('id', 'integer', id)
    .addColumn('channel', 'text', notNull)
    .addColumn('kind', 'text', notNull)
    .addColumn('route', 'text')
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('recipient', 'text', notNull)
    .addColumn('subject', 'text')
    .addColumn('body', 'text', notNull)
    .addColumn('secret', 'text')
    .addColumn('reply_ref', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('after_id', 'integer')
    .addColumn('status', 'text', notNull)
    .addColumn('attempts', 'integer', zero)
    .addColumn('next_attempt_at', 'text', notNull)
    .addColumn('locked_until', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('messaging_outbox_due')
    .on('messaging_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('messaging_outbox_ticket')
    .on('messaging_outbox')
    .column('ticket_id')
    .execute();
  await db.schema
    .createIndex('messaging_outbox_provider')
    .on('messaging_outbox')
    .columns(['channel', 'provider_id'])
    .execute();

  await db.schema
    .createTable('messaging_surveys')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('phone', 'text', notNull)
    .addColumn('round', 'integer', notNull)
    .addColumn('state', 'text', notNull)
    .addColumn('answer', 'text')
    .addColumn('answer_external_id', 'text')
    .addColumn('satisfaction', 'text')
    .addColumn('resolved', 'integer')
    .addColumn('outcome', 'text')
    .addColumn('asked_at', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', notNull)
    .addUniqueConstraint('messaging_surveys_round', ['ticket_id', 'round'])
    .execute();
  await db.schema
    .createIndex('messaging_surveys_phone')
    .on('messaging_surveys')
    .columns(['phone', 'state'])
    .execute();
  // One question open per number at a time, whichever instance asks it.
  await db.schema
    .createIndex('messaging_surveys_one_open')
    .on('messaging_surveys')
    .column('phone')
    .unique()
    .where(sql<boolean>`state IN ('asked', 'asked_resolution', 'answering')`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('messaging_surveys').execute();
  await db.schema.dropTable('messaging_outbox').execute();
  await db.schema.dropTable('messaging_inbound').execute();
  await db.schema.dropTable('messaging_links').execute();
}

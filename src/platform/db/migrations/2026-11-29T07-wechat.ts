import type { Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * The WeChat official account adapter: each citizen's conversation (an appeal being gathered),
 * every message handled once (with the reply a redelivery gets again), the tickets filed over
 * WeChat and how far their history was read, an outbox of customer-service messages and photo
 * downloads claimed by one app instance at a time, and the cached access token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('wechat_conversations')
    .addColumn('openid', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('draft', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('wechat_messages')
    // MsgId, or FromUserName + CreateTime for events: WeChat's own advice for spotting a redelivery.
    .addColumn('message_key', 'text', (c) => c.primaryKey())
    .addColumn('openid', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .execute();
  await db.schema
    .createIndex('wechat_messages_received')
    .on('wechat_messages')
    .column('received_at')
    .execute();

  await db.schema
    .createTable('wechat_ticket_links')
    .addColumn('ticket_id', 'integer', (c) => c.primaryKey().references('tickets.id'))
    .addColumn('openid', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('seen_seq', 'integer', (c) => c.notNull())
    .addColumn('watch_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('wechat_ticket_links_openid')
    .on('wechat_ticket_links')
    .columns(['openid', 'created_at'])
    .execute();

  await db.schema
    .createTable('wechat_outbox')
    .addColumn('id', 'integer', (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('openid', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema
    .createIndex('wechat_outbox_due')
    .on('wechat_outbox')
    .columns(['state', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('wechat_outbox_ticket')
    .on('wechat_outbox')
    .columns(['ticket_id', 'id'])
    .execute();

  await db.schema
    .createTable('wechat_access_tokens')
    .addColumn('app_id', 'text', (c) => c.primaryKey())
    .addColumn('access_token', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    // One instance at a time asks WeChat for a new token (each new one ends the old one's life).
    .addColumn('lease_until', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('wechat_access_tokens').execute();
  await db.schema.dropTable('wechat_outbox').execute();
  await db.schema.dropTable('wechat_ticket_links').execute();
  await db.schema.dropTable('wechat_messages').execute();
  await db.schema.dropTable('wechat_conversations').execute();
}

import type { Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

/**
 * Channels: a message delivered twice on its channel (same external id) is one contact, and the
 * admin's channel settings (secrets, keys, endpoints) are kept per channel and key.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('contacts_channel_external')
    .on('contacts')
    .columns(['channel', 'external_id'])
    .unique()
    .execute();
  await db.schema
    .createTable('channel_settings')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_settings_pk', ['channel', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('channel_settings').execute();
  await db.schema.dropIndex('contacts_channel_external').execute();
}

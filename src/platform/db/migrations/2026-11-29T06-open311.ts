import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

type Col = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * Open311 GeoReport v2: the API keys an admin issues (only their SHA-256 is kept), the requests
 * per key and minute (rate limits shared by every app instance), the extra questions (attributes)
 * an admin sets per category, and what each request filed through the API carried: its token,
 * the client's own description, its media URL and its attribute values.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const id: Col = pg
    ? (c) => c.primaryKey().generatedByDefaultAsIdentity()
    : (c) => c.primaryKey().autoIncrement();
  const notNull: Col = (c) => c.notNull();

  await db.schema
    .createTable('open311_api_keys')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', notNull)
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('key_prefix', 'text', notNull)
    .addColumn('rate_limit_per_minute', 'integer', notNull)
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', notNull)
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_by', 'integer', (c) => c.references('users.id'))
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('open311_key_usage')
    .addColumn('key_id', 'integer', (c) => c.notNull().references('open311_api_keys.id'))
    .addColumn('window_start', 'text', notNull)
    .addColumn('hits', 'integer', notNull)
    .addPrimaryKeyConstraint('open311_key_usage_pk', ['key_id', 'window_start'])
    .execute();

  await db.schema
    .createTable('open311_service_attributes')
    .addColumn('id', 'integer', id)
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('code', 'text', notNull)
    .addColumn('position', 'integer', notNull)
    .addColumn('variable', 'integer', notNull)
    .addColumn('datatype', 'text', notNull)
    .addColumn('required', 'integer', notNull)
    .addColumn('description', 'text', notNull)
    .addColumn('datatype_description', 'text')
    // JSON array of { key, name } for the list datatypes, else '[]'.
    .addColumn('list_values', 'text', notNull)
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', notNull)
    .addUniqueConstraint('open311_service_attributes_code', ['category_id', 'code'])
    .execute();

  await db.schema
    .createTable('open311_requests')
    .addColumn('id', 'integer', id)
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('ticket_id', 'integer', (c) => c.notNull().unique().references('tickets.id'))
    .addColumn('api_key_id', 'integer', (c) => c.references('open311_api_keys.id'))
    .addColumn('service_code', 'text', notNull)
    .addColumn('description', 'text')
    .addColumn('media_url', 'text')
    .addColumn('requested_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('open311_request_attributes')
    .addColumn('id', 'integer', id)
    .addColumn('request_id', 'integer', (c) => c.notNull().references('open311_requests.id'))
    .addColumn('position', 'integer', notNull)
    .addColumn('code', 'text', notNull)
    .addColumn('value', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('open311_request_attributes_request')
    .on('open311_request_attributes')
    .column('request_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('open311_request_attributes').execute();
  await db.schema.dropTable('open311_requests').execute();
  await db.schema.dropTable('open311_service_attributes').execute();
  await db.schema.dropTable('open311_key_usage').execute();
  await db.schema.dropTable('open311_api_keys').execute();
}

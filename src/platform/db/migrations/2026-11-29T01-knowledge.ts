import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.
// The knowledge base (articles, every version, uses, gaps, images) and unit notifications.

type Col = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const id: Col = isPostgres(db)
    ? (c) => c.primaryKey().generatedByDefaultAsIdentity()
    : (c) => c.primaryKey().autoIncrement();
  const notNull: Col = (c) => c.notNull();
  const user: Col = (c) => c.notNull().references('users.id');

  await db.schema
    .createTable('knowledge_articles')
    .addColumn('id', 'integer', id)
    .addColumn('state', 'text', notNull)
    .addColumn('version', 'integer', notNull)
    .addColumn('published_version', 'integer')
    .addColumn('title', 'text', notNull)
    .addColumn('body', 'text', notNull)
    .addColumn('category_ids', 'text', notNull)
    .addColumn('keywords', 'text', notNull)
    .addColumn('synonyms', 'text', notNull)
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('audience', 'text', notNull)
    .addColumn('effective_from', 'text', notNull)
    .addColumn('expires_on', 'text')
    .addColumn('review_by', 'text')
    .addColumn('rejection_reason', 'text')
    .addColumn('rejected_by', 'integer', (c) => c.references('users.id'))
    .addColumn('rejected_at', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'integer', user)
    .addColumn('updated_at', 'text', notNull)
    .addColumn('updated_by', 'integer', user)
    .addColumn('published_at', 'text')
    .addColumn('retired_at', 'text')
    .execute();
  await db.schema
    .createIndex('knowledge_articles_owner')
    .on('knowledge_articles')
    .columns(['owner_unit_id', 'updated_at'])
    .execute();
  await db.schema
    .createIndex('knowledge_articles_review')
    .on('knowledge_articles')
    .column('review_by')
    .execute();

  await db.schema
    .createTable('knowledge_versions')
    .addColumn('id', 'integer', id)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('knowledge_articles.id'))
    .addColumn('version', 'integer', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('body', 'text', notNull)
    .addColumn('category_ids', 'text', notNull)
    .addColumn('keywords', 'text', notNull)
    .addColumn('synonyms', 'text', notNull)
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('audience', 'text', notNull)
    .addColumn('effective_from', 'text', notNull)
    .addColumn('expires_on', 'text')
    .addColumn('review_by', 'text')
    .addColumn('note', 'text')
    .addColumn('changed_by', 'integer', user)
    .addColumn('changed_at', 'text', notNull)
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('approval_note', 'text')
    .addUniqueConstraint('knowledge_versions_article_version', ['article_id', 'version'])
    .execute();
  await db.schema
    .createIndex('knowledge_versions_changed')
    .on('knowledge_versions')
    .column('changed_at')
    .execute();

  await db.schema
    .createTable('knowledge_uses')
    .addColumn('id', 'integer', id)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('knowledge_articles.id'))
    .addColumn('version', 'integer', notNull)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('actor_id', 'integer', user)
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('used_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('knowledge_uses_article')
    .on('knowledge_uses')
    .column('article_id')
    .execute();
  await db.schema.createIndex('knowledge_uses_at').on('knowledge_uses').column('used_at').execute();
  await db.schema
    .createIndex('knowledge_uses_ticket')
    .on('knowledge_uses')
    .column('ticket_id')
    .execute();

  await db.schema
    .createTable('knowledge_gaps')
    .addColumn('id', 'integer', id)
    .addColumn('text', 'text', notNull)
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('contact_id', 'integer', (c) => c.references('contacts.id'))
    .addColumn('actor_id', 'integer', user)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('knowledge_gaps_at')
    .on('knowledge_gaps')
    .column('created_at')
    .execute();

  await db.schema
    .createTable('knowledge_images')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', notNull)
    .addColumn('mime', 'text', notNull)
    .addColumn('size', 'integer', notNull)
    .addColumn('sha256', 'text', notNull)
    .addColumn('storage_key', 'text', notNull)
    .addColumn('uploaded_by', 'integer', user)
    .addColumn('created_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', id)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('message', 'text', notNull)
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'integer')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', notNull)
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('notifications_unit')
    .on('notifications')
    .columns(['unit_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'notifications',
    'knowledge_images',
    'knowledge_gaps',
    'knowledge_uses',
    'knowledge_versions',
    'knowledge_articles',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code and never changes once released.

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
  const zero: Col = (c) => c.notNull().defaultTo(0);

  await db.schema
    .createTable('units')
    .addColumn('id', 'integer', id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', notNull)
    .addColumn('name_en', 'text')
    .addColumn('type', 'text', notNull)
    .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
    .addColumn('district_id', 'integer', (c) => c.references('units.id'))
    .addColumn('adcode', 'text')
    .addColumn('aliases', 'text')
    .addColumn('jurisdiction', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema.createIndex('units_parent').on('units').column('parent_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', id)
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', notNull)
    .addColumn('password_hash', 'text', notNull)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('failed_logins', 'integer', zero)
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('role', 'text', notNull)
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', notNull)
    .addColumn('expires_at', 'text', notNull)
    .execute();

  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', notNull)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', notNull)
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('categories')
    .addColumn('id', 'integer', id)
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('parent_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('level', 'integer', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('name_en', 'text')
    .addColumn('keywords', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('catalogue_versions')
    .addColumn('id', 'integer', id)
    .addColumn('created_at', 'text', notNull)
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('catalogue_rules')
    .addColumn('id', 'integer', id)
    .addColumn('version_id', 'integer', (c) => c.notNull().references('catalogue_versions.id'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('district_id', 'integer', (c) => c.references('units.id'))
    .addColumn('lead_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('co_unit_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema
    .createIndex('catalogue_rules_lookup')
    .on('catalogue_rules')
    .columns(['version_id', 'category_id', 'district_id'])
    .execute();

  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', notNull)
    .addColumn('name', 'text')
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'integer', id)
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', notNull)
    .addColumn('appeal_type', 'text', notNull)
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('urgency', 'text', notNull)
    .addColumn('title', 'text', notNull)
    .addColumn('description', 'text', notNull)
    .addColumn('channel', 'text', notNull)
    .addColumn('address', 'text')
    .addColumn('district_id', 'integer', (c) => c.references('units.id'))
    .addColumn('street_id', 'integer', (c) => c.references('units.id'))
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('citizen_name', 'text')
    .addColumn('citizen_phone', 'text')
    .addColumn('confidential', 'integer', zero)
    .addColumn('contact_required', 'integer', zero)
    .addColumn('lead_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('parent_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('catalogue_version_id', 'integer', (c) => c.references('catalogue_versions.id'))
    .addColumn('catalogue_rule_id', 'integer', (c) => c.references('catalogue_rules.id'))
    .addColumn('dispatched_at', 'text')
    .addColumn('sign_due_at', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('reply_due_at', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('reply_text', 'text')
    .addColumn('callback_due_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('resolution', 'text')
    .addColumn('reopen_count', 'integer', zero)
    .addColumn('return_count', 'integer', zero)
    .addColumn('query_code_hash', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addColumn('version', 'integer', zero)
    .execute();
  for (const column of [
    'status',
    'lead_unit_id',
    'district_id',
    'category_id',
    'created_at',
    'parent_id',
    'citizen_phone',
    'reply_due_at',
  ]) {
    await db.schema.createIndex(`tickets_${column}`).on('tickets').column(column).execute();
  }

  await db.schema
    .createTable('contacts')
    .addColumn('id', 'integer', id)
    .addColumn('channel', 'text', notNull)
    .addColumn('caller_number', 'text')
    .addColumn('caller_name', 'text')
    .addColumn('started_at', 'text', notNull)
    .addColumn('answered_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('outcome', 'text', notNull)
    .addColumn('operator_id', 'integer', (c) => c.references('users.id'))
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id'))
    .addColumn('summary', 'text')
    .addColumn('referral_target', 'text')
    .addColumn('external_id', 'text')
    .execute();
  await db.schema.createIndex('contacts_caller').on('contacts').column('caller_number').execute();
  await db.schema.createIndex('contacts_ticket').on('contacts').column('ticket_id').execute();
  await db.schema.createIndex('contacts_started').on('contacts').column('started_at').execute();

  await db.schema
    .createTable('ticket_assignments')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', notNull)
    .addColumn('state', 'text', notNull)
    .addColumn('dispatched_at', 'text', notNull)
    .addColumn('dispatched_by', 'integer', (c) => c.references('users.id'))
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('replied_at', 'text')
    .addColumn('replied_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reply_text', 'text')
    .execute();
  await db.schema
    .createIndex('ticket_assignments_ticket')
    .on('ticket_assignments')
    .column('ticket_id')
    .execute();
  await db.schema
    .createIndex('ticket_assignments_unit')
    .on('ticket_assignments')
    .columns(['unit_id', 'state'])
    .execute();

  await db.schema
    .createTable('ticket_requests')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', 'text', notNull)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', notNull)
    .addColumn('requested_due_at', 'text')
    .addColumn('state', 'text', notNull)
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('ticket_requests_pending')
    .on('ticket_requests')
    .columns(['state', 'kind'])
    .execute();
  await db.schema
    .createIndex('ticket_requests_ticket')
    .on('ticket_requests')
    .column('ticket_id')
    .execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('seq', 'integer', notNull)
    .addColumn('type', 'text', notNull)
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('at', 'text', notNull)
    .addColumn('reason', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('data', 'text')
    .addUniqueConstraint('ticket_events_seq', ['ticket_id', 'seq'])
    .execute();

  await db.schema
    .createTable('ticket_callbacks')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('agent_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('contacted', 'integer', notNull)
    .addColumn('resolved', 'integer', notNull)
    .addColumn('satisfaction', 'text', notNull)
    .addColumn('note', 'text')
    .addColumn('at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('ticket_callbacks_ticket')
    .on('ticket_callbacks')
    .column('ticket_id')
    .execute();

  await db.schema
    .createTable('ticket_attachments')
    .addColumn('id', 'integer', id)
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('mime', 'text', notNull)
    .addColumn('size', 'integer', notNull)
    .addColumn('sha256', 'text', notNull)
    .addColumn('storage_key', 'text', notNull)
    .addColumn('purpose', 'text', notNull)
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', notNull)
    .execute();
  await db.schema
    .createIndex('ticket_attachments_ticket')
    .on('ticket_attachments')
    .column('ticket_id')
    .execute();

  await db.schema
    .createTable('ticket_numbers')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', notNull)
    .execute();

  if (pg) {
    await sql`CREATE TABLE ticket_search (ticket_id integer PRIMARY KEY REFERENCES tickets(id), grams text[] NOT NULL)`.execute(
      db,
    );
    await sql`CREATE INDEX ticket_search_grams ON ticket_search USING gin (grams)`.execute(db);
  } else {
    await sql`CREATE VIRTUAL TABLE ticket_search USING fts5(grams, tokenize = 'unicode61 remove_diacritics 0')`.execute(
      db,
    );
  }

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', id)
    .addColumn('at', 'text', notNull)
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('action', 'text', notNull)
    .addColumn('subject_type', 'text', notNull)
    .addColumn('subject_id', 'text', notNull)
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('audit_log_subject')
    .on('audit_log')
    .columns(['subject_type', 'subject_id'])
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', notNull)
    .addColumn('payload', 'text', notNull)
    .addColumn('run_at', 'text', notNull)
    .addColumn('attempts', 'integer', zero)
    .addColumn('locked_until', 'text')
    .addColumn('done_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['done_at', 'run_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'jobs',
    'audit_log',
    'ticket_search',
    'ticket_numbers',
    'ticket_attachments',
    'ticket_callbacks',
    'ticket_events',
    'ticket_requests',
    'ticket_assignments',
    'contacts',
    'tickets',
    'calendar_days',
    'catalogue_rules',
    'catalogue_versions',
    'categories',
    'api_tokens',
    'sessions',
    'user_roles',
    'users',
    'units',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

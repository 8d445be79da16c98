import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

// Staff contacts for supervision notices by e-mail and SMS: a staff user's work e-mail and mobile
// number (personal data of staff: only admins and the user see them), the language their e-mails
// and texts are written in, and which topics (near, overdue, reminder, escalation, order,
// evaluation) each user wants by e-mail and by SMS. A topic without a row keeps its default.
// The messages themselves go through messaging_outbox (2026-11-29T08-messaging).

type Col = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

export async function up(db: Kysely<unknown>): Promise<void> {
  const notNull: Col = (c) => c.notNull();
  const user: Col = (c) => c.notNull().references('users.id').onDelete('cascade');

  await db.schema
    .createTable('staff_contacts')
    .addColumn('user_id', 'integer', (c) =>
      c.primaryKey().references('users.id').onDelete('cascade'),
    )
    .addColumn('email', 'text')
    .addColumn('mobile', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('updated_at', 'text', notNull)
    .execute();

  await db.schema
    .createTable('staff_notice_preferences')
    .addColumn('user_id', 'integer', user)
    .addColumn('topic', 'text', notNull)
    .addColumn('by_email', 'integer', notNull)
    .addColumn('by_sms', 'integer', notNull)
    .addColumn('updated_at', 'text', notNull)
    .addPrimaryKeyConstraint('staff_notice_preferences_pk', ['user_id', 'topic'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('staff_notice_preferences').execute();
  await db.schema.dropTable('staff_contacts').execute();
}

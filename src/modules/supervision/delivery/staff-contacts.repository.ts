import type { Transaction } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { Executor } from '../../tickets/index.js';
import type { Recipient } from '../supervision.repository.js';
import {
  DEFAULT_CHOICES,
  NOTICE_TOPICS,
  type NoticeLanguage,
  type NoticeTopic,
  type TopicChoice,
} from './staff-notice-rules.js';

export interface StaffContact {
  userId: number;
  email: string | null;
  mobile: string | null;
  language: NoticeLanguage;
  updatedAt: string | null;
}

/** The roles whose holders hear, by e-mail and SMS, of a notice addressed to their whole unit. */
export const UNIT_NOTICE_ROLES = ['handler'] as const;

export async function userExists(db: Executor, userId: number): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

export async function findContact(db: Executor, userId: number): Promise<StaffContact> {
  const row = await db
    .selectFrom('staff_contacts')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return {
    userId,
    email: row?.email ?? null,
    mobile: row?.mobile ?? null,
    language: (row?.language as NoticeLanguage | undefined) ?? 'zh-CN',
    updatedAt: row?.updated_at ?? null,
  };
}

export async function saveContact(
  trx: Transaction<DB>,
  contact: Omit<StaffContact, 'updatedAt'>,
  at: string,
): Promise<void> {
  const values = {
    email: contact.email,
    mobile: contact.mobile,
    language: contact.language,
    updated_at: at,
  };
  await trx
    .insertInto('staff_contacts')
    .values({ user_id: contact.userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

/** Every topic's choice for a user: stored, else the default. */
export async function findChoices(
  db: Executor,
  userId: number,
): Promise<Record<NoticeTopic, TopicChoice>> {
  const rows = await db
    .selectFrom('staff_notice_preferences')
    .select(['topic', 'by_email', 'by_sms'])
    .where('user_id', '=', userId)
    .execute();
  const stored = new Map(
    rows.map((r) => [r.topic, { email: r.by_email === 1, sms: r.by_sms === 1 }]),
  );
  return Object.fromEntries(
    NOTICE_TOPICS.map((topic) => [topic, stored.get(topic) ?? { ...DEFAULT_CHOICES[topic] }]),
  ) as Record<NoticeTopic, TopicChoice>;
}

export async function saveChoices(
  trx: Transaction<DB>,
  userId: number,
  choices: Partial<Record<NoticeTopic, TopicChoice>>,
  at: string,
): Promise<void> {
  for (const [topic, choice] of Object.entries(choices)) {
    const values = { by_email: choice.email ? 1 : 0, by_sms: choice.sms ? 1 : 0, updated_at: at };
    await trx
      .insertInto('staff_notice_preferences')
      .values({ user_id: userId, topic, ...values })
      .onConflict((oc) => oc.columns(['user_id', 'topic']).doUpdateSet(values))
      .execute();
  }
}

/** One person to write to about a notice, with where and how they want it. */
export interface StaffAddressee {
  userId: number;
  email: string | null;
  mobile: string | null;
  language: NoticeLanguage;
  byEmail: boolean;
  bySms: boolean;
}

/**
 * Who gets a notice by e-mail or SMS: the person it names, or, for a notice to a whole unit, the
 * unit's active staff holding a role that acts on it (UNIT_NOTICE_ROLES); only those with an
 * e-mail or a mobile, each with their choice for the topic (the default when they made none).
 */
export async function addresseesOf(
  trx: Executor,
  recipient: Recipient,
  topic: NoticeTopic,
): Promise<StaffAddressee[]> {
  let query = trx
    .selectFrom('users as u')
    .innerJoin('staff_contacts as c', 'c.user_id', 'u.id')
    .leftJoin('staff_notice_preferences as p', (join) =>
      join.onRef('p.user_id', '=', 'u.id').on('p.topic', '=', topic),
    )
    .select(['u.id', 'c.email', 'c.mobile', 'c.language', 'p.by_email', 'p.by_sms'])
    .where('u.active', '=', 1)
    .where((eb) => eb.or([eb('c.email', 'is not', null), eb('c.mobile', 'is not', null)]))
    .orderBy('u.id');
  if (recipient.userId !== null) query = query.where('u.id', '=', recipient.userId);
  else
    query = query.where('u.unit_id', '=', recipient.unitId).where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as r')
          .select('r.user_id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', 'in', [...UNIT_NOTICE_ROLES]),
      ),
    );
  const fallback = DEFAULT_CHOICES[topic];
  return (await query.execute()).map((row) => ({
    userId: row.id,
    email: row.email,
    mobile: row.mobile,
    language: row.language === 'en' ? 'en' : 'zh-CN',
    byEmail: row.by_email === null ? fallback.email : row.by_email === 1,
    bySms: row.by_sms === null ? fallback.sms : row.by_sms === 1,
  }));
}

export async function unitName(db: Executor, unitId: number): Promise<string | null> {
  const row = await db
    .selectFrom('units')
    .select('name')
    .where('id', '=', unitId)
    .executeTakeFirst();
  return row?.name ?? null;
}

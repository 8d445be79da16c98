import { hasRole, requireRoles, type Actor } from '../../../platform/actor.js';
import type { AuditLog } from '../../../platform/audit.js';
import type { Clock } from '../../../platform/clock.js';
import type { Database } from '../../../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../platform/errors.js';
import {
  findChoices,
  findContact,
  saveChoices,
  saveContact,
  userExists,
  type StaffContact,
} from './staff-contacts.repository.js';
import {
  NOTICE_TOPICS,
  normaliseEmail,
  normaliseLanguage,
  normaliseMobile,
  type NoticeLanguage,
  type NoticeTopic,
  type TopicChoice,
} from './staff-notice-rules.js';

export interface NoticeSettings {
  /** Where notices go (set by an admin): the user's own, so shown to them in full. */
  email: string | null;
  mobile: string | null;
  language: NoticeLanguage;
  topics: Array<{ topic: NoticeTopic } & TopicChoice>;
}

/**
 * Staff users' work e-mail and mobile (set by an admin) and each user's own choice of which
 * supervision notices reach them by e-mail and SMS. Contacts are personal data of staff: only an
 * admin and the user themself read them, and the audit log records which fields changed, never
 * their values.
 */
export class StaffContactsService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** A user's contact: an admin's or the user's own. */
  async getContact(actor: Actor, userId: number): Promise<StaffContact> {
    this.requireAdminOrSelf(actor, userId);
    await this.requireUser(userId);
    return findContact(this.database.db, userId);
  }

  /** Admin: sets a user's work e-mail and mobile ('' or null clears one); the language stays. */
  async setContact(
    actor: Actor,
    userId: number,
    input: { email?: string | null; mobile?: string | null },
  ): Promise<StaffContact> {
    requireRoles(actor, ['admin'], 'Only an admin sets the contact details of staff');
    const email = input.email === undefined ? undefined : normaliseEmail(input.email);
    const mobile = input.mobile === undefined ? undefined : normaliseMobile(input.mobile);
    await this.requireUser(userId);
    await this.database.write(async (trx) => {
      const current = await findContact(trx, userId);
      const next = {
        userId,
        email: email === undefined ? current.email : email,
        mobile: mobile === undefined ? current.mobile : mobile,
        language: current.language,
      };
      await saveContact(trx, next, this.clock.now().toISOString());
      await this.audit.recordIn(trx, {
        actorId: actor.userId,
        action: 'staff_contact.update',
        subjectType: 'user',
        subjectId: userId,
        // Which fields changed, never their values.
        detail: {
          fields: [
            ...(next.email !== current.email ? ['email'] : []),
            ...(next.mobile !== current.mobile ? ['mobile'] : []),
          ],
        },
      });
    });
    return findContact(this.database.db, userId);
  }

  /** The caller's own notice settings. */
  async mySettings(actor: Actor): Promise<NoticeSettings> {
    const db = this.database.db;
    const [contact, choices] = await Promise.all([
      findContact(db, actor.userId),
      findChoices(db, actor.userId),
    ]);
    return {
      email: contact.email,
      mobile: contact.mobile,
      language: contact.language,
      topics: NOTICE_TOPICS.map((topic) => ({ topic, ...choices[topic] })),
    };
  }

  /** The caller changes which topics reach them by e-mail and SMS, and in which language. */
  async updateMySettings(
    actor: Actor,
    input: {
      language?: string;
      topics?: Array<{ topic: string; email: boolean; sms: boolean }>;
    },
  ): Promise<NoticeSettings> {
    const changes: Partial<Record<NoticeTopic, TopicChoice>> = {};
    for (const [index, item] of (input.topics ?? []).entries()) {
      if (!(NOTICE_TOPICS as readonly string[]).includes(item.topic))
        throw new ValidationError(
          `topics.${index}.topic`,
          `Unknown notice topic ${item.topic}`,
          undefined,
          { rule: 'enum', allowed: [...NOTICE_TOPICS] },
        );
      changes[item.topic as NoticeTopic] = { email: item.email, sms: item.sms };
    }
    const at = this.clock.now().toISOString();
    await this.database.write(async (trx) => {
      const current = await findContact(trx, actor.userId);
      const language = normaliseLanguage(input.language, current.language);
      if (language !== current.language || current.updatedAt === null)
        await saveContact(trx, { ...current, language }, at);
      await saveChoices(trx, actor.userId, changes, at);
    });
    return this.mySettings(actor);
  }

  private requireAdminOrSelf(actor: Actor, userId: number): void {
    if (actor.userId !== userId && !hasRole(actor, 'admin'))
      throw new ForbiddenError("Only an admin or the user sees a user's contact details");
  }

  private async requireUser(userId: number): Promise<void> {
    if (!(await userExists(this.database.db, userId)))
      throw new NotFoundError('User', userId, 'USER_NOT_FOUND');
  }
}

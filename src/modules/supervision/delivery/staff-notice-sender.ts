import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Clock } from '../../../platform/clock.js';
import type { DB } from '../../../platform/db/schema.js';
import type { ChannelSettingsService } from '../../channels/index.js';
import { enqueueMessage } from '../../messaging/index.js';
import type { NoticeSender, SupervisionNotice } from '../notices.js';
import { addresseesOf, unitName } from './staff-contacts.repository.js';
import { noticeWords, ticketLink, topicOf } from './staff-notice-rules.js';

/** The channel-settings group of staff notices (GET/PUT /admin/channels/staff_notices). */
export const STAFF_NOTICE_SETTINGS = 'staff_notices';

/**
 * Supervision notices by e-mail and SMS to the staff they concern: inside the transaction of the
 * change, one message per person and channel goes into the messaging outbox, which sends it after
 * the commit (claimed by one instance, retried with backoff). Each message has a dedupe key made
 * of the notice's own key and the person, so a notice planned twice is sent once.
 *
 * The outbox rows carry no ticket id: an answer a member of staff sends back to the centre's
 * address must not be threaded into the ticket as if the citizen had written. The e-mail channel
 * knows such an answer by the "staff_" kind of the mail it replies to, and files nothing.
 */
export class StaffNoticeSender implements NoticeSender {
  constructor(
    private readonly clock: Clock,
    private readonly settings: ChannelSettingsService,
  ) {}

  async send(trx: Transaction<DB>, notice: SupervisionNotice): Promise<boolean> {
    const people = await addresseesOf(trx, notice.recipient, topicOf(notice.kind));
    const wanted = people.filter((p) => (p.byEmail && p.email) || (p.bySms && p.mobile));
    if (wanted.length === 0) return false;
    const [own, sms] = await Promise.all([
      this.settings.values(STAFF_NOTICE_SETTINGS),
      this.settings.values('sms'),
    ]);
    const detailUnit = typeof notice.detail.unitId === 'number' ? notice.detail.unitId : null;
    const facts = {
      kind: notice.kind,
      ticket: notice.ticket,
      unitName:
        notice.kind === 'sv_escalation' && detailUnit !== null
          ? await unitName(trx, detailUnit)
          : null,
      requestKind: typeof notice.detail.kind === 'string' ? notice.detail.kind : null,
      decision: typeof notice.detail.decision === 'string' ? notice.detail.decision : null,
      link: ticketLink(own.workspace_url ?? null, notice.ticket.id),
    };
    const at = this.clock.now().toISOString();
    const once = notice.dedupeKey ?? `${notice.kind}:${notice.ticket.id}:${randomUUID()}`;
    for (const person of wanted) {
      const words = noticeWords(facts, person.language, sms.signature ?? '');
      const key = (channel: string) => `staff:${channel}:${once}:u${person.userId}`;
      if (person.byEmail && person.email)
        await enqueueMessage(
          trx,
          {
            channel: 'email',
            kind: `staff_${notice.kind}`,
            ticketId: null,
            recipient: person.email,
            subject: words.subject,
            body: words.text,
            dedupeKey: key('email'),
          },
          at,
        );
      if (person.bySms && person.mobile)
        await enqueueMessage(
          trx,
          {
            channel: 'sms',
            kind: `staff_${notice.kind}`,
            ticketId: null,
            recipient: person.mobile,
            body: words.sms,
            dedupeKey: key('sms'),
          },
          at,
        );
    }
    return true;
  }
}

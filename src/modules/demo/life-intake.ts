import type { Actor } from '../../platform/actor.js';
import { DomainError } from '../../platform/errors.js';
import { findTicketRowByNumber, type TicketStatus } from '../tickets/index.js';
import { isSelfService } from './plan-types.js';
import type { Life } from './life.js';

// Intake (受理): a call or a message becomes a ticket; the operator answers it on the spot,
// refers it, drops it as invalid, or accepts it for dispatch; repeat appeals are merged.

const INVALID_REASONS = [
  '内容为空，无有效诉求',
  '测试信息',
  '重复发送的无效信息',
  '骚扰信息，无实际诉求',
];

/** Creates the ticket as the platform would (a call with its contact, a portal appeal, a message). */
export async function createTicket(life: Life): Promise<TicketStatus> {
  const { plan } = life;
  const { intake } = life.deps.services;
  // An empty or pointless message carries nothing to classify (closed as invalid later).
  const junk = plan.closeAtIntake === 'invalid';
  const appeal = {
    channel: plan.channel,
    appealType: plan.appealType,
    categoryId: junk ? null : plan.leaf.id,
    urgency: plan.urgency,
    title: junk ? null : plan.text.title,
    description: junk ? life.rng.pick(['测试', '。。。', '你好', '1']) : plan.text.description,
    address: junk ? null : plan.text.address,
    districtId: junk ? null : plan.district.id,
    streetId: junk ? null : plan.street.id,
    lat: junk ? null : plan.lat,
    lng: junk ? null : plan.lng,
    citizenName: plan.citizenName,
    citizenPhone: plan.citizenPhone,
    confidential: plan.confidential,
    contactRequired: plan.contactRequired,
  };
  const operator = life.operator();
  const call = !isSelfService(plan.channel);
  const created = await life.step(
    plan.at,
    async () => {
      if (plan.channel === 'web' || plan.channel === 'app') {
        const { number } = await intake.publicAppeals.submit({ ...appeal, channel: plan.channel });
        const row = await findTicketRowByNumber(life.deps.database.db, number);
        if (!row) throw new Error(`appeal ${number} was not written`);
        return { id: row.id, number, status: row.status as TicketStatus };
      }
      // A call is on record (rung, answered) before the operator saves its ticket.
      const contactId = call ? await recordCall(life, operator) : null;
      return intake.tickets.create(operator, { ...appeal, contactId, ...disposition(life) });
    },
    call ? 2 : 1,
  );
  life.ticketId = created.id;
  life.number = created.number;
  if (plan.incident?.role === 'parent') plan.incident.group.resolveParent(created.id);
  return created.status;
}

/** The phone call the ticket comes from: rung, answered within seconds, a few minutes long. */
async function recordCall(life: Life, operator: Actor): Promise<number> {
  const startedAt = life.t - life.rng.int(90, 600) * 1000;
  const answeredAt = startedAt + life.rng.int(2, 25) * 1000;
  const contact = await life.deps.services.intake.contacts.record(operator, {
    channel: life.plan.channel,
    callerNumber: life.plan.citizenPhone,
    callerName: life.plan.citizenName,
    startedAt: new Date(startedAt).toISOString(),
    answeredAt: new Date(answeredAt).toISOString(),
    endedAt: new Date(life.t + life.rng.int(10, 90) * 1000).toISOString(),
  });
  return contact.id;
}

/** What the operator decides during a call; written messages wait in `received`. */
function disposition(life: Life) {
  const { plan } = life;
  if (isSelfService(plan.channel)) return { disposition: 'received' };
  if (plan.closeAtIntake === 'direct_answer')
    return { disposition: 'direct_answer', answer: directAnswer(life) };
  if (plan.closeAtIntake === 'referral' && plan.referral)
    return {
      disposition: 'referral',
      referralTarget: plan.referral.target,
      referralReason: plan.referral.reason,
    };
  return { disposition: 'dispatch' };
}

function directAnswer(life: Life): string {
  const { leaf, answer } = life.plan;
  if (answer) return answer;
  return `话务员根据知识库当场答复：${leaf.seed.reply.replace(/^已/, '')}如有疑问可再次拨打12345。`;
}

/** An operator takes a received message: closes it at intake or accepts it for dispatch. */
export async function takeReceived(life: Life): Promise<void> {
  const { plan } = life;
  const { tickets } = life.deps.services.intake;
  life.stopIf('received');
  const urgent = plan.urgency !== 'normal';
  await life.step(life.later(3, urgent ? 20 : 110), async () => {
    const operator = life.operator();
    switch (plan.closeAtIntake) {
      case 'direct_answer':
        return tickets.directAnswer(operator, life.ticketId, { answer: directAnswer(life) });
      case 'invalid':
        return tickets.invalidate(operator, life.ticketId, {
          reason: life.rng.pick(INVALID_REASONS),
        });
      case 'referral':
        if (plan.referral)
          return tickets.refer(operator, life.ticketId, {
            target: plan.referral.target,
            reason: plan.referral.reason,
          });
        return tickets.accept(operator, life.ticketId);
      case null:
        // Portal appeals come without a street or urgency: the operator completes them.
        return tickets.accept(operator, life.ticketId, {
          districtId: plan.district.id,
          streetId: plan.street.id,
          urgency: plan.urgency,
        });
    }
  });
}

/**
 * The dispatcher merges a repeat appeal into the incident's first ticket (并单). Returns the
 * child's status after the merge, or null when the parent could not take it (handled alone).
 */
export async function mergeIntoParent(life: Life): Promise<TicketStatus | null> {
  const incident = life.plan.incident;
  if (incident?.role !== 'child') return null;
  let parentId: number;
  try {
    parentId = await incident.group.parentId;
  } catch {
    return null;
  }
  try {
    const merged = await life.step(life.later(10, 90), () =>
      life.deps.services.dispatch.merge.merge(
        life.dispatcher(),
        life.ticketId,
        parentId,
        '同一事件的重复诉求，并入首单统一办理',
      ),
    );
    // A child merged after the parent's reply took that reply: it is called back on its own.
    if (merged.status !== 'replied') incident.group.childIds.push(life.ticketId);
    return merged.status as TicketStatus;
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

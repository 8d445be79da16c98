import { ConflictError } from '../../platform/errors.js';
import { getTicketRow } from '../tickets/index.js';
import type { Life } from './life.js';
import { pendingRequestId } from './life-dispatch.js';
import { callbackNote, composeReply, extensionReason } from './texts.js';

// Handling (办理) and callback (回访): the units sign for the order, co-handlers reply their
// parts, the lead unit replies, and the callback desk asks the citizen, closing or reopening it.

/** Sign-for, an occasional extension, co-handlers' parts and the lead unit's reply. */
export async function handleTicket(life: Life): Promise<void> {
  const lead = life.leadUnitId;
  if (lead === null) throw new Error(`ticket ${life.number} has no lead unit`);
  const { handling } = life.deps.services;
  const dispatchedAt = life.t;
  await life.step(signTime(life), () => handling.service.sign(life.handler(lead), life.ticketId));
  for (const co of life.coUnitIds) {
    await life.step(signTime(life), () => handling.service.sign(life.handler(co), life.ticketId));
  }
  life.stopIf('in_progress');
  const extraDays = await maybeExtend(life, lead);
  const urgent = life.plan.urgency !== 'normal';
  const replyAt = Math.max(replyTime(life, dispatchedAt, extraDays), life.later(5, 30));
  for (const co of life.coUnitIds) {
    const partAt = life.t + (replyAt - life.t) * (0.3 + 0.5 * life.rng.next());
    // Urgent matters are handled around the clock, the others in office hours.
    await life.step(urgent ? partAt : life.office(partAt), () =>
      handling.service.replyPart(life.handler(co), life.ticketId, coPart(life, co, lead)),
    );
  }
  await reply(life, lead, Math.max(replyAt, urgent ? life.later(3, 15) : life.later(20, 90)));
}

function signTime(life: Life): number {
  switch (life.plan.urgency) {
    case 'emergency':
      return life.later(3, 12);
    case 'urgent':
      return life.later(5, 80);
    case 'normal':
      return life.rng.chance(0.92) ? life.later(5, 100) : life.office(life.later(30, 300));
  }
}

/** Now and then the unit needs more time (延期); the desk or the coordinator decides. */
async function maybeExtend(life: Life, lead: number): Promise<number> {
  if (life.plan.urgency !== 'normal' || !life.rng.chance(0.07)) return 0;
  const { handling, dispatch } = life.deps.services;
  const workingDays = life.rng.int(3, 10);
  await life.step(life.workingDays(life.rng.int(1, 3)), () =>
    handling.service.requestExtension(life.handler(lead), life.ticketId, {
      reason: extensionReason(life.rng),
      workingDays,
    }),
  );
  const approve = life.rng.chance(0.85);
  await life.step(life.office(life.later(30, 480)), async () => {
    const requestId = await pendingRequestId(life, 'extension');
    await dispatch.requests.decideExtension(life.decider(lead), requestId, {
      decision: approve ? 'approve' : 'refuse',
      reason: approve ? '情况属实，同意延期。' : '该事项可在时限内办结，不同意延期，请抓紧办理。',
    });
  });
  return approve ? workingDays : 0;
}

async function reply(life: Life, lead: number, at: number): Promise<void> {
  const { handling } = life.deps.services;
  await life.step(at, () =>
    handling.service.reply(life.handler(lead), life.ticketId, {
      text: composeReply(life.rng, life.plan.leaf.seed, life.unitName(lead)),
    }),
  );
}

/** When the lead unit replies: mostly within the time limit (DOMAIN.md), a few late. */
function replyTime(life: Life, dispatchedAt: number, extraDays: number): number {
  const { rng } = life;
  switch (life.plan.urgency) {
    case 'emergency':
      return life.later(15, 60);
    case 'urgent':
      return life.later(60, 20 * 60);
    case 'normal': {
      const days = rng.chance(0.92) ? rng.int(1, 6) : rng.int(8, 12);
      return life.workingDaysFrom(dispatchedAt, days + Math.floor(extraDays * rng.next()));
    }
  }
}

/** A co-handler's part (协办意见): what it did alongside the lead unit. */
function coPart(life: Life, co: number, lead: number): string {
  return `${life.unitName(co)}${life.rng.pick([
    '已安排工作人员配合',
    '按职责分工配合',
    '收到协办工单后积极配合',
  ])}${life.unitName(lead)}${life.rng.pick([
    '开展现场核查，相关情况已反馈主办单位。',
    '处理，已对涉及本单位职责的事项进行督促整改。',
    '做好群众解释和后续跟踪工作。',
  ])}`;
}

type Outcome = 'satisfied' | 'basic' | 'dissatisfied' | 'unresolved' | 'unreachable';

/** Callbacks until the ticket closes; an unresolved appeal goes back to the unit and comes again. */
export async function callBack(life: Life): Promise<void> {
  const { callback } = life.deps.services;
  life.stopIf('replied');
  for (let round = 1; ; round++) {
    await callBackChildren(life);
    const outcome = callbackOutcome(life, round);
    const at = life.office(life.later(40, 20 * 60));
    if (outcome === 'unreachable') {
      await life.step(at, () =>
        callback.service.close(
          life.callbackAgent(),
          life.ticketId,
          '三次回访市民电话均无人接听，按规定办结',
        ),
      );
      return;
    }
    await life.step(at, () =>
      callback.service.recordCallback(life.callbackAgent(), life.ticketId, answers(life, outcome)),
    );
    if (outcome !== 'unresolved' || life.leadUnitId === null) return;
    await reply(life, life.leadUnitId, life.workingDays(life.rng.int(1, 5)));
  }
}

function callbackOutcome(life: Life, round: number): Outcome {
  const table: Array<[Outcome, number]> =
    round === 1
      ? [
          ['satisfied', 76],
          ['basic', 13],
          ['dissatisfied', 4],
          ['unresolved', 5],
          ['unreachable', 2],
        ]
      : [
          ['satisfied', 70],
          ['basic', 24],
          ['dissatisfied', 5],
          ['unresolved', round > 2 ? 0 : 1],
        ];
  return life.rng.weighted(table, ([, w]) => w)[0];
}

function answers(life: Life, outcome: Exclude<Outcome, 'unreachable'>) {
  const { rng } = life;
  switch (outcome) {
    case 'satisfied':
      return {
        contacted: true,
        resolved: true,
        satisfaction: 'satisfied' as const,
        note: callbackNote(rng, 'satisfied'),
      };
    case 'basic':
      return {
        contacted: true,
        resolved: true,
        satisfaction: 'basically_satisfied' as const,
        note: callbackNote(rng, 'basic'),
      };
    case 'dissatisfied':
      return {
        contacted: rng.chance(0.7),
        resolved: true,
        satisfaction: 'dissatisfied' as const,
        note: callbackNote(rng, 'dissatisfied'),
      };
    case 'unresolved':
      return {
        contacted: rng.chance(0.6),
        resolved: false,
        satisfaction: 'dissatisfied' as const,
        note: callbackNote(rng, 'dissatisfied'),
      };
  }
}

/** Every merged child's caller gets a callback of their own once the parent's reply reached them. */
async function callBackChildren(life: Life): Promise<void> {
  const incident = life.plan.incident;
  if (incident?.role !== 'parent') return;
  for (const childId of incident.group.childIds) {
    await life.step(life.office(life.later(30, 6 * 60)), async () => {
      const child = await getTicketRow(life.deps.database.db, childId);
      if (child.status !== 'replied') return;
      const outcome = life.rng.chance(0.85) ? 'satisfied' : 'basic';
      await unlessMovedOn(
        life.deps.services.callback.service.recordCallback(
          life.callbackAgent(),
          childId,
          answers(life, outcome),
        ),
      );
    });
  }
}

/** A merged child that took an already given reply is called back on its own. */
export async function callBackMergedChild(life: Life): Promise<void> {
  const at = life.office(life.later(60, 8 * 60));
  const done = await life.step(at, () =>
    unlessMovedOn(
      life.deps.services.callback.service.recordCallback(
        life.callbackAgent(),
        life.ticketId,
        answers(life, 'satisfied'),
      ),
    ),
  );
  // The parent was reopened meanwhile: the child waits for its next reply, with the others.
  if (!done && life.plan.incident?.role === 'child')
    life.plan.incident.group.childIds.push(life.ticketId);
}

/**
 * A merged child's callback races its parent's life-cycle: if the parent was reopened in the
 * meantime, the child went back under it (ILLEGAL_TRANSITION) and is called back later.
 */
async function unlessMovedOn(callback: Promise<unknown>): Promise<boolean> {
  try {
    await callback;
    return true;
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'ILLEGAL_TRANSITION') return false;
    throw error;
  }
}

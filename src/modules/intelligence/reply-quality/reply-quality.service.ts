// Reply quality (答复质量): a handler's draft scored while they type (advice: sending is never
// blocked), every reply sent scored and stored as it appears in the ticket event log (the outbox
// every reply writes in its own transaction, read as the learning loop reads it), and the
// supervisors' per-unit figures with their drill-down to tickets.
import { requireRoles, type Actor, type Role } from '../../../platform/actor.js';
import { ValidationError } from '../../../platform/errors.js';
import type { IntelligenceContext } from '../intelligence-context.js';
import { compareAndSetState, readState } from '../intelligence.repository.js';
import {
  appealsById,
  insertScore,
  recentAppealTexts,
  replyEventsAfter,
  ticketScores,
  unitFigures,
  unitScores,
  type StoredScore,
} from './reply-quality.repository.js';
import { scoreReply, type ReplyQuality } from './reply-scorer.js';
import { learnTermWeights, type TermWeights } from './term-weights.js';

/** Who may score a draft reply and read a ticket's reply scores (within the tickets they see). */
export const REPLY_SCORE_ROLES: readonly Role[] = ['handler', 'coordinator', 'supervisor'];
/** Who may read the per-unit figures (督办考核). */
export const UNIT_FIGURE_ROLES: readonly Role[] = ['supervisor', 'analyst'];
/** The overall score under which a reply counts as weak in the per-unit figures, by default. */
export const DEFAULT_WEAK_BELOW = 60;

const WATERMARK_KEY = 'reply_quality.event_watermark';
/** Reply events read per batch. */
const BATCH = 200;
/**
 * The watermark trails the newest event by this long: an event id handed out by a transaction
 * still committing (PostgreSQL) is read again on the next runs; the unique event id makes that
 * harmless.
 */
const SETTLE_MS = 5 * 60_000;
/** Term weights are learnt from this many of the newest appeals, and kept this long. */
const WEIGHT_APPEALS = 5_000;
const WEIGHTS_TTL_MS = 60 * 60_000;
/** At most this many tickets in a unit's drill-down. */
const DRILL_DOWN_LIMIT = 200;

export interface UnitReplyQuality {
  unitId: number;
  unitName: string;
  count: number;
  relevance: number;
  completeness: number;
  explanation: number;
  overall: number;
  /** Share of the unit's replies with an overall score below the threshold (0..1). */
  belowShare: number;
}

export interface Period {
  from: string;
  to: string;
}

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

function checkPeriod(period: Period): Period {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  if (!(to > from))
    throw new ValidationError('to', 'The end of the period must be after its start', undefined, {
      rule: 'minimum',
    });
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

export class ReplyQualityService {
  private weights: { at: number; value: Promise<TermWeights> } | null = null;

  constructor(private readonly context: IntelligenceContext) {}

  /** Scores a draft reply to a ticket the actor sees. */
  async scoreDraft(actor: Actor, ticketId: number, reply: string): Promise<ReplyQuality> {
    requireRoles(actor, REPLY_SCORE_ROLES, 'Only handling units and supervisors score replies');
    const ticket = await this.context.tickets.getVisibleTicket(actor, ticketId);
    return scoreReply(ticket, reply, await this.termWeights());
  }

  /** The stored scores of a ticket's sent replies, newest first. */
  async ticketScores(actor: Actor, ticketId: number): Promise<StoredScore[]> {
    requireRoles(actor, REPLY_SCORE_ROLES, 'Only handling units and supervisors see reply scores');
    await this.context.tickets.getVisibleTicket(actor, ticketId);
    return ticketScores(this.context.database.db, ticketId);
  }

  /** Per unit: replies sent in the period, average scores, share below `weakBelow`. */
  async unitFigures(actor: Actor, period: Period, weakBelow = DEFAULT_WEAK_BELOW) {
    requireRoles(actor, UNIT_FIGURE_ROLES, 'Only supervisors and analysts see units’ reply scores');
    const rows = await unitFigures(this.context.database.db, checkPeriod(period), weakBelow);
    return rows
      .map((r): UnitReplyQuality => ({
        unitId: r.unitId,
        unitName: r.unitName,
        count: r.count,
        relevance: oneDecimal(r.relevance / r.count),
        completeness: oneDecimal(r.completeness / r.count),
        explanation: oneDecimal(r.explanation / r.count),
        overall: oneDecimal(r.overall / r.count),
        belowShare: Math.round((r.below / r.count) * 1000) / 1000,
      }))
      .sort((a, b) => a.overall - b.overall || a.unitId - b.unitId);
  }

  /** A unit's scored replies in the period, the weakest first. */
  async unitTickets(actor: Actor, unitId: number, period: Period): Promise<StoredScore[]> {
    requireRoles(actor, UNIT_FIGURE_ROLES, 'Only supervisors and analysts see units’ reply scores');
    return unitScores(this.context.database.db, unitId, checkPeriod(period), DRILL_DOWN_LIMIT);
  }

  /** Scores the replies sent since the last run and stores their scores; returns how many. */
  async scoreSentReplies(): Promise<number> {
    const { database, clock } = this.context;
    const mark = await readState(database.db, WATERMARK_KEY);
    const from = Number(mark ?? 0);
    const events = await replyEventsAfter(database.db, from, BATCH);
    if (events.length === 0) return 0;
    const appeals = await appealsById(
      database.db,
      events.map((e) => e.ticketId),
    );
    const weights = await this.termWeights();
    const now = clock.now();
    const settled = now.getTime() - SETTLE_MS;
    let next = from;
    let stored = 0;
    await database.write(async (trx) => {
      for (const event of events) {
        const appeal = appeals.get(event.ticketId);
        const reply = event.replyText ?? appeal?.replyText;
        if (appeal && reply !== null && reply !== undefined) {
          const q = scoreReply(appeal, reply, weights);
          const inserted = await insertScore(trx, {
            eventId: event.eventId,
            ticketId: event.ticketId,
            unitId: event.unitId,
            repliedBy: event.actorId,
            repliedAt: event.at,
            relevance: q.relevance,
            completeness: q.completeness,
            explanation: q.explanation,
            overall: q.overall,
            grade: q.grade,
            hints: q.hints.map((h) => h.code),
            scoredAt: now.toISOString(),
          });
          if (inserted) stored++;
        }
        if (Date.parse(event.at) <= settled || events.length === BATCH) next = event.eventId;
      }
      if (next > from)
        await compareAndSetState(trx, WATERMARK_KEY, mark, String(next), now.toISOString());
    });
    return stored;
  }

  /** Term weights from the deployment's newest appeals, relearnt hourly. */
  private termWeights(): Promise<TermWeights> {
    const now = this.context.clock.now().getTime();
    if (!this.weights || Math.abs(now - this.weights.at) > WEIGHTS_TTL_MS) {
      const value = recentAppealTexts(this.context.database.db, WEIGHT_APPEALS).then(
        learnTermWeights,
      );
      this.weights = { at: now, value };
      value.catch(() => (this.weights = null));
    }
    return this.weights.value;
  }
}

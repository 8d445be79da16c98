// Reply quality's queries: the reply events to score, the appeals term weights are learnt from,
// the stored scores, and the per-unit figures with their drill-down.
import { sql } from 'kysely';
import type { Executor } from '../intelligence.repository.js';

export interface ReplyEvent {
  eventId: number;
  ticketId: number;
  actorId: number | null;
  actorUnitId: number | null;
  at: string;
  /** The reply text if the event's diff holds it (a reply equal to the previous one does not). */
  replyText: string | null;
  unitId: number | null;
}

/** Reply events after an id, oldest first. */
export async function replyEventsAfter(
  db: Executor,
  afterId: number,
  limit: number,
): Promise<ReplyEvent[]> {
  const rows = await db
    .selectFrom('ticket_events')
    .select(['id', 'ticket_id', 'actor_id', 'actor_unit_id', 'at', 'after', 'data'])
    .where('id', '>', afterId)
    .where('type', '=', 'reply')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const after = r.after ? (JSON.parse(r.after) as { replyText?: unknown }) : {};
    const data = r.data ? (JSON.parse(r.data) as { unitId?: unknown }) : {};
    return {
      eventId: r.id,
      ticketId: r.ticket_id,
      actorId: r.actor_id,
      actorUnitId: r.actor_unit_id,
      at: r.at,
      replyText: typeof after.replyText === 'string' ? after.replyText : null,
      unitId: typeof data.unitId === 'number' ? data.unitId : r.actor_unit_id,
    };
  });
}

export interface AppealRow {
  id: number;
  number: string;
  title: string;
  description: string;
  replyText: string | null;
}

export async function appealsById(db: Executor, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, AppealRow>();
  const rows = await db
    .selectFrom('tickets')
    .select(['id', 'number', 'title', 'description', 'reply_text'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        number: r.number,
        title: r.title,
        description: r.description,
        replyText: r.reply_text,
      },
    ]),
  );
}

/** The newest appeals' texts, for the term weights. */
export async function recentAppealTexts(db: Executor, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('tickets')
    .select(['title', 'description'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => `${r.title}\n${r.description}`);
}

export interface NewScore {
  eventId: number;
  ticketId: number;
  unitId: number | null;
  repliedBy: number | null;
  repliedAt: string;
  relevance: number;
  completeness: number;
  explanation: number;
  overall: number;
  grade: string;
  hints: string[];
  scoredAt: string;
}

/** Stores a reply's score once (a reply event already scored is left as it is). */
export async function insertScore(db: Executor, s: NewScore): Promise<boolean> {
  const result = await db
    .insertInto('reply_quality_scores')
    .values({
      event_id: s.eventId,
      ticket_id: s.ticketId,
      unit_id: s.unitId,
      replied_by: s.repliedBy,
      replied_at: s.repliedAt,
      relevance: s.relevance,
      completeness: s.completeness,
      explanation: s.explanation,
      overall: s.overall,
      grade: s.grade,
      hints: JSON.stringify(s.hints),
      scored_at: s.scoredAt,
    })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export interface StoredScore {
  ticketId: number;
  number: string;
  title: string;
  unitId: number | null;
  repliedAt: string;
  relevance: number;
  completeness: number;
  explanation: number;
  overall: number;
  grade: string;
  hints: string[];
}

const storedColumns = [
  'reply_quality_scores.ticket_id',
  'tickets.number',
  'tickets.title',
  'reply_quality_scores.unit_id',
  'reply_quality_scores.replied_at',
  'reply_quality_scores.relevance',
  'reply_quality_scores.completeness',
  'reply_quality_scores.explanation',
  'reply_quality_scores.overall',
  'reply_quality_scores.grade',
  'reply_quality_scores.hints',
] as const;

type StoredRow = {
  ticket_id: number;
  number: string;
  title: string;
  unit_id: number | null;
  replied_at: string;
  relevance: number;
  completeness: number;
  explanation: number;
  overall: number;
  grade: string;
  hints: string;
};

const toStored = (r: StoredRow): StoredScore => ({
  ticketId: r.ticket_id,
  number: r.number,
  title: r.title,
  unitId: r.unit_id,
  repliedAt: r.replied_at,
  relevance: r.relevance,
  completeness: r.completeness,
  explanation: r.explanation,
  overall: r.overall,
  grade: r.grade,
  hints: JSON.parse(r.hints) as string[],
});

/** The scores of a ticket's replies, newest first. */
export async function ticketScores(db: Executor, ticketId: number): Promise<StoredScore[]> {
  const rows = await db
    .selectFrom('reply_quality_scores')
    .innerJoin('tickets', 'tickets.id', 'reply_quality_scores.ticket_id')
    .select(storedColumns)
    .where('reply_quality_scores.ticket_id', '=', ticketId)
    .orderBy('reply_quality_scores.event_id', 'desc')
    .execute();
  return rows.map(toStored);
}

/** A unit's scored replies in a period, the lowest overall first. */
export async function unitScores(
  db: Executor,
  unitId: number,
  period: { from: string; to: string },
  limit: number,
): Promise<StoredScore[]> {
  const rows = await db
    .selectFrom('reply_quality_scores')
    .innerJoin('tickets', 'tickets.id', 'reply_quality_scores.ticket_id')
    .select(storedColumns)
    .where('reply_quality_scores.unit_id', '=', unitId)
    .where('reply_quality_scores.replied_at', '>=', period.from)
    .where('reply_quality_scores.replied_at', '<', period.to)
    .orderBy('reply_quality_scores.overall')
    .orderBy('reply_quality_scores.event_id')
    .limit(limit)
    .execute();
  return rows.map(toStored);
}

export interface UnitFigureRow {
  unitId: number;
  unitName: string;
  count: number;
  relevance: number;
  completeness: number;
  explanation: number;
  overall: number;
  below: number;
}

/** Per unit: how many replies in the period, their average scores, how many below `threshold`. */
export async function unitFigures(
  db: Executor,
  period: { from: string; to: string },
  threshold: number,
): Promise<UnitFigureRow[]> {
  const s = 'reply_quality_scores';
  const rows = await db
    .selectFrom(s)
    .innerJoin('units', 'units.id', `${s}.unit_id`)
    .select((eb) => [
      `${s}.unit_id as unitId`,
      'units.name as unitName',
      eb.fn.countAll<number | string>().as('count'),
      eb.fn.sum<number | string>(`${s}.relevance`).as('relevance'),
      eb.fn.sum<number | string>(`${s}.completeness`).as('completeness'),
      eb.fn.sum<number | string>(`${s}.explanation`).as('explanation'),
      eb.fn.sum<number | string>(`${s}.overall`).as('overall'),
      eb.fn
        .sum<number | string>(
          sql`case when ${sql.ref(`${s}.overall`)} < ${threshold} then 1 else 0 end`,
        )
        .as('below'),
    ])
    .where(`${s}.replied_at`, '>=', period.from)
    .where(`${s}.replied_at`, '<', period.to)
    .groupBy([`${s}.unit_id`, 'units.name'])
    .execute();
  // Sums, not averages, come back: both dialects return them exactly (PostgreSQL as text).
  return rows.map((r) => ({
    unitId: Number(r.unitId),
    unitName: r.unitName,
    count: Number(r.count),
    relevance: Number(r.relevance),
    completeness: Number(r.completeness),
    explanation: Number(r.explanation),
    overall: Number(r.overall),
    below: Number(r.below),
  }));
}

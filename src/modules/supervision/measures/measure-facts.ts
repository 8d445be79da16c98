// What one ticket adds to each evaluation measure (../shared/DOMAIN.md "Measures"): pure rules,
// no I/O, "now" and the time zone passed in. The worker and the full recomputation both use
// `computeFacts`, so the rollups can only differ if a change was not marked.
import { toLocalTime } from '../../../platform/time-zone.js';

/** The counts every measure is built from, as the API names them. */
export const COUNT_NAMES = [
  'contacts',
  'directAnswers',
  'dispatched',
  'signedOnTime',
  'returned',
  'due',
  'onTime',
  'overdue',
  'replied',
  'handlingSeconds',
  'reopened',
  'evaluated',
  'contacted',
  'resolved',
  'satisfied',
] as const;
export type CountName = (typeof COUNT_NAMES)[number];
export type Counts = Record<CountName, number>;

/** Which day of a ticket each count belongs to. */
export const DAY_KINDS = ['intake', 'dispatch', 'due', 'reply', 'eval'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export const DAY_OF_COUNT: Readonly<Record<CountName, DayKind>> = {
  contacts: 'intake',
  directAnswers: 'intake',
  dispatched: 'dispatch',
  signedOnTime: 'dispatch',
  returned: 'dispatch',
  due: 'due',
  onTime: 'due',
  overdue: 'due',
  replied: 'reply',
  handlingSeconds: 'reply',
  reopened: 'reply',
  evaluated: 'eval',
  contacted: 'eval',
  resolved: 'eval',
  satisfied: 'eval',
};

/** The column of a count (snake case) in measure_facts and measure_counters. */
export const columnOf = (count: CountName): string =>
  count.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A literal (one object shape, no intermediate arrays): the rebuild makes one per fact. */
export const zeroCounts = (): Counts => ({
  contacts: 0,
  directAnswers: 0,
  dispatched: 0,
  signedOnTime: 0,
  returned: 0,
  due: 0,
  onTime: 0,
  overdue: 0,
  replied: 0,
  handlingSeconds: 0,
  reopened: 0,
  evaluated: 0,
  contacted: 0,
  resolved: 0,
  satisfied: 0,
});

/** The counts of each day kind. */
const COUNTS_OF_KIND = Object.fromEntries(
  DAY_KINDS.map((kind) => [kind, COUNT_NAMES.filter((c) => DAY_OF_COUNT[c] === kind)]),
) as Record<DayKind, CountName[]>;

const anyNonZero = (counts: Counts, names: readonly CountName[]): boolean => {
  for (const name of names) if (counts[name] !== 0) return true;
  return false;
};

/** Everything about one ticket that its measures depend on. */
export interface TicketSnapshot {
  id: number;
  status: string;
  channel: string;
  categoryId: number | null;
  districtId: number | null;
  leadUnitId: number | null;
  createdAt: string;
  dispatchedAt: string | null;
  signDueAt: string | null;
  replyDueAt: string | null;
  repliedAt: string | null;
  resolution: string | null;
  reopenCount: number;
  /** Contacts of the ticket that were valid (not invalidated, not abandoned). */
  validContacts: number;
  assignments: Array<{ unitId: number; dispatchedAt: string; signedAt: string | null }>;
  /** The sign-for deadline set by each dispatch or reassignment, by its time. */
  signDueByDispatch: ReadonlyMap<string, string>;
  /** Replies (event time, the replying unit). */
  replies: Array<{ at: string; unitId: number | null }>;
  /** The latest evaluation: a callback or the citizen's own. */
  evaluation: { contacted: boolean; resolved: boolean; satisfaction: string; at: string } | null;
  /** Accepted returns (退单) per unit. */
  returnsAccepted: ReadonlyMap<number, number>;
  /** What approved exemptions and objections took out: unit → aspects ('all', 'satisfaction'…). */
  adjustments: ReadonlyMap<number, ReadonlySet<string>>;
}

/** One ticket's contribution for one unit (0 = intake, or no lead unit). */
export interface Fact {
  ticketId: number;
  unitId: number;
  districtId: number;
  categoryId: number;
  channel: string;
  days: Record<DayKind, string | null>;
  counts: Counts;
}

/** Statuses in which the lead unit holds the ticket and its feedback deadline runs. */
const WITH_UNIT = new Set(['dispatched', 'in_progress', 'return_review']);
const SATISFIED = new Set(['satisfied', 'basically_satisfied']);

/** A day (YYYY-MM-DD) in the time zone, memoised per hour of offset (Intl is slow). */
export function dayFunction(timeZone: string): (iso: string) => string {
  const offsets = new Map<number, number>();
  // Instants written by toISOString ("…T14:05:09.123Z") in a zone whose offset is whole hours
  // fall on one day per UTC hour: memoised by their first 13 characters.
  const byHour = new Map<string, string>();
  return (iso) => {
    const utc = iso.length === 24 && iso.charCodeAt(23) === 90; /* Z */
    if (utc) {
      const known = byHour.get(iso.slice(0, 13));
      if (known !== undefined) return known;
    }
    const ms = Date.parse(iso);
    const hour = Math.floor(ms / 3_600_000);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const local = toLocalTime(new Date(hour * 3_600_000), timeZone);
      offset = Date.parse(`${local.date}T00:00:00Z`) + local.timeOfDay - hour * 3_600_000;
      if (offsets.size > 100_000) offsets.clear();
      offsets.set(hour, offset);
    }
    const day = new Date(ms + offset).toISOString().slice(0, 10);
    if (utc && offset % 3_600_000 === 0) {
      if (byHour.size > 100_000) byHour.clear();
      byHour.set(iso.slice(0, 13), day);
    }
    return day;
  };
}

/**
 * The facts of one ticket at `now`: intake counts on unit 0, dispatch counts on each unit
 * dispatched, results (feedback on time, reply, reopen, evaluation) on the lead unit. A unit's
 * exemption drops its row; an objection drops only the result it contested.
 */
export function computeFacts(
  ticket: TicketSnapshot,
  now: Date,
  day: (iso: string) => string,
): Fact[] {
  const base = {
    ticketId: ticket.id,
    districtId: ticket.districtId ?? 0,
    categoryId: ticket.categoryId ?? 0,
    channel: ticket.channel,
  };
  const rows = new Map<number, Fact>();
  const row = (unitId: number): Fact => {
    let fact = rows.get(unitId);
    if (!fact) {
      fact = {
        ...base,
        unitId,
        days: { intake: null, dispatch: null, due: null, reply: null, eval: null },
        counts: zeroCounts(),
      };
      rows.set(unitId, fact);
    }
    return fact;
  };

  const intake = row(0);
  intake.days.intake = day(ticket.createdAt);
  intake.counts.contacts = ticket.validContacts;
  intake.counts.directAnswers = ticket.resolution === 'direct_answer' ? 1 : 0;

  // ISO instants: plain comparison (localeCompare would go through ICU, far slower).
  const assignments = [...ticket.assignments].sort((a, b) =>
    a.dispatchedAt < b.dispatchedAt ? -1 : a.dispatchedAt > b.dispatchedAt ? 1 : 0,
  );
  for (const assignment of assignments) {
    const fact = row(assignment.unitId);
    fact.days.dispatch ??= day(assignment.dispatchedAt);
    fact.counts.dispatched += 1;
    const signDue =
      ticket.signDueByDispatch.get(assignment.dispatchedAt) ??
      (assignment.dispatchedAt === ticket.dispatchedAt ? ticket.signDueAt : null);
    if (assignment.signedAt !== null && signDue !== null && assignment.signedAt <= signDue)
      fact.counts.signedOnTime += 1;
  }
  for (const [unitId, count] of ticket.returnsAccepted) {
    const fact = rows.get(unitId);
    if (fact?.days.dispatch) fact.counts.returned = count;
  }

  if (ticket.leadUnitId !== null) addResults(row(ticket.leadUnitId), ticket, assignments, now, day);
  else if (ticket.evaluation) addEvaluation(intake, ticket, day(ticket.evaluation.at));

  const facts: Fact[] = [];
  for (const fact of rows.values()) {
    const aspects = ticket.adjustments.get(fact.unitId);
    if (fact.unitId !== 0 && aspects?.has('all')) continue;
    if (aspects?.has('timeliness')) clear(fact, ['due', 'onTime', 'overdue']);
    if (aspects?.has('satisfaction'))
      clear(fact, ['evaluated', 'contacted', 'resolved', 'satisfied']);
    if (aspects?.has('reopen')) fact.counts.reopened = 0;
    for (const kind of DAY_KINDS)
      if (!anyNonZero(fact.counts, COUNTS_OF_KIND[kind])) fact.days[kind] = null;
    if (anyNonZero(fact.counts, COUNT_NAMES)) facts.push(fact);
  }
  return facts;
}

function addResults(
  fact: Fact,
  ticket: TicketSnapshot,
  assignments: TicketSnapshot['assignments'],
  now: Date,
  day: (iso: string) => string,
): void {
  const lead = ticket.leadUnitId!;
  // Feedback on time: the current reply against the current deadline (approved extensions
  // moved it already); an unreplied ticket still with its unit is due once the deadline passed.
  if (ticket.repliedAt !== null && ticket.replyDueAt !== null) {
    fact.days.due = day(ticket.repliedAt);
    fact.counts.due = 1;
    fact.counts.onTime = ticket.repliedAt <= ticket.replyDueAt ? 1 : 0;
  } else if (
    ticket.repliedAt === null &&
    ticket.replyDueAt !== null &&
    WITH_UNIT.has(ticket.status) &&
    Date.parse(ticket.replyDueAt) <= now.getTime()
  ) {
    fact.days.due = day(ticket.replyDueAt);
    fact.counts.due = 1;
  }
  fact.counts.overdue = fact.counts.due - fact.counts.onTime;

  const replies = ticket.replies.filter((r) => r.unitId === lead || r.unitId === null);
  const firstReply = replies.map((r) => r.at).sort()[0] ?? ticket.repliedAt;
  if (firstReply) {
    fact.days.reply = day(firstReply);
    fact.counts.replied = 1;
    const dispatched =
      assignments.find((a) => a.unitId === lead)?.dispatchedAt ?? ticket.dispatchedAt;
    if (dispatched)
      fact.counts.handlingSeconds = Math.max(
        0,
        Math.round((Date.parse(firstReply) - Date.parse(dispatched)) / 1000),
      );
    fact.counts.reopened = ticket.reopenCount > 0 ? 1 : 0;
  }
  if (ticket.evaluation) addEvaluation(fact, ticket, fact.days.reply ?? day(ticket.evaluation.at));
}

function addEvaluation(fact: Fact, ticket: TicketSnapshot, evalDay: string): void {
  const evaluation = ticket.evaluation!;
  fact.days.eval = evalDay;
  fact.counts.evaluated = 1;
  fact.counts.contacted = evaluation.contacted ? 1 : 0;
  fact.counts.resolved = evaluation.resolved ? 1 : 0;
  fact.counts.satisfied = SATISFIED.has(evaluation.satisfaction) ? 1 : 0;
}

function clear(fact: Fact, counts: CountName[]): void {
  for (const count of counts) fact.counts[count] = 0;
}

/** The counter key of a fact's day: day|unit|district|category|channel. */
export interface CounterKey {
  day: string;
  unitId: number;
  districtId: number;
  categoryId: number;
  channel: string;
}

export const keyString = (k: CounterKey): string =>
  `${k.day}|${k.unitId}|${k.districtId}|${k.categoryId}|${k.channel}`;

/** What facts add to the counters, per counter key. */
export function contributions(
  facts: Iterable<Fact>,
  sign = 1,
  into = new Map<string, { key: CounterKey; counts: Counts }>(),
) {
  for (const fact of facts)
    for (const count of COUNT_NAMES) {
      const value = fact.counts[count];
      const day = fact.days[DAY_OF_COUNT[count]];
      if (value === 0 || day === null) continue;
      const key: CounterKey = {
        day,
        unitId: fact.unitId,
        districtId: fact.districtId,
        categoryId: fact.categoryId,
        channel: fact.channel,
      };
      const id = keyString(key);
      let entry = into.get(id);
      if (!entry) {
        entry = { key, counts: zeroCounts() };
        into.set(id, entry);
      }
      entry.counts[count] += sign * value;
    }
  return into;
}

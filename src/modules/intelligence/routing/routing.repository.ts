// The router's queries: evidence and counts, decisions, settings, and the reads of tickets,
// events and units it learns from.
import { sql, type Selectable } from 'kysely';
import type { RoutingDecisionTable } from '../../../platform/db/schema.js';
import type { Executor } from '../intelligence.repository.js';
import type { Evidence, RoutingEvent, RoutingTicket } from './routing-evidence.js';
import { placesOf } from './routing-evidence.js';
import type {
  HandlingRole,
  PlaceKind,
  RouteSuggestion,
  RoutingCount,
  RoutingSettings,
} from './routing-types.js';

const parse = (text: string | null): Record<string, unknown> | null =>
  text === null ? null : (JSON.parse(text) as Record<string, unknown>);

export async function routingEventsAfter(
  db: Executor,
  afterId: number,
  limit: number,
): Promise<RoutingEvent[]> {
  const rows = await db
    .selectFrom('ticket_events')
    .select(['id', 'ticket_id', 'type', 'actor_id', 'at', 'before', 'after', 'data'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticket_id,
    type: r.type,
    actorId: r.actor_id,
    at: r.at,
    before: parse(r.before),
    after: parse(r.after),
    data: parse(r.data),
  }));
}

export async function routingTickets(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, RoutingTicket>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select([
      'id',
      'status',
      'urgency',
      'category_id',
      'district_id',
      'street_id',
      'lead_unit_id',
      'version',
    ])
    .where('id', 'in', unique)
    .execute();
  const co = await db
    .selectFrom('ticket_assignments')
    .select(['ticket_id', 'unit_id'])
    .where('ticket_id', 'in', unique)
    .where('role', '=', 'co')
    .where('state', '!=', 'withdrawn')
    .execute();
  const out = new Map<number, RoutingTicket>();
  for (const r of rows)
    out.set(r.id, {
      id: r.id,
      status: r.status,
      urgency: r.urgency,
      categoryId: r.category_id,
      districtId: r.district_id,
      streetId: r.street_id,
      leadUnitId: r.lead_unit_id,
      coUnitIds: [],
      version: r.version,
    });
  for (const a of co) out.get(a.ticket_id)?.coUnitIds.push(a.unit_id);
  return out;
}

/** Records a fact once (false when another reader recorded it first). */
export async function insertEvidence(db: Executor, e: Evidence): Promise<boolean> {
  const result = await db
    .insertInto('routing_evidence')
    .values({
      dedupe_key: e.dedupeKey,
      ticket_id: e.ticketId,
      event_id: e.eventId,
      kind: e.kind,
      unit_id: e.unitId,
      role: e.role,
      category_id: e.categoryId,
      district_id: e.districtId,
      street_id: e.streetId,
      weight: e.weight,
      at: e.at,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Adds a fact to the counts of its category (and ancestors) in the city, district and street. */
export async function addToCounts(
  db: Executor,
  e: Evidence,
  categoryChain: readonly number[],
  at: string,
): Promise<void> {
  const add = (kind: Evidence['kind']) => (e.kind === kind ? e.weight : 0);
  const rows = categoryChain.flatMap((categoryId) =>
    placesOf(e).map((place) => ({
      category_id: categoryId,
      place_kind: place.kind,
      place_id: place.id,
      unit_id: e.unitId,
      role: e.role,
      handled: add('handled'),
      returned: add('returned'),
      reassigned: add('reassigned'),
      updated_at: at,
    })),
  );
  if (rows.length === 0) return;
  await db
    .insertInto('routing_counts')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['category_id', 'place_kind', 'place_id', 'unit_id', 'role']).doUpdateSet({
        handled: sql<number>`routing_counts.handled + excluded.handled`,
        returned: sql<number>`routing_counts.returned + excluded.returned`,
        reassigned: sql<number>`routing_counts.reassigned + excluded.reassigned`,
        updated_at: sql<string>`excluded.updated_at`,
      }),
    )
    .execute();
}

/** The counts of some categories in the city, a district and a street. */
export async function countsFor(
  db: Executor,
  categoryIds: readonly number[],
  districtId: number | null,
  streetId: number | null,
): Promise<RoutingCount[]> {
  if (categoryIds.length === 0) return [];
  const rows = await db
    .selectFrom('routing_counts')
    .selectAll()
    .where('category_id', 'in', categoryIds)
    .where((eb) =>
      eb.or([
        eb.and([eb('place_kind', '=', 'city'), eb('place_id', '=', 0)]),
        ...(districtId === null
          ? []
          : [eb.and([eb('place_kind', '=', 'district'), eb('place_id', '=', districtId)])]),
        ...(streetId === null
          ? []
          : [eb.and([eb('place_kind', '=', 'street'), eb('place_id', '=', streetId)])]),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    categoryId: r.category_id,
    placeKind: r.place_kind as PlaceKind,
    placeId: r.place_id,
    unitId: r.unit_id,
    role: r.role as HandlingRole,
    handled: Number(r.handled),
    returned: Number(r.returned),
    reassigned: Number(r.reassigned),
  }));
}

/** The newest evidence id: the version of what the router knows. */
export async function evidenceVersion(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('routing_evidence')
    .select(({ fn }) => fn.max('id').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/** Active handling units (not the centre) among `ids`, and the names of any unit asked for. */
export async function unitNames(
  db: Executor,
  ids: readonly number[],
): Promise<{ names: Map<number, string>; handling: Set<number> }> {
  const unique = [...new Set(ids)];
  const names = new Map<number, string>();
  const handling = new Set<number>();
  if (unique.length === 0) return { names, handling };
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name', 'type', 'active'])
    .where('id', 'in', unique)
    .execute();
  for (const r of rows) {
    names.set(r.id, r.name);
    if (r.active === 1 && r.type !== 'centre') handling.add(r.id);
  }
  return { names, handling };
}

// ---- decisions

export interface NewDecision {
  ticketId: number;
  queuedEventId: number;
  at: string;
  suggestions: RouteSuggestion[];
  evidenceVersion: number;
  catalogueVersionId: number | null;
  autoState: 'waiting' | 'human';
}

export interface DecisionRecord {
  id: number;
  ticketId: number;
  queuedEventId: number;
  createdAt: string;
  leadUnitId: number | null;
  coUnitIds: number[];
  confidence: number;
  suggestions: RouteSuggestion[];
  evidenceVersion: number;
  catalogueVersionId: number | null;
  autoState: string;
  auto: boolean;
  dispatchEventId: number | null;
  dispatchedUnitId: number | null;
  followed: boolean | null;
  outcome: string;
  outcomeAt: string | null;
}

/** Stores the router's decision for one stay in the queue, once. */
export async function insertDecision(db: Executor, d: NewDecision): Promise<void> {
  const lead = d.suggestions.find((s) => s.role === 'lead');
  await db
    .insertInto('routing_decisions')
    .values({
      ticket_id: d.ticketId,
      queued_event_id: d.queuedEventId,
      created_at: d.at,
      lead_unit_id: lead?.unitId ?? null,
      co_unit_ids: JSON.stringify(
        d.suggestions.filter((s) => s.role === 'co').map((s) => s.unitId),
      ),
      confidence: lead?.confidence ?? 0,
      suggestions: JSON.stringify(d.suggestions),
      evidence_version: d.evidenceVersion,
      catalogue_version_id: d.catalogueVersionId,
      auto_state: d.autoState,
      auto: 0,
      dispatch_event_id: null,
      dispatched_unit_id: null,
      followed: null,
      outcome: 'pending',
      outcome_at: null,
    })
    .onConflict((oc) => oc.columns(['ticket_id', 'queued_event_id']).doNothing())
    .execute();
}

type DecisionRow = Selectable<RoutingDecisionTable>;

function toDecision(r: DecisionRow): DecisionRecord {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    queuedEventId: r.queued_event_id,
    createdAt: r.created_at,
    leadUnitId: r.lead_unit_id,
    coUnitIds: JSON.parse(r.co_unit_ids) as number[],
    confidence: Number(r.confidence),
    suggestions: JSON.parse(r.suggestions) as RouteSuggestion[],
    evidenceVersion: r.evidence_version,
    catalogueVersionId: r.catalogue_version_id,
    autoState: r.auto_state,
    auto: r.auto === 1,
    dispatchEventId: r.dispatch_event_id,
    dispatchedUnitId: r.dispatched_unit_id,
    followed: r.followed === null ? null : r.followed === 1,
    outcome: r.outcome,
    outcomeAt: r.outcome_at,
  };
}

export async function getDecision(db: Executor, id: number): Promise<DecisionRecord | undefined> {
  const row = await db
    .selectFrom('routing_decisions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toDecision(row);
}

/** The ticket's newest decision, if any. */
export async function latestDecision(
  db: Executor,
  ticketId: number,
): Promise<DecisionRecord | undefined> {
  const row = await db
    .selectFrom('routing_decisions')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toDecision(row);
}

/** The newest decision of each ticket asked for. */
export async function latestDecisions(
  db: Executor,
  ticketIds: readonly number[],
): Promise<Map<number, DecisionRecord>> {
  const out = new Map<number, DecisionRecord>();
  if (ticketIds.length === 0) return out;
  const rows = await db
    .selectFrom('routing_decisions')
    .selectAll()
    .where('ticket_id', 'in', [...new Set(ticketIds)])
    .orderBy('id')
    .execute();
  for (const row of rows) out.set(row.ticket_id, toDecision(row));
  return out;
}

/** A dispatch settles the ticket's open decision: who dispatched, to whom, as suggested or not. */
export async function settleDispatch(
  db: Executor,
  input: { ticketId: number; eventId: number; unitId: number; auto: boolean; at: string },
): Promise<void> {
  const open = await db
    .selectFrom('routing_decisions')
    .select(['id', 'lead_unit_id', 'auto_state'])
    .where('ticket_id', '=', input.ticketId)
    .where('dispatch_event_id', 'is', null)
    .where('queued_event_id', '<', input.eventId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!open) return;
  await db
    .updateTable('routing_decisions')
    .set({
      dispatch_event_id: input.eventId,
      dispatched_unit_id: input.unitId,
      followed: open.lead_unit_id === input.unitId ? 1 : 0,
      auto: input.auto ? 1 : 0,
      auto_state: input.auto ? 'dispatched' : open.auto_state === 'claimed' ? 'skipped' : 'human',
      outcome: 'dispatched',
      outcome_at: input.at,
    })
    .where('id', '=', open.id)
    .execute();
}

/** What came of the ticket's dispatched decision (returned, reassigned, handled). */
export async function settleOutcome(
  db: Executor,
  ticketId: number,
  eventId: number,
  outcome: 'returned' | 'reassigned' | 'handled',
  at: string,
): Promise<void> {
  await db
    .updateTable('routing_decisions')
    .set({ outcome, outcome_at: at })
    .where('ticket_id', '=', ticketId)
    .where('outcome', '=', 'dispatched')
    .where('dispatch_event_id', '<', eventId)
    .execute();
}

/** Decisions still waiting for the auto-dispatch step, oldest first. */
export async function waitingDecisions(db: Executor, limit: number): Promise<DecisionRecord[]> {
  const rows = await db
    .selectFrom('routing_decisions')
    .selectAll()
    .where('auto_state', '=', 'waiting')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toDecision);
}

/** Moves a decision from one auto state to another; true for the one caller that did. */
export async function moveAutoState(
  db: Executor,
  id: number,
  from: string,
  to: string,
): Promise<boolean> {
  const result = await db
    .updateTable('routing_decisions')
    .set({ auto_state: to })
    .where('id', '=', id)
    .where('auto_state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ---- settings

export async function latestSettings(
  db: Executor,
): Promise<{ settings: RoutingSettings; changedAt: string; changedBy: number | null } | undefined> {
  const row = await db
    .selectFrom('routing_settings')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return (
    row && {
      settings: {
        enabled: row.enabled === 1,
        threshold: Number(row.threshold),
        allowEmergency: row.allow_emergency === 1,
        excludedCategoryIds: JSON.parse(row.excluded_category_ids) as number[],
      },
      changedAt: row.changed_at,
      changedBy: row.changed_by,
    }
  );
}

export async function insertSettings(
  db: Executor,
  settings: RoutingSettings,
  by: number,
  at: string,
): Promise<void> {
  await db
    .insertInto('routing_settings')
    .values({
      enabled: settings.enabled ? 1 : 0,
      threshold: settings.threshold,
      allow_emergency: settings.allowEmergency ? 1 : 0,
      excluded_category_ids: JSON.stringify(settings.excludedCategoryIds),
      changed_by: by,
      changed_at: at,
    })
    .execute();
}

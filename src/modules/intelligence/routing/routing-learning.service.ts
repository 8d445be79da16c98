// Incremental learning of the router from the ticket event log, in order, as the classifier's
// learning does: a reply adds to the counts of the unit that handled the ticket, an accepted
// return or a redistribution counts against the unit it left; a ticket entering the dispatch
// queue gets the router's decision (which the auto-dispatch step may act on), and a dispatch
// settles it. Each fact is recorded once under a unique key in the same transaction as its
// counts, so any number of instances may read the same events; a shared watermark keeps them
// from redoing much.
import type { Transaction } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import type { IntelligenceContext } from '../intelligence-context.js';
import { compareAndSetState, readState } from '../intelligence.repository.js';
import type { PreparedRoute, Router } from './router.service.js';
import {
  evidenceOf,
  queuesTicket,
  type RoutingEvent,
  type RoutingTicket,
} from './routing-evidence.js';
import {
  addToCounts,
  insertDecision,
  insertEvidence,
  routingEventsAfter,
  routingTickets,
  settleDispatch,
  settleOutcome,
} from './routing.repository.js';
import { EventWatermark } from '../event-watermark.js';

const WATERMARK_KEY = 'routing.event_watermark';
/** Events read per batch (each batch is one write). */
const BATCH = 300;
/** A run stops taking new batches after this long (the backlog of a new deployment). */
const RUN_BUDGET_MS = 2_000;

export interface RoutingLearningRun {
  events: number;
  evidence: number;
  decisions: number;
}

const OUTCOME_OF: Record<string, 'returned' | 'reassigned' | 'handled' | undefined> = {
  accept_return: 'returned',
  reassign: 'reassigned',
  reply: 'handled',
};

export class RoutingLearning {
  private readonly watermark: EventWatermark;

  constructor(
    private readonly context: IntelligenceContext,
    private readonly router: Router,
  ) {
    this.watermark = new EventWatermark(context.clock);
  }

  /** Reads new ticket events and learns from them. */
  async learnFromEvents(options: { budgetMs?: number } = {}): Promise<RoutingLearningRun> {
    const started = performance.now();
    const budget = options.budgetMs ?? RUN_BUDGET_MS;
    const total: RoutingLearningRun = { events: 0, evidence: 0, decisions: 0 };
    for (;;) {
      const run = await this.learnBatch();
      total.events += run.events;
      total.evidence += run.evidence;
      total.decisions += run.decisions;
      if (run.events < BATCH || performance.now() - started > budget) return total;
    }
  }

  private async learnBatch(): Promise<RoutingLearningRun> {
    const { database, clock } = this.context;
    const mark = await readState(database.db, WATERMARK_KEY);
    const from = Number(mark ?? 0);
    const read = await routingEventsAfter(database.db, from, BATCH);
    const next = this.watermark.advance(from, read);
    // Only what the watermark covers: the events behind a gap wait for the next run.
    const events = read.filter((e) => e.id <= next);
    if (events.length === 0) return { events: 0, evidence: 0, decisions: 0 };
    const tickets = await routingTickets(
      database.db,
      events.map((e) => e.ticketId),
    );
    // Read outside the write: category chains and the catalogue's rule of queued tickets.
    const chains = new Map<number, number[]>();
    const prepared = new Map<number, PreparedRoute>();
    for (const event of events) {
      const ticket = tickets.get(event.ticketId);
      if (!ticket) continue;
      if (ticket.categoryId !== null && !chains.has(ticket.categoryId))
        chains.set(
          ticket.categoryId,
          (await this.router.categoryChain(ticket.categoryId)).map((c) => c.id),
        );
      if (queuesTicket(event) && !prepared.has(ticket.id))
        prepared.set(ticket.id, await this.router.prepare(ticket));
    }
    const at = clock.now().toISOString();
    return database.write(async (trx) => {
      const run: RoutingLearningRun = { events: events.length, evidence: 0, decisions: 0 };
      for (const event of events) {
        const ticket = tickets.get(event.ticketId);
        if (!ticket) continue;
        run.evidence += await this.learn(trx, event, ticket, chains, at);
        const route = queuesTicket(event) ? prepared.get(ticket.id) : undefined;
        if (route) {
          await this.decide(trx, event, ticket, route, at);
          run.decisions++;
        }
      }
      if (next > from) await compareAndSetState(trx, WATERMARK_KEY, mark, String(next), at);
      return run;
    });
  }

  /** Records the event's facts (once) and what came of the ticket's decision. */
  private async learn(
    trx: Transaction<DB>,
    event: RoutingEvent,
    ticket: RoutingTicket,
    chains: ReadonlyMap<number, number[]>,
    at: string,
  ): Promise<number> {
    let recorded = 0;
    for (const fact of evidenceOf(event, ticket)) {
      if (!(await insertEvidence(trx, fact))) continue;
      recorded++;
      const chain = fact.categoryId === null ? [] : (chains.get(fact.categoryId) ?? []);
      await addToCounts(trx, fact, chain, at);
    }
    const leadUnitId = event.after?.leadUnitId;
    if (event.type === 'dispatch' && typeof leadUnitId === 'number')
      await settleDispatch(trx, {
        ticketId: ticket.id,
        eventId: event.id,
        unitId: leadUnitId,
        auto: event.data?.auto === true,
        at: event.at,
      });
    const outcome = OUTCOME_OF[event.type];
    if (outcome) await settleOutcome(trx, ticket.id, event.id, outcome, event.at);
    return recorded;
  }

  /** The router's decision for this stay in the queue, from the counts as they are now. */
  private async decide(
    trx: Transaction<DB>,
    event: RoutingEvent,
    ticket: RoutingTicket,
    prepared: PreparedRoute,
    at: string,
  ): Promise<void> {
    const result = await this.router.route(trx, ticket, prepared);
    await insertDecision(trx, {
      ticketId: ticket.id,
      queuedEventId: event.id,
      at,
      suggestions: result.suggestions,
      evidenceVersion: result.evidenceVersion,
      catalogueVersionId: result.catalogueVersionId,
      // Only a ticket still waiting may be dispatched automatically.
      autoState: ticket.status === 'pending_dispatch' ? 'waiting' : 'human',
    });
  }
}

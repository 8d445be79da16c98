// Learning from staff: the ticket event log is read in order (it is the outbox every ticket
// change writes in its own transaction). A ticket created or queued gets the model's suggestion;
// a category set, confirmed or changed by a member of staff becomes a training example and
// settles the ticket's suggestions as accepted or corrected. Every write is idempotent, so every
// instance may run this; a watermark shared through the database keeps them from redoing much.
import { performance } from 'node:perf_hooks';
import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { ClassificationService } from './classification.service.js';
import { appealText, type IntelligenceContext } from './intelligence-context.js';
import {
  compareAndSetState,
  decideSuggestions,
  eventsAfter,
  hasSuggestion,
  insertExample,
  insertSuggestion,
  latestExampleCategory,
  readState,
  ticketTexts,
  type EventRow,
  type TicketText,
} from './intelligence.repository.js';
import { EXAMPLE_TEXT_LIMIT } from './training.service.js';
import { EventWatermark } from './event-watermark.js';

const WATERMARK_KEY = 'learning.event_watermark';
/** Events read per batch. */
const BATCH = 500;
/** A run stops taking new batches after this long (the backlog of a new deployment). */
const RUN_BUDGET_MS = 2_000;
/** Steps by which a member of staff confirms the category a ticket has. */
const CONFIRMING_STEPS: ReadonlySet<string> = new Set([
  'created',
  'accept',
  'dispatch',
  'reassign',
]);

export interface LearningRun {
  events: number;
  examples: number;
  suggestions: number;
}

/** The category a member of staff chose or confirmed by this event, if any. */
export function confirmedCategory(event: EventRow, ticket: TicketText | undefined): number | null {
  if (event.actorId === null) return null;
  const after = event.after ?? {};
  if ('categoryId' in after) return typeof after.categoryId === 'number' ? after.categoryId : null;
  return CONFIRMING_STEPS.has(event.type) ? (ticket?.categoryId ?? null) : null;
}

/** Whether the ticket just arrived or entered the dispatch queue. */
const wantsSuggestion = (event: EventRow) =>
  event.type === 'created' || event.after?.status === 'pending_dispatch';

export class LearningFromStaff {
  private readonly watermark: EventWatermark;

  constructor(
    private readonly context: IntelligenceContext,
    private readonly classification: ClassificationService,
  ) {
    this.watermark = new EventWatermark(context.clock);
  }

  /** Reads new ticket events and learns from them; returns what it did. */
  async learnFromEvents(): Promise<LearningRun> {
    const started = performance.now();
    const total: LearningRun = { events: 0, examples: 0, suggestions: 0 };
    for (;;) {
      const run = await this.learnBatch();
      total.events += run.events;
      total.examples += run.examples;
      total.suggestions += run.suggestions;
      if (run.events < BATCH || performance.now() - started > RUN_BUDGET_MS) return total;
    }
  }

  private async learnBatch(): Promise<LearningRun> {
    const { database, clock } = this.context;
    const mark = await readState(database.db, WATERMARK_KEY);
    const from = Number(mark ?? 0);
    const events = await eventsAfter(database.db, from, BATCH);
    if (events.length === 0) return { events: 0, examples: 0, suggestions: 0 };
    const tickets = await ticketTexts(
      database.db,
      events.map((e) => e.ticketId),
    );
    const needSuggestion = events.filter(wantsSuggestion);
    // The model runs before the transaction: it may load a version, and it is CPU work.
    const predictions = new Map<number, Awaited<ReturnType<ClassificationService['predict']>>>();
    for (const event of needSuggestion) {
      const ticket = tickets.get(event.ticketId);
      if (!ticket || predictions.has(ticket.id)) continue;
      predictions.set(
        ticket.id,
        await this.classification.predict(appealText(ticket.title, ticket.description)),
      );
    }
    const at = clock.now().toISOString();
    const next = this.watermark.advance(from, events);
    return database.write(async (trx) => {
      const run: LearningRun = { events: events.length, examples: 0, suggestions: 0 };
      for (const event of events) {
        const ticket = tickets.get(event.ticketId);
        if (!ticket) continue;
        const predicted = wantsSuggestion(event) ? predictions.get(ticket.id) : undefined;
        if (predicted && (await this.suggest(trx, ticket, predicted, at))) run.suggestions++;
        const categoryId = confirmedCategory(event, ticket);
        if (categoryId !== null && (await this.learn(trx, event, ticket, categoryId, at)))
          run.examples++;
      }
      if (next > from) await compareAndSetState(trx, WATERMARK_KEY, mark, String(next), at);
      return run;
    });
  }

  private async suggest(
    trx: Transaction<DB>,
    ticket: TicketText,
    predicted: Awaited<ReturnType<ClassificationService['predict']>>,
    at: string,
  ): Promise<boolean> {
    const best = predicted.prediction.top;
    const modelId = predicted.loaded.summary.id;
    if (best.length === 0 || (await hasSuggestion(trx, ticket.id, modelId))) return false;
    return insertSuggestion(trx, {
      ticketId: ticket.id,
      modelId,
      categoryId: best[0]!.categoryId,
      confidence: best[0]!.confidence,
      candidates: best.map((c) => ({ categoryId: c.categoryId, confidence: c.confidence })),
      at,
    });
  }

  /** A new example when the category differs from the ticket's last one; settles the suggestions. */
  private async learn(
    trx: Transaction<DB>,
    event: EventRow,
    ticket: TicketText,
    categoryId: number,
    at: string,
  ): Promise<boolean> {
    await decideSuggestions(trx, ticket.id, { categoryId, actorId: event.actorId, at: event.at });
    if ((await latestExampleCategory(trx, ticket.id)) === categoryId) return false;
    await insertExample(trx, {
      ticketId: ticket.id,
      text: appealText(ticket.title, ticket.description).slice(0, EXAMPLE_TEXT_LIMIT),
      categoryId,
      source: event.type,
      eventId: event.id,
      actorId: event.actorId,
      at,
    });
    return true;
  }
}

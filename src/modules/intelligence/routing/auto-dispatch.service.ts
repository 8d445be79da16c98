// The auto-dispatch step (自动派单): decisions waiting in the queue are dispatched through the
// dispatch service itself (its deadlines, checks and history apply) when the admin's settings
// allow; the rest are left to a person. A decision is claimed by moving its state, so with
// several workers or instances each ticket is dispatched once.
import type { Actor } from '../../../platform/actor.js';
import type { Database } from '../../../platform/db/database.js';
import { DomainError } from '../../../platform/errors.js';
import type { DispatchService } from '../../dispatch/index.js';
import type { IntelligenceContext } from '../intelligence-context.js';
import { autoVerdict, expandExclusions } from './auto-dispatch-rules.js';
import { routerActor } from './router-actor.js';
import {
  moveAutoState,
  routingTickets,
  waitingDecisions,
  type DecisionRecord,
} from './routing.repository.js';
import type { RoutingSettingsService } from './routing-settings.service.js';

const BATCH = 50;

export interface AutoDispatchRun {
  dispatched: number;
  leftToPeople: number;
}

export class AutoDispatch {
  constructor(
    private readonly context: IntelligenceContext,
    private readonly dispatch: DispatchService,
    private readonly settings: RoutingSettingsService,
  ) {}

  /** Acts on the decisions waiting: dispatches those the settings allow, leaves the rest. */
  async run(): Promise<AutoDispatchRun> {
    const { database } = this.context;
    const run: AutoDispatchRun = { dispatched: 0, leftToPeople: 0 };
    const waiting = await waitingDecisions(database.db, BATCH);
    if (waiting.length === 0) return run;
    const settings = await this.settings.current();
    const { categories } = await this.context.deploymentTree();
    const excluded = expandExclusions(
      settings.excludedCategoryIds,
      new Map([...categories].map(([id, c]) => [id, c.parentId])),
    );
    const tickets = await routingTickets(
      database.db,
      waiting.map((d) => d.ticketId),
    );
    let actor: Actor | null | undefined;
    for (const decision of waiting) {
      const ticket = tickets.get(decision.ticketId);
      const verdict = ticket
        ? autoVerdict(settings, { ...decision, ticket }, excluded)
        : ({ dispatch: false, why: 'not_waiting' } as const);
      const stale = await dispatchedSince(database, decision);
      if (!verdict.dispatch || stale) {
        if (await this.move(decision.id, 'waiting', 'human')) run.leftToPeople++;
        continue;
      }
      actor ??= await database.write((trx) =>
        routerActor(trx, this.context.clock.now().toISOString()),
      );
      if (!actor) return run;
      if (await this.dispatchOne(actor, decision)) run.dispatched++;
    }
    return run;
  }

  /** Moves a decision's auto state (reads are on a read-only connection: writes go through write). */
  private move(id: number, from: string, to: string): Promise<boolean> {
    return this.context.database.write((trx) => moveAutoState(trx, id, from, to));
  }

  /** Claims the decision and dispatches as it says; false when another worker had it or it failed. */
  private async dispatchOne(actor: Actor, decision: DecisionRecord): Promise<boolean> {
    if (!(await this.move(decision.id, 'waiting', 'claimed'))) return false;
    const lead = decision.suggestions.find((s) => s.role === 'lead');
    try {
      await this.dispatch.dispatch(actor, decision.ticketId, {
        leadUnitId: decision.leadUnitId!,
        coUnitIds: decision.coUnitIds,
        marks: {
          auto: true,
          router: {
            decisionId: decision.id,
            confidence: decision.confidence,
            evidenceVersion: decision.evidenceVersion,
            explanation: lead?.explanation ?? [],
          },
        },
      });
    } catch (error) {
      // Dispatched by a person meanwhile, or a unit no longer takes tickets: a person decides.
      if (!(error instanceof DomainError)) throw error;
      await this.move(decision.id, 'claimed', 'skipped');
      return false;
    }
    await this.move(decision.id, 'claimed', 'dispatched');
    return true;
  }
}

/** Whether the ticket was dispatched after the decision's queue entry (the decision is stale). */
async function dispatchedSince(database: Database, decision: DecisionRecord): Promise<boolean> {
  const row = await database.db
    .selectFrom('ticket_events')
    .select('id')
    .where('ticket_id', '=', decision.ticketId)
    .where('id', '>', decision.queuedEventId)
    .where('type', 'in', ['dispatch', 'merge', 'direct_answer', 'refer', 'invalidate'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

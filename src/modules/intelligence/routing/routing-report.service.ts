import { requireRoles, type Actor } from '../../../platform/actor.js';
import { ValidationError } from '../../../platform/errors.js';
import type { IntelligenceContext } from '../intelligence-context.js';
import {
  returnedDispatches,
  returnRateReport,
  type Figures,
  type ReportDispatch,
  type WeekFigures,
} from './routing-report-rules.js';
import { unitNames } from './routing.repository.js';

/** Who reads the return-rate report. */
export const REPORT_ROLES = ['admin', 'supervisor', 'analyst', 'dispatcher'] as const;
/** The longest period one report covers. */
const MAX_DAYS = 400;
/** Without a period: the last twelve weeks. */
const DEFAULT_DAYS = 84;
const DAY_MS = 86_400_000;
const CHUNK = 500;

export interface RoutingReport {
  from: string;
  to: string;
  /** When the router made its first decision (null: never). */
  routerSince: string | null;
  units: Array<{
    unitId: number;
    unitName: string;
    withRouter: Figures;
    withoutRouter: Figures;
    total: Figures;
  }>;
  weeks: WeekFigures[];
  totals: { withRouter: Figures; withoutRouter: Figures; total: Figures };
}

/** The return rate per unit and per week, with and without the router. */
export class RoutingReportService {
  constructor(
    private readonly context: IntelligenceContext,
    private readonly timeZone: string,
  ) {}

  async report(actor: Actor, range: { from?: string; to?: string }): Promise<RoutingReport> {
    requireRoles(actor, [...REPORT_ROLES], 'Only the centre reads the routing report');
    const { from, to } = this.period(range);
    const db = this.context.database.db;
    const rows = await db
      .selectFrom('ticket_events')
      .select(['id', 'ticket_id', 'at', 'after', 'data'])
      .where('type', '=', 'dispatch')
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('id')
      .execute();
    const decisions = new Map<number, { auto: boolean; followed: boolean }>();
    const eventIds = rows.map((r) => r.id);
    for (let i = 0; i < eventIds.length; i += CHUNK) {
      const found = await db
        .selectFrom('routing_decisions')
        .select(['dispatch_event_id', 'auto', 'followed'])
        .where('dispatch_event_id', 'in', eventIds.slice(i, i + CHUNK))
        .execute();
      for (const d of found)
        decisions.set(d.dispatch_event_id!, { auto: d.auto === 1, followed: d.followed === 1 });
    }
    const dispatches: ReportDispatch[] = [];
    for (const r of rows) {
      const after = JSON.parse(r.after ?? '{}') as { leadUnitId?: unknown };
      if (typeof after.leadUnitId !== 'number') continue;
      const data = JSON.parse(r.data ?? '{}') as { auto?: unknown };
      const decision = decisions.get(r.id);
      const auto = data.auto === true || decision?.auto === true;
      dispatches.push({
        eventId: r.id,
        ticketId: r.ticket_id,
        at: r.at,
        unitId: after.leadUnitId,
        auto,
        withRouter: auto || decision?.followed === true,
      });
    }
    const first = dispatches[0]?.eventId ?? 0;
    const later = await db
      .selectFrom('ticket_events')
      .select(['id', 'ticket_id', 'type'])
      .where('type', 'in', ['dispatch', 'accept_return'])
      .where('id', '>', first)
      .execute();
    const returned = returnedDispatches(
      dispatches,
      later
        .filter((e) => e.type === 'dispatch')
        .map((e) => ({ eventId: e.id, ticketId: e.ticket_id })),
      later
        .filter((e) => e.type === 'accept_return')
        .map((e) => ({ eventId: e.id, ticketId: e.ticket_id })),
    );
    const figures = returnRateReport(dispatches, returned, this.timeZone);
    const { names } = await unitNames(
      db,
      figures.units.map((u) => u.unitId),
    );
    const since = await db
      .selectFrom('routing_decisions')
      .select(({ fn }) => fn.min('created_at').as('first'))
      .executeTakeFirst();
    return {
      from,
      to,
      routerSince: since?.first ?? null,
      units: figures.units.map((u) => ({
        ...u,
        unitName: names.get(u.unitId) ?? String(u.unitId),
      })),
      weeks: figures.weeks,
      totals: figures.totals,
    };
  }

  private period(range: { from?: string; to?: string }): { from: string; to: string } {
    const parse = (field: 'from' | 'to', value: string | undefined, fallback: Date): Date => {
      if (value === undefined) return fallback;
      const at = new Date(value);
      if (Number.isNaN(at.getTime()))
        throw new ValidationError(field, `${field} is not a date`, 'VALIDATION_FAILED', {
          rule: 'format',
        });
      return at;
    };
    const now = this.context.clock.now();
    const to = parse('to', range.to, now);
    const from = parse('from', range.from, new Date(to.getTime() - DEFAULT_DAYS * DAY_MS));
    if (from >= to)
      throw new ValidationError('from', 'from must be before to', 'VALIDATION_FAILED', {
        rule: 'order',
      });
    if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS)
      throw new ValidationError(
        'to',
        `A report covers at most ${MAX_DAYS} days`,
        'VALIDATION_FAILED',
        {
          rule: 'maxRange',
          limit: MAX_DAYS,
        },
      );
    return { from: from.toISOString(), to: to.toISOString() };
  }
}

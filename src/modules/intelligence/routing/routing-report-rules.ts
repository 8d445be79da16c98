// The return-rate report (退单率), pure: each dispatch in the period, whether it came back (an
// accepted return before the ticket's next dispatch), split by whether the router chose the unit
// (dispatched automatically, or the dispatcher followed its suggestion) or not.

export interface ReportDispatch {
  eventId: number;
  ticketId: number;
  at: string;
  unitId: number;
  /** Auto-dispatched or the router's suggestion followed. */
  withRouter: boolean;
  auto: boolean;
}

export interface ReportReturn {
  eventId: number;
  ticketId: number;
}

export interface Figures {
  dispatches: number;
  returns: number;
  /** returns ÷ dispatches; null without dispatches. */
  returnRate: number | null;
}

export interface UnitFigures {
  unitId: number;
  withRouter: Figures;
  withoutRouter: Figures;
  total: Figures;
}

export interface WeekFigures extends Figures {
  /** The Monday the week starts on (local date). */
  week: string;
  /** Dispatches the router chose; of which automatic. */
  withRouter: number;
  auto: number;
}

interface Tally {
  dispatches: number;
  returns: number;
}

const figures = (t: Tally): Figures => ({
  dispatches: t.dispatches,
  returns: t.returns,
  returnRate: t.dispatches === 0 ? null : Math.round((t.returns / t.dispatches) * 10_000) / 10_000,
});

/**
 * Which dispatches came back: `dispatches` are those of the period, `later` every dispatch of
 * their tickets (to find the next one), `returns` the accepted returns of those tickets.
 */
export function returnedDispatches(
  dispatches: readonly ReportDispatch[],
  later: ReadonlyArray<{ eventId: number; ticketId: number }>,
  returns: readonly ReportReturn[],
): Set<number> {
  const byTicket = new Map<number, Array<{ id: number; kind: 'dispatch' | 'return' }>>();
  const push = (ticketId: number, id: number, kind: 'dispatch' | 'return') => {
    const list = byTicket.get(ticketId) ?? [];
    list.push({ id, kind });
    byTicket.set(ticketId, list);
  };
  for (const d of later) push(d.ticketId, d.eventId, 'dispatch');
  for (const r of returns) push(r.ticketId, r.eventId, 'return');
  const returned = new Set<number>();
  for (const d of dispatches) {
    const after = (byTicket.get(d.ticketId) ?? [])
      .filter((e) => e.id > d.eventId)
      .sort((a, b) => a.id - b.id)[0];
    if (after?.kind === 'return') returned.add(d.eventId);
  }
  return returned;
}

/** Monday of the local date of `at` in `timeZone`, as YYYY-MM-DD. */
export function weekOf(at: string, timeZone: string): string {
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at));
  const day = new Date(`${local}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** Per unit and per week: dispatches, returns, return rate, with and without the router. */
export function returnRateReport(
  dispatches: readonly ReportDispatch[],
  returned: ReadonlySet<number>,
  timeZone: string,
): { units: UnitFigures[]; weeks: WeekFigures[]; totals: Omit<UnitFigures, 'unitId'> } {
  const zero = (): Tally => ({ dispatches: 0, returns: 0 });
  const units = new Map<number, { withRouter: Tally; withoutRouter: Tally; total: Tally }>();
  const weeks = new Map<string, Tally & { withRouter: number; auto: number }>();
  const totals = { withRouter: zero(), withoutRouter: zero(), total: zero() };
  for (const d of dispatches) {
    const back = returned.has(d.eventId) ? 1 : 0;
    const unit = units.get(d.unitId) ?? {
      withRouter: zero(),
      withoutRouter: zero(),
      total: zero(),
    };
    units.set(d.unitId, unit);
    for (const tally of [
      d.withRouter ? unit.withRouter : unit.withoutRouter,
      unit.total,
      d.withRouter ? totals.withRouter : totals.withoutRouter,
      totals.total,
    ]) {
      tally.dispatches++;
      tally.returns += back;
    }
    const key = weekOf(d.at, timeZone);
    const week = weeks.get(key) ?? { ...zero(), withRouter: 0, auto: 0 };
    weeks.set(key, week);
    week.dispatches++;
    week.returns += back;
    if (d.withRouter) week.withRouter++;
    if (d.auto) week.auto++;
  }
  return {
    units: [...units]
      .map(([unitId, u]) => ({
        unitId,
        withRouter: figures(u.withRouter),
        withoutRouter: figures(u.withoutRouter),
        total: figures(u.total),
      }))
      .sort((a, b) => b.total.dispatches - a.total.dispatches || a.unitId - b.unitId),
    weeks: [...weeks]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, w]) => ({ week, ...figures(w), withRouter: w.withRouter, auto: w.auto })),
    totals: {
      withRouter: figures(totals.withRouter),
      withoutRouter: figures(totals.withoutRouter),
      total: figures(totals.total),
    },
  };
}

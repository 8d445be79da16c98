import { requireRoles, type Actor } from '../../../platform/actor.js';
import { ForbiddenError, NotFoundError, ConflictError } from '../../../platform/errors.js';
import { localDate } from '../../../platform/time-zone.js';
import {
  acknowledgeAlert,
  alertedKeys,
  findAlert,
  insertAlert,
  listAlerts,
  type Alert,
} from './alerts.repository.js';
import {
  addDays,
  DEFAULT_WARNING,
  expectDay,
  expectWeek,
  judge,
  weekStart,
  type WarningPeriod,
  type WarningSettings,
} from './early-warning-rules.js';
import { compareAndSetState, readState } from '../intelligence.repository.js';
import {
  districtCoordinators,
  earliestTicketAt,
  listCategories,
  listUnitNames,
  ticketsCreatedBetween,
} from './hotspots.repository.js';
import type { HotspotsDeps } from './hotspots-deps.js';

/** A scan claimed by an instance that then died is free again after this long. */
const LEASE_MS = 10 * 60_000;
const LEASE_KEY = 'warning.lease';
/** Completed days looked at by each scan (a server down for a day still catches up). */
const DAYS_SCANNED = 2;

export interface WarningScanResult {
  /** False when another instance held the scan. */
  ran: boolean;
  series: number;
  alerts: number;
}

/**
 * Early warning: finds categories (leaf and top level) rising unusually in a district against a
 * seasonal baseline, records one alert per (category, district, period) and tells the district's
 * coordinators. Any instance may run it: a lease row lets one scan at a time, and the alert's
 * unique key makes a second scan of the same period a no-op.
 */
export class EarlyWarningService {
  private readonly instance = Math.random().toString(36).slice(2);

  constructor(
    private readonly deps: HotspotsDeps,
    private readonly settings: WarningSettings = DEFAULT_WARNING,
  ) {}

  async scan(): Promise<WarningScanResult> {
    const lease = await this.claim();
    if (!lease) return { ran: false, series: 0, alerts: 0 };
    try {
      return { ran: true, ...(await this.scanPeriods()) };
    } finally {
      await this.release(lease);
    }
  }

  private async scanPeriods(): Promise<{ series: number; alerts: number }> {
    const { database, clock, timeZone } = this.deps;
    const db = database.db;
    const today = localDate(clock.now(), timeZone);
    const periods: Array<{ period: WarningPeriod; start: string }> = [
      ...Array.from({ length: DAYS_SCANNED }, (_, i) => ({
        period: 'day' as const,
        start: addDays(today, -(i + 1)),
      })),
      { period: 'week', start: addDays(weekStart(today), -7) },
    ];
    const reach = this.settings.baselineWeeks * 7 + 364 + 14;
    const from = addDays(today, -reach);
    const [tickets, categories, first] = await Promise.all([
      ticketsCreatedBetween(db, `${addDays(from, -1)}T00:00:00.000Z`, clock.now().toISOString()),
      listCategories(db),
      earliestTicketAt(db),
    ]);
    const historyStart = first ? localDate(new Date(first), timeZone) : null;
    const parentOf = new Map(categories.map((c) => [c.id, c.parentId]));
    const topOf = (id: number) => {
      let at = id;
      for (let guard = 0; guard < 10; guard++) {
        const parent = parentOf.get(at);
        if (parent === null || parent === undefined) return at;
        at = parent;
      }
      return at;
    };
    const dayCache = new Map<string, string>();
    const dayOf = (at: string) => {
      const minute = at.slice(0, 16);
      let day = dayCache.get(minute);
      if (!day) dayCache.set(minute, (day = localDate(new Date(at), timeZone)));
      return day;
    };
    const city = new Map<string, number>();
    const series = new Map<string, Map<string, number>>();
    const bump = (map: Map<string, number>, day: string) => map.set(day, (map.get(day) ?? 0) + 1);
    for (const t of tickets) {
      const day = dayOf(t.created_at);
      bump(city, day);
      if (t.category_id === null || t.district_id === null) continue;
      for (const category of new Set([t.category_id, topOf(t.category_id)])) {
        const key = `${category}:${t.district_id}`;
        let counts = series.get(key);
        if (!counts) series.set(key, (counts = new Map<string, number>()));
        bump(counts, day);
      }
    }
    const taken = await alertedKeys(db, periods);
    let alerts = 0;
    for (const [key, counts] of series) {
      const [categoryId, districtId] = key.split(':').map(Number) as [number, number];
      for (const { period, start } of periods) {
        if (taken.has(`${period}:${start}:${key}`)) continue;
        const observed =
          period === 'day'
            ? (counts.get(start) ?? 0)
            : Array.from({ length: 7 }, (_, i) => counts.get(addDays(start, i)) ?? 0).reduce(
                (a, b) => a + b,
                0,
              );
        if (observed < this.settings.minCount[period]) continue;
        const expectation =
          period === 'day'
            ? expectDay(counts, city, start, this.settings, historyStart)
            : expectWeek(counts, start, this.settings, historyStart);
        const judgement = judge(observed, expectation, period, this.settings);
        if (!judgement.alert) continue;
        if (await this.raise({ period, start, categoryId, districtId, judgement })) alerts += 1;
      }
    }
    return { series: series.size, alerts };
  }

  /** Records one alert and notifies the district's coordinators, in one transaction. */
  private async raise(input: {
    period: WarningPeriod;
    start: string;
    categoryId: number;
    districtId: number;
    judgement: ReturnType<typeof judge>;
  }): Promise<boolean> {
    const { database, clock, notifications } = this.deps;
    const [category] = (await listCategories(database.db)).filter((c) => c.id === input.categoryId);
    const [district] = await listUnitNames(database.db, [input.districtId]);
    const coordinators = await districtCoordinators(database.db, input.districtId);
    const at = clock.now().toISOString();
    const { judgement } = input;
    return database.write(async (trx) => {
      const id = await insertAlert(trx, {
        period: input.period,
        periodStart: input.start,
        categoryId: input.categoryId,
        districtId: input.districtId,
        observed: judgement.observed,
        expected: Math.round(judgement.expected * 100) / 100,
        pValue: judgement.pValue,
        baseline: { ...judgement.parts, dispersion: judgement.dispersion },
        createdAt: at,
      });
      if (id === null) return false;
      const message = `${category?.name ?? input.categoryId} · ${district?.name ?? input.districtId} · ${input.start}: ${judgement.observed} / ${judgement.expected.toFixed(1)}`;
      for (const recipient of coordinators)
        await notifications.notify(trx, {
          unitId: recipient.unitId,
          userId: recipient.userId,
          kind: 'hotspot_alert',
          message,
          subjectType: 'hotspot_alert',
          subjectId: id,
          dedupeKey: `hotspot_alert:${id}:${recipient.userId}`,
        });
      return true;
    });
  }

  /** Alerts, newest period first; a coordinator sees their district's only. */
  async list(
    actor: Actor,
    filter: { state?: 'open' | 'acknowledged'; districtId?: number | null; limit?: number },
  ): Promise<Alert[]> {
    requireRoles(actor, ['analyst', 'supervisor', 'coordinator']);
    const districtId = this.scopeOf(actor) ?? filter.districtId ?? null;
    return listAlerts(this.deps.database.db, {
      state: filter.state,
      districtId,
      limit: Math.min(filter.limit ?? 100, 500),
    });
  }

  async acknowledge(actor: Actor, id: number, note: string | null): Promise<Alert> {
    requireRoles(actor, ['analyst', 'supervisor', 'coordinator']);
    const { database, clock } = this.deps;
    const found = await findAlert(database.db, id);
    if (!found) throw new NotFoundError('Alert', id, 'HOTSPOT_ALERT_NOT_FOUND');
    const scope = this.scopeOf(actor);
    if (scope !== null && scope !== found.districtId)
      throw new ForbiddenError('Another district’s alert', 'HOTSPOT_ALERT_OTHER_DISTRICT');
    const at = clock.now().toISOString();
    const done = await database.write((trx) =>
      acknowledgeAlert(trx, id, { userId: actor.userId, at, note }),
    );
    if (!done)
      throw new ConflictError('HOTSPOT_ALERT_ACKNOWLEDGED', 'The alert was acknowledged already');
    return {
      ...found,
      state: 'acknowledged',
      acknowledgedBy: actor.userId,
      acknowledgedAt: at,
      note,
    };
  }

  /** A coordinator (without a city-wide role) is limited to their district. */
  private scopeOf(actor: Actor): number | null {
    const cityWide = actor.roles.includes('analyst') || actor.roles.includes('supervisor');
    return cityWide ? null : actor.districtId;
  }

  private async claim(): Promise<string | null> {
    const { database, clock } = this.deps;
    const now = clock.now();
    const held = await readState(database.db, LEASE_KEY);
    if (held && (JSON.parse(held) as { until: string }).until > now.toISOString()) return null;
    const lease = JSON.stringify({
      by: this.instance,
      until: new Date(now.getTime() + LEASE_MS).toISOString(),
    });
    const won = await database.write((trx) =>
      compareAndSetState(trx, LEASE_KEY, held, lease, now.toISOString()),
    );
    return won ? lease : null;
  }

  private async release(lease: string): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    const free = JSON.stringify({ by: this.instance, until: at });
    await this.deps.database.write((trx) => compareAndSetState(trx, LEASE_KEY, lease, free, at));
  }
}

import { sql } from 'kysely';
import { requireRoles, type Actor } from '../../../platform/actor.js';
import type { AuditLog } from '../../../platform/audit.js';
import type { Clock } from '../../../platform/clock.js';
import type { Database } from '../../../platform/db/database.js';
import { ConflictError, ValidationError } from '../../../platform/errors.js';
import { fromLocalTime } from '../../../platform/time-zone.js';
import { columnOf, COUNT_NAMES, zeroCounts, type Counts } from './measure-facts.js';
import { measuresScope, ratesOf, type CompositeWeights } from './measure-rates.js';

/** The unit types ranked, each on its own (districts, streets/towns, departments, enterprises). */
export const RANKED_UNIT_TYPES = ['district', 'street', 'department', 'enterprise'] as const;

export interface RankingRow {
  rank: number | null;
  unitId: number;
  unitName: string;
  unitNameEn: string | null;
  evaluated: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  compositeScore: number | null;
  onTimeRate: number | null;
  overdue: number;
  returnRate: number | null;
  reopenRate: number | null;
}

export interface Ranking {
  month: string;
  state: 'draft' | 'published';
  publishedAt: string | null;
  publishedBy: string | null;
  weights: CompositeWeights;
  groups: Array<{ unitType: string; rows: RankingRow[] }>;
}

interface UnitInfo {
  id: number;
  name: string;
  nameEn: string | null;
  type: string;
  districtId: number | null;
}

export interface RankingDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  timeZone: string;
  weights: () => Promise<CompositeWeights>;
  /** Brings the rollups up to date before a month is frozen. */
  drain: () => Promise<unknown>;
}

/**
 * The monthly ranking (月度排名) of units within each type by composite score; publishing a
 * month stores its rows as they are, so later callbacks or exemptions change the live measures
 * but never a published ranking.
 */
export class RankingService {
  constructor(private readonly deps: RankingDeps) {}

  async get(actor: Actor, monthText: string): Promise<Ranking> {
    const scope = measuresScope(actor);
    const month = checkMonth(monthText);
    const ranking = (await this.published(month)) ?? (await this.live(month));
    if (scope.districtId === null) return ranking;
    const units = await this.units();
    const inDistrict = (id: number) =>
      units.get(id)?.districtId === scope.districtId || id === scope.districtId;
    return {
      ...ranking,
      groups: ranking.groups.map((g) => ({
        ...g,
        rows: g.rows.filter((r) => inDistrict(r.unitId)),
      })),
    };
  }

  /** Freezes a month that has ended (supervisor); audited; once only. */
  async publish(actor: Actor, monthText: string): Promise<Ranking> {
    requireRoles(actor, ['supervisor'], 'Only a supervisor publishes a monthly ranking');
    const month = checkMonth(monthText);
    const { database, clock, audit, timeZone } = this.deps;
    const end = fromLocalTime({ date: `${nextMonth(month)}-01`, timeOfDay: 0 }, timeZone);
    if (clock.now().getTime() < end.getTime())
      throw new ValidationError(
        'month',
        `${month} has not ended yet: a month is published once it is over`,
        'MONTH_NOT_ENDED',
        { rule: 'maximum' },
      );
    if (await this.published(month)) throw alreadyPublished(month);
    await this.deps.drain();
    const ranking = await this.live(month);
    const at = clock.now().toISOString();
    try {
      await database.write(async (trx) => {
        await trx
          .insertInto('ranking_publications')
          .values({
            month,
            published_at: at,
            published_by: actor.userId,
            weights: JSON.stringify(ranking.weights),
          })
          .execute();
        const rows = ranking.groups.flatMap((g) =>
          g.rows.map((r, position) => ({
            month,
            unit_type: g.unitType,
            position,
            rank: r.rank,
            unit_id: r.unitId,
            unit_name: r.unitName,
            unit_name_en: r.unitNameEn,
            evaluated: r.evaluated,
            response_rate: r.responseRate,
            resolution_rate: r.resolutionRate,
            satisfaction_rate: r.satisfactionRate,
            composite_score: r.compositeScore,
            on_time_rate: r.onTimeRate,
            overdue: r.overdue,
            return_rate: r.returnRate,
            reopen_rate: r.reopenRate,
          })),
        );
        for (let i = 0; i < rows.length; i += 200)
          await trx
            .insertInto('ranking_rows')
            .values(rows.slice(i, i + 200))
            .execute();
        await audit.recordIn(trx, {
          actorId: actor.userId,
          action: 'ranking.publish',
          subjectType: 'ranking',
          subjectId: month,
          detail: { weights: ranking.weights, units: rows.length },
        });
      });
    } catch (error) {
      if (isDuplicate(error)) throw alreadyPublished(month);
      throw error;
    }
    return (await this.published(month))!;
  }

  /** The month's ranking computed now from the counters. */
  async live(month: string): Promise<Ranking> {
    const db = this.deps.database.db;
    const weights = await this.deps.weights();
    const sums = await db
      .selectFrom('measure_unit_counters as c')
      .select('c.unit_id')
      .select(COUNT_NAMES.map((n) => sql<number>`SUM(${sql.ref(`c.${columnOf(n)}`)})`.as(n)))
      .where('c.day', '>=', `${month}-01`)
      .where('c.day', '<=', `${month}-31`)
      .where('c.unit_id', '>', 0)
      .groupBy('c.unit_id')
      .execute();
    const byUnit = new Map<number, Counts>();
    for (const row of sums) {
      const counts = zeroCounts();
      for (const n of COUNT_NAMES) counts[n] = Number((row as Record<string, unknown>)[n] ?? 0);
      byUnit.set(Number(row.unit_id), counts);
    }
    const units = await this.units();
    const groups = RANKED_UNIT_TYPES.map((unitType) => {
      const rows = [...units.values()]
        .filter((u) => u.type === unitType)
        .map((u) => rankingRow(u, byUnit.get(u.id) ?? zeroCounts(), weights));
      return { unitType, rows: rankRows(rows) };
    });
    return { month, state: 'draft', publishedAt: null, publishedBy: null, weights, groups };
  }

  private async published(month: string): Promise<Ranking | null> {
    const db = this.deps.database.db;
    const head = await db
      .selectFrom('ranking_publications as p')
      .leftJoin('users as u', 'u.id', 'p.published_by')
      .select(['p.month', 'p.published_at', 'p.weights', 'u.display_name'])
      .where('p.month', '=', month)
      .executeTakeFirst();
    if (!head) return null;
    const rows = await db
      .selectFrom('ranking_rows')
      .selectAll()
      .where('month', '=', month)
      .orderBy('unit_type')
      .orderBy('position')
      .execute();
    const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return {
      month,
      state: 'published',
      publishedAt: head.published_at,
      publishedBy: head.display_name,
      weights: JSON.parse(head.weights) as CompositeWeights,
      groups: RANKED_UNIT_TYPES.map((unitType) => ({
        unitType,
        rows: rows
          .filter((r) => r.unit_type === unitType)
          .map((r) => ({
            rank: n(r.rank),
            unitId: r.unit_id,
            unitName: r.unit_name,
            unitNameEn: r.unit_name_en,
            evaluated: Number(r.evaluated),
            responseRate: n(r.response_rate),
            resolutionRate: n(r.resolution_rate),
            satisfactionRate: n(r.satisfaction_rate),
            compositeScore: n(r.composite_score),
            onTimeRate: n(r.on_time_rate),
            overdue: Number(r.overdue),
            returnRate: n(r.return_rate),
            reopenRate: n(r.reopen_rate),
          })),
      })),
    };
  }

  private async units(): Promise<Map<number, UnitInfo>> {
    const rows = await this.deps.database.db
      .selectFrom('units')
      .select(['id', 'name', 'name_en', 'type', 'district_id'])
      .where('active', '=', 1)
      .where('type', 'in', [...RANKED_UNIT_TYPES])
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        { id: r.id, name: r.name, nameEn: r.name_en, type: r.type, districtId: r.district_id },
      ]),
    );
  }
}

function rankingRow(unit: UnitInfo, c: Counts, weights: CompositeWeights): RankingRow {
  const rates = ratesOf(c, weights);
  return {
    rank: null,
    unitId: unit.id,
    unitName: unit.name,
    unitNameEn: unit.nameEn,
    evaluated: c.evaluated,
    responseRate: rates.responseRate,
    resolutionRate: rates.resolutionRate,
    satisfactionRate: rates.satisfactionRate,
    compositeScore: rates.compositeScore,
    onTimeRate: rates.onTimeRate,
    overdue: c.overdue,
    returnRate: rates.returnRate,
    reopenRate: rates.reopenRate,
  };
}

/**
 * By composite score (highest first), then more evaluated tickets, then name, then id: a
 * deterministic order, ranks 1, 2, 3…; units with nothing evaluated last, without a rank.
 */
export function rankRows(rows: RankingRow[]): RankingRow[] {
  const ranked = rows
    .filter((r) => r.evaluated > 0 && r.compositeScore !== null)
    .sort(
      (a, b) =>
        b.compositeScore! - a.compositeScore! ||
        b.evaluated - a.evaluated ||
        a.unitName.localeCompare(b.unitName, 'zh-CN') ||
        a.unitId - b.unitId,
    )
    .map((r, i) => ({ ...r, rank: i + 1 }));
  const unranked = rows
    .filter((r) => !(r.evaluated > 0 && r.compositeScore !== null))
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh-CN') || a.unitId - b.unitId)
    .map((r) => ({ ...r, rank: null }));
  return [...ranked, ...unranked];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function checkMonth(value: string | undefined): string {
  if (!value || !MONTH.test(value))
    throw new ValidationError('month', 'A month is YYYY-MM', 'VALIDATION_FAILED', {
      rule: 'pattern',
    });
  return value;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

const alreadyPublished = (month: string) =>
  new ConflictError('RANKING_ALREADY_PUBLISHED', `The ranking of ${month} is already published`);

/** A second publication of the month at the same moment (primary key refused). */
function isDuplicate(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

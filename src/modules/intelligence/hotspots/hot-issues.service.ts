import { requireRoles, type Actor } from '../../../platform/actor.js';
import { ValidationError } from '../../../platform/errors.js';
import { DEFAULT_CLUSTERING, findHotIssues, type HotIssue } from './clustering.js';
import { appealsBetween, ticketsCreatedBetween } from './hotspots.repository.js';
import type { HotspotsDeps } from './hotspots-deps.js';

/** Appeals clustered per request at most (the newest of the window). */
const MAX_APPEALS = 8_000;
const DAY_MS = 86_400_000;

export interface HotIssueAppeal {
  ticketId: number;
  number: string;
  title: string;
  createdAt: string;
  status: string;
  districtId: number | null;
  likes: number;
}

export interface HotIssueView extends Omit<HotIssue, 'ids'> {
  rank: number;
  /** The district most of its appeals are in, and the category most of them have. */
  districtId: number | null;
  categoryId: number | null;
  appealsList: HotIssueAppeal[];
}

/** Hot issues (热点问题): the window's appeals clustered by matter and place, ranked by heat. */
export class HotIssueService {
  constructor(private readonly deps: HotspotsDeps) {}

  /** Appeals per district in the last `days` days. */
  districtCounts(actor: Actor, days: number) {
    return districtCounts(this.deps, actor, days);
  }

  async list(
    actor: Actor,
    options: { days?: number; districtId?: number | null; limit?: number },
  ): Promise<HotIssueView[]> {
    requireRoles(actor, ['analyst', 'supervisor']);
    const days = options.days ?? 30;
    if (!Number.isInteger(days) || days < 1 || days > 366)
      throw new ValidationError('days', 'days must be 1 to 366', 'VALIDATION_FAILED', {
        rule: 'maximum',
        limit: 366,
      });
    const now = this.deps.clock.now();
    const appeals = await appealsBetween(
      this.deps.database.db,
      new Date(now.getTime() - days * DAY_MS).toISOString(),
      now.toISOString(),
      { districtId: options.districtId ?? null, limit: MAX_APPEALS },
    );
    const byId = new Map(appeals.map((a) => [a.id, a]));
    const issues = findHotIssues(
      appeals.map((a) => ({
        id: a.id,
        title: a.title,
        // Place names come from the citizen's own words: the address always names its street,
        // and a whole street is too wide to make two appeals one matter.
        description: a.description,
        at: a.createdAt,
        likes: a.likes,
        dislikes: a.dislikes,
      })),
      DEFAULT_CLUSTERING,
    );
    return issues.slice(0, Math.min(options.limit ?? 20, 100)).map(({ ids, ...issue }, at) => {
      const members = ids.map((id) => byId.get(id)!);
      return {
        ...issue,
        rank: at + 1,
        districtId: mostCommon(members.map((m) => m.districtId)),
        categoryId: mostCommon(members.map((m) => m.categoryId)),
        appealsList: members.map((m) => ({
          ticketId: m.id,
          number: m.number,
          title: m.title,
          createdAt: m.createdAt,
          status: m.status,
          districtId: m.districtId,
          likes: m.likes,
        })),
      };
    });
  }
}

/** Appeals per district in the last `days` days (for the map). */
export async function districtCounts(
  deps: HotspotsDeps,
  actor: Actor,
  days: number,
): Promise<Array<{ districtId: number; count: number }>> {
  requireRoles(actor, ['analyst', 'supervisor']);
  const now = deps.clock.now();
  const rows = await ticketsCreatedBetween(
    deps.database.db,
    new Date(now.getTime() - days * DAY_MS).toISOString(),
    now.toISOString(),
  );
  const counts = new Map<number, number>();
  for (const r of rows)
    if (r.district_id !== null) counts.set(r.district_id, (counts.get(r.district_id) ?? 0) + 1);
  return [...counts].map(([districtId, count]) => ({ districtId, count }));
}

function mostCommon(values: ReadonlyArray<number | null>): number | null {
  const counts = new Map<number, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

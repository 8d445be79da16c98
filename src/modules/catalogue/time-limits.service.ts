import type { Actor } from '../../platform/actor.js';
import { recordAuditIn } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { assertAdmin } from './admin-audit.js';
import {
  DEFAULT_TIME_LIMITS,
  type TimeLimit,
  type TimeLimits,
  type Urgency,
} from './sla-deadline.js';
import {
  categoryChain,
  checkLimit,
  LIMIT_STAGES,
  limitsFor,
  ruleKey,
  URGENCY_LEVELS,
  type LimitStage,
  type TimeLimitRule,
} from './time-limit-rules.js';

/** Another app instance's edits are seen within this time (as for the calendar). */
const CACHE_TTL_MS = 5 * 60_000;

export interface TimeLimitRuleView extends TimeLimitRule {
  updatedAt: string;
}

export interface TimeLimitsView {
  defaults: TimeLimits;
  rules: TimeLimitRuleView[];
}

interface Loaded {
  rules: Map<string, TimeLimit>;
  parents: Map<number, number | null>;
  loadedAt: number;
}

/**
 * Time limits by category and urgency (时限规则): sign-for, feedback and callback. A category's
 * own limits are kept by the administrator and apply to its whole subtree unless a category
 * below has its own; the defaults of DOMAIN.md apply elsewhere. Cached like the calendar and
 * dropped on every edit made on this instance.
 */
export class TimeLimitService {
  private cache: Loaded | null = null;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** The limits in force for a ticket of this category and urgency. */
  async limits(categoryId: number | null, urgency: Urgency): Promise<TimeLimits> {
    const { rules, parents } = await this.load();
    if (rules.size === 0) return DEFAULT_TIME_LIMITS;
    return limitsFor(categoryChain(categoryId, parents), urgency, rules);
  }

  /** The defaults and every category's own limits (any staff member may read them). */
  async view(): Promise<TimeLimitsView> {
    const rows = await this.database.db
      .selectFrom('time_limit_rules')
      .selectAll()
      .orderBy('category_id')
      .orderBy('stage')
      .orderBy('urgency')
      .execute();
    return {
      defaults: DEFAULT_TIME_LIMITS,
      rules: rows.map((row) => ({
        categoryId: row.category_id,
        urgency: row.urgency as Urgency,
        stage: row.stage as LimitStage,
        limit: { unit: row.unit as TimeLimit['unit'], amount: row.amount },
        updatedAt: row.updated_at,
      })),
    };
  }

  /**
   * Replaces a category's own limits (an empty list clears them, so it inherits again); audited
   * with the limits before and after. Tickets dispatched from now on use them.
   */
  async setCategory(
    actor: Actor,
    categoryId: number,
    input: ReadonlyArray<{ urgency: Urgency; stage: LimitStage; limit: TimeLimit }>,
  ): Promise<TimeLimitsView> {
    assertAdmin(actor, 'change the time limits');
    const seen = new Set<string>();
    const rules = input.map((rule, index) => {
      const field = `rules.${index}`;
      if (!URGENCY_LEVELS.includes(rule.urgency))
        throw new ValidationError(`${field}.urgency`, 'normal, urgent or emergency');
      if (!(LIMIT_STAGES as readonly string[]).includes(rule.stage))
        throw new ValidationError(`${field}.stage`, 'sign_for, feedback or callback');
      const key = `${rule.urgency}:${rule.stage}`;
      if (seen.has(key))
        throw new ValidationError(field, `${rule.stage} (${rule.urgency}) is given twice`);
      seen.add(key);
      return { ...rule, limit: checkLimit(rule.limit, `${field}.limit`) };
    });
    const at = this.clock.now().toISOString();
    await this.database.write(async (trx) => {
      const category = await trx
        .selectFrom('categories')
        .select('id')
        .where('id', '=', categoryId)
        .executeTakeFirst();
      if (!category) throw new NotFoundError('Category', categoryId, 'CATEGORY_NOT_FOUND');
      const before = await trx
        .selectFrom('time_limit_rules')
        .select(['urgency', 'stage', 'unit', 'amount'])
        .where('category_id', '=', categoryId)
        .execute();
      await trx.deleteFrom('time_limit_rules').where('category_id', '=', categoryId).execute();
      if (rules.length > 0)
        await trx
          .insertInto('time_limit_rules')
          .values(
            rules.map((rule) => ({
              category_id: categoryId,
              urgency: rule.urgency,
              stage: rule.stage,
              unit: rule.limit.unit,
              amount: rule.limit.amount,
              updated_by: actor.userId,
              updated_at: at,
            })),
          )
          .execute();
      await recordAuditIn(trx, at, {
        actorId: actor.userId,
        action: 'time_limits.set',
        subjectType: 'category',
        subjectId: categoryId,
        detail: {
          before,
          after: rules.map((r) => ({ urgency: r.urgency, stage: r.stage, ...r.limit })),
        },
      });
    });
    this.cache = null;
    return this.view();
  }

  private async load(): Promise<Loaded> {
    const now = this.clock.now().getTime();
    if (this.cache && now - this.cache.loadedAt < CACHE_TTL_MS) return this.cache;
    const db = this.database.db;
    const [rows, categories] = await Promise.all([
      db
        .selectFrom('time_limit_rules')
        .select(['category_id', 'urgency', 'stage', 'unit', 'amount'])
        .execute(),
      db.selectFrom('categories').select(['id', 'parent_id']).execute(),
    ]);
    this.cache = {
      rules: new Map(
        rows.map((row) => [
          ruleKey(row.category_id, row.urgency as Urgency, row.stage as LimitStage),
          { unit: row.unit as TimeLimit['unit'], amount: row.amount },
        ]),
      ),
      parents: new Map(categories.map((row) => [row.id, row.parent_id])),
      loadedAt: now,
    };
    return this.cache;
  }
}

import { requireRoles, type Actor } from '../../platform/actor.js';
import { ValidationError } from '../../platform/errors.js';
import { fromLocalTime } from '../../platform/time-zone.js';
import { addDays, isCalendarDate } from './article-rules.js';
import { articleTitles, namesOf } from './articles.repository.js';
import { REPORT_ROLES } from './knowledge-access.js';
import type { KnowledgeContext } from './knowledge-context.js';
import {
  articlesForFreshness,
  articlesRetired,
  directAnswersPerCategory,
  gapsIn,
  usesPerArticle,
  versionsPublished,
  versionsWritten,
  type Span,
} from './reports.repository.js';

export interface UsageRow {
  articleId: number;
  title: string;
  ownerUnitName: string;
  uses: number;
}
export interface GapRow {
  categoryId: number | null;
  categoryName: string | null;
  gaps: number;
  examples: string[];
}
export interface DirectAnswerRow {
  categoryId: number;
  categoryName: string;
  tickets: number;
  directAnswers: number;
  withArticle: number;
  /** directAnswers ÷ tickets, 0..1. */
  rate: number;
}
export interface FreshnessRow {
  unitId: number;
  unitName: string;
  /** Live and not expired. */
  published: number;
  /** Live with its review date reached. */
  reviewDue: number;
  /** Live but past its expiry date (gone from search). */
  expired: number;
  /** Live and either due for review or expired: what the unit should look at. */
  stale: number;
}
export interface UpdatesRow {
  unitId: number;
  unitName: string;
  created: number;
  updated: number;
  published: number;
  retired: number;
}

export interface DateRange {
  from?: string;
  to?: string;
}

const EXAMPLES = 3;
const EXAMPLE_LENGTH = 120;
const USAGE_LIMIT = 100;

/** Reports of the knowledge base: what is used, what is missing, what answers, what is stale. */
export class KnowledgeReportsService {
  constructor(private readonly context: KnowledgeContext) {}

  /** Articles by how often they answered an appeal in the date range, most used first. */
  async usage(actor: Actor, range: DateRange): Promise<{ items: UsageRow[] }> {
    requireRoles(actor, REPORT_ROLES);
    const db = this.context.database.db;
    const uses = await usesPerArticle(db, this.span(range), USAGE_LIMIT);
    const articles = await articleTitles(
      db,
      uses.map((u) => u.articleId),
    );
    const names = await namesOf(db, {
      users: [],
      units: [...articles.values()].map((a) => a.ownerUnitId),
    });
    return {
      items: uses.map((use) => {
        const article = articles.get(use.articleId);
        return {
          articleId: use.articleId,
          title: article?.title ?? `#${use.articleId}`,
          ownerUnitName: (article && names.units.get(article.ownerUnitId)) ?? '',
          uses: use.uses,
        };
      }),
    };
  }

  /** "No answer found" records by category, with the latest appeal texts as examples. */
  async gaps(actor: Actor, range: DateRange): Promise<{ items: GapRow[] }> {
    requireRoles(actor, REPORT_ROLES);
    const gaps = await gapsIn(this.context.database.db, this.span(range));
    const names = await this.categoryNames();
    const rows = new Map<number | null, GapRow>();
    for (const gap of gaps) {
      let row = rows.get(gap.categoryId);
      if (!row) {
        const categoryName = gap.categoryId === null ? null : (names.get(gap.categoryId) ?? null);
        row = { categoryId: gap.categoryId, categoryName, gaps: 0, examples: [] };
        rows.set(gap.categoryId, row);
      }
      row.gaps += 1;
      if (row.examples.length < EXAMPLES) row.examples.push(excerpt(gap.text));
    }
    return { items: [...rows.values()].sort((a, b) => b.gaps - a.gaps) };
  }

  /** Per category: tickets, direct answers (直接答复) and those answered with an article. */
  async directAnswers(actor: Actor, range: DateRange): Promise<{ items: DirectAnswerRow[] }> {
    requireRoles(actor, REPORT_ROLES);
    const rows = await directAnswersPerCategory(this.context.database.db, this.span(range));
    const names = await this.categoryNames();
    return {
      items: rows
        .map((row) => ({
          ...row,
          categoryName: names.get(row.categoryId) ?? `#${row.categoryId}`,
          rate: Math.round((row.directAnswers / row.tickets) * 10_000) / 10_000,
        }))
        .sort((a, b) => b.tickets - a.tickets || a.categoryId - b.categoryId),
    };
  }

  /** Per owner unit: live articles, those due for review, expired, and stale (either), today. */
  async freshness(actor: Actor): Promise<{ items: FreshnessRow[] }> {
    requireRoles(actor, REPORT_ROLES);
    const today = this.context.today();
    const db = this.context.database.db;
    const rows = new Map<number, Omit<FreshnessRow, 'unitName'>>();
    for (const article of await articlesForFreshness(db)) {
      if (article.published_version === null) continue;
      const unitId = article.owner_unit_id;
      const row = rows.get(unitId) ?? { unitId, published: 0, reviewDue: 0, expired: 0, stale: 0 };
      rows.set(unitId, row);
      const expired = article.live_expires_on !== null && article.live_expires_on < today;
      const due = article.review_by !== null && article.review_by <= today;
      if (!expired) row.published += 1;
      if (expired) row.expired += 1;
      if (due) row.reviewDue += 1;
      if (expired || due) row.stale += 1;
    }
    const names = await namesOf(db, { users: [], units: [...rows.keys()] });
    return {
      items: [...rows.values()]
        .map((row) => ({ ...row, unitName: names.units.get(row.unitId) ?? `#${row.unitId}` }))
        .sort((a, b) => b.stale - a.stale || a.unitName.localeCompare(b.unitName, 'zh-CN')),
    };
  }

  /** Per owner unit, in a month (YYYY-MM, default this month): articles created, updated, published, retired. */
  async updates(actor: Actor, month?: string): Promise<{ items: UpdatesRow[] }> {
    requireRoles(actor, REPORT_ROLES);
    const first = `${month ?? this.context.today().slice(0, 7)}-01`;
    if (!isCalendarDate(first)) throw new ValidationError('month', 'month must be YYYY-MM');
    const next = new Date(`${first}T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const span = this.instants(first, next.toISOString().slice(0, 10));
    const db = this.context.database.db;
    const [written, published, retired] = await Promise.all([
      versionsWritten(db, span),
      versionsPublished(db, span),
      articlesRetired(db, span),
    ]);
    const rows = new Map<number, Omit<UpdatesRow, 'unitName'>>();
    const row = (unitId: number) => {
      const found = rows.get(unitId) ?? {
        unitId,
        created: 0,
        updated: 0,
        published: 0,
        retired: 0,
      };
      rows.set(unitId, found);
      return found;
    };
    for (const version of written)
      row(version.ownerUnitId)[version.version === 1 ? 'created' : 'updated'] += 1;
    for (const unitId of published) row(unitId).published += 1;
    for (const unitId of retired) row(unitId).retired += 1;
    const names = await namesOf(db, { users: [], units: [...rows.keys()] });
    const total = (r: Omit<UpdatesRow, 'unitName'>) =>
      r.created + r.updated + r.published + r.retired;
    return {
      items: [...rows.values()]
        .map((r) => ({ ...r, unitName: names.units.get(r.unitId) ?? `#${r.unitId}` }))
        .sort((a, b) => total(b) - total(a) || a.unitName.localeCompare(b.unitName, 'zh-CN')),
    };
  }

  /** Calendar dates in the centre's time zone (default: this month so far), as instants. */
  private span(range: DateRange): Span {
    const today = this.context.today();
    const from = range.from ?? `${today.slice(0, 7)}-01`;
    const to = range.to ?? today;
    if (!isCalendarDate(from)) throw new ValidationError('from', 'from must be a date YYYY-MM-DD');
    if (!isCalendarDate(to)) throw new ValidationError('to', 'to must be a date YYYY-MM-DD');
    if (to < from) throw new ValidationError('to', 'to must not be before from');
    return this.instants(from, addDays(to, 1));
  }

  /** From the start of `from` to the start of `until` (exclusive), local dates to UTC instants. */
  private instants(from: string, until: string): Span {
    const at = (date: string) =>
      fromLocalTime({ date, timeOfDay: 0 }, this.context.timeZone).toISOString();
    return { fromAt: at(from), toAt: at(until) };
  }

  private async categoryNames(): Promise<Map<number, string>> {
    const categories = await this.context.categories.listCategories({ includeInactive: true });
    return new Map(categories.map((c) => [c.id, c.name]));
  }
}

const excerpt = (text: string): string => {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return chars.length > EXAMPLE_LENGTH
    ? `${chars.slice(0, EXAMPLE_LENGTH).join('')}…`
    : chars.join('');
};

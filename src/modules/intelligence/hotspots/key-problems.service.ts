import { hasRole, requireRoles, type Actor } from '../../../platform/actor.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../platform/errors.js';
import { fromLocalTime } from '../../../platform/time-zone.js';
import { addDays } from './early-warning-rules.js';
import { appealsOfClass, listCategories, listUnitNames } from './hotspots.repository.js';
import type { HotspotsDeps } from './hotspots-deps.js';
import {
  findKeyProblem,
  historyOf,
  insertHistory,
  insertKeyProblem,
  listKeyProblems,
  updateKeyProblem,
  type KeyProblemChange,
  type KeyProblemFields,
  type KeyProblemRecord,
} from './key-problems.repository.js';
import { normaliseText } from './text-features.js';

export interface BeforeAfter {
  weeks: number;
  before: number;
  after: number;
  /** Appeals per week, the N weeks before the start then the N weeks from it. */
  weekly: Array<{ weekStart: string; count: number; after: boolean }>;
  /** False while the "after" weeks have not all passed. */
  afterComplete: boolean;
}

export interface KeyProblemView extends KeyProblemRecord {
  counts: BeforeAfter;
}

export interface KeyProblemDetail extends KeyProblemView {
  history: KeyProblemChange[];
}

export type KeyProblemInput = Omit<KeyProblemFields, 'categoryId' | 'districtId' | 'keywords'> & {
  categoryId?: number | null;
  districtId?: number | null;
  keywords?: string[];
  source?: { label: string; ticketIds: number[] } | null;
};

const EDITORS = ['analyst', 'supervisor'] as const;

function invalid(field: string, message: string, rule: string, limit?: number): never {
  throw new ValidationError(field, message, 'VALIDATION_FAILED', { rule, limit });
}

function checkFields(fields: Partial<KeyProblemFields>): void {
  if (fields.title !== undefined) {
    if (fields.title.trim().length === 0) invalid('title', 'A title is required', 'required');
    if (Array.from(fields.title).length > 200) invalid('title', 'Title too long', 'maxLength', 200);
  }
  if (fields.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(fields.month))
    invalid('month', 'month is YYYY-MM', 'pattern');
  if (fields.startDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fields.startDate))
    invalid('startDate', 'startDate is YYYY-MM-DD', 'pattern');
  if (fields.weeks !== undefined && (!Number.isInteger(fields.weeks) || fields.weeks < 1))
    invalid('weeks', 'weeks is 1 to 26', 'minimum', 1);
  if (fields.weeks !== undefined && fields.weeks > 26)
    invalid('weeks', 'weeks is 1 to 26', 'maximum', 26);
  if (fields.measures !== undefined && Array.from(fields.measures).length > 4000)
    invalid('measures', 'Measures too long', 'maxLength', 4000);
  if (fields.keywords !== undefined) {
    if (fields.keywords.length > 10) invalid('keywords', 'At most 10 keywords', 'maxItems', 10);
    if (fields.keywords.some((k) => k.trim().length === 0 || Array.from(k).length > 30))
      invalid('keywords', 'A keyword is 1 to 30 characters', 'maxLength', 30);
  }
}

/**
 * The monthly key problem (每月一题): a recurring problem picked from the data, a lead unit, the
 * measures taken (every change kept), and the appeals of its class before and after the start.
 */
export class KeyProblemService {
  constructor(private readonly deps: HotspotsDeps) {}

  async create(actor: Actor, input: KeyProblemInput): Promise<KeyProblemDetail> {
    requireRoles(actor, [...EDITORS], 'Analysts and supervisors choose the key problems');
    const fields: KeyProblemFields = {
      month: input.month,
      title: input.title.trim(),
      leadUnitId: input.leadUnitId,
      categoryId: input.categoryId ?? null,
      districtId: input.districtId ?? null,
      keywords: (input.keywords ?? []).map((k) => k.trim()),
      measures: input.measures,
      startDate: input.startDate,
      weeks: input.weeks,
    };
    checkFields(fields);
    await this.checkReferences(fields);
    const at = this.deps.clock.now().toISOString();
    const id = await this.deps.database.write(async (trx) => {
      const created = await insertKeyProblem(trx, {
        ...fields,
        source: input.source ?? null,
        by: actor.userId,
        at,
      });
      const changes = Object.fromEntries(
        Object.entries(fields).map(([k, v]) => [k, { before: null, after: v }]),
      );
      await insertHistory(trx, {
        keyProblemId: created,
        actorId: actor.userId,
        at,
        action: 'created',
        changes,
      });
      return created;
    });
    return this.get(actor, id);
  }

  async update(
    actor: Actor,
    id: number,
    version: number,
    patch: Partial<KeyProblemFields>,
  ): Promise<KeyProblemDetail> {
    const current = await findKeyProblem(this.deps.database.db, id);
    if (!current) throw new NotFoundError('Key problem', id, 'KEY_PROBLEM_NOT_FOUND');
    if (!hasRole(actor, ...EDITORS)) {
      // The lead unit's staff report the measures they take; the rest is the analysts' choice.
      if (current.leadUnitId !== actor.unitId)
        throw new ForbiddenError(
          'Analysts, supervisors and the lead unit edit a key problem',
          'KEY_PROBLEM_NOT_YOURS',
        );
      const others = Object.entries(patch).filter(([k, v]) => k !== 'measures' && v !== undefined);
      if (others.length > 0)
        throw new ForbiddenError(
          'The lead unit records its measures; analysts and supervisors edit the rest',
          'KEY_PROBLEM_MEASURES_ONLY',
        );
    }
    const fields = { ...patch, ...(patch.title !== undefined && { title: patch.title.trim() }) };
    checkFields(fields);
    await this.checkReferences(fields);
    const changes: KeyProblemChange['changes'] = {};
    for (const [key, after] of Object.entries(fields) as Array<[keyof KeyProblemFields, unknown]>) {
      const before = current[key];
      if (after !== undefined && JSON.stringify(before) !== JSON.stringify(after))
        changes[key] = { before, after };
    }
    if (Object.keys(changes).length === 0) return this.get(actor, id);
    const at = this.deps.clock.now().toISOString();
    await this.deps.database.write(async (trx) => {
      if (!(await updateKeyProblem(trx, id, version, fields, at)))
        throw new ConflictError('KEY_PROBLEM_CHANGED', 'Someone changed the key problem meanwhile');
      await insertHistory(trx, {
        keyProblemId: id,
        actorId: actor.userId,
        at,
        action: 'updated',
        changes,
      });
    });
    return this.get(actor, id);
  }

  /** Analysts and supervisors see all; the lead unit's staff see theirs (and record measures). */
  async list(actor: Actor, filter: { month?: string }): Promise<KeyProblemView[]> {
    const all = hasRole(actor, ...EDITORS);
    const records = await listKeyProblems(this.deps.database.db, {
      month: filter.month,
      ...(all ? {} : { leadUnitId: actor.unitId }),
    });
    return Promise.all(records.map(async (r) => ({ ...r, counts: await this.beforeAfter(r) })));
  }

  async get(actor: Actor, id: number): Promise<KeyProblemDetail> {
    const record = await findKeyProblem(this.deps.database.db, id);
    if (!record) throw new NotFoundError('Key problem', id, 'KEY_PROBLEM_NOT_FOUND');
    if (!hasRole(actor, ...EDITORS) && record.leadUnitId !== actor.unitId)
      throw new ForbiddenError('Only the lead unit sees this key problem', 'KEY_PROBLEM_NOT_YOURS');
    const [counts, history] = await Promise.all([
      this.beforeAfter(record),
      historyOf(this.deps.database.db, id),
    ]);
    return { ...record, counts, history };
  }

  /**
   * Appeals of the key problem's class (its category with every subcategory, its district, and
   * at least one keyword in the title, description or address) per week, N weeks before the
   * start date (local midnight) and N weeks from it.
   */
  async beforeAfter(record: KeyProblemRecord): Promise<BeforeAfter> {
    const { database, clock, timeZone } = this.deps;
    const firstWeek = addDays(record.startDate, -7 * record.weeks);
    const instant = (date: string) => fromLocalTime({ date, timeOfDay: 0 }, timeZone).toISOString();
    const categoryIds =
      record.categoryId === null
        ? null
        : subtreeOf(await listCategories(database.db), record.categoryId);
    const rows = await appealsOfClass(
      database.db,
      instant(firstWeek),
      instant(addDays(record.startDate, 7 * record.weeks)),
      { categoryIds, districtId: record.districtId },
    );
    const keywords = record.keywords.map(normaliseText);
    const weekly = Array.from({ length: 2 * record.weeks }, (_, i) => ({
      weekStart: addDays(firstWeek, 7 * i),
      count: 0,
      after: i >= record.weeks,
    }));
    const bounds = weekly.map((w) => instant(w.weekStart));
    for (const row of rows) {
      const text = normaliseText(`${row.title}${row.description}${row.address ?? ''}`);
      if (keywords.length > 0 && !keywords.some((k) => text.includes(k))) continue;
      let week = bounds.length - 1;
      while (week > 0 && row.created_at < bounds[week]!) week -= 1;
      weekly[week]!.count += 1;
    }
    const sum = (after: boolean) =>
      weekly.filter((w) => w.after === after).reduce((s, w) => s + w.count, 0);
    return {
      weeks: record.weeks,
      before: sum(false),
      after: sum(true),
      weekly,
      afterComplete:
        clock.now().toISOString() >= instant(addDays(record.startDate, 7 * record.weeks)),
    };
  }

  private async checkReferences(fields: Partial<KeyProblemFields>): Promise<void> {
    const db = this.deps.database.db;
    const ids = [fields.leadUnitId, fields.districtId].filter(
      (v): v is number => typeof v === 'number',
    );
    const units = new Map((await listUnitNames(db, ids)).map((u) => [u.id, u]));
    if (fields.leadUnitId !== undefined && !units.has(fields.leadUnitId))
      invalid('leadUnitId', 'No such unit', 'exists');
    if (typeof fields.districtId === 'number' && units.get(fields.districtId)?.type !== 'district')
      invalid('districtId', 'No such district', 'exists');
    if (typeof fields.categoryId === 'number') {
      const known = (await listCategories(db)).some((c) => c.id === fields.categoryId);
      if (!known) invalid('categoryId', 'No such category', 'exists');
    }
  }
}

function subtreeOf(
  categories: ReadonlyArray<{ id: number; parentId: number | null }>,
  root: number,
) {
  const children = new Map<number, number[]>();
  for (const c of categories)
    if (c.parentId !== null) children.set(c.parentId, [...(children.get(c.parentId) ?? []), c.id]);
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const id = stack.pop()!;
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

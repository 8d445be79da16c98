// The intelligence module's queries: model versions, training examples, suggestions, its
// watermarks and claims, and the reads of ticket events and texts it learns from.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';

export type Executor = Kysely<DB> | Transaction<DB>;

export const CLASSIFIER_KIND = 'category';

export interface ModelSummary {
  id: number;
  trainedAt: string;
  trainedBy: number | null;
  coldStart: boolean;
  examplesCount: number;
  lastExampleId: number;
  treeHash: string;
  metrics: Record<string, unknown>;
  sizeBytes: number;
}

export interface NewModel {
  trainedAt: string;
  trainedBy: number | null;
  coldStart: boolean;
  examplesCount: number;
  lastExampleId: number;
  treeHash: string;
  metrics: Record<string, unknown>;
  parameters: string;
}

type ModelRow = Omit<DB['intelligence_models'], 'id' | 'parameters'> & { id: number };

const toSummary = (row: ModelRow, sizeBytes: number): ModelSummary => ({
  id: row.id,
  trainedAt: row.trained_at,
  trainedBy: row.trained_by,
  coldStart: row.cold_start === 1,
  examplesCount: row.examples_count,
  lastExampleId: row.last_example_id,
  treeHash: row.tree_hash,
  metrics: JSON.parse(row.metrics) as Record<string, unknown>,
  sizeBytes,
});

const SUMMARY_COLUMNS = [
  'id',
  'kind',
  'trained_at',
  'trained_by',
  'cold_start',
  'examples_count',
  'last_example_id',
  'tree_hash',
  'metrics',
] as const;

export async function insertModel(db: Executor, model: NewModel): Promise<number> {
  const row = await db
    .insertInto('intelligence_models')
    .values({
      kind: CLASSIFIER_KIND,
      trained_at: model.trainedAt,
      trained_by: model.trainedBy,
      cold_start: model.coldStart ? 1 : 0,
      examples_count: model.examplesCount,
      last_example_id: model.lastExampleId,
      tree_hash: model.treeHash,
      metrics: JSON.stringify(model.metrics),
      parameters: model.parameters,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The newest version's summary, if any. */
export async function latestModel(db: Executor): Promise<ModelSummary | undefined> {
  const row = await db
    .selectFrom('intelligence_models')
    .select(SUMMARY_COLUMNS)
    .where('kind', '=', CLASSIFIER_KIND)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toSummary(row, 0);
}

export async function loadModel(
  db: Executor,
  id: number,
): Promise<{ summary: ModelSummary; parameters: string } | undefined> {
  const row = await db
    .selectFrom('intelligence_models')
    .select([...SUMMARY_COLUMNS, 'parameters'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { summary: toSummary(row, row.parameters.length), parameters: row.parameters };
}

export async function modelsById(db: Executor, ids: readonly number[]): Promise<ModelSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('intelligence_models')
    .select(SUMMARY_COLUMNS)
    .where('id', 'in', ids)
    .execute();
  return rows.map((row) => toSummary(row, 0));
}

export async function listModels(db: Executor, limit: number): Promise<ModelSummary[]> {
  const rows = await db
    .selectFrom('intelligence_models')
    .select(SUMMARY_COLUMNS)
    .where('kind', '=', CLASSIFIER_KIND)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => toSummary(row, 0));
}

// ---- training examples

export interface NewExample {
  ticketId: number;
  text: string;
  categoryId: number;
  source: string;
  eventId: number;
  actorId: number | null;
  at: string;
}

/** The category of a ticket's latest example, if it has one. */
export async function latestExampleCategory(
  db: Executor,
  ticketId: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('intelligence_examples')
    .select('category_id')
    .where('ticket_id', '=', ticketId)
    .orderBy('event_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.category_id;
}

/** Records an example once per ticket event (a second instance doing the same changes nothing). */
export async function insertExample(db: Executor, example: NewExample): Promise<void> {
  await db
    .insertInto('intelligence_examples')
    .values({
      ticket_id: example.ticketId,
      text: example.text,
      category_id: example.categoryId,
      source: example.source,
      event_id: example.eventId,
      actor_id: example.actorId,
      created_at: example.at,
      updated_at: example.at,
    })
    .onConflict((oc) => oc.columns(['ticket_id', 'event_id']).doNothing())
    .execute();
}

/** Every ticket's latest example (the category staff chose last), oldest ticket first. */
export async function currentExamples(
  db: Executor,
): Promise<Array<{ id: number; ticketId: number; text: string; categoryId: number }>> {
  const rows = await db
    .selectFrom('intelligence_examples as e')
    .select(['e.id', 'e.ticket_id', 'e.text', 'e.category_id'])
    .where((eb) =>
      eb(
        'e.event_id',
        '=',
        eb
          .selectFrom('intelligence_examples as later')
          .select(({ fn }) => fn.max('later.event_id').as('latest'))
          .whereRef('later.ticket_id', '=', 'e.ticket_id'),
      ),
    )
    .orderBy('e.ticket_id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticket_id,
    text: r.text,
    categoryId: r.category_id,
  }));
}

/** The newest example id (0 when none): a model records it to tell whether it is behind. */
export async function lastExampleId(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('intelligence_examples')
    .select(({ fn }) => fn.max('id').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

// ---- suggestions

export interface NewSuggestion {
  ticketId: number;
  modelId: number;
  categoryId: number;
  confidence: number;
  candidates: Array<{ categoryId: number; confidence: number }>;
  at: string;
}

export interface SuggestionRecord {
  id: number;
  ticketId: number;
  modelId: number;
  categoryId: number;
  confidence: number;
  candidates: Array<{ categoryId: number; confidence: number }>;
  createdAt: string;
  outcome: 'pending' | 'accepted' | 'corrected';
  finalCategoryId: number | null;
  decidedBy: number | null;
  decidedAt: string | null;
}

/** Stores a version's suggestion for a ticket once; false when it was already there. */
export async function insertSuggestion(db: Executor, s: NewSuggestion): Promise<boolean> {
  const result = await db
    .insertInto('intelligence_suggestions')
    .values({
      ticket_id: s.ticketId,
      model_id: s.modelId,
      category_id: s.categoryId,
      confidence: s.confidence,
      candidates: JSON.stringify(s.candidates),
      created_at: s.at,
      outcome: 'pending',
      final_category_id: null,
      decided_by: null,
      decided_at: null,
    })
    .onConflict((oc) => oc.columns(['ticket_id', 'model_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function hasSuggestion(db: Executor, ticketId: number, modelId: number) {
  const row = await db
    .selectFrom('intelligence_suggestions')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .where('model_id', '=', modelId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Marks a ticket's suggestions accepted (staff chose the suggested category) or corrected. */
export async function decideSuggestions(
  db: Executor,
  ticketId: number,
  decision: { categoryId: number; actorId: number | null; at: string },
): Promise<void> {
  await db
    .updateTable('intelligence_suggestions')
    .set((eb) => ({
      outcome: eb
        .case()
        .when('category_id', '=', decision.categoryId)
        .then('accepted')
        .else('corrected')
        .end(),
      final_category_id: decision.categoryId,
      decided_by: decision.actorId,
      decided_at: decision.at,
    }))
    .where('ticket_id', '=', ticketId)
    .execute();
}

/** The newest suggestion of each ticket asked for. */
export async function latestSuggestions(
  db: Executor,
  ticketIds: readonly number[],
): Promise<SuggestionRecord[]> {
  if (ticketIds.length === 0) return [];
  const rows = await db
    .selectFrom('intelligence_suggestions as s')
    .selectAll('s')
    .where('s.ticket_id', 'in', ticketIds)
    .where((eb) =>
      eb(
        's.id',
        '=',
        eb
          .selectFrom('intelligence_suggestions as newer')
          .select(({ fn }) => fn.max('newer.id').as('latest'))
          .whereRef('newer.ticket_id', '=', 's.ticket_id'),
      ),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticket_id,
    modelId: r.model_id,
    categoryId: r.category_id,
    confidence: Number(r.confidence),
    candidates: JSON.parse(r.candidates) as SuggestionRecord['candidates'],
    createdAt: r.created_at,
    outcome: r.outcome as SuggestionRecord['outcome'],
    finalCategoryId: r.final_category_id,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
  }));
}

/** How a version's suggestions fared with staff: counts by outcome. */
export async function suggestionOutcomes(
  db: Executor,
  modelIds: readonly number[],
): Promise<Map<number, Record<string, number>>> {
  const out = new Map<number, Record<string, number>>();
  if (modelIds.length === 0) return out;
  const rows = await db
    .selectFrom('intelligence_suggestions')
    .select(({ fn }) => ['model_id', 'outcome', fn.countAll<number>().as('n')])
    .where('model_id', 'in', modelIds)
    .groupBy(['model_id', 'outcome'])
    .execute();
  for (const row of rows) {
    const counts = out.get(row.model_id) ?? {};
    counts[row.outcome] = Number(row.n);
    out.set(row.model_id, counts);
  }
  return out;
}

// ---- state: watermarks and claims

export async function readState(db: Executor, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('intelligence_state')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value;
}

/**
 * Sets `key` to `value` if it still holds `expected` (undefined: absent). True when this caller
 * won; how instances share a watermark or claim a job without a lock service.
 */
export async function compareAndSetState(
  db: Executor,
  key: string,
  expected: string | undefined,
  value: string,
  at: string,
): Promise<boolean> {
  if (expected === undefined) {
    const inserted = await db
      .insertInto('intelligence_state')
      .values({ key, value, updated_at: at })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }
  const updated = await db
    .updateTable('intelligence_state')
    .set({ value, updated_at: at })
    .where('key', '=', key)
    .where('value', '=', expected)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

// ---- what the module learns from (reads of the tickets module's tables)

export interface EventRow {
  id: number;
  ticketId: number;
  type: string;
  actorId: number | null;
  at: string;
  after: Record<string, unknown> | null;
}

export async function eventsAfter(db: Executor, afterId: number, limit: number) {
  const rows = await db
    .selectFrom('ticket_events')
    .select(['id', 'ticket_id', 'type', 'actor_id', 'at', 'after'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r): EventRow => ({
    id: r.id,
    ticketId: r.ticket_id,
    type: r.type,
    actorId: r.actor_id,
    at: r.at,
    after: r.after === null ? null : (JSON.parse(r.after) as Record<string, unknown>),
  }));
}

export interface TicketText {
  id: number;
  title: string;
  description: string;
  categoryId: number | null;
  status: string;
}

export async function ticketTexts(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, TicketText>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(['id', 'title', 'description', 'category_id', 'status'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        title: r.title,
        description: r.description,
        categoryId: r.category_id,
        status: r.status,
      },
    ]),
  );
}

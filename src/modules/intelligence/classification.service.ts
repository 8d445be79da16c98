// Category suggestions: for a text being typed (the operator's form) and for tickets (the
// dispatch queue), each saying which model version made it and how sure it is.
import { requireRoles, type Actor } from '../../platform/actor.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import type { Category } from '../catalogue/index.js';
import type { CategoryPrediction, ScoredCategory } from './classifier/category-model.js';
import {
  appealText,
  CLASSIFY_ROLES,
  type DeploymentTree,
  type IntelligenceContext,
} from './intelligence-context.js';
import {
  insertSuggestion,
  latestSuggestions,
  modelsById,
  ticketTexts,
  type ModelSummary,
  type SuggestionRecord,
} from './intelligence.repository.js';
import type { LoadedModel, ModelStore } from './model-store.js';
import type { ClassifierTraining } from './training.service.js';

export interface SuggestedCategory {
  categoryId: number;
  code: string;
  name: string;
  nameEn: string | null;
  level: number;
  /** Names from the root, e.g. ['城乡建设', '市政设施', '路灯']. */
  path: string[];
  /** Calibrated probability (0…1) that this is the appeal's category. */
  confidence: number;
}

export interface ModelVersionRef {
  id: number;
  trainedAt: string;
  coldStart: boolean;
}

export interface Classification {
  model: ModelVersionRef;
  /** The most probable categories, best first (at most three). */
  suggestions: SuggestedCategory[];
  /** The best category at each level of the tree, with its probability. */
  levels: SuggestedCategory[];
}

export interface TicketSuggestion {
  ticketId: number;
  model: ModelVersionRef;
  category: SuggestedCategory;
  createdAt: string;
  outcome: SuggestionRecord['outcome'];
  finalCategoryId: number | null;
}

/** Longest text classified: the features read the first 600 characters anyway. */
const MAX_TEXT = 4_000;
/** Most tickets one request may ask suggestions for (a queue page). */
export const MAX_TICKETS_PER_REQUEST = 100;

const versionRef = (s: ModelSummary): ModelVersionRef => ({
  id: s.id,
  trainedAt: s.trainedAt,
  coldStart: s.coldStart,
});

export class ClassificationService {
  constructor(
    private readonly context: IntelligenceContext,
    private readonly store: ModelStore,
    private readonly training: ClassifierTraining,
  ) {}

  /** Suggests categories for an appeal's title and description. */
  async classify(
    actor: Actor,
    input: { title?: string; description?: string },
  ): Promise<Classification> {
    requireRoles(actor, CLASSIFY_ROLES);
    const text = appealText(input.title ?? '', input.description ?? '');
    if (!text) throw new ValidationError('title', 'give a title or a description to classify');
    if (text.length > MAX_TEXT)
      throw new ValidationError('description', `at most ${MAX_TEXT} characters`, undefined, {
        rule: 'maxLength',
        limit: MAX_TEXT,
      });
    const loaded = await this.model();
    const tree = await this.context.deploymentTree();
    const prediction = loaded.model.classify(text, 3);
    return {
      model: versionRef(loaded.summary),
      suggestions: this.describeAll(prediction.top, tree),
      levels: this.describeAll(prediction.levels, tree),
    };
  }

  /** What the model in use predicts for a text (for the learning from tickets). */
  async predict(text: string): Promise<{ loaded: LoadedModel; prediction: CategoryPrediction }> {
    const loaded = await this.model();
    return { loaded, prediction: loaded.model.classify(text, 3) };
  }

  /**
   * The newest suggestion of each ticket asked for that the actor may see; a ticket without one,
   * or whose suggestion came from an older version and is still undecided, gets one now from the
   * version in use (and it is stored, with that version).
   */
  async ticketSuggestions(actor: Actor, ticketIds: readonly number[]): Promise<TicketSuggestion[]> {
    requireRoles(actor, CLASSIFY_ROLES);
    if (ticketIds.length > MAX_TICKETS_PER_REQUEST)
      throw new ValidationError('ticketIds', `at most ${MAX_TICKETS_PER_REQUEST} tickets`);
    const visible = await this.visibleTickets(actor, ticketIds);
    const db = this.context.database.db;
    let records = await latestSuggestions(db, visible);
    // A ticket staff have not decided on yet gets the newest version's view.
    const current = (await this.model()).summary.id;
    const due = visible.filter((id) => {
      const record = records.find((r) => r.ticketId === id);
      return !record || (record.modelId !== current && record.outcome === 'pending');
    });
    if (due.length > 0) {
      await this.suggestForTickets(due);
      records = await latestSuggestions(db, visible);
    }
    const tree = await this.context.deploymentTree();
    const versions = await this.versions(records.map((r) => r.modelId));
    return records.flatMap((r) => {
      const category = this.describe({ categoryId: r.categoryId, confidence: r.confidence }, tree);
      const model = versions.get(r.modelId);
      if (!category || !model) return [];
      return [
        {
          ticketId: r.ticketId,
          model,
          category,
          createdAt: r.createdAt,
          outcome: r.outcome,
          finalCategoryId: r.finalCategoryId,
        },
      ];
    });
  }

  /** Stores the version in use's suggestion for tickets that have none from it. */
  async suggestForTickets(ticketIds: readonly number[]): Promise<void> {
    const texts = await ticketTexts(this.context.database.db, ticketIds);
    const loaded = await this.model();
    const at = this.context.clock.now().toISOString();
    const rows = [...texts.values()].flatMap((t) => {
      const best = loaded.model.classify(appealText(t.title, t.description), 3).top;
      if (best.length === 0) return [];
      return [
        {
          ticketId: t.id,
          modelId: loaded.summary.id,
          categoryId: best[0]!.categoryId,
          confidence: best[0]!.confidence,
          candidates: best.map((c) => ({ categoryId: c.categoryId, confidence: c.confidence })),
          at,
        },
      ];
    });
    if (rows.length === 0) return;
    await this.context.database.write(async (trx) => {
      for (const row of rows) await insertSuggestion(trx, row);
    });
  }

  private async model(): Promise<LoadedModel> {
    await this.training.ensureModel();
    const loaded = await this.store.current();
    if (!loaded) throw new Error('no category model could be made');
    return loaded;
  }

  private async versions(ids: number[]): Promise<Map<number, ModelVersionRef>> {
    const out = new Map<number, ModelVersionRef>();
    const current = await this.store.current();
    if (current) out.set(current.summary.id, versionRef(current.summary));
    const others = [...new Set(ids)].filter((id) => !out.has(id));
    for (const summary of await modelsById(this.context.database.db, others))
      out.set(summary.id, versionRef(summary));
    return out;
  }

  private async visibleTickets(actor: Actor, ids: readonly number[]): Promise<number[]> {
    const visible: number[] = [];
    for (const id of new Set(ids)) {
      try {
        await this.context.tickets.getVisibleTicket(actor, id);
        visible.push(id);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    return visible;
  }

  private describeAll(scored: readonly ScoredCategory[], tree: DeploymentTree) {
    return scored.flatMap((s) => this.describe(s, tree) ?? []);
  }

  /** A category as the screens show it; null for one deactivated since the model was trained. */
  private describe(
    scored: { categoryId: number; confidence: number },
    tree: DeploymentTree,
  ): SuggestedCategory | null {
    const category: Category | undefined = tree.categories.get(scored.categoryId);
    if (!category?.active) return null;
    return {
      categoryId: category.id,
      code: category.code,
      name: category.name,
      nameEn: category.nameEn,
      level: category.level,
      path: category.path,
      confidence: Math.min(1, Math.max(0, scored.confidence)),
    };
  }
}

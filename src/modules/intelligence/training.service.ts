// Training the deployment's category model: from the categories staff confirmed on tickets plus
// examples made from the category tree's names and keywords (so a deployment without history,
// and a category without examples yet, still get suggestions). Each training is a new version.
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { requireRoles, type Actor } from '../../platform/actor.js';
import {
  DEFAULT_TRAINING,
  trainCategoryModel,
  type TrainingExample,
} from './classifier/category-training.js';
import { keywordExamples } from './classifier/cold-start.js';
import { decodeModel, encodeModel } from './classifier/model-codec.js';
import { MODEL_READ_ROLES, TRAIN_ROLES, type IntelligenceContext } from './intelligence-context.js';
import {
  compareAndSetState,
  currentExamples,
  insertModel,
  lastExampleId,
  latestModel,
  listModels,
  readState,
  suggestionOutcomes,
  type ModelSummary,
} from './intelligence.repository.js';
import type { ModelStore } from './model-store.js';

/** Retrain once this many staff decisions arrived since the version in use… */
export const RETRAIN_AFTER_EXAMPLES = 20;
/** …or once the version in use is this old and anything arrived at all. */
export const RETRAIN_AFTER_MS = 15 * 60_000;
/** A training claimed by an instance that then died is free again after this long. */
const LEASE_MS = 10 * 60_000;
const LEASE_KEY = 'training.lease';
/**
 * Examples made from the category tree's names and keywords carry a deployment until it has
 * this many confirmed ones; past that they only blur what staff taught (on the Teddy Cup data,
 * adding them to 7,754 real examples lowered macro-F1 from 0.9223 to 0.9198).
 */
export const KEYWORD_EXAMPLES_UNTIL = 500;
/** Examples keep the start of long texts only: the features read 600 characters. */
export const EXAMPLE_TEXT_LIMIT = 2_000;

/** A version and what staff did with its suggestions. */
export interface ModelVersionView extends ModelSummary {
  suggestions: { pending: number; accepted: number; corrected: number };
}

const giveWay = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ClassifierTraining {
  private running: Promise<ModelSummary> | null = null;
  private readonly instance = randomUUID();

  constructor(
    private readonly context: IntelligenceContext,
    private readonly store: ModelStore,
  ) {}

  /** Trains a new version now, on everything confirmed so far. */
  async trainNow(actor: Actor): Promise<ModelSummary> {
    requireRoles(actor, TRAIN_ROLES, 'Only an admin or a supervisor can train the classifier');
    return this.train(actor.userId, 'requested');
  }

  /** The newest versions with their figures and how their suggestions fared with staff. */
  async listVersions(actor: Actor, limit = 20): Promise<ModelVersionView[]> {
    requireRoles(actor, MODEL_READ_ROLES);
    const db = this.context.database.db;
    const versions = await listModels(db, Math.min(Math.max(limit, 1), 100));
    const outcomes = await suggestionOutcomes(
      db,
      versions.map((v) => v.id),
    );
    return versions.map((v) => {
      const counts = outcomes.get(v.id) ?? {};
      return {
        ...v,
        suggestions: {
          pending: counts.pending ?? 0,
          accepted: counts.accepted ?? 0,
          corrected: counts.corrected ?? 0,
        },
      };
    });
  }

  /** A version to classify with: the newest, or a first one made now from the category tree. */
  async ensureModel(): Promise<void> {
    if (await this.store.current()) return;
    await this.train(null, 'first model');
  }

  /** Why a new version is due (null: it is not). */
  async whyDue(): Promise<string | null> {
    const db = this.context.database.db;
    const latest = await latestModel(db);
    if (!latest) return 'first model';
    const tree = await this.context.deploymentTree({ fresh: true });
    if (latest.treeHash !== tree.hash) return 'categories changed';
    const newest = await lastExampleId(db);
    if (newest <= latest.lastExampleId) return null;
    const age = this.context.clock.now().getTime() - Date.parse(latest.trainedAt);
    // Example ids count every decision; a gap of ids is at least that many new decisions or fewer.
    if (newest - latest.lastExampleId >= RETRAIN_AFTER_EXAMPLES) return 'new examples';
    return age >= RETRAIN_AFTER_MS ? 'new examples' : null;
  }

  /** The background's check: trains when due, if no other instance is training. */
  async trainIfDue(): Promise<ModelSummary | null> {
    const reason = await this.whyDue();
    if (!reason) return null;
    const lease = await this.claim();
    if (!lease) return null;
    try {
      return await this.train(null, reason);
    } finally {
      await this.release(lease);
    }
  }

  private train(trainedBy: number | null, reason: string): Promise<ModelSummary> {
    this.running ??= this.trainVersion(trainedBy, reason).finally(() => (this.running = null));
    return this.running;
  }

  private async trainVersion(trainedBy: number | null, reason: string): Promise<ModelSummary> {
    const { database, clock } = this.context;
    const tree = await this.context.deploymentTree({ fresh: true });
    const lastId = await lastExampleId(database.db);
    const confirmed = (await currentExamples(database.db)).filter((e) =>
      tree.categories.has(e.categoryId),
    );
    const keywords =
      confirmed.length < KEYWORD_EXAMPLES_UNTIL
        ? keywordExamples(tree.tree, await this.context.catalogueHints())
        : [];
    const examples: TrainingExample[] = [
      ...confirmed.map((e) => ({ text: e.text, categoryId: e.categoryId })),
      ...keywords,
    ];
    const started = performance.now();
    const trained = await trainCategoryModel(tree.tree, examples, {
      ...DEFAULT_TRAINING,
      pause: giveWay,
    });
    const parameters = encodeModel(trained.model);
    const model = decodeModel(parameters);
    const metrics = {
      reason,
      confirmedExamples: confirmed.length,
      keywordExamples: keywords.length,
      calibrated: trained.calibrated,
      categories: model.categories().length,
      features: model.space.size,
      trainingMs: Math.round(performance.now() - started),
    };
    const values = {
      trainedAt: clock.now().toISOString(),
      trainedBy,
      coldStart: confirmed.length === 0,
      examplesCount: confirmed.length,
      lastExampleId: lastId,
      treeHash: tree.hash,
      metrics,
      parameters,
    };
    const id = await database.write((trx) => insertModel(trx, values));
    const summary: ModelSummary = { ...values, id, sizeBytes: parameters.length };
    this.store.install({ summary, model });
    return summary;
  }

  private async claim(): Promise<string | null> {
    const { database, clock } = this.context;
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
    const at = this.context.clock.now().toISOString();
    const free = JSON.stringify({ by: this.instance, until: at });
    await this.context.database.write((trx) => compareAndSetState(trx, LEASE_KEY, lease, free, at));
  }
}

// The model version an instance classifies with: the newest in the database, decoded once and
// kept in memory; every instance looks for a newer version every few seconds and swaps it in.
import type { CategoryModel } from './classifier/category-model.js';
import { decodeModel } from './classifier/model-codec.js';
import type { IntelligenceContext } from './intelligence-context.js';
import { latestModel, loadModel, type ModelSummary } from './intelligence.repository.js';

export interface LoadedModel {
  summary: ModelSummary;
  model: CategoryModel;
}

/** How often an instance asks the database whether a newer version exists. */
export const RELOAD_CHECK_MS = 5_000;

export class ModelStore {
  private loaded: LoadedModel | null = null;
  private checkedAt = -Infinity;
  private pending: Promise<LoadedModel | null> | null = null;

  constructor(private readonly context: IntelligenceContext) {}

  /** The version in use, or null before the first one is trained; checks for a newer one when due. */
  async current(): Promise<LoadedModel | null> {
    const now = this.context.clock.now().getTime();
    if (this.loaded && Math.abs(now - this.checkedAt) < RELOAD_CHECK_MS) return this.loaded;
    return this.refresh();
  }

  /** Loads the newest version if it is not the one in use (one load at a time). */
  refresh(): Promise<LoadedModel | null> {
    this.pending ??= this.load().finally(() => (this.pending = null));
    return this.pending;
  }

  /** Uses a version this instance just trained, without reading it back. */
  install(loaded: LoadedModel): void {
    if (!this.loaded || loaded.summary.id > this.loaded.summary.id) this.loaded = loaded;
  }

  private async load(): Promise<LoadedModel | null> {
    const db = this.context.database.db;
    const newest = await latestModel(db);
    this.checkedAt = this.context.clock.now().getTime();
    if (!newest) return this.loaded;
    if (this.loaded && this.loaded.summary.id >= newest.id) return this.loaded;
    const row = await loadModel(db, newest.id);
    if (!row) return this.loaded;
    this.install({ summary: row.summary, model: decodeModel(row.parameters) });
    return this.loaded;
  }
}

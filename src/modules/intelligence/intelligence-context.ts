// What the intelligence module's services share: the database, the clock, and the deployment's
// category tree and dispatch catalogue as the classifier needs them.
import { createHash } from 'node:crypto';
import type { Role } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { Category, CatalogueModule } from '../catalogue/index.js';
import type { OrganisationService } from '../organisation/index.js';
import type { TicketQueryService } from '../tickets/index.js';
import type { TreeCategory } from './classifier/category-training.js';

/** Who may ask for a category suggestion (the operator's form, the dispatch queue). */
export const CLASSIFY_ROLES: readonly Role[] = [
  'operator',
  'dispatcher',
  'coordinator',
  'supervisor',
];
/** Who may read the model versions and their figures. */
export const MODEL_READ_ROLES: readonly Role[] = ['admin', 'supervisor', 'analyst'];
/** Who may start a training by hand. */
export const TRAIN_ROLES: readonly Role[] = ['admin', 'supervisor'];

/** The text of an appeal as the classifier reads it. */
export const appealText = (title: string, description: string): string =>
  [title.trim(), description.trim()].filter(Boolean).join('\n');

/** How long the category tree is reused before it is read again. */
const TREE_CACHE_MS = 5_000;

export interface DeploymentTree {
  categories: Map<number, Category>;
  tree: TreeCategory[];
  /** Changes when an active category, its names or keywords, or the catalogue version change. */
  hash: string;
  catalogueVersionId: number | null;
}

export class IntelligenceContext {
  private cached: { at: number; tree: Promise<DeploymentTree> } | null = null;

  constructor(
    readonly database: Database,
    readonly clock: Clock,
    readonly catalogue: CatalogueModule,
    readonly organisation: OrganisationService,
    readonly tickets: TicketQueryService,
  ) {}

  /** The category tree (inactive categories included: old examples may point at them). */
  deploymentTree(options: { fresh?: boolean } = {}): Promise<DeploymentTree> {
    const now = this.clock.now().getTime();
    if (options.fresh || !this.cached || Math.abs(now - this.cached.at) > TREE_CACHE_MS) {
      const tree = this.readTree();
      this.cached = { at: now, tree };
      tree.catch(() => (this.cached = null));
    }
    return this.cached.tree;
  }

  /** Per category, the names of the units that lead it in the catalogue in force, if specialised. */
  async catalogueHints(): Promise<Map<number, string[]>> {
    const version = await this.catalogue.catalogue.currentVersion();
    if (!version) return new Map();
    // A unit that leads many categories (a district) says nothing about any one of them.
    const ledCount = new Map<number, number>();
    for (const rule of version.rules)
      ledCount.set(rule.leadUnitId, (ledCount.get(rule.leadUnitId) ?? 0) + 1);
    const specialised = [...ledCount].filter(([, n]) => n <= 3).map(([id]) => id);
    const units = await this.organisation.getUnits(specialised);
    const hints = new Map<number, string[]>();
    for (const rule of version.rules) {
      const unit = units.get(rule.leadUnitId);
      if (!unit) continue;
      const names = hints.get(rule.categoryId) ?? [];
      if (!names.includes(unit.name)) names.push(unit.name);
      hints.set(rule.categoryId, names);
    }
    return hints;
  }

  private async readTree(): Promise<DeploymentTree> {
    const list = await this.catalogue.categories.listCategories({ includeInactive: true });
    const version = await this.catalogue.catalogue.currentVersion();
    const tree = list.map((c) => ({
      id: c.id,
      parentId: c.parentId,
      name: c.name,
      keywords: c.keywords,
      active: c.active,
    }));
    const hash = createHash('sha256')
      .update(JSON.stringify([version?.id ?? null, tree.filter((c) => c.active)]))
      .digest('hex')
      .slice(0, 16);
    return {
      categories: new Map(list.map((c) => [c.id, c])),
      tree,
      hash,
      catalogueVersionId: version?.id ?? null,
    };
  }
}

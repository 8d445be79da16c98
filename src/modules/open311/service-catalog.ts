import type { Database } from '../../platform/db/database.js';
import type { Category, CategoryService } from '../catalogue/index.js';
import type { AttributeDefinition } from './attribute-rules.js';
import { countAttributes, listAttributes } from './service-attributes.repository.js';

/** A category offered as an Open311 service. */
export interface Open311Service {
  categoryId: number;
  /** The category's code: stable across renames, e.g. "010101". */
  code: string;
  name: string;
  nameEn: string | null;
  /** The top-level category (its "group"). */
  group: string;
  groupEn: string | null;
  path: string[];
  keywords: string[];
}

/**
 * Our categories as GeoReport v2 services: every active leaf of the category tree (the level
 * a ticket is routed by), grouped by its top-level category.
 */
export class ServiceCatalog {
  constructor(
    private readonly database: Database,
    private readonly categories: CategoryService,
  ) {}

  async services(): Promise<Open311Service[]> {
    const active = await this.categories.listCategories();
    const byId = new Map(active.map((c) => [c.id, c]));
    const parents = new Set(active.map((c) => c.parentId).filter((id) => id !== null));
    const rootOf = (category: Category): Category => {
      let current = category;
      while (current.parentId !== null) {
        const parent = byId.get(current.parentId);
        if (!parent) break;
        current = parent;
      }
      return current;
    };
    return active
      .filter((c) => !parents.has(c.id))
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((c) => {
        const root = rootOf(c);
        return {
          categoryId: c.id,
          code: c.code,
          name: c.name,
          nameEn: c.nameEn,
          group: root.name,
          groupEn: root.nameEn,
          path: c.path,
          keywords: c.keywords,
        };
      });
  }

  async byCode(code: string): Promise<Open311Service | null> {
    return (await this.services()).find((s) => s.code === code) ?? null;
  }

  async byCategoryId(categoryId: number): Promise<Open311Service | null> {
    return (await this.services()).find((s) => s.categoryId === categoryId) ?? null;
  }

  async attributesOf(categoryId: number): Promise<AttributeDefinition[]> {
    return (await listAttributes(this.database.db, [categoryId])).get(categoryId) ?? [];
  }

  async attributeCounts(): Promise<Map<number, number>> {
    return countAttributes(this.database.db);
  }
}

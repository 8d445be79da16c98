import type { DocMetadataRow } from './knowledge-search.repository.js';
import type { SearchOptions } from './search-types.js';

interface ArticleFields {
  public: boolean;
  unitId: number;
  categoryIds: number[];
  effectiveFrom: string;
  expiresOn: string | null;
}

/** Article ids below this are looked up in an array, the rest in a map. */
const MAX_ARRAY_ID = 1 << 24;

/** Distinct filters kept at once (staff and public, today, a few categories and units). */
const CACHED_FILTERS = 16;

/**
 * The filter fields of every indexed article, each at a slot of its own, and for each search's
 * filters the slots it may show (computed once per filter and index generation).
 */
export class ArticleFilters {
  private readonly slots = new Map<number, number>();
  /** The same as `slots` in an array (slot + 1 by article id), while ids stay small. */
  private slotById = new Int32Array(1024);
  private readonly articles: ArticleFields[] = [];
  private readonly allowedByFilter = new Map<string, Uint8Array>();

  get size(): number {
    return this.articles.length;
  }

  slotOf(articleId: number): number | undefined {
    if (articleId < this.slotById.length) {
      const slot = this.slotById[articleId]!;
      return slot === 0 ? undefined : slot - 1;
    }
    return this.slots.get(articleId);
  }

  update(rows: readonly DocMetadataRow[]): void {
    for (const row of rows) {
      let slot = this.slots.get(row.article_id);
      if (slot === undefined) {
        slot = this.articles.length;
        this.slots.set(row.article_id, slot);
        this.index(row.article_id, slot);
      }
      this.articles[slot] = {
        public: row.audience === 'public',
        unitId: row.owner_unit_id,
        categoryIds: JSON.parse(row.category_ids) as number[],
        effectiveFrom: row.effective_from,
        expiresOn: row.expires_on,
      };
    }
    if (rows.length > 0) this.allowedByFilter.clear();
  }

  private index(articleId: number, slot: number): void {
    if (articleId >= this.slotById.length && articleId < MAX_ARRAY_ID) {
      const grown = new Int32Array(
        Math.min(MAX_ARRAY_ID, 2 ** Math.ceil(Math.log2(articleId + 1))),
      );
      grown.set(this.slotById);
      this.slotById = grown;
    }
    if (articleId < this.slotById.length) this.slotById[articleId] = slot + 1;
  }

  /** 1 at the slot of each article the search may show: audience, dates, unit and categories. */
  allowed(options: SearchOptions, categories: ReadonlySet<number> | null): Uint8Array {
    const { audience, today, ownerUnitId } = options;
    const key = JSON.stringify([audience, today, ownerUnitId, categories && [...categories]]);
    const cached = this.allowedByFilter.get(key);
    if (cached) return cached;
    const allowed = new Uint8Array(this.articles.length);
    this.articles.forEach((article, slot) => {
      const shown =
        (audience === 'staff' || article.public) &&
        article.effectiveFrom <= today &&
        (article.expiresOn === null || article.expiresOn >= today) &&
        (ownerUnitId === undefined || article.unitId === ownerUnitId) &&
        (categories === null || article.categoryIds.some((c) => categories.has(c)));
      allowed[slot] = shown ? 1 : 0;
    });
    if (this.allowedByFilter.size >= CACHED_FILTERS)
      this.allowedByFilter.delete(this.allowedByFilter.keys().next().value!);
    this.allowedByFilter.set(key, allowed);
    return allowed;
  }
}

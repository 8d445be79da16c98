import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';

/** What the search index holds of one article's live (published) version. */
export interface IndexedArticle {
  articleId: number;
  title: string;
  /** Markdown source; the index strips the markup. */
  body: string;
  keywords: readonly string[];
  /** The article's own synonyms (other words citizens use for its matter). */
  synonyms: readonly string[];
  categoryIds: readonly number[];
  ownerUnitId: number;
  audience: 'internal' | 'public';
  /** Calendar dates (YYYY-MM-DD) in the centre's time zone. */
  effectiveFrom: string;
  expiresOn: string | null;
}

export interface SearchOptions {
  /** staff see internal and public articles; public sees only public ones. */
  audience: 'staff' | 'public';
  /** Today in the centre's time zone (YYYY-MM-DD): not yet effective or expired articles are left out. */
  today: string;
  categoryId?: number;
  ownerUnitId?: number;
  limit?: number;
  /**
   * 'query': a search box (short; ranked by how well it matches all the words).
   * 'appeal': an appeal's whole text as the operator types (long; best partial matches).
   */
  mode?: 'query' | 'appeal';
}

export interface SearchHit {
  articleId: number;
  score: number;
  /** HTML-escaped title with <mark> around matched terms. */
  titleHtml: string;
  /** An HTML-escaped excerpt of the body around the best match, with <mark>. */
  snippetHtml: string;
}

/** The knowledge search index, kept in the same transaction as the article it describes. */
export interface KnowledgeSearchIndex {
  /** Inserts or replaces an article's entry (call on publish, and on changes to a live article). */
  put(trx: Kysely<DB>, article: IndexedArticle): Promise<void>;
  /** Removes an article (retired, or withdrawn). */
  remove(trx: Kysely<DB>, articleId: number): Promise<void>;
  search(query: string, options: SearchOptions): Promise<{ hits: SearchHit[]; total: number }>;
}

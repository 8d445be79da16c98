import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import type { DB } from '../../../platform/db/schema.js';
import { fieldTerms, isCorrectableWord, queryPieces, type QueryPiece } from './analyzer.js';
import { highlightHtml, snippetHtml } from './highlight.js';
import { ArticleFilters } from './article-filters.js';
import { KnowledgeSearchRepository } from './knowledge-search.repository.js';
import { markdownToPlainText } from './plain-text.js';
import {
  allocatePostings,
  draftConcepts,
  draftTerms,
  planQuery,
  unknownWords,
} from './query-plan.js';
import {
  best,
  scoreEach,
  scorePostings,
  termImpacts,
  type Plan,
  type PostingList,
} from './ranking.js';
import type {
  IndexedArticle,
  KnowledgeSearchIndex,
  SearchHit,
  SearchOptions,
} from './search-types.js';
import { SynonymMatcher } from './synonyms.js';
import { Vocabulary, type Correction } from './typo.js';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
/** An appeal longer than this is cut: its first part says what it is about. */
const MAX_QUERY_LENGTH = 4000;
/** When long postings lists were cut, this many of the best are scored again exactly. */
const RESCORED = 30;

/** The impact of `term` in an indexed document's "term impact" lines, after a "\n" (or 0). */
function impactIn(lines: string, term: string): number {
  const key = `\n${term} `;
  const at = lines.indexOf(key);
  if (at < 0) return 0;
  const end = lines.indexOf('\n', at + key.length);
  return Number(lines.slice(at + key.length, end < 0 ? undefined : end));
}

/** The impacts of `ids` in whole postings lists: term → article id → impact. */
function impactsOf(
  lists: ReadonlyMap<string, PostingList>,
  ids: readonly number[],
): Map<string, Map<number, number>> {
  const wanted = new Set(ids);
  const impacts = new Map<string, Map<number, number>>();
  for (const [term, list] of lists) {
    const found = new Map<number, number>();
    list.ids.forEach((id, i) => {
      if (wanted.has(id)) found.set(id, list.impacts[i]!);
    });
    impacts.set(term, found);
  }
  return impacts;
}

/** Parses the "term impact" lines of an indexed document. */
function parseTerms(terms: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of terms.split('\n')) {
    const space = line.lastIndexOf(' ');
    if (space > 0) map.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return map;
}

/**
 * The knowledge search index: postings in the database, ranking (BM25F with field weights, a
 * coverage factor, synonyms and typo corrections) in TypeScript, so SQLite and PostgreSQL return
 * the same results. Each instance caches the articles' filter fields, the synonym groups and the
 * vocabulary, and reloads them when the index's generation (bumped by every change, on any
 * instance) moves.
 */
export class KnowledgeSearch implements KnowledgeSearchIndex {
  private readonly repository: KnowledgeSearchRepository;
  private readonly filters = new ArticleFilters();
  private filtersGeneration = -1;
  private synonyms = new SynonymMatcher([]);
  private vocabulary = new Vocabulary([]);
  private vocabularyGeneration = -1;
  private refreshing: Promise<void> | null = null;

  constructor(database: Database) {
    this.repository = new KnowledgeSearchRepository(database);
  }

  async put(trx: Kysely<DB>, article: IndexedArticle): Promise<void> {
    const body = markdownToPlainText(article.body);
    const keywords = [...article.keywords, ...article.synonyms].join('\n');
    const impacts = termImpacts({
      title: fieldTerms(article.title, true),
      keywords: fieldTerms(keywords, true),
      body: fieldTerms(body, false),
    });
    const generation = await this.repository.nextGeneration(trx);
    const previous = await this.repository.indexedTerms(trx, article.articleId);
    const before = previous === undefined ? new Map<string, number>() : parseTerms(previous);
    await this.repository.deletePostings(
      trx,
      article.articleId,
      [...before].filter(([term, impact]) => impacts.get(term) !== impact),
    );
    await this.repository.insertPostings(
      trx,
      article.articleId,
      [...impacts].filter(([term, impact]) => before.get(term) !== impact).sort(byTerm),
    );
    await this.repository.decrementDf(
      trx,
      [...before.keys()].filter((term) => !impacts.has(term)).sort(),
    );
    await this.repository.incrementDf(
      trx,
      [...impacts.keys()]
        .filter((term) => !before.has(term))
        .sort()
        .map((term) => ({ term, word: isCorrectableWord(term) ? 1 : 0 })),
    );
    await this.repository.writeDoc(trx, {
      article_id: article.articleId,
      audience: article.audience,
      owner_unit_id: article.ownerUnitId,
      category_ids: JSON.stringify(article.categoryIds),
      effective_from: article.effectiveFrom,
      expires_on: article.expiresOn,
      title: article.title,
      body,
      terms: [...impacts].map(([term, impact]) => `${term} ${impact}`).join('\n'),
      generation,
    });
    if (previous === undefined) await this.repository.addToDocCount(trx, 1);
  }

  async remove(trx: Kysely<DB>, articleId: number): Promise<void> {
    await this.repository.nextGeneration(trx);
    const previous = await this.repository.indexedTerms(trx, articleId);
    if (previous === undefined) return;
    const before = parseTerms(previous);
    await this.repository.deletePostings(trx, articleId, [...before]);
    await this.repository.decrementDf(trx, [...before.keys()].sort());
    await this.repository.deleteDoc(trx, articleId);
    await this.repository.addToDocCount(trx, -1);
  }

  async search(
    query: string,
    options: SearchOptions,
  ): Promise<{ hits: SearchHit[]; total: number }> {
    const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(options.limit ?? DEFAULT_LIMIT)));
    const pieces = queryPieces(query.slice(0, MAX_QUERY_LENGTH));
    if (pieces.length === 0) return { hits: [], total: 0 };
    const { plan, categories } = await this.plan(pieces, options);
    if (plan.concepts.length === 0) return { hits: [], total: 0 };
    const { top, docs } = await this.rank(plan, this.filters.allowed(options, categories), limit);
    const marked = new Set(plan.terms.map((t) => t.term));
    const hits = top.ids.flatMap((id, i): SearchHit[] => {
      const doc = docs.get(id);
      if (!doc) return [];
      return [
        {
          articleId: id,
          score: Math.round(top.scores[i]! * 1000) / 1000,
          titleHtml: highlightHtml(doc.title, marked),
          snippetHtml: snippetHtml(doc.body, marked),
        },
      ];
    });
    return { hits, total: top.matched };
  }

  /** What to look for: the query's concepts with synonyms and corrections, weighed by the index. */
  private async plan(
    pieces: QueryPiece[],
    options: SearchOptions,
  ): Promise<{ plan: Plan; categories: Set<number> | null }> {
    // The index's state with the terms' frequencies, and the category tree, are read concurrently
    // (PostgreSQL runs them on separate connections); the terms again if the synonyms changed.
    const synonyms = this.synonyms;
    let drafts = draftConcepts(pieces, synonyms);
    const [first, categories] = await Promise.all([
      this.repository.stateAndFrequencies(draftTerms(drafts)),
      options.categoryId === undefined
        ? null
        : this.repository.categoryWithDescendants(options.categoryId).then((ids) => new Set(ids)),
    ]);
    const { state } = first;
    let df = first.df;
    await this.refresh(state.generation);
    if (this.synonyms !== synonyms) {
      drafts = draftConcepts(pieces, this.synonyms);
      df = await this.repository.documentFrequencies(draftTerms(drafts));
    }
    const corrections = await this.correct(unknownWords(drafts, df), state.generation);
    const mode = options.mode ?? 'query';
    return {
      plan: planQuery({ drafts, df, docCount: state.docCount, corrections, mode }),
      categories,
    };
  }

  /** The `limit` best allowed documents, how many matched, and the text of the best. */
  private async rank(plan: Plan, allowed: Uint8Array, limit: number) {
    const { whole, cut } = allocatePostings(plan.terms);
    const postings = await this.repository.postings(whole, cut);
    const lists = plan.terms.map((t) => postings.get(t.term));
    const scored = scorePostings(plan, lists, (id) => this.filters.slotOf(id), allowed);
    let top = best(scored, cut.length > 0 ? Math.max(RESCORED, limit) : limit);
    const docs = new Map<number, { title: string; body: string }>();
    if (cut.length > 0 && top.ids.length > 0) {
      // The cut lists missed the weaker postings of these documents: score them exactly.
      const rows = await this.repository.docs(top.ids, true);
      const lines = new Map(rows.map((row) => [row.article_id, `\n${row.terms}`]));
      const cutTerms = new Set(cut.map((c) => c.term));
      const known = impactsOf(postings, top.ids);
      const exact = scoreEach(plan, top.ids, (id, term) =>
        cutTerms.has(term) ? impactIn(lines.get(id) ?? '', term) : (known.get(term)?.get(id) ?? 0),
      );
      top = { ...best(exact, limit), matched: top.matched };
      for (const row of rows) docs.set(row.article_id, row);
    }
    const missing = top.ids.filter((id) => !docs.has(id));
    for (const row of await this.repository.docs(missing, false)) docs.set(row.article_id, row);
    return { top, docs };
  }

  private async correct(
    words: readonly string[],
    generation: number,
  ): Promise<Map<string, Correction[]>> {
    const corrections = new Map<string, Correction[]>();
    if (words.length === 0) return corrections;
    if (this.vocabularyGeneration !== generation) {
      this.vocabulary = new Vocabulary(await this.repository.words());
      this.vocabularyGeneration = generation;
    }
    for (const word of words) corrections.set(word, this.vocabulary.corrections(word));
    return corrections;
  }

  /** Brings the cached filter fields and synonyms up to `generation` (one reload at a time). */
  private async refresh(generation: number): Promise<void> {
    while (this.filtersGeneration < generation) {
      if (!this.refreshing) {
        this.refreshing = this.reload(generation).finally(() => (this.refreshing = null));
      }
      await this.refreshing;
      if (this.filtersGeneration >= generation) return;
    }
  }

  private async reload(generation: number): Promise<void> {
    this.filters.update(await this.repository.docMetadataSince(this.filtersGeneration));
    this.synonyms = new SynonymMatcher(await this.repository.synonymGroups());
    this.filtersGeneration = Math.max(this.filtersGeneration, generation);
  }
}

const byTerm = (a: readonly [string, number], b: readonly [string, number]): number =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;

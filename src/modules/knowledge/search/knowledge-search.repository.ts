import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, DialectName } from '../../../platform/db/database.js';
import type { DB } from '../../../platform/db/schema.js';
import type { PostingList } from './ranking.js';

// The SQL of the knowledge search index. Lists travel as one parameter: a JSON array read with
// json_each on SQLite, an array on PostgreSQL, so each statement has one text (and one prepared
// statement) whatever the list's length.

export interface IndexState {
  generation: number;
  docCount: number;
}

export interface DocMetadataRow {
  article_id: number;
  audience: string;
  owner_unit_id: number;
  category_ids: string;
  effective_from: string;
  expires_on: string | null;
}

export interface DocRow {
  article_id: number;
  title: string;
  body: string;
  terms: string;
}

export interface IndexDocRow extends DocMetadataRow {
  title: string;
  body: string;
  terms: string;
  generation: number;
}

/** Postings are sent as one integer each: article id × 2^15 + impact (impacts are below 2^15). */
const IMPACT_BITS = 32768;

function textList(dialect: DialectName, values: readonly string[]): RawBuilder<unknown> {
  return dialect === 'postgres'
    ? sql`(SELECT unnest(${values}::text[]))`
    : sql`(SELECT value FROM json_each(${JSON.stringify(values)}))`;
}

/** Decodes a list of postings sent as "encoded,encoded,…". */
function parsePostings(encoded: string): PostingList {
  let count = 1;
  for (let i = 0; i < encoded.length; i++) if (encoded.charCodeAt(i) === 44) count++;
  const list: PostingList = { ids: new Int32Array(count), impacts: new Int32Array(count) };
  let value = 0;
  let n = 0;
  for (let i = 0; i <= encoded.length; i++) {
    const code = i < encoded.length ? encoded.charCodeAt(i) : 44;
    if (code === 44) {
      list.ids[n] = Math.floor(value / IMPACT_BITS);
      list.impacts[n++] = value % IMPACT_BITS;
      value = 0;
    } else value = value * 10 + (code - 48);
  }
  return list;
}

export class KnowledgeSearchRepository {
  constructor(private readonly database: Database) {}

  private get dialect(): DialectName {
    return this.database.dialect;
  }

  async documentFrequencies(terms: readonly string[]): Promise<Map<string, number>> {
    return (await this.stateAndFrequencies(terms)).df;
  }

  /** The index's state and the document frequency of each known term, in one round trip. */
  async stateAndFrequencies(
    terms: readonly string[],
  ): Promise<{ state: IndexState; df: Map<string, number> }> {
    // The state travels as a row without a term: generation in df, the count in doc_count.
    const rows = await sql<{ term: string | null; df: number; doc_count: number }>`
      SELECT term, df, 0 AS doc_count FROM knowledge_terms WHERE term IN ${textList(this.dialect, terms)}
      UNION ALL
      SELECT NULL, generation, doc_count FROM knowledge_index_state WHERE id = 1`.execute(
      this.database.db,
    );
    const df = new Map<string, number>();
    let state: IndexState | null = null;
    for (const row of rows.rows) {
      if (row.term === null) state = { generation: row.df, docCount: row.doc_count };
      else df.set(row.term, row.df);
    }
    if (!state) throw new Error('knowledge_index_state has no row: the migration did not run');
    return { state, df };
  }

  /**
   * The postings of `whole` terms, and the `limit` best (highest impact, then highest id) of each
   * `cut` term, in one statement.
   */
  async postings(
    whole: readonly string[],
    cut: ReadonlyArray<{ term: string; limit: number }>,
  ): Promise<Map<string, PostingList>> {
    const result = new Map<string, PostingList>();
    if (whole.length === 0 && cut.length === 0) return result;
    // One integer per posting, as text, joined by commas (64-bit integers on SQLite).
    const list =
      this.dialect === 'postgres'
        ? sql`string_agg(CAST(CAST(article_id AS bigint) * ${sql.lit(IMPACT_BITS)} + impact AS text), ',')`
        : sql`group_concat(article_id * ${sql.lit(IMPACT_BITS)} + impact)`;
    const parts: Array<RawBuilder<unknown>> = [];
    if (whole.length > 0) {
      parts.push(sql`SELECT term, ${list} AS list
        FROM knowledge_postings WHERE term IN ${textList(this.dialect, whole)} GROUP BY term`);
    }
    cut.forEach(({ term, limit }, i) => {
      const alias = sql.raw(`c${i}`);
      parts.push(sql`SELECT term, ${list} AS list FROM (
        SELECT term, article_id, impact FROM knowledge_postings WHERE term = ${term}
        ORDER BY impact DESC, article_id DESC LIMIT ${limit}) AS ${alias} GROUP BY term`);
    });
    const rows = await sql<{ term: string; list: string }>`${sql.join(
      parts,
      sql` UNION ALL `,
    )}`.execute(this.database.db);
    for (const row of rows.rows) result.set(row.term, parsePostings(row.list));
    return result;
  }

  async docMetadataSince(generation: number): Promise<DocMetadataRow[]> {
    return this.database.db
      .selectFrom('knowledge_index_docs')
      .select([
        'article_id',
        'audience',
        'owner_unit_id',
        'category_ids',
        'effective_from',
        'expires_on',
      ])
      .where('generation', '>', generation)
      .execute();
  }

  async docs(ids: readonly number[], withTerms: boolean): Promise<DocRow[]> {
    if (ids.length === 0) return [];
    return this.database.db
      .selectFrom('knowledge_index_docs')
      .select(['article_id', 'title', 'body'])
      .select(withTerms ? 'terms' : sql<string>`''`.as('terms'))
      .where('article_id', 'in', [...ids])
      .execute();
  }

  async words(): Promise<Array<{ term: string; df: number }>> {
    return this.database.db
      .selectFrom('knowledge_terms')
      .select(['term', 'df'])
      .where('word', '=', 1)
      .execute();
  }

  async synonymGroups(): Promise<string[][]> {
    const rows = await this.database.db
      .selectFrom('knowledge_synonyms')
      .select(['group_id', 'term'])
      .orderBy('group_id')
      .orderBy('term')
      .execute();
    const groups = new Map<number, string[]>();
    for (const row of rows)
      groups.set(row.group_id, [...(groups.get(row.group_id) ?? []), row.term]);
    return [...groups.values()];
  }

  /** A category and every category below it. */
  async categoryWithDescendants(categoryId: number): Promise<number[]> {
    const rows = await sql<{ id: number }>`WITH RECURSIVE tree (id) AS (
        SELECT id FROM categories WHERE id = ${categoryId}
        UNION ALL SELECT categories.id FROM categories JOIN tree ON categories.parent_id = tree.id)
      SELECT id FROM tree`.execute(this.database.db);
    return rows.rows.map((row) => row.id);
  }

  // Writes: always inside the caller's transaction.

  /**
   * Takes the next generation. The row lock it takes on PostgreSQL serialises index changes, so
   * generations become visible in order and two changes of one article never interleave.
   */
  async nextGeneration(trx: Kysely<DB>): Promise<number> {
    const row = await trx
      .updateTable('knowledge_index_state')
      .set((eb) => ({ generation: eb('generation', '+', 1) }))
      .where('id', '=', 1)
      .returning('generation')
      .executeTakeFirstOrThrow();
    return row.generation;
  }

  async addToDocCount(trx: Kysely<DB>, delta: number): Promise<void> {
    await trx
      .updateTable('knowledge_index_state')
      .set((eb) => ({ doc_count: eb('doc_count', '+', delta) }))
      .where('id', '=', 1)
      .execute();
  }

  async indexedTerms(trx: Kysely<DB>, articleId: number): Promise<string | undefined> {
    const row = await trx
      .selectFrom('knowledge_index_docs')
      .select('terms')
      .where('article_id', '=', articleId)
      .executeTakeFirst();
    return row?.terms;
  }

  async writeDoc(trx: Kysely<DB>, row: IndexDocRow): Promise<void> {
    const { article_id: articleId, ...changes } = row;
    await trx
      .insertInto('knowledge_index_docs')
      .values({ article_id: articleId, ...changes })
      .onConflict((oc) => oc.column('article_id').doUpdateSet(changes))
      .execute();
  }

  async deleteDoc(trx: Kysely<DB>, articleId: number): Promise<void> {
    await trx.deleteFrom('knowledge_index_docs').where('article_id', '=', articleId).execute();
  }

  async insertPostings(
    trx: Kysely<DB>,
    articleId: number,
    postings: ReadonlyArray<readonly [string, number]>,
  ): Promise<void> {
    if (postings.length === 0) return;
    if (this.dialect === 'postgres') {
      await sql`INSERT INTO knowledge_postings (term, impact, article_id)
        SELECT term, impact, ${articleId} FROM unnest(${postings.map((p) => p[0])}::text[],
          ${postings.map((p) => p[1])}::int[]) AS p (term, impact)`.execute(trx);
      return;
    }
    await sql`INSERT INTO knowledge_postings (term, impact, article_id)
      SELECT value ->> 0, value ->> 1, ${articleId} FROM json_each(${JSON.stringify(postings)})`.execute(
      trx,
    );
  }

  async deletePostings(
    trx: Kysely<DB>,
    articleId: number,
    postings: ReadonlyArray<readonly [string, number]>,
  ): Promise<void> {
    if (postings.length === 0) return;
    if (this.dialect === 'postgres') {
      await sql`DELETE FROM knowledge_postings AS k USING unnest(${postings.map((p) => p[0])}::text[],
          ${postings.map((p) => p[1])}::int[]) AS p (term, impact)
        WHERE k.term = p.term AND k.impact = p.impact AND k.article_id = ${articleId}`.execute(trx);
      return;
    }
    await sql`DELETE FROM knowledge_postings WHERE article_id = ${articleId}
      AND (term, impact) IN (SELECT value ->> 0, value ->> 1 FROM json_each(${JSON.stringify(postings)}))`.execute(
      trx,
    );
  }

  /** Counts one more document for each of `terms` (sorted, so concurrent writers lock alike). */
  async incrementDf(trx: Kysely<DB>, terms: ReadonlyArray<{ term: string; word: number }>) {
    if (terms.length === 0) return;
    if (this.dialect === 'postgres') {
      await sql`INSERT INTO knowledge_terms (term, df, word)
        SELECT term, 1, word FROM unnest(${terms.map((t) => t.term)}::text[],
          ${terms.map((t) => t.word)}::int[]) AS t (term, word) ORDER BY term
        ON CONFLICT (term) DO UPDATE SET df = knowledge_terms.df + 1`.execute(trx);
      return;
    }
    await sql`INSERT INTO knowledge_terms (term, df, word)
      SELECT value ->> 0, 1, value ->> 1 FROM json_each(${JSON.stringify(terms.map((t) => [t.term, t.word]))})
      WHERE true ON CONFLICT (term) DO UPDATE SET df = df + 1`.execute(trx);
  }

  /** Counts one document less for each of `terms`; a term no document holds any more goes. */
  async decrementDf(trx: Kysely<DB>, terms: readonly string[]): Promise<void> {
    if (terms.length === 0) return;
    const list = textList(this.dialect, terms);
    await sql`UPDATE knowledge_terms SET df = df - 1 WHERE term IN ${list}`.execute(trx);
    await sql`DELETE FROM knowledge_terms WHERE df <= 0 AND term IN ${list}`.execute(trx);
  }
}

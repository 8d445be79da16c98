import { describe, expect, it } from 'vitest';
import { queryPieces } from './analyzer.js';
import { allocatePostings, draftConcepts, planQuery } from './query-plan.js';
import { best, scoreEach, scorePostings, type PostingList } from './ranking.js';
import { SynonymMatcher } from './synonyms.js';

describe('ranking', () => {
  // A query with a plain term, a synonym phrase and a corrected word, over 200 documents.
  const synonyms = new SynonymMatcher([['社保', '社会保险']]);
  const drafts = draftConcepts(queryPieces('社保 缴费 strete'), synonyms);
  const df = new Map([
    ['社保', 40],
    ['社会', 90],
    ['会保', 60],
    ['保险', 120],
    ['缴费', 70],
  ]);
  const corrections = new Map([['strete', [{ term: 'street', df: 30, distance: 1 }]]]);
  const plan = planQuery({ drafts, df, docCount: 200, corrections, mode: 'query' });
  let seed = 1;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const postings = new Map<string, Map<number, number>>();
  for (const { term, df: count } of plan.terms) {
    const docs = new Map<number, number>();
    while (docs.size < count)
      docs.set(1 + Math.floor(random() * 200), 1 + Math.floor(random() * 21999));
    postings.set(term, docs);
  }
  const lists = plan.terms.map((t): PostingList => {
    const entries = [...postings.get(t.term)!];
    return {
      ids: Int32Array.from(entries.map((e) => e[0])),
      impacts: Int32Array.from(entries.map((e) => e[1])),
    };
  });

  it('scores the same along the postings as document by document', () => {
    const allowed = new Uint8Array(201).fill(1);
    const along = scorePostings(plan, lists, (id) => id, allowed);
    const each = scoreEach(plan, along.ids, (id, term) => postings.get(term)?.get(id) ?? 0);
    expect(Array.from(along.scores)).toEqual(Array.from(each.scores));
    expect(plan.concepts).toHaveLength(3);
  });

  it('favours documents that match every concept of a search-box query', () => {
    const allowed = new Uint8Array(201).fill(1);
    const top = best(
      scorePostings(plan, lists, (id) => id, allowed),
      5,
    );
    const concepts = (id: number) =>
      plan.concepts.filter((c) =>
        c.variants.some((v) => v.terms.every((t) => postings.get(plan.terms[t]!.term)!.has(id))),
      ).length;
    expect(concepts(top.ids[0]!)).toBe(3);
  });

  it('leaves out documents the filter does not allow', () => {
    const allowed = new Uint8Array(201);
    allowed[7] = 1;
    const scored = scorePostings(plan, lists, (id) => id, allowed);
    expect(scored.ids.every((id) => id === 7)).toBe(true);
  });
});

describe('reading postings', () => {
  it('reads rare terms whole and only the best postings of very common ones', () => {
    const term = (name: string, df: number) => ({ term: name, df, idf: 0 });
    const { whole, cut } = allocatePostings([
      term('的', 48_000),
      term('路灯', 300),
      term('小区', 20_000),
      term('不亮', 90),
    ]);
    expect(whole).toEqual(['不亮', '路灯']);
    expect(cut.map((c) => c.term)).toEqual(['小区', '的']);
    const read = 390 + cut.reduce((n, c) => n + c.limit, 0);
    expect(read).toBeLessThanOrEqual(12_000);
  });
});

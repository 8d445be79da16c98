import { isCorrectableWord, isStopWord, type QueryPiece } from './analyzer.js';
import { idf, type Plan, type PlannedConcept, type PlanTerm } from './ranking.js';
import type { SynonymMatcher } from './synonyms.js';
import type { Correction } from './typo.js';

/** A synonym counts a little less than the word typed; a correction less again. */
const SYNONYM_WEIGHT = 0.85;
const CORRECTION_WEIGHT = [1, 0.7, 0.5] as const;

/** A query's most informative concepts are kept; the rest add little but cost postings. */
const MAX_CONCEPTS = 32;
/** An appeal's concepts are taken rarest first until their postings would pass this many. */
const APPEAL_POSTINGS_BUDGET = 12_000;
/** A search box query favours documents that match all of it. */
const QUERY_COVERAGE_POWER = 2;

export interface DraftConcept {
  /** The terms as typed (several for a synonym group member such as 住房公积金). */
  original: string[];
  /** Synonyms (each counts only when all its terms are there). */
  alternatives: Array<{ terms: string[]; weight: number }>;
  /** A word that may be corrected when the index does not know it. */
  correctable: string | null;
}

/**
 * The query's concepts before the index is consulted: each term once, synonyms attached, English
 * stop words left out (unless the query has nothing else).
 */
export function draftConcepts(
  pieces: readonly QueryPiece[],
  synonyms: SynonymMatcher,
): DraftConcept[] {
  const terms = pieces.map((p) => p.term);
  const spans = synonyms.find(terms);
  const drafts: DraftConcept[] = [];
  const seen = new Set<string>();
  const onlyStopWords = pieces.every((p) => isStopWord(p.term));
  const add = (draft: DraftConcept): void => {
    const key = draft.original.join(' ');
    if (seen.has(key) || (!onlyStopWords && draft.original.every(isStopWord))) return;
    seen.add(key);
    drafts.push(draft);
  };
  let next = 0;
  for (const span of spans) {
    for (; next < span.start; next++) add(single(pieces[next]!));
    add({
      original: terms.slice(span.start, span.start + span.length),
      alternatives: span.alternatives.map((t) => ({ terms: t, weight: SYNONYM_WEIGHT })),
      correctable: null,
    });
    next = span.start + span.length;
  }
  for (; next < pieces.length; next++) add(single(pieces[next]!));
  return drafts;
}

function single(piece: QueryPiece): DraftConcept {
  const correctable = piece.kind === 'word' && isCorrectableWord(piece.term) ? piece.term : null;
  return { original: [piece.term], alternatives: [], correctable };
}

/** Every term the drafts may look up. */
export const draftTerms = (drafts: readonly DraftConcept[]): string[] => [
  ...new Set(drafts.flatMap((d) => [d.original, ...d.alternatives.map((a) => a.terms)]).flat()),
];

/** Words corrected per query at most: a long appeal's unknown words are mostly names. */
const MAX_CORRECTED = 5;

/** The words of the drafts that the index does not know, to be corrected. */
export const unknownWords = (drafts: readonly DraftConcept[], df: ReadonlyMap<string, number>) =>
  drafts
    .flatMap((d) => (d.correctable && !df.get(d.correctable) ? [d.correctable] : []))
    .slice(0, MAX_CORRECTED);

export interface PlanInput {
  drafts: readonly DraftConcept[];
  df: ReadonlyMap<string, number>;
  docCount: number;
  corrections: ReadonlyMap<string, readonly Correction[]>;
  mode: 'query' | 'appeal';
}

interface Candidate {
  variants: Array<{ terms: string[]; weight: number; whole: boolean }>;
  size: number;
  mass: number;
  cost: number;
  order: number;
}

/**
 * Turns drafts into a scoring plan: corrections added for unknown words, concepts no document can
 * match dropped, and at most MAX_CONCEPTS kept, the most informative (highest idf) first.
 */
export function planQuery(input: PlanInput): Plan {
  const { docCount, mode } = input;
  const df = new Map(input.df);
  for (const corrections of input.corrections.values())
    for (const c of corrections) df.set(c.term, c.df);
  const idfOf = (term: string): number => idf(df.get(term) ?? 0, docCount);
  const known = (term: string): boolean => (df.get(term) ?? 0) > 0;

  const candidates: Candidate[] = [];
  input.drafts.forEach((draft, order) => {
    const corrections = draft.correctable ? (input.corrections.get(draft.correctable) ?? []) : [];
    const variants = [
      { terms: draft.original, weight: 1, whole: false },
      ...draft.alternatives.map((a) => ({ ...a, whole: true })),
      ...corrections.map((c) => ({
        terms: [c.term],
        weight: CORRECTION_WEIGHT[c.distance]!,
        whole: true,
      })),
    ].filter((v) => (v.whole ? v.terms.every(known) : v.terms.some(known)));
    if (variants.length === 0) return;
    const size = draft.original.length;
    const mass = Math.max(
      ...variants.map((v) => (size / v.terms.length) * sum(v.terms.filter(known).map(idfOf))),
    );
    const cost = sum(variants.flatMap((v) => v.terms.map((t) => df.get(t) ?? 0)));
    candidates.push({ variants, size, mass, cost, order });
  });

  const chosen: Candidate[] = [];
  let budget = APPEAL_POSTINGS_BUDGET;
  for (const candidate of [...candidates].sort((a, b) => b.mass - a.mass || a.order - b.order)) {
    if (chosen.length >= MAX_CONCEPTS) break;
    if (mode === 'appeal' && chosen.length > 0 && candidate.cost > budget) continue;
    budget -= candidate.cost;
    chosen.push(candidate);
  }
  chosen.sort((a, b) => a.order - b.order);

  const terms: PlanTerm[] = [];
  const index = new Map<string, number>();
  const termIndex = (term: string): number => {
    let i = index.get(term);
    if (i === undefined) {
      i = terms.length;
      index.set(term, i);
      terms.push({ term, df: df.get(term) ?? 0, idf: idfOf(term) });
    }
    return i;
  };
  const concepts: PlannedConcept[] = chosen.map((c) => ({
    mass: c.mass,
    variants: c.variants.map((v) => ({
      terms: v.terms.filter(known).map(termIndex),
      weight: v.weight,
      scale: c.size / v.terms.length,
      idfSum: sum(v.terms.map(idfOf)),
      whole: v.whole,
    })),
  }));
  return {
    terms,
    concepts,
    totalMass: sum(concepts.map((c) => c.mass)),
    coveragePower: mode === 'query' ? QUERY_COVERAGE_POWER : 0,
  };
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Postings read per search at most; the longest lists are cut to their best postings. */
const POSTINGS_BUDGET = 12_000;
const MIN_CUT = 400;

/**
 * Which terms' postings are read whole, and how many of the best of the others: rarest first,
 * each taking at most a fair share of what the budget has left.
 */
export function allocatePostings(terms: readonly PlanTerm[]): {
  whole: string[];
  cut: Array<{ term: string; limit: number }>;
} {
  const whole: string[] = [];
  const cut: Array<{ term: string; limit: number }> = [];
  const byDf = [...terms].sort((a, b) => a.df - b.df || (a.term < b.term ? -1 : 1));
  let budget = POSTINGS_BUDGET;
  byDf.forEach((t, i) => {
    const share = Math.floor(budget / (byDf.length - i));
    if (t.df <= Math.max(share, MIN_CUT)) {
      whole.push(t.term);
      budget -= t.df;
    } else {
      const limit = Math.max(share, MIN_CUT);
      cut.push({ term: t.term, limit });
      budget -= limit;
    }
  });
  return { whole, cut };
}

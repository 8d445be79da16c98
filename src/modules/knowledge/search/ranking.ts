import type { FieldTerms } from './analyzer.js';

// BM25F (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009),
// computed here rather than by either database so that both rank alike.

/** Impacts are stored as integers: they read back identically from SQLite and PostgreSQL. */
export const IMPACT_SCALE = 10_000;
const K1 = 1.2;

/**
 * A match in the title counts three times one in the body, a keyword or synonym twice. Lengths
 * are normalised against typical lengths (in tokens) rather than the index's running averages, so
 * an article's impacts never change when others are added.
 */
const FIELD_MODELS = {
  title: { weight: 3, b: 0.5, typicalLength: 16 },
  keywords: { weight: 2, b: 0.3, typicalLength: 12 },
  body: { weight: 1, b: 0.75, typicalLength: 400 },
} as const;

export type FieldName = keyof typeof FIELD_MODELS;

/** Each term's impact on an article: its field-weighted, length-normalised, saturated frequency. */
export function termImpacts(fields: Record<FieldName, FieldTerms>): Map<string, number> {
  const pseudoFrequency = new Map<string, number>();
  for (const name of Object.keys(FIELD_MODELS) as FieldName[]) {
    const model = FIELD_MODELS[name];
    const field = fields[name];
    const norm = 1 - model.b + (model.b * field.length) / model.typicalLength;
    for (const [term, count] of field.counts) {
      pseudoFrequency.set(term, (pseudoFrequency.get(term) ?? 0) + (model.weight * count) / norm);
    }
  }
  const impacts = new Map<string, number>();
  for (const [term, tf] of pseudoFrequency) {
    impacts.set(term, Math.max(1, Math.round((IMPACT_SCALE * tf * (K1 + 1)) / (tf + K1))));
  }
  return impacts;
}

/** BM25's inverse document frequency: rare terms weigh more. */
export function idf(df: number, docCount: number): number {
  return Math.log(1 + Math.max(0, docCount - df + 0.5) / (df + 0.5));
}

/** One way to match a concept: a term, or the terms of a phrase (a synonym, a corrected word). */
export interface PlannedVariant {
  /** Indexes into the plan's terms. */
  terms: number[];
  /** 1 for what was typed; less for synonyms and corrections. */
  weight: number;
  /** Makes a variant of n terms count like the typed phrase of m terms: m / n. */
  scale: number;
  /** Sum of the variant's terms' idf: a document containing them all covers the concept. */
  idfSum: number;
  /** A synonym phrase counts only whole: 社会保险 is not matched by 保险 alone. */
  whole: boolean;
}

/** A thing the query asks for: a word or bigram, with its synonyms and corrections. */
export interface PlannedConcept {
  variants: PlannedVariant[];
  /** How much the concept counts in the coverage of the query. */
  mass: number;
}

export interface PlanTerm {
  term: string;
  df: number;
  idf: number;
}

export interface Plan {
  terms: PlanTerm[];
  concepts: PlannedConcept[];
  totalMass: number;
  /** The score is multiplied by coverage to this power (0: partial matches are fine). */
  coveragePower: number;
}

/**
 * A document's score. `impacts` holds impacts of every plan term (row) for `docCount`
 * documents (columns), 0 when absent. The concepts are added in plan order, so the same postings
 * give the same floating-point score however the database returned them.
 */
export function scoreDocument(
  plan: Plan,
  impacts: Int32Array,
  docCount: number,
  doc: number,
): number {
  let raw = 0;
  let covered = 0;
  for (const concept of plan.concepts) {
    let best = 0;
    let bestCoverage = 0;
    for (const variant of concept.variants) {
      let sum = 0;
      let matched = 0;
      let missing = false;
      for (const t of variant.terms) {
        const impact = impacts[t * docCount + doc]!;
        if (impact === 0) {
          missing = true;
          continue;
        }
        const termIdf = plan.terms[t]!.idf;
        sum += (termIdf * impact) / IMPACT_SCALE;
        matched += termIdf;
      }
      if (matched === 0 || (missing && variant.whole)) continue;
      best = Math.max(best, variant.weight * variant.scale * sum);
      bestCoverage = Math.max(bestCoverage, (variant.weight * matched) / variant.idfSum);
    }
    raw += best;
    covered += concept.mass * bestCoverage;
  }
  if (plan.coveragePower === 0 || raw === 0) return raw;
  return raw * (covered / plan.totalMass) ** plan.coveragePower;
}

/** A term's postings: parallel lists of article ids and impacts. */
export interface PostingList {
  ids: Int32Array;
  impacts: Int32Array;
}

/** Documents and their scores, in parallel. */
export interface Scored {
  ids: number[];
  scores: Float64Array;
}

/**
 * Scores every document of the postings that `allowed` lets through (by the slot `slotOf` gives
 * an article id). `lists` are the postings of the plan's terms, in the plan's order.
 */
export function scorePostings(
  plan: Plan,
  lists: ReadonlyArray<PostingList | undefined>,
  slotOf: (articleId: number) => number | undefined,
  allowed: Uint8Array,
): Scored {
  const column = new Int32Array(allowed.length); // a slot's document index + 1
  const ids: number[] = [];
  const columns = lists.map((list) => {
    if (!list) return null;
    const at = new Int32Array(list.ids.length);
    for (let i = 0; i < list.ids.length; i++) {
      const id = list.ids[i]!;
      const slot = slotOf(id);
      if (slot === undefined || allowed[slot] !== 1) {
        at[i] = -1;
        continue;
      }
      if (column[slot] === 0) {
        ids.push(id);
        column[slot] = ids.length;
      }
      at[i] = column[slot]! - 1;
    }
    return at;
  });
  return accumulate(plan, ids, columns, lists);
}

/**
 * The same sums as scoreDocument, concept by concept along the postings rather than document by
 * document over every term: the work is the number of postings, not documents × terms. Each
 * document gets its additions in the same order as in scoreDocument, so the same score.
 */
function accumulate(
  plan: Plan,
  ids: number[],
  columns: ReadonlyArray<Int32Array | null>,
  lists: ReadonlyArray<PostingList | undefined>,
): Scored {
  const count = ids.length;
  const raw = new Float64Array(count);
  const covered = new Float64Array(count);
  const best = new Float64Array(count);
  const bestCoverage = new Float64Array(count);
  const sum = new Float64Array(count);
  const matched = new Float64Array(count);
  const present = new Int32Array(count);
  const touched = new Uint8Array(count);
  for (const concept of plan.concepts) {
    const conceptDocs: number[] = [];
    for (const variant of concept.variants) {
      const variantDocs: number[] = [];
      for (const t of variant.terms) {
        const at = columns[t];
        if (!at) continue;
        const impacts = lists[t]!.impacts;
        const termIdf = plan.terms[t]!.idf;
        for (let i = 0; i < at.length; i++) {
          const d = at[i]!;
          if (d < 0) continue;
          if (present[d] === 0) variantDocs.push(d);
          sum[d] = sum[d]! + (termIdf * impacts[i]!) / IMPACT_SCALE;
          matched[d] = matched[d]! + termIdf;
          present[d]!++;
        }
      }
      for (const d of variantDocs) {
        if (!variant.whole || present[d] === variant.terms.length) {
          if (touched[d] === 0) {
            touched[d] = 1;
            conceptDocs.push(d);
          }
          best[d] = Math.max(best[d]!, variant.weight * variant.scale * sum[d]!);
          bestCoverage[d] = Math.max(
            bestCoverage[d]!,
            (variant.weight * matched[d]!) / variant.idfSum,
          );
        }
        sum[d] = 0;
        matched[d] = 0;
        present[d] = 0;
      }
    }
    for (const d of conceptDocs) {
      raw[d] = raw[d]! + best[d]!;
      covered[d] = covered[d]! + concept.mass * bestCoverage[d]!;
      best[d] = 0;
      bestCoverage[d] = 0;
      touched[d] = 0;
    }
  }
  const scores = new Float64Array(count);
  for (let d = 0; d < count; d++) {
    scores[d] =
      plan.coveragePower === 0 || raw[d] === 0
        ? raw[d]!
        : raw[d]! * (covered[d]! / plan.totalMass) ** plan.coveragePower;
  }
  return { ids, scores };
}

/** Scores `ids` from their impacts on every plan term, given by `impactOf`. */
export function scoreEach(
  plan: Plan,
  ids: readonly number[],
  impactOf: (articleId: number, term: string) => number,
): Scored {
  const impacts = new Int32Array(plan.terms.length * ids.length);
  plan.terms.forEach((t, i) =>
    ids.forEach((id, d) => (impacts[i * ids.length + d] = impactOf(id, t.term))),
  );
  return scoreMatrix(plan, [...ids], impacts);
}

function scoreMatrix(plan: Plan, ids: number[], impacts: Int32Array): Scored {
  const scores = new Float64Array(ids.length);
  for (let d = 0; d < ids.length; d++) scores[d] = scoreDocument(plan, impacts, ids.length, d);
  return { ids, scores };
}

/** The `k` best documents (highest score, then lowest id) and how many scored at all. */
export function best(
  scored: Scored,
  k: number,
): { ids: number[]; scores: number[]; matched: number } {
  const top: Array<{ id: number; score: number }> = [];
  let matched = 0;
  const before = (a: { id: number; score: number }, id: number, score: number): boolean =>
    a.score > score || (a.score === score && a.id < id);
  scored.ids.forEach((id, d) => {
    const score = scored.scores[d]!;
    if (score <= 0) return;
    matched++;
    if (top.length === k && before(top[k - 1]!, id, score)) return;
    let at = top.length;
    while (at > 0 && !before(top[at - 1]!, id, score)) at--;
    top.splice(at, 0, { id, score });
    if (top.length > k) top.pop();
  });
  return { ids: top.map((t) => t.id), scores: top.map((t) => t.score), matched };
}

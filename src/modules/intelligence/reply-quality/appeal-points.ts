// The points an appeal asks: its title (what it is about) and every sentence, or comma clause of a
// long sentence, that asks or demands something (吗, 是否, 什么时候, 能否, 请, 要求, 希望, ？…). Each
// point keeps its key phrases: the runs of its grams that weigh most (噪音, 限制施工时间).
import { clausesOf, gramsOf, sentencesOf, type Gram } from './text-grams.js';
import { isCommonWord, type TermWeights } from './term-weights.js';

/** Words that mark a question or a demand in a Chinese appeal (and the question marks). */
export const ASKING =
  /吗|么[？?]|是否|什么时候|何时|多久|能否|能不能|可否|可不可以|请|要求|希望|为什么|为何|怎么|如何|多少|哪里|哪些|哪个|有没有|是不是|建议|呼吁|恳请|盼望|尽快|何[^\s]{0,2}[？?]|[？?]/u;
/** At most this many points: an appeal asking more is asking one thing many ways. */
const MAX_POINTS = 6;
/** A gram weighing less than this share of the point's heaviest gram is not part of a key phrase. */
const KEY_SHARE = 0.5;
/** A point whose grams are mostly those of an earlier point repeats it. */
const REPEAT_SHARE = 0.8;

export interface AppealPoint {
  text: string;
  /** Distinct grams and their weights. */
  grams: Map<string, number>;
  /** The heaviest runs of grams, heaviest first (at most 2). */
  keyPhrases: string[];
}

/** A key phrase longer than this many characters is cut: a hint names a thing, not a sentence. */
const MAX_PHRASE_CHARS = 8;

/**
 * Joins overlapping bigrams that follow each other into phrases (施工 工时 时间 → 施工时间); one
 * lighter gram between two kept ones (a common word inside a name: 华苑物业管理) does not break it.
 * A phrase does not start or end with the edge of a common word glued on (能否要求 → not 否要).
 */
function runs(grams: Gram[], keep: (g: Gram) => boolean, common: (g: Gram) => boolean): string[] {
  const adjacent = (a: Gram | undefined, b: Gram | undefined) =>
    !!a &&
    !!b &&
    Array.from(a.gram).length === 2 &&
    Array.from(b.gram).length === 2 &&
    b.at === a.at + 1;
  const out: string[] = [];
  let i = 0;
  while (i < grams.length) {
    const g = grams[i]!;
    if (!keep(g) || (adjacent(grams[i - 1], g) && common(grams[i - 1]!))) {
      i++;
      continue;
    }
    let text = g.gram;
    let last = i;
    let j = i + 1;
    while (j < grams.length && Array.from(text).length < MAX_PHRASE_CHARS) {
      const next = grams[j]!;
      if (!adjacent(grams[j - 1], next)) break;
      if (keep(next)) {
        if (j === last + 2) text += Array.from(grams[last + 1]!.gram)[1]!;
        text += Array.from(next.gram)[1]!;
        last = j;
      } else if (j !== last + 1) break;
      j++;
    }
    const after = grams[last + 1];
    if (Array.from(text).length > 2 && adjacent(grams[last], after) && common(after!))
      text = Array.from(text).slice(0, -1).join('');
    out.push(text);
    i = last + 1;
  }
  return out;
}

/** The weight of a phrase: the sum of its grams' weights. */
const phraseWeight = (text: string, weights: TermWeights) =>
  gramsOf(text).reduce((s, g) => s + weights.weight(g.gram), 0);

function pointOf(text: string, weights: TermWeights): AppealPoint | null {
  const all = gramsOf(text);
  const grams = new Map(all.map((g) => [g.gram, weights.weight(g.gram)]));
  const heaviest = Math.max(0, ...grams.values());
  // Nothing specific asked ("请尽快处理"): that is for the explanation, not a point to cover.
  if (heaviest < 0.3) return null;
  const phrases = runs(
    all,
    (g) => grams.get(g.gram)! >= heaviest * KEY_SHARE,
    (g) => isCommonWord(g.gram),
  )
    .map((text) => ({ text, weight: phraseWeight(text, weights) }))
    .sort((a, b) => b.weight - a.weight);
  const keyPhrases = [...new Set(phrases.map((p) => p.text))].slice(0, 2);
  return { text, grams, keyPhrases };
}

/** How much of `point`'s weight `earlier` already holds. */
function heldBy(point: AppealPoint, earlier: AppealPoint): number {
  let held = 0;
  let total = 0;
  for (const [gram, w] of point.grams) {
    total += w;
    if (earlier.grams.has(gram)) held += w;
  }
  return total === 0 ? 1 : held / total;
}

/** The asking sentences of a description; a long one asking several things gives each clause. */
function askingParts(description: string): string[] {
  const parts: string[] = [];
  for (const sentence of sentencesOf(description)) {
    if (!ASKING.test(sentence)) continue;
    const clauses = clausesOf(sentence);
    const asking = clauses.filter((c) => ASKING.test(c));
    if (asking.length >= 2) {
      // Each asking clause, with the clause before it when that one says what it is about.
      for (const [i, clause] of clauses.entries())
        if (ASKING.test(clause))
          parts.push(
            i > 0 && !ASKING.test(clauses[i - 1]!) ? `${clauses[i - 1]}，${clause}` : clause,
          );
    } else parts.push(sentence);
  }
  return parts;
}

/** The points an appeal asks, in order: the title first, then what the description asks. */
export function appealPoints(
  appeal: { title: string; description: string },
  weights: TermWeights,
): AppealPoint[] {
  const candidates = [appeal.title.trim(), ...askingParts(appeal.description)].filter(Boolean);
  if (candidates.length === 0) candidates.push(...sentencesOf(appeal.description).slice(0, 1));
  const points: AppealPoint[] = [];
  for (const text of candidates) {
    const point = pointOf(text, weights);
    if (!point || points.some((p) => heldBy(point, p) >= REPEAT_SHARE)) continue;
    points.push(point);
    if (points.length === MAX_POINTS) break;
  }
  return points;
}

// Hot issues (热点问题): appeals about one matter and place grouped by text similarity, ranked by
// a heat index. Pure: no I/O, the same on the live tickets and on the Teddy Cup evaluation.
import { characterBigrams, normalise, placeNames, type SparseVector } from './text-features.js';

export interface ClusterInput {
  id: number;
  title: string;
  description: string;
  /** When the appeal came (ISO time). */
  at: string;
  /** Public support where the channel has it (likes, 点赞); 0 elsewhere. */
  likes: number;
  dislikes: number;
  /** Known areas of the appeal (its district's and street's names), weighted like named places. */
  areas?: readonly string[];
}

export interface ClusterOptions {
  /** Least similarity of an appeal to a cluster's centre to join it. */
  threshold: number;
  /** Least similarity of two clusters' centres to merge them. */
  mergeThreshold: number;
  /** Share of the similarity that comes from shared places (the rest from the text). */
  placeShare: number;
  /** Characters of the description used (the title counts twice). */
  descriptionChars: number;
  /** Clusters with fewer appeals are not hot issues. */
  minAppeals: number;
}

export const DEFAULT_CLUSTERING: ClusterOptions = {
  threshold: 0.3,
  mergeThreshold: 0.5,
  placeShare: 0.4,
  descriptionChars: 400,
  minAppeals: 3,
};

/** The parts of the heat index, each shown on the analyst page. */
export interface HeatParts {
  /** Appeals in the cluster. */
  appeals: number;
  /** Public support: likes (点赞) summed over the appeals. */
  likes: number;
  dislikes: number;
  /** Distinct days with an appeal (the matter's spread in time). */
  activeDays: number;
}

export interface HotIssue extends HeatParts {
  /** The appeals' ids, oldest first. */
  ids: number[];
  /** The title of the appeal nearest the cluster's centre. */
  label: string;
  /** Place names most of its appeals mention. */
  places: string[];
  firstAt: string;
  lastAt: string;
  heat: number;
}

/**
 * The heat index: appeals + 2·log₂(1 + likes) + ½·(active days − 1). Appeals count most; public
 * support adds with diminishing returns (one post with 2,000 likes must not outweigh fifty
 * citizens writing in); a matter raised on many days ranks above a one-day burst of equal size.
 */
export function heatIndex(parts: HeatParts): number {
  const value =
    parts.appeals + 2 * Math.log2(1 + Math.max(0, parts.likes)) + 0.5 * (parts.activeDays - 1);
  return Math.round(value * 100) / 100;
}

interface Doc {
  input: ClusterInput;
  vector: SparseVector;
  /** Its heaviest features: candidates are the clusters sharing one (no all-pairs comparison). */
  keys: string[];
}

/** Features per appeal (and per cluster centre) used to find candidate clusters. */
const KEY_FEATURES = 8;

const heaviest = (vector: SparseVector, count: number): string[] =>
  [...vector]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key]) => key);

class Centre {
  readonly sum: SparseVector = new Map();
  norm2 = 0;
  members: Doc[] = [];

  add(doc: Doc): void {
    this.members.push(doc);
    for (const [key, value] of doc.vector) {
      const old = this.sum.get(key) ?? 0;
      this.sum.set(key, old + value);
      this.norm2 += (old + value) ** 2 - old ** 2;
    }
  }

  similarity(vector: SparseVector): number {
    if (this.norm2 <= 0) return 0;
    let dot = 0;
    for (const [key, value] of vector) dot += value * (this.sum.get(key) ?? 0);
    return dot / Math.sqrt(this.norm2);
  }
}

/** TF-IDF of bigrams (title twice) and of places, each part of length one, mixed by `placeShare`. */
function vectorise(inputs: readonly ClusterInput[], options: ClusterOptions): Doc[] {
  const raw = inputs.map((input) => {
    const description = Array.from(input.description).slice(0, options.descriptionChars).join('');
    const terms = new Map<string, number>();
    for (const term of characterBigrams(input.title)) terms.set(term, (terms.get(term) ?? 0) + 2);
    for (const term of characterBigrams(description)) terms.set(term, (terms.get(term) ?? 0) + 1);
    const places = new Set([
      ...placeNames(`${input.title}。${description}`),
      ...(input.areas ?? []).map((area) => area.normalize('NFKC')),
    ]);
    return { input, terms, places };
  });
  const df = new Map<string, number>();
  for (const doc of raw)
    for (const key of [...doc.terms.keys(), ...[...doc.places].map((p) => `@${p}`)])
      df.set(key, (df.get(key) ?? 0) + 1);
  const idf = (key: string) => Math.log((raw.length + 1) / ((df.get(key) ?? 0) + 1)) + 1;
  const textShare = Math.sqrt(1 - options.placeShare);
  const placeShare = Math.sqrt(options.placeShare);
  return raw.map(({ input, terms, places }) => {
    const text: SparseVector = new Map();
    for (const [term, tf] of terms) text.set(term, (1 + Math.log(tf)) * idf(term));
    const place: SparseVector = new Map();
    // A place no other appeal names cannot bring two appeals together.
    for (const name of places)
      if ((df.get(`@${name}`) ?? 0) > 1) place.set(`@${name}`, idf(`@${name}`));
    normalise(text);
    normalise(place);
    const vector: SparseVector = new Map();
    const both = text.size > 0 && place.size > 0;
    for (const [key, value] of text) vector.set(key, both ? value * textShare : value);
    for (const [key, value] of place) vector.set(key, both ? value * placeShare : value);
    return { input, vector, keys: heaviest(vector, KEY_FEATURES) };
  });
}

/** One pass: each appeal joins the most similar centre above the threshold, or starts one. */
function assign(docs: readonly Doc[], seeds: readonly Centre[], threshold: number): Centre[] {
  const centres: Centre[] = seeds.map(() => new Centre());
  const index = new Map<string, Set<number>>();
  const indexCentre = (at: number, doc: Doc) => {
    for (const key of doc.keys) {
      let set = index.get(key);
      if (!set) index.set(key, (set = new Set()));
      set.add(at);
    }
  };
  seeds.forEach((seed, at) => seed.members.forEach((doc) => indexCentre(at, doc)));
  const judge = (at: number) => seeds[at] ?? centres[at]!;
  for (const doc of docs) {
    const candidates = new Set<number>();
    for (const key of doc.keys) for (const at of index.get(key) ?? []) candidates.add(at);
    let best = -1;
    let bestScore = threshold;
    for (const at of candidates) {
      const score = judge(at).similarity(doc.vector);
      if (score >= bestScore) [best, bestScore] = [at, score];
    }
    if (best < 0) {
      best = centres.length;
      centres.push(new Centre());
    }
    centres[best]!.add(doc);
    if (best >= seeds.length) indexCentre(best, doc);
  }
  return centres.filter((centre) => centre.members.length > 0);
}

/** Merges clusters whose centres are alike (largest first), until none are. */
function mergeAlike(centres: Centre[], threshold: number): Centre[] {
  const sorted = [...centres].sort((a, b) => b.members.length - a.members.length);
  const out: Centre[] = [];
  const index = new Map<string, Set<number>>();
  for (const centre of sorted) {
    const keys = heaviest(centre.sum, KEY_FEATURES * 2);
    const candidates = new Set<number>();
    for (const key of keys) for (const at of index.get(key) ?? []) candidates.add(at);
    const into = [...candidates]
      .sort((a, b) => a - b)
      .find((at) => {
        const kept = out[at]!;
        if (kept.norm2 <= 0 || centre.norm2 <= 0) return false;
        return kept.similarity(centre.sum) / Math.sqrt(centre.norm2) >= threshold;
      });
    if (into !== undefined) {
      for (const doc of centre.members) out[into]!.add(doc);
      continue;
    }
    out.push(centre);
    for (const key of keys) {
      let set = index.get(key);
      if (!set) index.set(key, (set = new Set()));
      set.add(out.length - 1);
    }
  }
  return out;
}

const dayOf = (at: string) => at.slice(0, 10);

function describe(centre: Centre): HotIssue {
  const members = [...centre.members].sort(
    (a, b) => a.input.at.localeCompare(b.input.at) || a.input.id - b.input.id,
  );
  let nearest = members[0]!;
  let nearestScore = -1;
  const placeCounts = new Map<string, number>();
  for (const doc of members) {
    const score = centre.similarity(doc.vector);
    if (score > nearestScore) [nearest, nearestScore] = [doc, score];
    for (const key of doc.vector.keys())
      if (key.startsWith('@'))
        placeCounts.set(key.slice(1), (placeCounts.get(key.slice(1)) ?? 0) + 1);
  }
  const parts: HeatParts = {
    appeals: members.length,
    likes: members.reduce((sum, doc) => sum + doc.input.likes, 0),
    dislikes: members.reduce((sum, doc) => sum + doc.input.dislikes, 0),
    activeDays: new Set(members.map((doc) => dayOf(doc.input.at))).size,
  };
  return {
    ...parts,
    ids: members.map((doc) => doc.input.id),
    label: nearest.input.title,
    places: [...placeCounts]
      .filter(([, count]) => count * 2 >= members.length)
      .sort((a, b) => b[1] - a[1])
      .map(([name]) => name)
      .slice(0, 3),
    firstAt: members[0]!.input.at,
    lastAt: members.at(-1)!.input.at,
    heat: heatIndex(parts),
  };
}

/**
 * Clusters appeals (single pass in time order, one reassignment pass against the first pass's
 * centres, then alike clusters merged) and ranks the clusters of at least `minAppeals` by heat.
 */
export function findHotIssues(
  inputs: readonly ClusterInput[],
  options: ClusterOptions = DEFAULT_CLUSTERING,
): HotIssue[] {
  const docs = vectorise(
    [...inputs].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id),
    options,
  );
  const first = assign(docs, [], options.threshold);
  const second = assign(docs, first, options.threshold);
  const merged = mergeAlike(second, options.mergeThreshold);
  return merged
    .filter((centre) => centre.members.length >= options.minAppeals)
    .map(describe)
    .sort((a, b) => b.heat - a.heat || b.appeals - a.appeals || a.ids[0]! - b.ids[0]!);
}

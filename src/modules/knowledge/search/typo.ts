/**
 * Edit distance with adjacent transpositions ("optimal string alignment"): "teh" is one edit from
 * "the". Gives up and returns `limit + 1` as soon as the distance must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = new Array<number>(t.length + 1).fill(0);
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[t.length]!;
}

export interface Correction {
  term: string;
  df: number;
  distance: number;
}

/** The words of the index (not Han terms), with their document frequency, to correct typos. */
export class Vocabulary {
  private readonly byLength = new Map<number, Array<{ term: string; df: number }>>();

  constructor(words: Iterable<{ term: string; df: number }>) {
    for (const word of words) {
      const length = Array.from(word.term).length;
      const list = this.byLength.get(length) ?? [];
      list.push(word);
      this.byLength.set(length, list);
    }
  }

  /**
   * Indexed words one edit from `word` (two for words of eight letters or more), closest and
   * most common first.
   */
  corrections(word: string, max = 5): Correction[] {
    const length = Array.from(word).length;
    const limit = length >= 8 ? 2 : 1;
    const found: Correction[] = [];
    for (let l = length - limit; l <= length + limit; l++) {
      for (const candidate of this.byLength.get(l) ?? []) {
        const distance = editDistance(word, candidate.term, limit);
        if (distance <= limit && distance > 0) found.push({ ...candidate, distance });
      }
    }
    found.sort(
      (a, b) =>
        a.distance - b.distance || b.df - a.df || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0),
    );
    return found.slice(0, max);
  }
}

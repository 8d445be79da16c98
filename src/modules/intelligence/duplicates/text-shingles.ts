// What an appeal's text says, as a bag of shingles. Chinese has no word spaces and most words are
// two characters (路灯, 停水), so a run of Han characters becomes its overlapping character bigrams
// (a lone character stays itself); other scripts become lower-cased words, a run of digits one
// word, and a pictograph (🚧) its own symbol. Code points, not UTF-16 units: 𠮷 is one character.
// Pure: no I/O.

const HAN = /\p{Script=Han}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/** Words too common in English appeals to say anything about the matter. */
const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'at',
  'for',
  'in',
  'is',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
]);

/** Only the first characters count: the matter is said early, the rest is mostly story. */
export const SHINGLE_MAX_CHARS = 600;

/** The text's shingles with their counts. */
export function shingles(text: string, maxChars = SHINGLE_MAX_CHARS): Map<string, number> {
  const bag = new Map<string, number>();
  const add = (s: string) => bag.set(s, (bag.get(s) ?? 0) + 1);
  let han: string[] = [];
  let word = '';
  const flushHan = () => {
    if (han.length === 1) add(han[0]!);
    for (let i = 0; i + 1 < han.length; i++) add(han[i]! + han[i + 1]!);
    han = [];
  };
  const flushWord = () => {
    if (word && !STOP_WORDS.has(word)) add(/^\d+$/.test(word) ? `#${word}` : word);
    word = '';
  };
  let count = 0;
  for (const char of text
    .slice(0, maxChars * 2)
    .normalize('NFKC')
    .toLowerCase()) {
    if (++count > maxChars) break;
    if (HAN.test(char)) {
      flushWord();
      han.push(char);
    } else if (WORD_CHAR.test(char)) {
      flushHan();
      word += char;
    } else {
      flushHan();
      flushWord();
      if (PICTOGRAPH.test(char)) add(char);
    }
  }
  flushHan();
  flushWord();
  return bag;
}

/** Document frequencies of shingles over a set of texts, for inverse-document-frequency weights. */
export class ShingleStats {
  private readonly df = new Map<string, number>();
  private docs = 0;

  add(bag: ReadonlyMap<string, number>): void {
    this.docs++;
    for (const s of bag.keys()) this.df.set(s, (this.df.get(s) ?? 0) + 1);
  }

  remove(bag: ReadonlyMap<string, number>): void {
    this.docs = Math.max(0, this.docs - 1);
    for (const s of bag.keys()) {
      const n = (this.df.get(s) ?? 0) - 1;
      if (n > 0) this.df.set(s, n);
      else this.df.delete(s);
    }
  }

  /** Smoothed IDF: a shingle in every text still weighs a little, an unseen one the most. */
  idf(shingle: string): number {
    return Math.log(1 + (this.docs + 1) / ((this.df.get(shingle) ?? 0) + 1));
  }
}

/** Cosine of the two bags under sublinear TF × IDF weights: 0 (nothing shared) to 1 (same). */
export function textSimilarity(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
  stats: ShingleStats,
): number {
  if (a.size === 0 || b.size === 0) return 0;
  const weight = (count: number, s: string) => (1 + Math.log(count)) * stats.idf(s);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [s, count] of a) {
    const wa = weight(count, s);
    na += wa * wa;
    const other = b.get(s);
    if (other !== undefined) dot += wa * weight(other, s);
  }
  for (const [s, count] of b) {
    const wb = weight(count, s);
    nb += wb * wb;
  }
  return dot === 0 ? 0 : Math.min(1, dot / Math.sqrt(na * nb));
}

// Pure text features for clustering appeals about one matter and place. Chinese has no spaces
// between words, so a text is cut into overlapping character bigrams (most words are two
// characters); place names (丽发新城, 泉塘街道, 滨河苑) are found by their suffixes and become
// features of their own, weighted above the bigrams: one matter is usually also one place.

/** Suffixes that end a place name: areas, estates, roads, schools, markets. */
const PLACE_SUFFIXES = [
  '街道',
  '社区',
  '小区',
  '新城',
  '花园',
  '家园',
  '公寓',
  '大厦',
  '广场',
  '中学',
  '小学',
  '幼儿园',
  '学校',
  '医院',
  '公园',
  '市场',
  '大道',
  '苑',
  '村',
  '镇',
  '乡',
  '路',
  '街',
  '湾',
].sort((a, b) => b.length - a.length);

/**
 * Characters that never belong inside a place name's first part: function words, verbs that
 * start an appeal (投诉A市…), and the administrative levels above a place (市, 区, 县, 省).
 */
const BOUNDARY = new Set(
  Array.from(
    '的在了和与及对把被是有我你他她们这那个为从到向给让将就也都而或但并等于以之其该此某旁边附近里内外上下市区县省请问诉映报询议求望关于',
  ),
);

/** The suffixes by their first character, longest first (街道 before 街). */
const SUFFIXES_BY_FIRST = new Map<string, string[][]>();
for (const suffix of PLACE_SUFFIXES) {
  const chars = Array.from(suffix);
  const list = SUFFIXES_BY_FIRST.get(chars[0]!) ?? [];
  list.push(chars);
  SUFFIXES_BY_FIRST.set(chars[0]!, list);
}

const isCjk = (ch: string) => /\p{Script=Han}/u.test(ch);

/** Lower case, full-width to half-width, whitespace removed; code points kept whole (𠮷). */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** Overlapping pairs of characters (code points), letters and digits included, punctuation not. */
export function characterBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of normaliseText(text).split(/[^\p{L}\p{N}]+/u)) {
    const chars = Array.from(run);
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/**
 * Place names in a text: a suffix (街道, 新城, 苑…) with the two to six Chinese characters
 * before it, cut at the nearest boundary character. Returns each name once, in text order.
 */
export function placeNames(text: string): string[] {
  const chars = Array.from(normaliseText(text));
  const found: string[] = [];
  // A name's first part never reaches back into the name before it.
  let previousEnd = 0;
  for (let at = 2; at < chars.length; at++) {
    const suffix = SUFFIXES_BY_FIRST.get(chars[at]!)?.find((candidate) =>
      candidate.every((ch, i) => chars[at + i] === ch),
    );
    if (!suffix) continue;
    let from = at;
    while (
      from > previousEnd &&
      at - from < 6 &&
      isCjk(chars[from - 1]!) &&
      !BOUNDARY.has(chars[from - 1]!)
    )
      from -= 1;
    if (at - from >= 2) {
      found.push(chars.slice(from, at + suffix.length).join(''));
      previousEnd = at + suffix.length;
    }
    at += suffix.length - 1;
  }
  return [...new Set(found)];
}

/** A sparse vector: feature → weight. */
export type SparseVector = Map<string, number>;

/** Cosine of two vectors (0 when either is empty). */
export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [key, value] of small) {
    const other = large.get(key);
    if (other !== undefined) dot += value * other;
  }
  const norm = Math.sqrt(squaredNorm(a) * squaredNorm(b));
  return norm === 0 ? 0 : dot / norm;
}

export function squaredNorm(v: SparseVector): number {
  let sum = 0;
  for (const value of v.values()) sum += value * value;
  return sum;
}

/** Scales a vector to length 1 (in place); returns it. */
export function normalise(v: SparseVector): SparseVector {
  const norm = Math.sqrt(squaredNorm(v));
  if (norm > 0) for (const [key, value] of v) v.set(key, value / norm);
  return v;
}

// Chinese has no spaces: a text is read as overlapping character bigrams of its Han runs (most
// Chinese words are two characters: 噪音, 施工, 路灯) plus whole Latin/digit words. Characters are
// taken by code point, so 𠮷 (CJK Extension B) or an emoji is one character, never half of one.

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;

/** One gram and where it starts (in code points), so adjacent grams can be merged into a phrase. */
export interface Gram {
  gram: string;
  at: number;
}

/** The bigrams of every Han run (a lone Han character is a gram itself) and every Latin/digit word. */
export function gramsOf(text: string): Gram[] {
  const chars = Array.from(text.normalize('NFKC').toLowerCase());
  const grams: Gram[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (HAN.test(c)) {
      const start = i;
      while (i < chars.length && HAN.test(chars[i]!)) i++;
      if (i - start === 1) grams.push({ gram: c, at: start });
      for (let k = start; k + 1 < i; k++) grams.push({ gram: chars[k]! + chars[k + 1]!, at: k });
    } else if (WORD.test(c)) {
      const start = i;
      while (i < chars.length && WORD.test(chars[i]!) && !HAN.test(chars[i]!)) i++;
      grams.push({ gram: chars.slice(start, i).join(''), at: start });
    } else i++;
  }
  return grams;
}

/** The distinct grams of a text. */
export const gramSet = (text: string): Set<string> => new Set(gramsOf(text).map((g) => g.gram));

/** Sentences of a text, each with its end mark (。！？; a line break ends one too). */
export const sentencesOf = (text: string): string[] =>
  (text.match(/[^。！？!?；;\n\r]+[。！？!?；;]*/gu) ?? []).map((s) => s.trim()).filter(Boolean);

/** The comma-separated clauses of a sentence (a long Chinese sentence often asks several things). */
export const clausesOf = (sentence: string): string[] =>
  sentence
    .split(/[，,：:]+/u)
    .map((c) => c.trim())
    .filter(Boolean);

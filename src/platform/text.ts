/**
 * Search terms for text with and without word spaces. Chinese has no spaces and most words are
 * two characters (路灯, 停水), so CJK runs are indexed as single characters plus overlapping
 * bigrams; other scripts as lower-cased words. The same function makes the index and the query,
 * on both databases (docs/decisions.md).
 */
// Han runs, or runs of other letters and digits (a digit next to Chinese must not swallow it).
const RUN = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu;

function runs(text: string): Array<{ han: boolean; value: string }> {
  const out: Array<{ han: boolean; value: string }> = [];
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(RUN)) {
    if (match[1]) out.push({ han: true, value: match[1] });
    else if (match[2]) out.push({ han: false, value: match[2] });
  }
  return out;
}

function bigrams(chars: string[]): string[] {
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(chars[i]! + chars[i + 1]!);
  return grams;
}

/** Every term to index for a text: unique, in first-seen order. */
export function indexTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const run of runs(text)) {
    if (!run.han) {
      terms.add(run.value);
      continue;
    }
    const chars = Array.from(run.value);
    for (const ch of chars) terms.add(ch);
    for (const gram of bigrams(chars)) terms.add(gram);
  }
  return [...terms];
}

/** The terms a query needs to match, all of them: bigrams for Chinese, words otherwise. */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const run of runs(query)) {
    const chars = Array.from(run.value);
    if (!run.han || chars.length === 1) terms.add(run.value);
    else for (const gram of bigrams(chars)) terms.add(gram);
  }
  return [...terms];
}

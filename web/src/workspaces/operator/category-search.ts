import type { CategoryEntry } from './reference-data';

export interface CategoryMatch {
  entry: CategoryEntry;
  /** The keyword that matched when the name did not (路灯 found by 不亮). */
  keyword: string | null;
}

/**
 * Type-to-search over the whole category tree, in memory (about 130 categories: filtering takes
 * well under a millisecond, so every keystroke shows its results at once). Every word of the query
 * must occur in the name, English name, keywords, path or code; the best come first: the name
 * itself, then a name that starts with or contains it, then a keyword, then the path, leaves
 * before their parents at the same rank.
 */
export function searchCategories(
  entries: readonly CategoryEntry[],
  query: string,
  limit = 12,
): CategoryMatch[] {
  const words = query.normalize('NFKC').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const whole = words.join(' ');
  const ranked: Array<{ match: CategoryMatch; rank: number }> = [];
  for (const entry of entries) {
    if (!words.every((word) => entry.haystack.includes(word))) continue;
    const names = [entry.name.toLowerCase(), entry.nameEn.toLowerCase()];
    const keyword = entry.keywords.find((k) => k.toLowerCase().includes(whole)) ?? null;
    let rank: number;
    if (names.includes(whole)) rank = 0;
    else if (names.some((name) => name.startsWith(whole))) rank = 1;
    else if (names.some((name) => name.includes(whole))) rank = 2;
    else if (keyword) rank = 3;
    else rank = 4;
    ranked.push({
      match: { entry, keyword: rank === 3 ? keyword : null },
      rank: rank * 2 + (entry.leaf ? 0 : 1),
    });
  }
  ranked.sort((a, b) => a.rank - b.rank || a.match.entry.code.localeCompare(b.match.entry.code));
  return ranked.slice(0, limit).map((item) => item.match);
}

/**
 * The term of a description that names its matter, for finding other tickets about it: the
 * longest category name or keyword that occurs in the text (路灯 in "小区门口路灯坏了三天").
 */
export function keyTermOf(entries: readonly CategoryEntry[], description: string): string | null {
  const text = description.normalize('NFKC').toLowerCase();
  if (text.trim().length < 2) return null;
  let best: string | null = null;
  for (const entry of entries) {
    for (const term of [entry.name, ...entry.keywords]) {
      if (Array.from(term).length < 2) continue;
      if (text.includes(term.toLowerCase()) && (!best || term.length > best.length)) best = term;
    }
  }
  return best;
}

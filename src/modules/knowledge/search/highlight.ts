import { tokenize } from './analyzer.js';

type Range = [start: number, end: number];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * Where `terms` occur in `text` (offsets in the original text), overlapping and touching matches
 * merged: the bigrams 路灯 and 灯不 of 路灯不亮 make one range.
 */
export function matchRanges(text: string, terms: ReadonlySet<string>): Range[] {
  const tokens = tokenize(text);
  const ranges: Range[] = [];
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    if (token.kind === 'han' && next?.joined && terms.has(token.term + next.term))
      ranges.push([token.start, next.end]);
    if (terms.has(token.term)) ranges.push([token.start, token.end]);
  });
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** `text` from `from` to `to`, HTML-escaped, with <mark> around the parts in `ranges`. */
function markSlice(text: string, ranges: readonly Range[], from: number, to: number): string {
  let html = '';
  let at = from;
  for (const [start, end] of ranges) {
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (e <= s) continue;
    html += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return html + escapeHtml(text.slice(at, to));
}

/** The whole text, escaped, with its matches marked. */
export function highlightHtml(text: string, terms: ReadonlySet<string>): string {
  return markSlice(text, matchRanges(text, terms), 0, text.length);
}

const isLowSurrogate = (text: string, i: number): boolean => {
  const code = text.charCodeAt(i);
  return code >= 0xdc00 && code <= 0xdfff;
};

/** Moves a cut off the middle of a surrogate pair, and off the middle of a spaced word. */
function snap(text: string, at: number, direction: 1 | -1): number {
  let i = at;
  if (i > 0 && i < text.length && /\w/.test(text[i - 1]!) && /\w/.test(text[i]!)) {
    for (let step = 0; step < 15; step++) {
      const j = i + direction * step;
      if (j <= 0 || j >= text.length) break;
      if (/\s/.test(text[j]!) || /\s/.test(text[j - 1]!)) {
        i = j;
        break;
      }
    }
  }
  while (i > 0 && i < text.length && isLowSurrogate(text, i)) i += direction;
  return i;
}

/**
 * About `width` characters of `text` around its densest run of matches, escaped and marked, with
 * "…" where the text was cut. Without a match, the text's beginning.
 */
export function snippetHtml(text: string, terms: ReadonlySet<string>, width = 100): string {
  const ranges = matchRanges(text, terms);
  if (text.length <= width) return markSlice(text, ranges, 0, text.length);
  let bestFirst = 0;
  let bestCount = 0;
  let last = 0;
  ranges.forEach((range, first) => {
    last = Math.max(last, first);
    while (last + 1 < ranges.length && ranges[last + 1]![1] <= range[0] + width) last++;
    if (last - first + 1 > bestCount) {
      bestCount = last - first + 1;
      bestFirst = first;
    }
  });
  let start = 0;
  if (bestCount > 0) {
    const spanStart = ranges[bestFirst]![0];
    const spanEnd = Math.min(ranges[bestFirst + bestCount - 1]![1], spanStart + width);
    start = Math.max(0, spanStart - Math.floor((width - (spanEnd - spanStart)) / 3));
  }
  let end = Math.min(text.length, start + width);
  start = Math.max(0, end - width);
  start = start === 0 ? 0 : snap(text, start, 1);
  end = end === text.length ? end : snap(text, end, -1);
  const lead = start > 0 ? '…' : '';
  const tail = end < text.length ? '…' : '';
  return `${lead}${markSlice(text, ranges, start, end)}${tail}`;
}

/**
 * Text analysis for the knowledge search: the same terms as `src/platform/text.ts` (Han characters
 * and bigrams, lower-cased words after NFKC), plus what ranking and highlighting need: each token's
 * place in the original text, English plurals folded to their singular, and emoji as terms.
 */

export type TokenKind = 'han' | 'word' | 'symbol';

export interface Token {
  term: string;
  kind: TokenKind;
  /** UTF-16 offsets of the token in the original text (before normalisation). */
  start: number;
  end: number;
  /** A Han character directly after another one: the two form a bigram. */
  joined: boolean;
}

// One base character with its combining marks: normalised together, so "e" + U+0301 becomes "é".
const SEGMENT = /\P{M}\p{M}*|\p{M}+/gu;
const HAN = /^\p{Script=Han}$/u;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const SYMBOL = /^\p{Extended_Pictographic}$/u;
// Presentation details that neither make a term nor separate two: variation selectors, the
// zero-width joiner of emoji sequences, skin tones.
const EMOJI_MODIFIER = /^\p{Emoji_Modifier}$/u;
const isIgnored = (ch: string): boolean => {
  const code = ch.codePointAt(0)!;
  return (
    (code >= 0xfe00 && code <= 0xfe0f) ||
    code === 0x200d ||
    (code >= 0xe0100 && code <= 0xe01ef) ||
    EMOJI_MODIFIER.test(ch)
  );
};

/**
 * English plurals to their singular, after Harman's S-stemmer ("lights" → "light", "cities" →
 * "city", "boxes" → "box"); other words and other scripts stay as they are.
 */
export function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  if (/[^ae]ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ches|shes|sses|xes|zzes)$/.test(word)) return word.slice(0, -2);
  if (/[^aeo]es$/.test(word)) return word.slice(0, -1);
  if (/[^isu]s$/.test(word)) return word.slice(0, -1);
  return word;
}

const SEGMENT_AT = new RegExp(SEGMENT.source, 'uy');

// Characters NFKC and lower-casing leave alone (ASCII aside from capitals, and the CJK Unified
// Ideographs block), which cannot take a combining mark from the character after them.
const isPlainHan = (code: number): boolean => code >= 0x4e00 && code <= 0x9fff;
const precedesNoMark = (code: number): boolean => code < 0x300 || isPlainHan(code);

/** The tokens of a text, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let wordStart = 0;
  let wordEnd = 0;
  let afterHan = false;
  const endWord = (): void => {
    if (!word) return;
    tokens.push({ term: stem(word), kind: 'word', start: wordStart, end: wordEnd, joined: false });
    word = '';
  };
  const han = (ch: string, start: number, end: number): void => {
    endWord();
    tokens.push({ term: ch, kind: 'han', start, end, joined: afterHan });
    afterHan = true;
  };
  const wordChar = (ch: string, start: number, end: number): void => {
    afterHan = false;
    if (!word) wordStart = start;
    word += ch;
    wordEnd = end;
  };
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const nextCode = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if ((code < 0x80 || isPlainHan(code)) && precedesNoMark(nextCode)) {
      if (code >= 0x80) han(text[i]!, i, i + 1);
      else if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39))
        wordChar(text[i]!, i, i + 1);
      else if (code >= 0x41 && code <= 0x5a) wordChar(String.fromCharCode(code + 32), i, i + 1);
      else {
        afterHan = false;
        endWord();
      }
      i++;
      continue;
    }
    SEGMENT_AT.lastIndex = i;
    const segment = SEGMENT_AT.exec(text)![0];
    const end = i + segment.length;
    for (const ch of segment.normalize('NFKC').toLowerCase()) {
      if (isIgnored(ch)) continue;
      if (HAN.test(ch)) han(ch, i, end);
      else if (WORD_CHAR.test(ch)) wordChar(ch, i, end);
      else {
        afterHan = false;
        endWord();
        if (SYMBOL.test(ch))
          tokens.push({ term: ch, kind: 'symbol', start: i, end, joined: false });
      }
    }
    i = end;
  }
  endWord();
  return tokens;
}

/**
 * Whether a single Han character is worth its own posting in a long field. The 20,000 common
 * characters (U+4E00–U+9FFF) are found in bodies through their bigrams; rarer ones (𠮷, the
 * extensions) are kept, since a one-character search for them means that character.
 */
const isRareHan = (ch: string): boolean => {
  const code = ch.codePointAt(0)!;
  return code < 0x4e00 || code > 0x9fff;
};

export interface FieldTerms {
  /** Term → occurrences in the field. */
  counts: Map<string, number>;
  /** Tokens in the field (Han characters and words), for length normalisation. */
  length: number;
}

/**
 * The terms to index for one field: Han bigrams, words and emoji; single Han characters always
 * for short fields (`allUnigrams`), and in long ones only when rare or standing alone.
 */
export function fieldTerms(text: string, allUnigrams: boolean): FieldTerms {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const add = (term: string): void => void counts.set(term, (counts.get(term) ?? 0) + 1);
  tokens.forEach((token, i) => {
    if (token.kind !== 'han') return add(token.term);
    const next = tokens[i + 1];
    const bigram = next?.joined === true;
    if (bigram) add(token.term + next.term);
    if (allUnigrams || isRareHan(token.term) || (!bigram && !token.joined)) add(token.term);
  });
  return { counts, length: tokens.length };
}

export interface QueryPiece {
  term: string;
  kind: TokenKind;
}

/**
 * What a query asks for, in order and with repeats: a bigram for each pair of neighbouring Han
 * characters (a lone character stands for itself), words and emoji.
 */
export function queryPieces(text: string): QueryPiece[] {
  const tokens = tokenize(text);
  const pieces: QueryPiece[] = [];
  tokens.forEach((token, i) => {
    if (token.kind !== 'han') return pieces.push({ term: token.term, kind: token.kind });
    const next = tokens[i + 1];
    if (next?.joined) pieces.push({ term: token.term + next.term, kind: 'han' });
    else if (!token.joined) pieces.push({ term: token.term, kind: 'han' });
  });
  return pieces;
}

/**
 * English words too common to say what a query is about (Lucene's English stop set, with a few
 * pronouns that callers' appeals are full of). They stay in the index; queries skip them.
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be but by for if in into is it no not of on or such that the their then ' +
    'there these they this to was will with me my we our you your he she his her has have ll ve re'
  ).split(' '),
);

/** A stop word, or a single Latin letter (the "m" of "I'm", the "a" of "a.m."). */
export const isStopWord = (term: string): boolean => STOP_WORDS.has(term) || /^[a-z]$/.test(term);

/** Whether a term is a word of a spaced script that typo tolerance may correct. */
export const isCorrectableWord = (term: string): boolean => /^\p{L}{4,}$/u.test(term);

// Features of an appeal's text. Chinese has no word spaces and most words are two characters
// (路灯, 停水), so a text becomes overlapping character n-grams; other scripts become lower-cased
// words, and a run of digits is one symbol (house numbers and dates say nothing about the matter).
// Pure: no I/O. The same function featurises training texts and the texts to classify.

/** How texts become features; stored with every model so a model always reads texts its way. */
export interface FeatureOptions {
  /** The longest n-gram, in symbols (characters of Chinese). */
  maxOrder: number;
  /** Only the first characters count: the matter is said early, the rest is mostly story. */
  maxChars: number;
}

export const DEFAULT_FEATURES: FeatureOptions = { maxOrder: 2, maxChars: 600 };

const HAN = /\p{Script=Han}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACE = /\s/u;
const DIGITS = 1;
const BOUNDARY = 2;
// Words of other scripts are hashed into the upper half, clear of every code point.
const WORD_BIT = 0x40000000;

function wordSymbol(word: string): number {
  let isNumber = true;
  let hash = 2166136261;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 48 || code > 57) isNumber = false;
    hash = Math.imul(hash ^ code, 16777619);
  }
  return isNumber ? DIGITS : ((hash >>> 0) & (WORD_BIT - 1)) | WORD_BIT;
}

/** The text as symbols: Han characters and punctuation by code point, words and numbers hashed. */
export function textSymbols(text: string, maxChars: number): number[] {
  const symbols: number[] = [BOUNDARY];
  let word = '';
  let wordHasDigit = false;
  const flush = () => {
    if (word) symbols.push(wordSymbol(word));
    word = '';
  };
  let count = 0;
  // Cut before normalising: a 10,000-character story costs what its start costs.
  for (const char of text
    .slice(0, maxChars * 2)
    .normalize('NFKC')
    .toLowerCase()) {
    if (++count > maxChars) break;
    const code = char.codePointAt(0)!;
    const ascii = code < 128;
    const isWordChar = ascii
      ? (code >= 48 && code <= 57) || (code >= 97 && code <= 122)
      : !HAN.test(char) && LETTER_OR_DIGIT.test(char);
    if (isWordChar) {
      // "A3区": a letter run and a digit run are two symbols.
      const isDigit = code >= 48 && code <= 57;
      if (word && isDigit !== wordHasDigit) flush();
      word += char;
      wordHasDigit = isDigit;
      continue;
    }
    flush();
    if (ascii ? code > 32 : !SPACE.test(char)) symbols.push(code);
  }
  flush();
  symbols.push(BOUNDARY);
  return symbols;
}

function mix(hash: number, value: number): number {
  let h = Math.imul(hash ^ value, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Every n-gram of the text (1…maxOrder symbols) as a 32-bit hash, repeats included; never 0. */
export function featureHashes(text: string, options: FeatureOptions): number[] {
  const symbols = textSymbols(text, options.maxChars);
  const hashes: number[] = [];
  for (let i = 0; i < symbols.length; i++) {
    let hash = 0x9e3779b9;
    for (let n = 1; n <= options.maxOrder && i + n <= symbols.length; n++) {
      hash = mix(hash, symbols[i + n - 1]!);
      if (n === 1 && symbols[i] === BOUNDARY) continue;
      hashes.push((hash + n) | 0 || 1);
    }
  }
  return hashes;
}

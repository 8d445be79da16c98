// Whether an appeal is about a danger to life, property or public safety, and why: the danger
// phrases of a lexicon (urgency-lexicon.json, per danger class with weights), each weighed in its
// clause (negated, resolved, past, only feared) before it counts. Pure: no I/O.
import lexiconData from './urgency-lexicon.json' with { type: 'json' };

export const URGENCY_LEVELS = ['normal', 'urgent', 'emergency'] as const;
export type UrgencyLevel = (typeof URGENCY_LEVELS)[number];
export type Referral = '110' | '119' | '120' | '122';

export interface UrgencyReason {
  /** The words of the appeal that matched. */
  phrase: string;
  /** The danger class (gas, fire, collapse, flood, …). */
  danger: string;
  /** The emergency service the operator may refer the citizen to, if any. */
  referral: Referral | null;
}

export interface UrgencyAssessment {
  level: UrgencyLevel;
  /** Strongest first; only the phrases that still count after their context is weighed. */
  reasons: UrgencyReason[];
}

interface LexiconFile {
  thresholds: { emergency: number; urgent: number };
  classes: Record<string, { referral: string | null }>;
  entries: Array<{ class: string; weight: number; pattern: string }>;
  modifiers: Record<
    | 'negation'
    | 'resolved'
    | 'recurring'
    | 'past'
    | 'pastAfter'
    | 'present'
    | 'habitual'
    | 'general'
    | 'hypothetical'
    | 'imminent',
    string
  >;
  factors: Record<'negated' | 'resolved' | 'past' | 'hypothetical' | 'habitual', number>;
}

/** One character of the same clause; `C` in the lexicon's patterns. */
const CLAUSE_CHAR = '[^，,。.！!？?；;\\n]';
const CLAUSE_END = /[，,。.！!？?；;\n]/u;
const SENTENCE_END = /[。.！!？?\n]/u;

interface Entry {
  danger: string;
  weight: number;
  referral: Referral | null;
  regex: RegExp;
}

export interface UrgencyLexicon {
  thresholds: { emergency: number; urgent: number };
  entries: Entry[];
  modifiers: Record<keyof LexiconFile['modifiers'], RegExp>;
  factors: LexiconFile['factors'];
}

const isReferral = (value: string | null | undefined): value is Referral =>
  value === '110' || value === '119' || value === '120' || value === '122';

const compile = (pattern: string, flags = 'u') =>
  new RegExp(pattern.replace(/C(?=[{*+?])/g, CLAUSE_CHAR), flags);

/** Compiles a lexicon file (the bundled one by default); a bad class or pattern throws. */
export function compileLexicon(file: LexiconFile = lexiconData): UrgencyLexicon {
  const entries = file.entries.map((entry) => {
    const danger = file.classes[entry.class];
    if (!danger) throw new Error(`urgency lexicon: unknown class ${entry.class}`);
    return {
      danger: entry.class,
      weight: entry.weight,
      referral: isReferral(danger.referral) ? danger.referral : null,
      regex: compile(entry.pattern, 'gu'),
    };
  });
  const modifiers = Object.fromEntries(
    Object.entries(file.modifiers).map(([name, pattern]) => [name, compile(pattern)]),
  ) as UrgencyLexicon['modifiers'];
  return { thresholds: file.thresholds, entries, modifiers, factors: file.factors };
}

interface Match {
  start: number;
  end: number;
  entry: Entry;
}

/** Every match of every entry; a match inside a longer one is dropped (false friends weigh 0). */
function findMatches(text: string, lexicon: UrgencyLexicon): Match[] {
  const all: Match[] = [];
  for (const entry of lexicon.entries) {
    entry.regex.lastIndex = 0;
    for (const found of text.matchAll(entry.regex)) {
      if (found[0].length === 0) continue;
      all.push({ start: found.index, end: found.index + found[0].length, entry });
    }
  }
  return all.filter(
    (match) =>
      !all.some(
        (other) =>
          other !== match &&
          other.start <= match.start &&
          other.end >= match.end &&
          (other.end - other.start > match.end - match.start ||
            // Same span: the silencing entry (weight 0) wins.
            (other.end - other.start === match.end - match.start &&
              other.entry.weight < match.entry.weight)),
      ),
  );
}

function lastIndexOf(text: string, end: RegExp): number {
  for (let i = text.length - 1; i >= 0; i--) if (end.test(text[i]!)) return i;
  return -1;
}

function firstIndexOf(text: string, end: RegExp): number {
  for (let i = 0; i < text.length; i++) if (end.test(text[i]!)) return i;
  return text.length;
}

/** The last position where the pattern matches in text, or -1. */
function lastMatch(text: string, pattern: RegExp): number {
  const global = new RegExp(pattern.source, 'gu');
  let last = -1;
  for (const found of text.matchAll(global)) last = found.index;
  return last;
}

/**
 * The share of its weight a match keeps once its context is read: none when negated, little when
 * resolved, less when past, habitual ("经常发生交通事故") or only feared ("担心引发火灾").
 */
function contextFactor(text: string, match: Match, lexicon: UrgencyLexicon): number {
  const { modifiers, factors } = lexicon;
  const before = text.slice(0, match.start);
  const clause = before.slice(lastIndexOf(before, CLAUSE_END) + 1);
  const sentence = before.slice(lastIndexOf(before, SENTENCE_END) + 1);
  const rest = text.slice(match.end);
  const restOfSentence = rest.slice(0, Math.min(firstIndexOf(rest, SENTENCE_END), 40));
  const restOfClause = restOfSentence.slice(0, firstIndexOf(restOfSentence, CLAUSE_END));

  if (modifiers.negation.test(clause)) return factors.negated;

  const resolved = lastMatch(restOfSentence, modifiers.resolved);
  if (resolved >= 0 && !modifiers.recurring.test(restOfSentence.slice(resolved)))
    return factors.resolved;

  let factor = 1;
  const past = lastMatch(sentence, modifiers.past);
  const pastMarked =
    (past >= 0 && !modifiers.present.test(sentence.slice(past))) ||
    modifiers.pastAfter.test(restOfClause);
  if (pastMarked && !modifiers.present.test(restOfClause)) factor *= factors.past;
  if (
    modifiers.habitual.test(sentence) ||
    modifiers.habitual.test(restOfClause) ||
    modifiers.general.test(rest)
  )
    factor *= factors.habitual;
  if (modifiers.hypothetical.test(clause) && !modifiers.imminent.test(clause))
    factor *= factors.hypothetical;
  return factor;
}

let bundled: UrgencyLexicon | null = null;

/** The urgency of an appeal's text, with the phrases that make it so. */
export function assessUrgency(text: string, lexicon?: UrgencyLexicon): UrgencyAssessment {
  const used = lexicon ?? (bundled ??= compileLexicon());
  const weighed = findMatches(text, used)
    .filter((match) => match.entry.weight > 0)
    .map((match) => ({
      match,
      weight: match.entry.weight * contextFactor(text, match, used),
      phrase: text.slice(match.start, match.end),
    }))
    .filter((m) => m.weight >= used.thresholds.urgent)
    .sort((a, b) => b.weight - a.weight || a.match.start - b.match.start);

  // A class scores its strongest phrase and a quarter of each other one.
  const scores = new Map<string, number>();
  for (const { match, weight } of weighed) {
    const danger = match.entry.danger;
    const score = scores.get(danger);
    scores.set(danger, score === undefined ? weight : score + weight / 4);
  }
  const top = Math.max(0, ...scores.values());
  const level: UrgencyLevel =
    top >= used.thresholds.emergency ? 'emergency' : top > 0 ? 'urgent' : 'normal';

  const reasons: UrgencyReason[] = [];
  for (const { match, phrase } of weighed) {
    if (reasons.some((r) => r.phrase === phrase && r.danger === match.entry.danger)) continue;
    reasons.push({ phrase, danger: match.entry.danger, referral: match.entry.referral });
  }
  return { level, reasons };
}

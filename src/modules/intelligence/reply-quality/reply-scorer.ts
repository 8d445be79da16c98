// Scores a handler's reply to an appeal before it is sent (advice, never a gate):
// - relevance: how much of what the appeal is about the reply speaks of (weighted overlap of
//   grams), less for a reply made mostly of stock sentences;
// - completeness: how well each point the appeal asks is covered;
// - explanation: what was done, on what basis, by when, who is responsible, with substance;
// each 0..100, with hints saying what is missing, and an overall score and grade.
import { appealPoints } from './appeal-points.js';
import {
  explanationMarkers,
  isStockSentence,
  type ExplanationMarkers,
} from './explanation-markers.js';
import { gramSet, sentencesOf } from './text-grams.js';
import type { TermWeights } from './term-weights.js';

/** A point counts as covered once this share of its weight is in the reply. */
export const COVER_AT = 0.5;
/** A reply speaking of this share of the appeal's weight is fully relevant. */
const RELEVANT_AT = 0.25;
/** Characters of substance (outside stock sentences) for a reply to count as explained in full. */
const SUBSTANCE_CHARS = 200;
/**
 * Characters of substance a reply needs per point asked to answer it: a point is answered in a
 * sentence or two, not by naming it (the 12345 replies judged complete run 200+ characters).
 */
const DEPTH_CHARS_PER_POINT = 60;
/** A reply with fewer characters of substance is too short to say anything. */
const TOO_SHORT_CHARS = 20;
/** A gram of the appeal lighter than this says nothing of its matter. */
const CONTENT_WEIGHT = 0.3;
/** At most this many missing points are named in hints. */
const MAX_POINT_HINTS = 3;

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export const HINT_CODES = [
  'empty',
  'tooShort',
  'offTopic',
  'boilerplate',
  'pointMissing',
  'sayWhatWasDone',
  'citeBasis',
  'sayByWhen',
  'nameResponsible',
] as const;
export type HintCode = (typeof HINT_CODES)[number];

export interface ReplyHint {
  code: HintCode;
  params: Record<string, string>;
}

export interface ReplyQuality {
  relevance: number;
  completeness: number;
  explanation: number;
  overall: number;
  grade: Grade;
  points: Array<{ text: string; keyPhrases: string[]; covered: boolean }>;
  markers: ExplanationMarkers;
  hints: ReplyHint[];
}

export interface Appeal {
  title: string;
  description: string;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const score = (x: number) => Math.round(clamp01(x) * 100);

export function gradeOf(overall: number): Grade {
  if (overall >= 85) return 'A';
  if (overall >= 70) return 'B';
  if (overall >= 55) return 'C';
  return 'D';
}

/** The reply's sentences split into stock ones and those of substance. */
function substanceOf(reply: string, appealGrams: Set<string>, weights: TermWeights) {
  let stock = 0;
  let substance = 0;
  for (const sentence of sentencesOf(reply)) {
    const chars = Array.from(sentence.replace(/[\s\p{P}]/gu, '')).length;
    const speaksOfAppeal = [...gramSet(sentence)].some(
      (g) => appealGrams.has(g) && weights.weight(g) >= CONTENT_WEIGHT,
    );
    if (isStockSentence(sentence, speaksOfAppeal)) stock += chars;
    else substance += chars;
  }
  const total = stock + substance;
  return { substance, stockShare: total === 0 ? 0 : stock / total };
}

function weightedShare(grams: Iterable<string>, found: Set<string>, weights: TermWeights) {
  let held = 0;
  let total = 0;
  for (const gram of grams) {
    const w = weights.weight(gram);
    total += w;
    if (found.has(gram)) held += w;
  }
  return total === 0 ? 0 : held / total;
}

const EXPLANATION_WEIGHTS = { action: 0.25, basis: 0.2, time: 0.15, responsible: 0.1 } as const;
const SUBSTANCE_WEIGHT = 0.3;
const EXPLANATION_HINTS: Record<keyof ExplanationMarkers, HintCode> = {
  action: 'sayWhatWasDone',
  basis: 'citeBasis',
  time: 'sayByWhen',
  responsible: 'nameResponsible',
};

/** Scores a reply to an appeal; pure and fast enough to run on every pause in typing. */
export function scoreReply(appeal: Appeal, reply: string, weights: TermWeights): ReplyQuality {
  const appealText = `${appeal.title}\n${appeal.description}`;
  const appealGrams = gramSet(appealText);
  const replyGrams = gramSet(reply);
  const points = appealPoints(appeal, weights).map((p) => {
    const coverage = weightedShare(p.grams.keys(), replyGrams, weights);
    return { text: p.text, keyPhrases: p.keyPhrases, coverage, covered: coverage >= COVER_AT };
  });
  const { substance, stockShare } = substanceOf(reply, appealGrams, weights);
  const markers = explanationMarkers(reply);

  const recall = weightedShare(appealGrams, replyGrams, weights);
  const relevance = score((recall / RELEVANT_AT) * (1 - 0.5 * stockShare));
  // Covering a point is naming it and saying enough about it: coverage and depth both count.
  const depth = clamp01(substance / (DEPTH_CHARS_PER_POINT * Math.max(1, points.length)));
  const coverage =
    points.length === 0
      ? recall / RELEVANT_AT
      : points.reduce((s, p) => s + clamp01(p.coverage / COVER_AT), 0) / points.length;
  const completeness = score(0.6 * clamp01(coverage) + 0.4 * depth);
  const explained = (Object.keys(EXPLANATION_WEIGHTS) as Array<keyof ExplanationMarkers>).reduce(
    (s, key) => s + (markers[key] ? EXPLANATION_WEIGHTS[key] : 0),
    0,
  );
  const explanation =
    substance === 0
      ? 0
      : score(explained + SUBSTANCE_WEIGHT * clamp01(substance / SUBSTANCE_CHARS));
  const overall = Math.round(0.3 * relevance + 0.35 * completeness + 0.35 * explanation);

  const hints: ReplyHint[] = [];
  if (reply.trim() === '') hints.push({ code: 'empty', params: {} });
  else {
    if (substance < TOO_SHORT_CHARS) hints.push({ code: 'tooShort', params: {} });
    if (relevance < 40) hints.push({ code: 'offTopic', params: {} });
    if (stockShare >= 0.6) hints.push({ code: 'boilerplate', params: {} });
    const asked = points.flatMap((p) => p.keyPhrases.slice(0, 1)).join('、');
    for (const point of points.filter((p) => !p.covered).slice(0, MAX_POINT_HINTS))
      hints.push({
        code: 'pointMissing',
        params: { asked, missing: point.keyPhrases[0] ?? point.text },
      });
    for (const key of Object.keys(EXPLANATION_HINTS) as Array<keyof ExplanationMarkers>)
      if (!markers[key]) hints.push({ code: EXPLANATION_HINTS[key], params: {} });
  }
  return {
    relevance,
    completeness,
    explanation,
    overall,
    grade: gradeOf(overall),
    points: points.map(({ text, keyPhrases, covered }) => ({ text, keyPhrases, covered })),
    markers,
    hints,
  };
}

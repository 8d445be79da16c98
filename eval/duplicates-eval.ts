// `npm run eval -- duplicates`: replays each NYC 311 day sample in time order through the
// duplicate scorer, each request a new appeal compared with the requests still open before it,
// and measures "is a duplicate of an earlier open request" against the reference of SOURCE.md:
// the same incident address and complaint type within the window.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  DuplicateIndex,
  prepareDuplicateSubject as prepare,
  type DuplicateSubject,
} from '../src/modules/intelligence/index.js';
import { loadNycDay, missingNycFiles, NYC_DAY_FILES, type Nyc311Request } from './nyc311-data.js';

/** What the scorer is told of a request. */
export type FieldMode = 'full' | 'no-address' | 'coords-text';

export const FIELD_MODES: Record<FieldMode, string> = {
  full: 'complaint type + descriptor as text, complaint type as category (agency its top level), borough and community board, incident address, coordinates, time',
  'no-address':
    'the same without the incident address: text, category, borough and board, coordinates, time',
  'coords-text': 'only the text (complaint type + descriptor), coordinates and time',
};

/** The reference's "within hours", and the scorer's candidate window. */
export const WINDOW_HOURS = 24;
const THRESHOLDS = Array.from({ length: 17 }, (_, i) => 0.1 + i * 0.05);

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Quality extends Counts {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface DayResult {
  file: string;
  mode: FieldMode;
  requests: number;
  referenceDuplicates: number;
  /** Per threshold. */
  sweep: Quality[];
  /** Of the true positives at the default threshold: the best candidate is a reference match. */
  topCandidateRight: number;
  comparisons: number;
  candidatesPerRequest: { mean: number; p99: number; max: number };
  /** Milliseconds per request (candidates + scoring) and per comparison. */
  latencyMs: {
    requestP50: number;
    requestP99: number;
    comparisonP50: number;
    comparisonP99: number;
  };
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function quality(c: Counts, threshold: number): Quality {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, threshold, precision, recall, f1 };
}

const referenceKey = (r: Nyc311Request) =>
  r.incidentAddress ? `${r.incidentAddress.toUpperCase()}|${r.complaintType}` : null;

export function subjectOf(
  r: Nyc311Request,
  mode: FieldMode,
  ids: Map<string, number>,
): DuplicateSubject {
  const id = (s: string) => {
    let n = ids.get(s);
    if (n === undefined) ids.set(s, (n = ids.size + 1));
    return n;
  };
  const withCategory = mode !== 'coords-text';
  return {
    title: r.complaintType,
    description: r.descriptor,
    categoryId: withCategory && r.complaintType ? id(`type:${r.complaintType}`) : null,
    categoryTopId: withCategory && r.agency ? id(`agency:${r.agency}`) : null,
    districtId:
      withCategory && r.borough && r.borough !== 'Unspecified' ? id(`b:${r.borough}`) : null,
    streetId:
      withCategory && r.communityBoard && !r.communityBoard.startsWith('0 Unspecified')
        ? id(`cb:${r.communityBoard}`)
        : null,
    address: mode === 'full' ? r.incidentAddress || null : null,
    lat: r.lat,
    lng: r.lng,
    at: r.createdAt,
  };
}

/** Replays one day: each request against the open ones before it, in time order. */
export function replayDay(
  requests: readonly Nyc311Request[],
  mode: FieldMode,
  options: {
    file?: string;
    defaultThreshold?: number;
    /** Told of each mistake at the default threshold (for looking into them). */
    onMistake?: (
      kind: 'fp' | 'fn',
      request: Nyc311Request,
      best: Nyc311Request | null,
      detail: unknown,
    ) => void;
  } = {},
): DayResult {
  const windowMs = WINDOW_HOURS * 3_600_000;
  const index = new DuplicateIndex<number>(windowMs);
  const ids = new Map<string, number>();
  // Open requests of the reference, by key, with creation time and close time.
  const openByKey = new Map<string, Array<{ at: number; closedAt: number | null; i: number }>>();
  const closing = requests
    .map((r, i) => ({ i, closedAt: r.closedAt }))
    .filter((c): c is { i: number; closedAt: number } => c.closedAt !== null)
    .sort((a, b) => a.closedAt - b.closedAt);
  let nextClose = 0;
  const counts = THRESHOLDS.map(() => ({ tp: 0, fp: 0, fn: 0, tn: 0 }));
  const defaultAt = THRESHOLDS.findIndex(
    (t) => Math.abs(t - (options.defaultThreshold ?? 0.5)) < 1e-9,
  );
  let topRight = 0;
  let topTotal = 0;
  let comparisons = 0;
  let referenceDuplicates = 0;
  const perRequest: number[] = [];
  const perComparison: number[] = [];
  const candidateCounts: number[] = [];
  const isOpenAt = (closedAt: number | null, at: number) => closedAt === null || closedAt > at;

  requests.forEach((r, i) => {
    while (nextClose < closing.length && closing[nextClose]!.closedAt <= r.createdAt)
      index.remove(closing[nextClose++]!.i);
    const key = referenceKey(r);
    const earlier = key
      ? (openByKey.get(key) ?? []).filter(
          (e) => isOpenAt(e.closedAt, r.createdAt) && r.createdAt - e.at <= windowMs,
        )
      : [];
    const isDuplicate = earlier.length > 0;
    if (isDuplicate) referenceDuplicates++;

    const subject = prepare(subjectOf(r, mode, ids));
    const started = performance.now();
    const candidates = index.candidates(subject).length;
    const best = index.best(subject, 5, 0);
    const elapsed = performance.now() - started;
    comparisons += candidates;
    candidateCounts.push(candidates);
    perRequest.push(elapsed);
    if (candidates > 0) perComparison.push(elapsed / candidates);
    const top = best[0];
    THRESHOLDS.forEach((t, k) => {
      const predicted = top !== undefined && top.score >= t;
      const c = counts[k]!;
      if (predicted && isDuplicate) c.tp++;
      else if (predicted) c.fp++;
      else if (isDuplicate) c.fn++;
      else c.tn++;
    });
    const predictedAtDefault = top !== undefined && top.score >= THRESHOLDS[defaultAt]!;
    if (options.onMistake && predictedAtDefault !== isDuplicate)
      options.onMistake(isDuplicate ? 'fn' : 'fp', r, top ? requests[top.id]! : null, top);
    if (top && isDuplicate && top.score >= THRESHOLDS[defaultAt]!) {
      topTotal++;
      if (earlier.some((e) => e.i === top.id)) topRight++;
    }
    // Closed the moment it was made: never open for a later request.
    if (r.closedAt === null || r.closedAt > r.createdAt) index.add(i, subject);
    if (key) {
      const list = openByKey.get(key) ?? [];
      list.push({ at: r.createdAt, closedAt: r.closedAt, i });
      openByKey.set(key, list);
    }
  });
  const sortedRequest = [...perRequest].sort((a, b) => a - b);
  const sortedComparison = [...perComparison].sort((a, b) => a - b);
  const sortedCandidates = [...candidateCounts].sort((a, b) => a - b);
  return {
    file: options.file ?? '',
    mode,
    requests: requests.length,
    referenceDuplicates,
    sweep: counts.map((c, k) => quality(c, THRESHOLDS[k]!)),
    topCandidateRight: topTotal === 0 ? 1 : topRight / topTotal,
    comparisons,
    candidatesPerRequest: {
      mean: comparisons / Math.max(1, requests.length),
      p99: quantile(sortedCandidates, 0.99),
      max: sortedCandidates.at(-1) ?? 0,
    },
    latencyMs: {
      requestP50: quantile(sortedRequest, 0.5),
      requestP99: quantile(sortedRequest, 0.99),
      comparisonP50: quantile(sortedComparison, 0.5),
      comparisonP99: quantile(sortedComparison, 0.99),
    },
  };
}

export function at(result: DayResult, threshold: number): Quality {
  return result.sweep.find((q) => Math.abs(q.threshold - threshold) < 1e-9)!;
}

/** The threshold with the best F1 on a day (chosen on one day, then applied to the other). */
export function bestThreshold(result: DayResult): number {
  return result.sweep.reduce((a, b) => (b.f1 > a.f1 ? b : a)).threshold;
}

export const DUPLICATE_THRESHOLD = 0.6;

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const ms = (x: number) => `${(x * 1000).toFixed(1)} µs`;

function markdown(results: DayResult[], chosen: Record<FieldMode, number>): string {
  const lines = [
    '# Duplicate detection on the NYC 311 day samples',
    '',
    `Reference (SOURCE.md): a request is a duplicate when an earlier request still open at its time has the same incident address and complaint type, created at most ${WINDOW_HOURS} h before. ` +
      'Each request is scored against the open requests before it that share an index key with it; "predicted duplicate" = best candidate at or above the threshold.',
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.`,
    '',
    'Fields used:',
    ...Object.entries(FIELD_MODES).map(([m, d]) => `- **${m}**: ${d}`),
    '',
    `Threshold per field set: chosen by F1 on the 2018 day, applied unchanged to the 2023 half-day (the default ${DUPLICATE_THRESHOLD} shown too).`,
    '',
    '| day | fields | threshold | requests | reference duplicates | precision | recall | F1 | best candidate right | candidates per request (mean / p99) | per comparison p50 / p99 | per request p50 / p99 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results)
    for (const t of [...new Set([DUPLICATE_THRESHOLD, chosen[r.mode]])]) {
      const q = at(r, t);
      lines.push(
        `| ${r.file.slice(7, 17)} | ${r.mode} | ${t.toFixed(2)} | ${r.requests} | ${r.referenceDuplicates} | ${pct(q.precision)} | ${pct(q.recall)} | ${q.f1.toFixed(3)} | ${pct(r.topCandidateRight)} | ${r.candidatesPerRequest.mean.toFixed(1)} / ${r.candidatesPerRequest.p99} | ${ms(r.latencyMs.comparisonP50)} / ${ms(r.latencyMs.comparisonP99)} | ${ms(r.latencyMs.requestP50)} / ${ms(r.latencyMs.requestP99)} |`,
      );
    }
  lines.push('');
  return lines.join('\n');
}

export async function runDuplicatesEval(): Promise<void> {
  const dir = path.resolve(process.env.NYC311_DIR ?? '../shared/data/nyc311');
  const missing = missingNycFiles(dir);
  if (missing.length > 0) {
    console.error(`eval: the NYC 311 samples are missing: ${missing.join(', ')}`);
    process.exit(1);
  }
  const days = NYC_DAY_FILES.map((f) => ({ file: f, requests: loadNycDay(path.join(dir, f)) }));
  const results: DayResult[] = [];
  const chosen = {} as Record<FieldMode, number>;
  for (const mode of Object.keys(FIELD_MODES) as FieldMode[]) {
    for (const day of days) {
      const result = replayDay(day.requests, mode, {
        file: day.file,
        defaultThreshold: DUPLICATE_THRESHOLD,
      });
      if (day === days[0]) chosen[mode] = bestThreshold(result);
      results.push(result);
    }
  }
  const text = markdown(results, chosen);
  console.log(text);
  mkdirSync('dist/eval', { recursive: true });
  writeFileSync('dist/eval/duplicates.json', `${JSON.stringify({ chosen, results }, null, 2)}\n`);
  writeFileSync('dist/eval/duplicates.md', text);
  console.log('written: dist/eval/duplicates.json, dist/eval/duplicates.md');
}

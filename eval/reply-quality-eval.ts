// Reply quality against people's judgement: the Teddy Cup 2020 C 附件4 replies (../shared/data/
// teddy2020c) scored by the platform's scorer, compared with two teams' 0/1 annotations
// (Rollbear: completeness and interpretability of 100 replies; Syucryingstar: interpretability of
// all 2,816). Weak labels: this is a report (rank correlation, AUC, accuracy at the best
// threshold), not a pass/fail gate. Term weights are learnt from the messages themselves, as a
// deployment learns them from its own tickets.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../src/platform/csv.js';
import {
  learnTermWeights,
  scoreReply,
  type ReplyQuality,
} from '../src/modules/intelligence/index.js';

export const REPLY_FILES = {
  replies: 'attachment4_messages_with_replies.csv',
  rollbear: 'attachment4_labels_completeness_interpretability_rollbear.csv',
  syucryingstar: 'attachment4_labels_interpretability_syucryingstar.csv',
} as const;

export const SCORE_KINDS = ['relevance', 'completeness', 'explanation', 'overall'] as const;
export type ScoreKind = (typeof SCORE_KINDS)[number];
/** A baseline every score should be compared with: longer replies tend to be judged better. */
const BASELINE = 'reply length';

export interface RepliedMessage {
  id: string;
  title: string;
  detail: string;
  reply: string;
}

export interface LabelSet {
  file: string;
  /** The annotation's column: 完整性 (completeness) or 可解释性 (interpretability). */
  kind: 'completeness' | 'interpretability';
  labels: Map<string, 0 | 1>;
}

export interface Agreement {
  score: ScoreKind | typeof BASELINE;
  count: number;
  positives: number;
  spearman: number;
  auc: number;
  /** Accuracy at the threshold that maximises it, and that threshold; with the majority class's. */
  bestAccuracy: number;
  threshold: number;
  majorityAccuracy: number;
}

export interface ReplyEvalReport {
  messages: number;
  termDocuments: number;
  msPerReply: number;
  labelSets: Array<{ file: string; kind: string; agreements: Agreement[] }>;
  meanScores: Record<ScoreKind, number>;
}

export function missingReplyFiles(dir: string): string[] {
  return Object.values(REPLY_FILES)
    .map((file) => path.join(dir, file))
    .filter((file) => !existsSync(file));
}

const rows = (dir: string, file: string) => {
  const [header, ...body] = parseCsv(readFileSync(path.join(dir, file), 'utf8'));
  return body.map((cells) => new Map(header!.map((name, i) => [name, cells[i] ?? ''])));
};

export function loadReplies(dir: string): { messages: RepliedMessage[]; labelSets: LabelSet[] } {
  const messages = rows(dir, REPLY_FILES.replies).map((r) => ({
    id: r.get('留言编号')!,
    title: r.get('留言主题')!,
    detail: r.get('留言详情')!,
    reply: r.get('答复意见')!,
  }));
  const labels = (file: string, column: string) =>
    new Map(
      rows(dir, file).map((r) => [r.get('留言编号')!, r.get(column) === '1' ? 1 : 0] as const),
    );
  return {
    messages,
    labelSets: [
      {
        file: REPLY_FILES.rollbear,
        kind: 'completeness',
        labels: labels(REPLY_FILES.rollbear, '完整性指标'),
      },
      {
        file: REPLY_FILES.rollbear,
        kind: 'interpretability',
        labels: labels(REPLY_FILES.rollbear, '可解释性指标'),
      },
      {
        file: REPLY_FILES.syucryingstar,
        kind: 'interpretability',
        labels: labels(REPLY_FILES.syucryingstar, '可解释性'),
      },
    ],
  };
}

/** Ranks with ties averaged (1-based). */
function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

export function spearman(x: readonly number[], y: readonly number[]): number {
  const rx = ranks(x);
  const ry = ranks(y);
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const mx = mean(rx);
  const my = mean(ry);
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < rx.length; i++) {
    num += (rx[i]! - mx) * (ry[i]! - my);
    dx += (rx[i]! - mx) ** 2;
    dy += (ry[i]! - my) ** 2;
  }
  return dx === 0 || dy === 0 ? 0 : num / Math.sqrt(dx * dy);
}

/** The probability that a positive scores above a negative (ties count half): Mann-Whitney. */
export function auc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  const r = ranks(scores);
  const positives = labels.filter((l) => l === 1).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return 0.5;
  const sum = r.reduce((s, rank, i) => s + (labels[i] === 1 ? rank : 0), 0);
  return (sum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

function bestThreshold(scores: readonly number[], labels: readonly (0 | 1)[]) {
  let best = { accuracy: 0, threshold: 0 };
  for (const threshold of [...new Set(scores)].sort((a, b) => a - b)) {
    const right = scores.filter((s, i) => (s >= threshold ? 1 : 0) === labels[i]).length;
    if (right / scores.length > best.accuracy)
      best = { accuracy: right / scores.length, threshold };
  }
  return best;
}

function agreement(name: Agreement['score'], scores: number[], labels: (0 | 1)[]): Agreement {
  const positives = labels.filter((l) => l === 1).length;
  const best = bestThreshold(scores, labels);
  return {
    score: name,
    count: labels.length,
    positives,
    spearman: spearman(scores, labels),
    auc: auc(scores, labels),
    bestAccuracy: best.accuracy,
    threshold: best.threshold,
    majorityAccuracy: Math.max(positives, labels.length - positives) / labels.length,
  };
}

export function evaluateReplyQuality(
  data: { messages: RepliedMessage[]; labelSets: LabelSet[] },
  options: { limit?: number } = {},
): ReplyEvalReport {
  const weights = learnTermWeights(data.messages.map((m) => `${m.title}\n${m.detail}`));
  const labelled = new Set(data.labelSets.flatMap((s) => [...s.labels.keys()]));
  const messages = data.messages.filter((m) => labelled.has(m.id)).slice(0, options.limit);
  const started = performance.now();
  const scored = new Map<string, ReplyQuality>(
    messages.map((m) => [
      m.id,
      scoreReply({ title: m.title, description: m.detail }, m.reply, weights),
    ]),
  );
  const msPerReply = (performance.now() - started) / Math.max(1, messages.length);
  const length = new Map(messages.map((m) => [m.id, Array.from(m.reply).length]));
  const labelSets = data.labelSets.map((set) => {
    const ids = [...set.labels.keys()].filter((id) => scored.has(id));
    const labels = ids.map((id) => set.labels.get(id)!);
    const agreements = [
      ...SCORE_KINDS.map((kind) =>
        agreement(
          kind,
          ids.map((id) => scored.get(id)![kind]),
          labels,
        ),
      ),
      agreement(
        BASELINE,
        ids.map((id) => length.get(id)!),
        labels,
      ),
    ];
    return { file: set.file, kind: set.kind, agreements };
  });
  const mean = (kind: ScoreKind) =>
    [...scored.values()].reduce((s, q) => s + q[kind], 0) / Math.max(1, scored.size);
  return {
    messages: messages.length,
    termDocuments: weights.documents,
    msPerReply,
    labelSets,
    meanScores: Object.fromEntries(SCORE_KINDS.map((k) => [k, mean(k)])) as Record<
      ScoreKind,
      number
    >,
  };
}

/** The report as Markdown. */
export function replyEvalMarkdown(report: ReplyEvalReport): string {
  const f = (x: number) => x.toFixed(3);
  return [
    '# Reply quality against the Teddy Cup 2020 C annotations (附件4)',
    '',
    `${report.messages} replies scored; term weights from ${report.termDocuments} appeals; ` +
      `${report.msPerReply.toFixed(2)} ms per reply. Mean scores: ` +
      SCORE_KINDS.map((k) => `${k} ${report.meanScores[k].toFixed(1)}`).join(', ') +
      '.',
    'Weak labels (one team each, 0/1): a report, not a gate. "reply length" is the baseline to beat.',
    '',
    ...report.labelSets.flatMap((set) => [
      `## ${set.kind} — ${set.file}`,
      '',
      '| score | replies | label 1 | Spearman | AUC | best accuracy (threshold) | majority class |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...set.agreements.map(
        (a) =>
          `| ${a.score} | ${a.count} | ${a.positives} | ${f(a.spearman)} | ${f(a.auc)} | ` +
          `${(a.bestAccuracy * 100).toFixed(1)} % (≥ ${a.threshold}) | ${(a.majorityAccuracy * 100).toFixed(1)} % |`,
      ),
      '',
    ]),
  ].join('\n');
}

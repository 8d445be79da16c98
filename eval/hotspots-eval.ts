// Hot issues on the Teddy Cup 2020 C data (附件3, messages with likes): our top 5 against one
// prize-winning team's top 5 (reference_hot_issue*_syucryingstar.csv, not ground truth).
// Two issues match when the Jaccard index of their message sets is at least MATCH_JACCARD.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../src/platform/csv.js';
import {
  DEFAULT_CLUSTERING,
  findHotIssues,
  type ClusterInput,
  type ClusterOptions,
  type HotIssue,
} from '../src/modules/intelligence/index.js';

export const HOTSPOT_FILES = {
  messages: 'attachment3_messages_with_votes.csv',
  reference: 'reference_hot_issues_syucryingstar.csv',
  referenceMessages: 'reference_hot_issue_messages_syucryingstar.csv',
} as const;

/** Two issues are the same when |A ∩ B| / |A ∪ B| of their message ids reaches this. */
export const MATCH_JACCARD = 0.3;

export function missingHotspotFiles(dir: string): string[] {
  return Object.values(HOTSPOT_FILES)
    .map((file) => path.join(dir, file))
    .filter((file) => !existsSync(file));
}

const rows = (dir: string, file: string) => {
  const [header, ...body] = parseCsv(readFileSync(path.join(dir, file), 'utf8'));
  const columns = new Map(header!.map((name, i) => [name, i]));
  return body.map((row) => (name: string) => row[columns.get(name) ?? -1] ?? '');
};

/** 附件3 as clustering input: 留言主题 → title, 留言详情 → description, 点赞数/反对数 → likes/dislikes. */
export function loadMessages(dir: string): ClusterInput[] {
  return rows(dir, HOTSPOT_FILES.messages).map((get) => ({
    id: Number(get('留言编号')),
    title: get('留言主题'),
    description: get('留言详情'),
    at: get('留言时间').replace(' ', 'T'),
    likes: Number(get('点赞数')) || 0,
    dislikes: Number(get('反对数')) || 0,
  }));
}

export interface ReferenceIssue {
  rank: number;
  issueId: string;
  description: string;
  ids: number[];
}

export function loadReference(dir: string): ReferenceIssue[] {
  const members = new Map<string, number[]>();
  for (const get of rows(dir, HOTSPOT_FILES.referenceMessages)) {
    const list = members.get(get('问题ID')) ?? [];
    list.push(Number(get('留言编号')));
    members.set(get('问题ID'), list);
  }
  return rows(dir, HOTSPOT_FILES.reference)
    .map((get) => ({
      rank: Number(get('热度排名')),
      issueId: get('问题ID'),
      description: get('问题描述'),
      ids: members.get(get('问题ID')) ?? [],
    }))
    .sort((a, b) => a.rank - b.rank);
}

export interface IssueComparison {
  reference: { rank: number; description: string; messages: number };
  /** Our best-matching issue among our top 10 (by Jaccard), and its rank (1-based). */
  ours: { rank: number; label: string; messages: number; heat: number } | null;
  jaccard: number;
  /** Share of our issue's messages that are in theirs. */
  precision: number;
  /** Share of their issue's messages that are in ours. */
  recall: number;
  /** Matched (Jaccard ≥ MATCH_JACCARD) by one of our top 5. */
  inTop5: boolean;
}

export interface HotspotsReport {
  messages: number;
  clusters: number;
  options: ClusterOptions;
  /** How many of their top 5 match one of our top 5. */
  overlapTop5: number;
  /** How many of their top 5 match one of our top 10. */
  overlapTop10: number;
  comparisons: IssueComparison[];
  top: Array<Pick<HotIssue, 'label' | 'places' | 'appeals' | 'likes' | 'activeDays' | 'heat'>>;
  clusteringMs: number;
}

function overlap(a: readonly number[], b: readonly number[]) {
  const set = new Set(a);
  const shared = b.filter((id) => set.has(id)).length;
  return { shared, jaccard: shared / (set.size + b.length - shared) };
}

export function evaluateHotspots(
  dir: string,
  options: ClusterOptions = DEFAULT_CLUSTERING,
): HotspotsReport {
  const messages = loadMessages(dir);
  const reference = loadReference(dir);
  const started = performance.now();
  const issues = findHotIssues(messages, options);
  const clusteringMs = performance.now() - started;
  const top10 = issues.slice(0, 10);
  const comparisons = reference.slice(0, 5).map((ref): IssueComparison => {
    let best: IssueComparison = {
      reference: { rank: ref.rank, description: ref.description, messages: ref.ids.length },
      ours: null,
      jaccard: 0,
      precision: 0,
      recall: 0,
      inTop5: false,
    };
    top10.forEach((issue, at) => {
      const { shared, jaccard } = overlap(ref.ids, issue.ids);
      if (jaccard <= best.jaccard) return;
      best = {
        ...best,
        ours: { rank: at + 1, label: issue.label, messages: issue.ids.length, heat: issue.heat },
        jaccard,
        precision: shared / issue.ids.length,
        recall: shared / ref.ids.length,
      };
    });
    const inTop5 = top10
      .slice(0, 5)
      .some((issue) => overlap(ref.ids, issue.ids).jaccard >= MATCH_JACCARD);
    return { ...best, inTop5 };
  });
  return {
    messages: messages.length,
    clusters: issues.length,
    options,
    overlapTop5: comparisons.filter((c) => c.inTop5).length,
    overlapTop10: comparisons.filter((c) => c.jaccard >= MATCH_JACCARD).length,
    comparisons,
    top: top10.map(({ label, places, appeals, likes, activeDays, heat }) => ({
      label,
      places,
      appeals,
      likes,
      activeDays,
      heat,
    })),
    clusteringMs,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function hotspotsMarkdown(report: HotspotsReport): string {
  return [
    '# Hot issues on the Teddy Cup 2020 C data (附件3)',
    '',
    `${report.messages} messages → ${report.clusters} clusters of ≥ ${report.options.minAppeals} ` +
      `in ${(report.clusteringMs / 1000).toFixed(2)} s. A reference issue is matched when the Jaccard ` +
      `index of the message sets is ≥ ${MATCH_JACCARD}.`,
    '',
    `**Overlap: ${report.overlapTop5} of the reference top 5 are among our top 5** ` +
      `(${report.overlapTop10} among our top 10).`,
    '',
    '| their rank | their issue | msgs | our rank | our issue | msgs | Jaccard | precision | recall |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.comparisons.map(
      (c) =>
        `| ${c.reference.rank} | ${c.reference.description} | ${c.reference.messages} | ` +
        `${c.ours?.rank ?? '–'} | ${c.ours?.label ?? '–'} | ${c.ours?.messages ?? 0} | ` +
        `${c.jaccard.toFixed(3)} | ${pct(c.precision)} | ${pct(c.recall)} |`,
    ),
    '',
    '## Our top 10',
    '',
    '| rank | issue | places | appeals | likes | active days | heat |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...report.top.map(
      (t, i) =>
        `| ${i + 1} | ${t.label} | ${t.places.join('、')} | ${t.appeals} | ${t.likes} | ${t.activeDays} | ${t.heat} |`,
    ),
    '',
  ].join('\n');
}

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluateReplyQuality,
  loadReplies,
  missingReplyFiles,
} from '../../../../eval/reply-quality-eval.js';

// The full report is `npm run eval -- replies`; this runs it and checks what the labels allow.
const dir = path.resolve('../shared/data/teddy2020c');
const missing = missingReplyFiles(dir);
if (missing.length > 0) {
  const message = `the Teddy Cup 附件4 data is missing (${missing.join(', ')})`;
  if (process.env.CI === 'true') throw new Error(`${message}: under CI=true it must be there`);
  console.warn(`${message}: the reply quality evaluation test is skipped`);
}

describe.runIf(missing.length === 0)('reply quality against the Teddy Cup annotations', () => {
  it('reports agreement per label file and kind, and ranks interpretable replies above the rest', () => {
    const report = evaluateReplyQuality(loadReplies(dir));
    expect(report.messages).toBe(2816);
    expect(report.labelSets.map((s) => [s.kind, s.agreements[0]!.count])).toEqual([
      ['completeness', 100],
      ['interpretability', 100],
      ['interpretability', 2816],
    ]);
    // 2,816 labels (294 negatives) allow a clear verdict: far better than chance (AUC 0.5).
    const all = report.labelSets[2]!.agreements;
    for (const kind of ['explanation', 'overall'])
      expect(all.find((a) => a.score === kind)!.auc).toBeGreaterThan(0.8);
    const overall = all.find((a) => a.score === 'overall')!;
    expect(overall.bestAccuracy).toBeGreaterThan(overall.majorityAccuracy);
    // Rollbear's 100 labels (25 and 41 negatives) are reported by `npm run eval -- replies`, not
    // asserted: too few for a verdict, and the reply's length alone agrees with them better.
  }, 180_000);
});

import { describe, expect, it } from 'vitest';
import { assessUrgency, compileLexicon } from './urgency-rules.js';
import { URGENCY_CASES } from './urgency.test-data.js';

describe('urgency of an appeal', () => {
  it('has a table of at least 40 cases, with negations and false friends', () => {
    expect(URGENCY_CASES.length).toBeGreaterThanOrEqual(40);
    expect(URGENCY_CASES.filter((c) => c.level === 'normal').length).toBeGreaterThanOrEqual(15);
  });

  for (const c of URGENCY_CASES.filter((c) => c.must))
    it(`${c.level}: ${c.text}`, () => {
      const result = assessUrgency(c.text);
      expect(result.level).toBe(c.level);
      if (c.level === 'normal') expect(result.reasons).toEqual([]);
      for (const danger of c.dangers ?? [])
        expect(result.reasons.map((r) => r.danger)).toContain(danger);
      const offered = result.reasons.map((r) => r.referral).filter((r) => r !== null);
      for (const referral of c.referrals ?? []) expect(offered).toContain(referral);
      // Each reason quotes the appeal's own words.
      for (const reason of result.reasons) expect(c.text).toContain(reason.phrase);
    });

  it('flags emergencies with high precision and recall over the whole table', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const missed: string[] = [];
    for (const c of URGENCY_CASES) {
      const flagged = assessUrgency(c.text).level === 'emergency';
      const expected = c.level === 'emergency';
      if (flagged && expected) tp++;
      else if (flagged) {
        fp++;
        missed.push(`false alarm: ${c.text}`);
      } else if (expected) {
        fn++;
        missed.push(`missed: ${c.text}`);
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `urgency table: ${URGENCY_CASES.length} cases, emergency precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}` +
        (missed.length ? `\n  ${missed.join('\n  ')}` : ''),
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });

  it('reads a clear danger however it is surrounded, and ignores it once negated', () => {
    const noise = '𠮷田路😀12号3栋，';
    expect(assessUrgency(`${noise}天然气泄漏了`).level).toBe('emergency');
    expect(assessUrgency(`${noise}并没有天然气泄漏`).level).toBe('normal');
    // A negation in an earlier clause does not reach the danger.
    expect(assessUrgency('不是我家，是隔壁家着火了').level).toBe('emergency');
    // A resolved mention that came back is current again.
    expect(assessUrgency('燃气泄漏上周已经修好了，今天又漏了').level).toBe('emergency');
  });

  it('refuses a lexicon naming a class it does not define', () => {
    expect(() =>
      compileLexicon({
        thresholds: { emergency: 1, urgent: 0.5 },
        classes: {},
        entries: [{ class: 'gas', weight: 1, pattern: '煤气' }],
        modifiers: {
          negation: '不',
          resolved: '好',
          recurring: '又',
          pastAfter: '死亡',
          habitual: '经常',
          general: '事件',
          past: '去年',
          present: '现在',
          hypothetical: '怕',
          imminent: '马上',
        },
        factors: { negated: 0, resolved: 0.1, past: 0.3, hypothetical: 0.5, habitual: 0.5 },
      }),
    ).toThrow(/unknown class gas/);
  });
});

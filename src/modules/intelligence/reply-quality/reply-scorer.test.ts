import { describe, expect, it } from 'vitest';
import { appealPoints } from './appeal-points.js';
import { scoreReply, type ReplyQuality } from './reply-scorer.js';
import { FALLBACK_WEIGHTS, learnTermWeights, MIN_DOCUMENTS } from './term-weights.js';
import { gramsOf } from './text-grams.js';

const NOISE = {
  title: '工地夜间施工噪音扰民',
  description:
    '我家旁边的工地每天晚上十一点后还在施工，噪音很大，影响休息。请问施工时间是怎么规定的？能否要求工地晚上停止施工？',
};

const COMPLETE =
  '您好！经现场核查，该工地确在夜间施工，噪音超标。根据《中华人民共和国环境噪声污染防治法》规定，' +
  '夜间（22时至次日6时）禁止产生噪声的施工作业，施工时间须在6时至22时之间。区城管执法大队已责令施工单位' +
  '晚上停止施工，并将于12月5日前复查；如仍有夜间施工，请拨打城管执法大队电话0830-3112345反映。';
const MISSING_TIME_RULE =
  '您好！经现场核查，该工地夜间施工噪音确实扰民。区城管执法大队已责令工地晚上停止施工，' +
  '并将于12月5日前复查，感谢您的监督。';
const BOILERPLATE = '您好！您反映的问题已收悉，感谢您对我们工作的关心和支持！';
const NO_DEADLINE =
  '您好！经现场核查，该工地夜间施工噪音确实扰民。根据《环境噪声污染防治法》规定，施工时间须在6时至22时之间。' +
  '区城管执法大队已责令工地晚上停止施工。';

const codes = (q: ReplyQuality) => q.hints.map((h) => h.code);

describe('reply quality scorer', () => {
  it('reads Chinese as bigrams by code point, CJK Extension B and emoji included', () => {
    expect(gramsOf('路灯𠮷田').map((g) => g.gram)).toEqual(['路灯', '灯𠮷', '𠮷田']);
    expect(gramsOf('A2区 🚧 噪音').map((g) => g.gram)).toEqual(['a2', '区', '噪音']);
  });

  it('splits the appeal into the points it asks, each with its key phrase', () => {
    const points = appealPoints(NOISE, FALLBACK_WEIGHTS);
    expect(points.map((p) => p.text)).toEqual([
      '工地夜间施工噪音扰民',
      '请问施工时间是怎么规定的？',
      '能否要求工地晚上停止施工？',
    ]);
    expect(points[1]!.keyPhrases[0]).toBe('施工时间');
  });

  it('scores a complete reply high on every measure, with no hint about points', () => {
    const q = scoreReply(NOISE, COMPLETE, FALLBACK_WEIGHTS);
    expect(q.points.every((p) => p.covered)).toBe(true);
    expect(q.completeness).toBeGreaterThanOrEqual(85);
    expect(q.explanation).toBeGreaterThanOrEqual(85);
    expect(q.relevance).toBeGreaterThanOrEqual(70);
    expect(q.grade).toMatch(/[AB]/);
    expect(codes(q)).not.toContain('pointMissing');
    expect(codes(q)).not.toContain('sayByWhen');
    expect(codes(q)).not.toContain('citeBasis');
  });

  it('names the point a reply leaves out, and scores it less complete', () => {
    const complete = scoreReply(NOISE, COMPLETE, FALLBACK_WEIGHTS);
    const q = scoreReply(NOISE, MISSING_TIME_RULE, FALLBACK_WEIGHTS);
    expect(q.points.map((p) => p.covered)).toEqual([true, false, true]);
    expect(q.completeness).toBeLessThan(complete.completeness - 15);
    const missing = q.hints.filter((h) => h.code === 'pointMissing');
    expect(missing.map((h) => h.params.missing)).toEqual(['施工时间']);
    expect(missing[0]!.params.asked).toContain('工地夜间施工噪音');
    // It says what was done and by when, but on no basis.
    expect(codes(q)).toContain('citeBasis');
    expect(codes(q)).not.toContain('sayByWhen');
  });

  it('finds stock wording irrelevant and unexplained, whatever the appeal', () => {
    const q = scoreReply(NOISE, BOILERPLATE, FALLBACK_WEIGHTS);
    expect(q.relevance).toBeLessThan(20);
    expect(q.explanation).toBeLessThan(20);
    expect(q.grade).toBe('D');
    expect(codes(q)).toEqual(
      expect.arrayContaining(['tooShort', 'offTopic', 'boilerplate', 'pointMissing']),
    );
  });

  it('asks the handler to say by when, when no time is given', () => {
    const q = scoreReply(NOISE, NO_DEADLINE, FALLBACK_WEIGHTS);
    expect(codes(q)).toContain('sayByWhen');
    expect(codes(q)).not.toContain('citeBasis');
    const dated = scoreReply(
      NOISE,
      `${NO_DEADLINE}施工单位将于3个工作日内整改。`,
      FALLBACK_WEIGHTS,
    );
    expect(codes(dated)).not.toContain('sayByWhen');
    expect(dated.explanation).toBeGreaterThan(q.explanation);
    // The signing date at the end says when the reply was written, not by when.
    const signed = scoreReply(NOISE, `${NO_DEADLINE}2026年3月2日`, FALLBACK_WEIGHTS);
    expect(codes(signed)).toContain('sayByWhen');
  });

  it('says when the reply is empty, and scores it zero', () => {
    const q = scoreReply(NOISE, '   ', FALLBACK_WEIGHTS);
    expect(q).toMatchObject({ relevance: 0, completeness: 0, explanation: 0, overall: 0 });
    expect(codes(q)).toEqual(['empty']);
  });

  it('learns term weights from appeals: a word in every appeal weighs less than a rare one', () => {
    const appeals = Array.from({ length: MIN_DOCUMENTS }, (_, i) =>
      i === 0 ? '小区噪音扰民' : `小区第${i}栋电梯故障`,
    );
    const weights = learnTermWeights(appeals);
    expect(weights.documents).toBe(MIN_DOCUMENTS);
    expect(weights.weight('噪音')).toBeGreaterThan(weights.weight('小区') * 3);
    // Too few appeals: the built-in fallback.
    expect(learnTermWeights(appeals.slice(0, 3)).documents).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, fitTemperature, softmax } from './calibration.js';
import { DEFAULT_TRAINING, trainCategoryModel, type TrainingExample } from './category-training.js';
import type { CategoryModel } from './category-model.js';
import { keywordExamples } from './cold-start.js';
import { scoreClassification } from './metrics.js';
import { decodeModel, encodeModel } from './model-codec.js';
import { stratifiedSplit } from './random.js';
import { SMALL_TEST as HELD_OUT, SMALL_TRAIN, SMALL_TREE } from './small-set.test-data.js';
import { featureHashes, textSymbols } from './text-features.js';

const accuracy = (model: CategoryModel, examples: readonly TrainingExample[]) =>
  scoreClassification(
    examples.map((e) => String(e.categoryId)),
    examples.map((e) => String(model.classify(e.text).top[0]?.categoryId ?? '')),
  ).accuracy;

const train = async (examples: TrainingExample[]) =>
  (await trainCategoryModel(SMALL_TREE, examples, DEFAULT_TRAINING)).model;

describe('the category classifier on a small fixed set', () => {
  it('learns from confirmed examples and beats the cold start on texts it never saw', async () => {
    const cold = await train(keywordExamples(SMALL_TREE));
    const trained = await train([...SMALL_TRAIN, ...keywordExamples(SMALL_TREE)]);
    const coldAccuracy = accuracy(cold, HELD_OUT);
    const trainedAccuracy = accuracy(trained, HELD_OUT);
    expect(trainedAccuracy).toBeGreaterThan(coldAccuracy);
    expect(trainedAccuracy).toBeGreaterThanOrEqual(0.8);
    // None of the held-out texts is a training text.
    const trainTexts = new Set(SMALL_TRAIN.map((e) => e.text));
    expect(HELD_OUT.filter((e) => trainTexts.has(e.text))).toEqual([]);
  });

  it('starts cold from the keywords: a text using a category’s words gets that category', async () => {
    const cold = await train(keywordExamples(SMALL_TREE));
    expect(cold.classify('小区门口路灯不亮').top[0]?.categoryId).toBe(111);
    expect(cold.classify('楼下餐馆油烟太大').top[0]?.categoryId).toBe(221);
  });

  it('gives every level, in agreement, with confidences in [0, 1] that shrink down the tree', async () => {
    const model = await train(SMALL_TRAIN);
    const { top, levels } = model.classify('工地半夜打桩，吵得睡不着');
    expect(levels.map((l) => l.categoryId)).toEqual([2, 21, 211]);
    expect(levels.map((l) => l.path)).toEqual([[2], [2, 21], [2, 21, 211]]);
    expect(top[0]).toEqual(levels[2]);
    expect(top.length).toBe(3);
    for (const c of [...top, ...levels]) {
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
    expect(levels[0]!.confidence).toBeGreaterThanOrEqual(levels[1]!.confidence);
    expect(levels[1]!.confidence).toBeGreaterThanOrEqual(levels[2]!.confidence);
    const total = model.classify('随便说点什么').top.reduce((sum, c) => sum + c.confidence, 0);
    expect(total).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('is more confident about a clear text than a vague one', async () => {
    const model = await train([...SMALL_TRAIN, ...keywordExamples(SMALL_TREE)]);
    const clear = model.classify('楼下烧烤店油烟熏得没法开窗，餐馆排烟直排居民楼').top[0]!;
    const vague = model.classify('你好，我想反映一个问题，请尽快处理').top[0]!;
    expect(clear.categoryId).toBe(221);
    expect(clear.confidence).toBeGreaterThan(vague.confidence);
  });

  it('classifies the same after the compact encoding as before it', async () => {
    const model = await train(SMALL_TRAIN);
    const decoded = decodeModel(encodeModel(model));
    for (const e of HELD_OUT) {
      const before = model.classify(e.text).top[0]!;
      const after = decoded.classify(e.text).top[0]!;
      expect(after.categoryId).toBe(before.categoryId);
      expect(after.confidence).toBeCloseTo(before.confidence, 1);
    }
  });

  it('skips categories that were deactivated, teaching their parent instead', async () => {
    const tree = SMALL_TREE.map((c) => (c.id === 112 ? { ...c, active: false } : c));
    const model = (await trainCategoryModel(tree, SMALL_TRAIN, DEFAULT_TRAINING)).model;
    expect(model.categories()).not.toContain(112);
    expect(model.classify('马路上有个大坑').levels[1]?.categoryId).toBe(11);
  });
});

describe('text features', () => {
  it('reads Chinese by characters, words of other scripts whole, and any digits as one symbol', () => {
    expect(textSymbols('A3区', 100)).toEqual(textSymbols('A9区', 100));
    expect(textSymbols('路灯 lamp', 100).length).toBe(5);
    expect(featureHashes('𠮷田路灯😀不亮', { maxOrder: 2, maxChars: 600 }).length).toBeGreaterThan(
      8,
    );
    expect(featureHashes('路灯', { maxOrder: 2, maxChars: 600 })).not.toContain(0);
  });
});

describe('calibration and splits', () => {
  it('fits a temperature that makes over-confident scores honest', () => {
    // Scores say class 0 strongly, but class 0 is right only 60 % of the time.
    const scores = Array.from({ length: 100 }, () => [1, -1]);
    const labels = Array.from({ length: 100 }, (_, i) => (i < 60 ? 0 : 1));
    const factor = fitTemperature(scores, labels);
    expect(softmax([1, -1], factor)[0]).toBeCloseTo(0.6, 2);
    expect(
      expectedCalibrationError([0.6, 0.6, 0.6, 0.6, 0.6], [true, true, true, false, false]),
    ).toBeCloseTo(0, 5);
  });

  it('splits each stratum, the same way for a seed, with no item on both sides', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ i, label: i % 3 === 0 ? 'a' : 'b' }));
    const one = stratifiedSplit(items, (x) => x.label, 0.2, 7);
    const again = stratifiedSplit(items, (x) => x.label, 0.2, 7);
    expect(one.heldOut.map((x) => x.i)).toEqual(again.heldOut.map((x) => x.i));
    expect(one.heldOut.filter((x) => x.label === 'a').length).toBe(Math.round(67 * 0.2));
    const kept = new Set(one.kept.map((x) => x.i));
    expect(one.heldOut.some((x) => kept.has(x.i))).toBe(false);
    expect(one.kept.length + one.heldOut.length).toBe(200);
  });
});

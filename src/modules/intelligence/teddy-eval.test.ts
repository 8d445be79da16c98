import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateClassifier, splitTeddy } from '../../../eval/classification-eval.js';
import { loadTeddy, missingTeddyFiles } from '../../../eval/teddy-data.js';

// The full measurement is `npm run eval`; this trains on a subset to stay fast.
const dir = path.resolve('../shared/data/teddy2020c');
const missing = missingTeddyFiles(dir);
if (missing.length > 0) {
  const message = `the Teddy Cup data is missing (${missing.join(', ')})`;
  if (process.env.CI === 'true') throw new Error(`${message}: under CI=true it must be there`);
  console.warn(`${message}: the classification evaluation tests are skipped`);
}

describe.runIf(missing.length === 0)('classification on the Teddy Cup data', () => {
  const data = missing.length === 0 ? loadTeddy(dir) : null!;

  it('holds out a stratified split that shares no text with the training part', () => {
    const split = splitTeddy(data.texts);
    expect(split.overlap).toBe(0);
    expect(split.train.length + split.heldOut.length).toBe(data.texts.length);
    const share = (label: string) =>
      split.heldOut.filter((t) => t.label === label).length /
      data.texts.filter((t) => t.label === label).length;
    for (const label of data.topLevel.keys())
      if (data.texts.some((t) => t.label === label)) expect(share(label)).toBeCloseTo(0.2, 1);
    // The same split on every run.
    expect(splitTeddy(data.texts).heldOut.map((t) => t.text)).toEqual(
      split.heldOut.map((t) => t.text),
    );
  });

  it('learns from a subset of the history and beats the cold start on held-out texts', async () => {
    const report = await evaluateClassifier(data, { trainLimit: 1200, testLimit: 500 });
    expect(report.split.overlap).toBe(0);
    expect(report.heldOut.count).toBe(500);
    expect(report.heldOut.macroF1).toBeGreaterThan(0.8);
    expect(report.heldOut.macroF1).toBeGreaterThan(report.coldStart.macroF1 + 0.1);
    expect(report.heldOut.perClass.length).toBe(7);
    // Training with trigrams takes seconds alone, and longer on a machine running other tests.
  }, 120_000);
});

// How good a classifier is on examples it never trained on: accuracy, per-class F1 and their
// unweighted mean (macro-F1, which counts a rare matter as much as a common one).

export interface ClassScore {
  label: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassificationScores {
  count: number;
  accuracy: number;
  macroF1: number;
  perClass: ClassScore[];
}

/** Scores predictions against truths; classes are every label seen in either. */
export function scoreClassification(
  truths: readonly string[],
  predictions: readonly string[],
): ClassificationScores {
  const labels = [...new Set([...truths, ...predictions])].sort();
  const truePositives = new Map<string, number>();
  const predicted = new Map<string, number>();
  const actual = new Map<string, number>();
  let correct = 0;
  truths.forEach((truth, i) => {
    const prediction = predictions[i]!;
    actual.set(truth, (actual.get(truth) ?? 0) + 1);
    predicted.set(prediction, (predicted.get(prediction) ?? 0) + 1);
    if (truth === prediction) {
      correct++;
      truePositives.set(truth, (truePositives.get(truth) ?? 0) + 1);
    }
  });
  // Macro-F1 over the classes that occur in the truths (a stray prediction lowers precision only).
  const perClass = labels
    .filter((label) => actual.has(label))
    .map((label) => {
      const tp = truePositives.get(label) ?? 0;
      const precision = tp / Math.max(predicted.get(label) ?? 0, 1);
      const recall = tp / Math.max(actual.get(label) ?? 0, 1);
      const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
      return { label, support: actual.get(label) ?? 0, precision, recall, f1 };
    });
  const macroF1 = perClass.reduce((sum, c) => sum + c.f1, 0) / Math.max(perClass.length, 1);
  return {
    count: truths.length,
    accuracy: correct / Math.max(truths.length, 1),
    macroF1,
    perClass,
  };
}

/** The value at quantile q (0…1) of some numbers, by the nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

// From SVM scores to probabilities a person can trust: temperature scaling (Guo et al., "On
// Calibration of Modern Neural Networks", ICML 2017) — one factor per classifier, fitted on
// examples the classifier did not train on, so that "80 %" is right about 80 % of the time.

/** softmax(factor × scores). */
export function softmax(scores: ArrayLike<number>, factor: number): Float64Array {
  const out = new Float64Array(scores.length);
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) max = Math.max(max, scores[c]! * factor);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    out[c] = Math.exp(scores[c]! * factor - max);
    sum += out[c]!;
  }
  for (let c = 0; c < out.length; c++) out[c] = out[c]! / sum;
  return out;
}

/** Mean negative log-likelihood of the true labels under softmax(factor × scores). */
export function negativeLogLikelihood(
  scores: readonly ArrayLike<number>[],
  labels: readonly number[],
  factor: number,
): number {
  let total = 0;
  scores.forEach((s, i) => {
    total -= Math.log(Math.max(softmax(s, factor)[labels[i]!]!, 1e-12));
  });
  return total / Math.max(scores.length, 1);
}

/** The factor in [0.1, 200] that minimises the NLL (golden-section search on its logarithm). */
export function fitTemperature(
  scores: readonly ArrayLike<number>[],
  labels: readonly number[],
): number {
  const loss = (logFactor: number) => negativeLogLikelihood(scores, labels, Math.exp(logFactor));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(0.1);
  let high = Math.log(200);
  let a = high - ratio * (high - low);
  let b = low + ratio * (high - low);
  let lossA = loss(a);
  let lossB = loss(b);
  for (let i = 0; i < 40; i++) {
    if (lossA < lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - ratio * (high - low);
      lossA = loss(a);
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + ratio * (high - low);
      lossB = loss(b);
    }
  }
  return Math.exp((low + high) / 2);
}

/**
 * Expected calibration error of top-1 confidences: the gap between confidence and accuracy,
 * averaged over equal-width confidence bins weighted by how many predictions fall in each.
 */
export function expectedCalibrationError(
  confidences: readonly number[],
  correct: readonly boolean[],
  bins = 10,
): number {
  const count = new Array<number>(bins).fill(0);
  const sumConfidence = new Array<number>(bins).fill(0);
  const sumCorrect = new Array<number>(bins).fill(0);
  confidences.forEach((confidence, i) => {
    const bin = Math.min(Math.floor(confidence * bins), bins - 1);
    count[bin]!++;
    sumConfidence[bin]! += confidence;
    if (correct[i]) sumCorrect[bin]!++;
  });
  let error = 0;
  for (let bin = 0; bin < bins; bin++) {
    if (count[bin] === 0) continue;
    error += Math.abs(sumConfidence[bin]! - sumCorrect[bin]!);
  }
  return error / Math.max(confidences.length, 1);
}

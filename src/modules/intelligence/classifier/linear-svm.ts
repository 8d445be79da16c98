// One-vs-rest linear support vector machines (L2-regularised, squared hinge loss), trained by
// dual coordinate descent: Hsieh et al., "A Dual Coordinate Descent Method for Large-scale Linear
// SVM", ICML 2008 (the method of LIBLINEAR). It converges in a few passes over sparse text
// vectors, which is what lets a deployment retrain on its whole history in seconds on a CPU.
import { FeatureTable, type SparseVector } from './feature-space.js';
import { seededRandom, shuffleInPlace } from './random.js';

/** Lets long work give the event loop a turn (a server keeps answering while a model trains). */
export type Pause = () => Promise<void>;

export interface SvmOptions {
  /** Inverse regularisation strength (LIBLINEAR's C). */
  cost: number;
  maxEpochs: number;
  /** Stop when no dual variable's projected gradient exceeds this. */
  tolerance: number;
  seed: number;
}

export const DEFAULT_SVM: SvmOptions = { cost: 3, maxEpochs: 15, tolerance: 0.01, seed: 7 };

/**
 * A trained linear classifier over some columns of a feature space. Weights are feature-major
 * (column k's weight for class c at k × classes + c), so scoring a sparse text reads each
 * of its features' weights in one run.
 */
export interface LinearClassifier {
  classes: number;
  /** The feature-space columns this classifier weighs, ascending. */
  columns: Int32Array;
  weights: Float32Array;
  bias: Float32Array;
}

/** Finds a classifier's local position of a feature-space column. */
export function columnLookup(columns: Int32Array): FeatureTable {
  const table = new FeatureTable(columns.length);
  for (const column of columns) table.add(column + 1);
  return table;
}

/** The raw score of every class for a vector (columns the classifier does not weigh count 0). */
export function scoreClasses(
  classifier: LinearClassifier,
  lookup: FeatureTable,
  vector: SparseVector,
): Float64Array {
  const { classes, weights } = classifier;
  const scores = Float64Array.from(classifier.bias);
  for (let k = 0; k < vector.index.length; k++) {
    const local = lookup.get(vector.index[k]! + 1);
    if (local < 0) continue;
    const x = vector.value[k]!;
    const base = local * classes;
    for (let c = 0; c < classes; c++) scores[c]! += weights[base + c]! * x;
  }
  return scores;
}

/**
 * Trains one SVM per class (that class against the others) on vectors labelled 0…classes-1.
 * `exampleWeights` scales an example's cost (a keyword-made example counts less than a real one).
 */
export async function trainOneVsRest(
  vectors: readonly SparseVector[],
  labels: ArrayLike<number>,
  classes: number,
  options: SvmOptions = DEFAULT_SVM,
  exampleWeights?: ArrayLike<number>,
  pause?: Pause,
): Promise<LinearClassifier> {
  // Re-index to the columns these examples use, so a small node of the tree stays small.
  const used = new Set<number>();
  for (const v of vectors) for (const column of v.index) used.add(column);
  const columns = Int32Array.from(used).sort();
  const lookup = columnLookup(columns);
  const local = vectors.map((v) => {
    const index = new Int32Array(v.index.length);
    for (let k = 0; k < index.length; k++) index[k] = lookup.get(v.index[k]! + 1);
    return { index, value: v.value };
  });
  const weights = new Float32Array(columns.length * classes);
  const bias = new Float32Array(classes);
  // ‖x‖² plus the constant bias feature (1).
  const squaredNorms = local.map((v) => v.value.reduce((sum, x) => sum + x * x, 1));
  const random = seededRandom(options.seed);
  const order = local.map((_, i) => i);
  const alpha = new Float64Array(local.length);
  const w = new Float64Array(columns.length);
  for (let c = 0; c < classes; c++) {
    alpha.fill(0);
    w.fill(0);
    let b = 0;
    for (let epoch = 0; epoch < options.maxEpochs; epoch++) {
      shuffleInPlace(order, random);
      let largestGradient = 0;
      for (const i of order) {
        const x = local[i]!;
        const y = labels[i] === c ? 1 : -1;
        const cost = options.cost * (exampleWeights?.[i] ?? 1);
        let wx = b;
        for (let k = 0; k < x.index.length; k++) wx += w[x.index[k]!]! * x.value[k]!;
        const gradient = y * wx - 1 + alpha[i]! / (2 * cost);
        const projected = alpha[i] === 0 ? Math.min(gradient, 0) : gradient;
        largestGradient = Math.max(largestGradient, Math.abs(projected));
        if (projected === 0) continue;
        const before = alpha[i]!;
        const after = Math.max(before - gradient / (squaredNorms[i]! + 1 / (2 * cost)), 0);
        alpha[i] = after;
        const step = (after - before) * y;
        for (let k = 0; k < x.index.length; k++) w[x.index[k]!]! += step * x.value[k]!;
        b += step;
      }
      if (pause) await pause();
      if (largestGradient < options.tolerance) break;
    }
    for (let k = 0; k < columns.length; k++) weights[k * classes + c] = w[k]!;
    bias[c] = b;
  }
  return { classes, columns, weights, bias };
}

// Training a category model from examples (text → category) on the deployment's category tree:
// a calibration part is held out to fit each node's temperature, then the model is trained again
// on every example with those temperatures.
import { fitTemperature } from './calibration.js';
import { CategoryModel, type NodeClassifier } from './category-model.js';
import { FeatureSpace, type SparseVector } from './feature-space.js';
import { DEFAULT_SVM, trainOneVsRest, type Pause, type SvmOptions } from './linear-svm.js';
import { stratifiedSplit } from './random.js';
import { DEFAULT_FEATURES, type FeatureOptions } from './text-features.js';

/** A node of the deployment's category tree, as the trainer needs it. */
export interface TreeCategory {
  id: number;
  parentId: number | null;
  name: string;
  keywords: readonly string[];
  active: boolean;
}

export interface TrainingExample {
  text: string;
  categoryId: number;
  /** How much the example counts (1: a category staff confirmed; less: one made from keywords). */
  weight?: number;
}

export interface TrainingOptions {
  features: FeatureOptions;
  svm: SvmOptions;
  /** Share of the examples held out to fit the temperatures (when there are enough). */
  calibrationShare: number;
  /** Fewer examples than this: no calibration part, the default temperature. */
  minExamplesToCalibrate: number;
  seed: number;
  pause?: Pause;
}

/**
 * Character n-grams up to three and a weaker regularisation (C = 30) than the feature and SVM
 * defaults: chosen on a validation split carved from the Teddy training part (macro-F1 0.9183 →
 * 0.9219), never on the held-out split; see `npm run eval`.
 */
export const DEFAULT_TRAINING: TrainingOptions = {
  features: { ...DEFAULT_FEATURES, maxOrder: 3 },
  svm: { ...DEFAULT_SVM, cost: 30 },
  calibrationShare: 0.1,
  minExamplesToCalibrate: 200,
  seed: 20201,
};

/**
 * Without held-out examples: SVM scores of a clear text are about +1 for its class and −1 for the
 * others, so a factor of 3 gives such a text about 0.7 against a handful of classes.
 */
export const UNCALIBRATED_FACTOR = 3;
/** Below this many calibration examples a node uses the temperature fitted over all nodes. */
const MIN_NODE_CALIBRATION = 30;

export interface TrainedModel {
  model: CategoryModel;
  /** Examples used (after mapping to active categories). */
  exampleCount: number;
  calibrated: boolean;
}

interface Factors {
  byNode: Map<number | null, number>;
  pooled: number;
}

interface Labelled {
  vector: SparseVector;
  path: number[];
  weight: number;
}

/** The ids from the root to the category; null if it or an ancestor is missing. */
export function pathOf(
  categoryId: number,
  byId: ReadonlyMap<number, TreeCategory>,
): number[] | null {
  const path: number[] = [];
  let current = byId.get(categoryId);
  while (current) {
    path.unshift(current.id);
    if (current.parentId === null) return path;
    current = byId.get(current.parentId);
  }
  return null;
}

/** Cuts a path at its first inactive category: an example of a retired leaf still teaches its parent. */
function activePath(path: number[], byId: ReadonlyMap<number, TreeCategory>): number[] {
  const end = path.findIndex((id) => !byId.get(id)!.active);
  return end === -1 ? path : path.slice(0, end);
}

export async function trainCategoryModel(
  tree: readonly TreeCategory[],
  examples: readonly TrainingExample[],
  options: TrainingOptions = DEFAULT_TRAINING,
): Promise<TrainedModel> {
  const byId = new Map(tree.map((c) => [c.id, c]));
  const usable = examples
    .map((e) => ({ example: e, path: activePath(pathOf(e.categoryId, byId) ?? [], byId) }))
    .filter((e) => e.path.length > 0);
  const { space, vectors } = FeatureSpace.fit(
    usable.map((u) => u.example.text),
    options.features,
  );
  const labelled: Labelled[] = usable.map((u, i) => ({
    vector: vectors[i]!,
    path: u.path,
    weight: u.example.weight ?? 1,
  }));
  const realCount = labelled.filter((l) => l.weight >= 1).length;
  let factors: Factors = { byNode: new Map(), pooled: UNCALIBRATED_FACTOR };
  const calibrated = realCount >= options.minExamplesToCalibrate;
  if (calibrated) {
    const { kept, heldOut } = stratifiedSplit(
      labelled,
      (l) => (l.weight >= 1 ? l.path.join('/') : 'keywords'),
      options.calibrationShare,
      options.seed,
    );
    const trial = new CategoryModel(space, await trainNodes(kept, options));
    factors = fitFactors(
      trial,
      heldOut.filter((l) => l.weight >= 1),
    );
  }
  const nodes = await trainNodes(labelled, options, factors);
  return { model: new CategoryModel(space, nodes), exampleCount: labelled.length, calibrated };
}

/** One classifier per node with examples below it: the root first, then level by level. */
async function trainNodes(
  labelled: readonly Labelled[],
  options: TrainingOptions,
  factors: Factors = { byNode: new Map(), pooled: UNCALIBRATED_FACTOR },
): Promise<NodeClassifier[]> {
  const below = new Map<number | null, Labelled[]>();
  for (const l of labelled) {
    for (let depth = 0; depth < l.path.length; depth++) {
      const parent = depth === 0 ? null : l.path[depth - 1]!;
      const list = below.get(parent);
      if (list) list.push(l);
      else below.set(parent, [l]);
    }
  }
  const nodes: NodeClassifier[] = [];
  for (const [parentId, list] of below) {
    const depth = parentId === null ? 0 : list[0]!.path.indexOf(parentId) + 1;
    const children = [...new Set(list.map((l) => l.path[depth]!))].sort((a, b) => a - b);
    const classOf = new Map(children.map((id, c) => [id, c]));
    const classifier =
      children.length < 2
        ? null
        : await trainOneVsRest(
            list.map((l) => l.vector),
            list.map((l) => classOf.get(l.path[depth]!)!),
            children.length,
            options.svm,
            list.map((l) => l.weight),
            options.pause,
          );
    const factor = factors.byNode.get(parentId) ?? factors.pooled;
    nodes.push({ parentId, children, factor, classifier });
  }
  return nodes;
}

/** Each node's temperature from held-out examples; the pooled one where a node has too few. */
function fitFactors(model: CategoryModel, heldOut: readonly Labelled[]): Factors {
  const perNode = new Map<number | null, { scores: Float64Array[]; labels: number[] }>();
  const pooled: { scores: Float64Array[]; labels: number[] } = { scores: [], labels: [] };
  for (const l of heldOut) {
    for (let depth = 0; depth < l.path.length; depth++) {
      const parentId = depth === 0 ? null : l.path[depth - 1]!;
      const node = model.node(parentId);
      if (!node?.classifier) continue;
      const label = node.children.indexOf(l.path[depth]!);
      if (label < 0) continue;
      const scores = model.childScores(node, l.vector);
      const entry = perNode.get(parentId) ?? { scores: [], labels: [] };
      entry.scores.push(scores);
      entry.labels.push(label);
      perNode.set(parentId, entry);
      pooled.scores.push(scores);
      pooled.labels.push(label);
    }
  }
  if (pooled.scores.length === 0) return { byNode: new Map(), pooled: UNCALIBRATED_FACTOR };
  const pooledFactor = fitTemperature(pooled.scores, pooled.labels);
  const byNode = new Map<number | null, number>();
  for (const node of model.nodes) {
    const entry = perNode.get(node.parentId);
    byNode.set(
      node.parentId,
      entry && entry.scores.length >= MIN_NODE_CALIBRATION
        ? fitTemperature(entry.scores, entry.labels)
        : pooledFactor,
    );
  }
  return { byNode, pooled: pooledFactor };
}

// A category model: one linear classifier per node of the category tree that has examples below
// it (the root chooses among first levels, a first level among its second levels, …), sharing
// one feature space. A category's confidence is the product of the calibrated probabilities
// along its path, so every level gets a confidence and the levels always agree.
import { softmax } from './calibration.js';
import type { FeatureSpace, SparseVector } from './feature-space.js';
import { columnLookup, scoreClasses, type LinearClassifier } from './linear-svm.js';
import type { FeatureTable } from './feature-space.js';

/** The classifier of one node: which child of `parentId` (null: the root) a text belongs to. */
export interface NodeClassifier {
  parentId: number | null;
  /** Category ids of the children it chooses among (at least one). */
  children: number[];
  /** Temperature factor: probabilities are softmax(factor × scores). */
  factor: number;
  /** null when there is only one child to choose. */
  classifier: LinearClassifier | null;
}

/** A suggested category with its calibrated probability and its path of ids from the root. */
export interface ScoredCategory {
  categoryId: number;
  confidence: number;
  path: number[];
}

export interface CategoryPrediction {
  /** The most probable categories, as deep as the model knows, best first. */
  top: ScoredCategory[];
  /** The best category at each level (first level, then its best child, …) with its probability. */
  levels: ScoredCategory[];
}

/** How many partial paths stay in the search through the tree (top-3 needs a few more). */
const BEAM_WIDTH = 6;

export class CategoryModel {
  private readonly byParent = new Map<number | null, NodeClassifier>();
  private readonly lookups = new Map<NodeClassifier, FeatureTable>();

  constructor(
    readonly space: FeatureSpace,
    readonly nodes: readonly NodeClassifier[],
  ) {
    for (const node of nodes) {
      this.byParent.set(node.parentId, node);
      if (node.classifier) this.lookups.set(node, columnLookup(node.classifier.columns));
    }
  }

  /** Every category the model can suggest. */
  categories(): number[] {
    return [...new Set(this.nodes.flatMap((n) => n.children))];
  }

  /** The probabilities a node gives its children for a vector. */
  childProbabilities(node: NodeClassifier, vector: SparseVector): Float64Array {
    if (!node.classifier) return Float64Array.of(1);
    return softmax(scoreClasses(node.classifier, this.lookups.get(node)!, vector), node.factor);
  }

  /** The raw scores of a node's classifier (for calibration). */
  childScores(node: NodeClassifier, vector: SparseVector): Float64Array {
    if (!node.classifier) return Float64Array.of(0);
    return scoreClasses(node.classifier, this.lookups.get(node)!, vector);
  }

  node(parentId: number | null): NodeClassifier | undefined {
    return this.byParent.get(parentId);
  }

  classify(text: string, top = 3): CategoryPrediction {
    return this.classifyVector(this.space.vectorize(text), top);
  }

  classifyVector(vector: SparseVector, top = 3): CategoryPrediction {
    const done: ScoredCategory[] = [];
    const root = this.byParent.get(null);
    if (!root) return { top: [], levels: [] };
    const expand = (node: NodeClassifier, from: ScoredCategory | null) => {
      const probabilities = this.childProbabilities(node, vector);
      return node.children.map((categoryId, c) => ({
        categoryId,
        confidence: (from?.confidence ?? 1) * probabilities[c]!,
        path: [...(from?.path ?? []), categoryId],
      }));
    };
    let beam = expand(root, null);
    const levels: ScoredCategory[] = [];
    while (beam.length > 0) {
      beam.sort((a, b) => b.confidence - a.confidence);
      beam = beam.slice(0, BEAM_WIDTH);
      // The best at this level extends the best of the level above (the levels agree).
      const previous = levels.at(-1);
      const best = beam.find((c) => !previous || c.path[c.path.length - 2] === previous.categoryId);
      if (best) levels.push(best);
      const next: ScoredCategory[] = [];
      for (const candidate of beam) {
        const node = this.byParent.get(candidate.categoryId);
        if (node) next.push(...expand(node, candidate));
        else done.push(candidate);
      }
      beam = next;
    }
    done.sort((a, b) => b.confidence - a.confidence);
    return { top: done.slice(0, top), levels };
  }
}

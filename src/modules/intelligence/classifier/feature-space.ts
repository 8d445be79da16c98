// The columns a model knows (hashed n-grams seen in training) and their weights (TF-IDF), in
// typed arrays: one model serves every classification of an instance, so lookups must be cheap.
import { featureHashes, type FeatureOptions } from './text-features.js';

/** A text as the model sees it: sorted column numbers and L2-normalised TF-IDF values. */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

/** Open addressing from a 32-bit feature hash (never 0) to a column number. */
export class FeatureTable {
  private keys: Int32Array;
  private columns: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Int32Array(capacity);
    this.columns = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The column of `hash`, or -1. */
  get(hash: number): number {
    let slot = Math.imul(hash, 0x9e3779b1) & this.mask;
    for (;;) {
      const key = this.keys[slot]!;
      if (key === hash) return this.columns[slot]!;
      if (key === 0) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The column of `hash`, given the next free column if it is new. */
  add(hash: number): number {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    let slot = Math.imul(hash, 0x9e3779b1) & this.mask;
    for (;;) {
      const key = this.keys[slot]!;
      if (key === hash) return this.columns[slot]!;
      if (key === 0) {
        this.keys[slot] = hash;
        this.columns[slot] = this.size;
        return this.size++;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const { keys, columns } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.columns = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let slot = 0; slot < keys.length; slot++) {
      const key = keys[slot]!;
      if (key === 0) continue;
      let to = Math.imul(key, 0x9e3779b1) & this.mask;
      while (this.keys[to] !== 0) to = (to + 1) & this.mask;
      this.keys[to] = key;
      this.columns[to] = columns[slot]!;
    }
  }
}

/** IDF is stored in steps of 1/1024 (two bytes); training uses the same rounded values. */
export const IDF_STEP = 1024;
const roundIdf = (idf: number) => Math.min(Math.round(idf * IDF_STEP), 65535) / IDF_STEP;

/** The vocabulary of a model: feature hashes by column, and each column's IDF. */
export class FeatureSpace {
  private readonly table: FeatureTable;

  constructor(
    readonly options: FeatureOptions,
    readonly hashes: Int32Array,
    readonly idf: Float32Array,
  ) {
    this.table = new FeatureTable(hashes.length);
    for (const hash of hashes) this.table.add(hash);
  }

  get size(): number {
    return this.hashes.length;
  }

  /** Learns the vocabulary from texts (every n-gram seen at least `minCount` times) and vectorises them. */
  static fit(
    texts: readonly string[],
    options: FeatureOptions,
    minCount = 1,
  ): { space: FeatureSpace; vectors: SparseVector[] } {
    const seen = new FeatureTable(texts.length * 64);
    let documentCount = new Int32Array(1024);
    const perText = texts.map((text) => {
      const hashes = featureHashes(text, options);
      const distinct = new Set(hashes);
      for (const hash of distinct) {
        const column = seen.add(hash);
        if (column >= documentCount.length) {
          const larger = new Int32Array(documentCount.length * 2);
          larger.set(documentCount);
          documentCount = larger;
        }
        documentCount[column]!++;
      }
      return hashes;
    });
    const kept: number[] = [];
    const idf: number[] = [];
    const hashOfColumn = new Int32Array(seen.size);
    for (const hashes of perText) for (const hash of hashes) hashOfColumn[seen.get(hash)] = hash;
    for (let column = 0; column < seen.size; column++) {
      const df = documentCount[column]!;
      if (df < minCount) continue;
      kept.push(hashOfColumn[column]!);
      idf.push(roundIdf(Math.log((1 + texts.length) / (1 + df)) + 1));
    }
    const space = new FeatureSpace(options, Int32Array.from(kept), Float32Array.from(idf));
    return { space, vectors: perText.map((hashes) => space.vectorOf(hashes)) };
  }

  /** A text as a vector of this space; n-grams the space does not know are left out. */
  vectorize(text: string): SparseVector {
    return this.vectorOf(featureHashes(text, this.options));
  }

  private vectorOf(hashes: readonly number[]): SparseVector {
    const counts = new Map<number, number>();
    for (const hash of hashes) {
      const column = this.table.get(hash);
      if (column >= 0) counts.set(column, (counts.get(column) ?? 0) + 1);
    }
    const index = Int32Array.from(counts.keys()).sort();
    const value = new Float32Array(index.length);
    let norm = 0;
    for (let k = 0; k < index.length; k++) {
      const column = index[k]!;
      // Sublinear term frequency: the tenth 路灯 in a long story adds little.
      const weight = (1 + Math.log(counts.get(column)!)) * this.idf[column]!;
      value[k] = weight;
      norm += weight * weight;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < value.length; k++) value[k] = value[k]! * scale;
    return { index, value };
  }
}

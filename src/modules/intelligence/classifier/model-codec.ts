// A category model as one compact text for the database: feature hashes (4 bytes), IDF (2
// bytes) and weights quantised to one byte per class and column (with a scale per class),
// deflated and in base64. The model a deployment uses is always the decoded one, so what was
// measured is what runs.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { CategoryModel, type NodeClassifier } from './category-model.js';
import { FeatureSpace, IDF_STEP } from './feature-space.js';
import type { LinearClassifier } from './linear-svm.js';
import type { FeatureOptions } from './text-features.js';

const FORMAT = 1;

interface Header {
  format: number;
  features: FeatureOptions;
  size: number;
  nodes: Array<{ parentId: number | null; children: number[]; factor: number; columns: number }>;
}

class Writer {
  private readonly chunks: Buffer[] = [];
  private length = 0;
  push(bytes: ArrayBufferView): void {
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.chunks.push(Buffer.from(chunk));
    this.length += chunk.length;
    const padding = (4 - (this.length % 4)) % 4;
    if (padding) {
      this.chunks.push(Buffer.alloc(padding));
      this.length += padding;
    }
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

class Reader {
  private offset = 0;
  constructor(private readonly buffer: Buffer) {}
  take(byteLength: number): Buffer {
    const slice = this.buffer.subarray(this.offset, this.offset + byteLength);
    if (slice.length !== byteLength) throw new Error('model parameters are truncated');
    this.offset += byteLength + ((4 - (byteLength % 4)) % 4);
    // A copy, so typed arrays over it are aligned.
    return Buffer.from(slice);
  }
  int32(count: number): Int32Array {
    const bytes = this.take(count * 4);
    return new Int32Array(bytes.buffer, bytes.byteOffset, count);
  }
  float32(count: number): Float32Array {
    const bytes = this.take(count * 4);
    return new Float32Array(bytes.buffer, bytes.byteOffset, count);
  }
}

function quantise(classifier: LinearClassifier): { scale: Float32Array; weights: Int8Array } {
  const { classes, weights } = classifier;
  const scale = new Float32Array(classes);
  for (let i = 0; i < weights.length; i++) {
    const c = i % classes;
    scale[c] = Math.max(scale[c]!, Math.abs(weights[i]!));
  }
  for (let c = 0; c < classes; c++) scale[c] = scale[c]! / 127 || 1;
  const quantised = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++)
    quantised[i] = Math.round(weights[i]! / scale[i % classes]!);
  return { scale, weights: quantised };
}

/** The model as text for the database. */
export function encodeModel(model: CategoryModel): string {
  const { space } = model;
  const header: Header = {
    format: FORMAT,
    features: space.options,
    size: space.size,
    nodes: model.nodes.map((n) => ({
      parentId: n.parentId,
      children: n.children,
      factor: n.factor,
      columns: n.classifier?.columns.length ?? 0,
    })),
  };
  const writer = new Writer();
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  writer.push(Uint32Array.of(json.length));
  writer.push(json);
  writer.push(space.hashes);
  writer.push(Uint16Array.from(space.idf, (idf) => Math.round(idf * IDF_STEP)));
  for (const node of model.nodes) {
    if (!node.classifier) continue;
    const { columns, bias } = node.classifier;
    // Ascending columns as differences: small numbers, which deflate well.
    writer.push(columns.map((column, k) => (k === 0 ? column : column - columns[k - 1]!)));
    writer.push(bias);
    const { scale, weights } = quantise(node.classifier);
    writer.push(scale);
    writer.push(weights);
  }
  return deflateRawSync(writer.bytes(), { level: 9 }).toString('base64');
}

/** The model back from its text; throws on a format it does not know. */
export function decodeModel(text: string): CategoryModel {
  const reader = new Reader(inflateRawSync(Buffer.from(text, 'base64')));
  const headerLength = reader.int32(1)[0]!;
  const header = JSON.parse(reader.take(headerLength).toString('utf8')) as Header;
  if (header.format !== FORMAT) throw new Error(`unknown model format ${header.format}`);
  const hashes = reader.int32(header.size);
  const idfBytes = reader.take(header.size * 2);
  const idf = Float32Array.from(
    new Uint16Array(idfBytes.buffer, idfBytes.byteOffset, header.size),
    (q) => q / IDF_STEP,
  );
  const space = new FeatureSpace(header.features, hashes, idf);
  const nodes: NodeClassifier[] = header.nodes.map((n) => {
    if (n.columns === 0) return { ...n, classifier: null };
    const classes = n.children.length;
    const columns = reader.int32(n.columns);
    for (let k = 1; k < columns.length; k++) columns[k] = columns[k]! + columns[k - 1]!;
    const bias = reader.float32(classes);
    const scale = reader.float32(classes);
    const quantised = new Int8Array(reader.take(n.columns * classes));
    const weights = Float32Array.from(quantised, (q, i) => q * scale[i % classes]!);
    return {
      parentId: n.parentId,
      children: n.children,
      factor: n.factor,
      classifier: { classes, columns, weights, bias },
    };
  });
  return new CategoryModel(space, nodes);
}

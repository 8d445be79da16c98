import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '../../platform/errors.js';
import { newSecret } from '../../platform/ids.js';
import { hasControlBytes, SNIFF_BYTES } from './attachment-types.js';

/** A file received into a temporary place, measured and hashed on the way. */
export interface ReceivedFile {
  tempPath: string;
  size: number;
  sha256: string;
  head: Uint8Array;
  /** Whole content is UTF-8 text without control characters. */
  isText: boolean;
}

/** Watches a stream go by: size (refusing beyond the limit), SHA-256, first bytes, text-ness. */
class Meter extends Transform {
  size = 0;
  readonly hash = createHash('sha256');
  head = Buffer.alloc(0);
  isText = true;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(
    chunk: Buffer,
    _encoding: string,
    done: (error?: Error | null, data?: Buffer) => void,
  ): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      done(tooLarge(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    if (this.head.length < SNIFF_BYTES) {
      this.head = Buffer.concat([this.head, chunk.subarray(0, SNIFF_BYTES - this.head.length)]);
    }
    if (this.isText) this.isText = this.textChunk(chunk, true);
    done(null, chunk);
  }

  override _flush(done: () => void): void {
    if (this.isText) this.isText = this.textChunk(new Uint8Array(0), false);
    done();
  }

  private textChunk(chunk: Uint8Array, more: boolean): boolean {
    try {
      this.decoder.decode(chunk, { stream: more });
      return !hasControlBytes(chunk);
    } catch {
      return false;
    }
  }
}

export const tooLarge = (maxBytes: number): DomainError =>
  new DomainError('PAYLOAD_TOO_LARGE', `A file may be at most ${maxBytes} bytes`, {
    maxBytes,
  });

async function fsyncPath(target: string, flags: string): Promise<void> {
  const handle = await fs.promises.open(target, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Attachments on disk under <dataDir>/attachments/<yyyy>/<mm>/<random>. A file is written to a
 * temporary name, flushed to disk, then renamed into place (a rename is atomic), so a crash
 * never leaves a half-written file under a key the database knows.
 */
export class AttachmentStorage {
  readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'attachments');
  }

  async receive(content: Readable, maxBytes: number): Promise<ReceivedFile> {
    const tmpDir = path.join(this.root, 'tmp');
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const tempPath = path.join(tmpDir, `${newSecret(12)}.part`);
    const meter = new Meter(maxBytes);
    // The file is opened before anything flows and closed before it is discarded: a write
    // stream that opens lazily could create the file after a refused upload was cleaned up.
    const handle = await fs.promises.open(tempPath, 'wx');
    try {
      await pipeline(content, meter, async (chunks: AsyncIterable<Buffer>) => {
        for await (const chunk of chunks) await handle.write(chunk);
      });
      await handle.sync();
      await handle.close();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await this.discard(tempPath);
      throw error;
    }
    return {
      tempPath,
      size: meter.size,
      sha256: meter.hash.digest('hex'),
      head: meter.head,
      isText: meter.isText,
    };
  }

  /** Moves a received file to its final place; returns its storage key ("2026/03/<random>"). */
  async keep(file: ReceivedFile, yearMonth: { year: string; month: string }): Promise<string> {
    const key = `${yearMonth.year}/${yearMonth.month}/${newSecret(18)}`;
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    await fs.promises.rename(file.tempPath, target);
    await fsyncPath(path.dirname(target), 'r');
    return key;
  }

  async discard(filePath: string): Promise<void> {
    await fs.promises.rm(filePath, { force: true });
  }

  async remove(key: string): Promise<void> {
    await this.discard(this.pathOf(key));
  }

  open(key: string): Readable {
    return fs.createReadStream(this.pathOf(key));
  }

  pathOf(key: string): string {
    if (!/^\d{4}\/\d{2}\/[\w-]+$/.test(key)) throw new Error(`bad attachment key ${key}`);
    return path.join(this.root, ...key.split('/'));
  }
}

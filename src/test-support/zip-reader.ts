// Reads a ZIP archive back (PKWARE APPNOTE), so tests can open an exported XLSX without a
// dependency. Each entry's CRC-32 is checked with Node's own zlib.crc32, not the writer's.
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/**
 * The entries of a ZIP archive, read from its central directory; checks each entry's CRC-32
 * and sizes, and throws on anything it cannot read.
 */
export function readZip(zip: Buffer): ZipEntry[] {
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0) throw new Error('not a ZIP archive: no end of central directory');
  const count = zip.readUInt16LE(endAt + 10);
  let at = zip.readUInt32LE(endAt + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const size = zip.readUInt32LE(at + 20);
    const rawSize = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (zip.readUInt32LE(localAt) !== 0x04034b50) throw new Error(`bad local header: ${name}`);
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    const stored = zip.subarray(dataAt, dataAt + size);
    const data = method === 8 ? zlib.inflateRawSync(stored) : Buffer.from(stored);
    if (method !== 8 && method !== 0) throw new Error(`${name}: method ${method}`);
    if (data.length !== rawSize || zlib.crc32(data) !== crc) throw new Error(`${name}: bad CRC`);
    entries.push({ name, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// Which files a ticket may carry, recognised by their first bytes (magic numbers), not by the
// type the uploader declared: a declared type is only a claim.

export const ATTACHMENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'application/pdf',
  'audio/mpeg',
  'audio/amr',
  'video/mp4',
  'text/plain',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const ATTACHMENT_PURPOSES = ['appeal', 'reply'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/** How many leading bytes sniffing needs. */
export const SNIFF_BYTES = 16;

/** Other names browsers and phones use for the same types. */
const ALIASES: Record<string, AttachmentType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/mpeg3': 'audio/mpeg',
  'audio/x-mpeg': 'audio/mpeg',
  'audio/amr-nb': 'audio/amr',
  'application/x-pdf': 'application/pdf',
};

/** Declared types that say nothing (the file's bytes decide). */
const GENERIC = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

const startsWith = (head: Uint8Array, bytes: number[], at = 0): boolean =>
  bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

/** The binary type the leading bytes show, or null when none matches. */
export function sniffBinaryType(head: Uint8Array): Exclude<AttachmentType, 'text/plain'> | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(head, ascii('#!AMR\n'))) return 'audio/amr';
  if (startsWith(head, ascii('ftyp'), 4)) return 'video/mp4';
  if (startsWith(head, ascii('ID3'))) return 'audio/mpeg';
  // An MPEG audio frame header: 11 sync bits set, a layer other than "reserved".
  const b0 = head[0];
  const b1 = head[1];
  if (b0 === 0xff && b1 !== undefined && (b1 & 0xe0) === 0xe0 && (b1 & 0x06) !== 0) {
    return 'audio/mpeg';
  }
  return null;
}

/** The declared type in our vocabulary ('image/jpg' → 'image/jpeg'), parameters dropped. */
export function normaliseDeclaredType(declared: string | undefined): string {
  const base = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  return ALIASES[base] ?? base;
}

export type TypeDecision = { ok: true; type: AttachmentType } | { ok: false; reason: string };

/**
 * Decides a file's type from what was declared and what its bytes show. `isText` says whether the
 * whole content is UTF-8 text without control characters (checked while streaming).
 */
export function decideAttachmentType(
  declared: string | undefined,
  head: Uint8Array,
  isText: boolean,
): TypeDecision {
  const claimed = normaliseDeclaredType(declared);
  const known = (ATTACHMENT_TYPES as readonly string[]).includes(claimed);
  if (!known && !GENERIC.has(claimed)) {
    return { ok: false, reason: `Files of type ${claimed} are not accepted` };
  }
  const sniffed = sniffBinaryType(head) ?? (isText && head.length > 0 ? 'text/plain' : null);
  if (sniffed === null) {
    return { ok: false, reason: 'The file content is not of an accepted type' };
  }
  if (known && claimed !== sniffed) {
    return { ok: false, reason: `The file says ${claimed} but its content is ${sniffed}` };
  }
  return { ok: true, type: sniffed };
}

/** True when `bytes` (a whole chunk of a UTF-8 stream) has a control character other than tab/CR/LF/FF. */
export function hasControlBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return true;
    if (b === 0x7f) return true;
  }
  return false;
}

/** A file name safe to store and to send back: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  const chars = Array.from(clean);
  return chars.length === 0 ? 'attachment' : chars.slice(-200).join('');
}

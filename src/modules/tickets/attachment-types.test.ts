import { describe, expect, it } from 'vitest';
import { cleanFileName, decideAttachmentType, sniffBinaryType } from './attachment-types.js';

const bytes = (...parts: Array<number[] | string>): Uint8Array =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p)),
  );

const SAMPLES = {
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'),
  png: bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'),
  gif: bytes('GIF89a', [1, 0, 1, 0]),
  webp: bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '),
  pdf: bytes('%PDF-1.7\n'),
  mp3: bytes('ID3', [4, 0, 0, 0, 0, 0, 0]),
  mp3Frame: bytes([0xff, 0xfb, 0x90, 0x64]),
  amr: bytes('#!AMR\n', [0x3c]),
  mp4: bytes([0, 0, 0, 0x18], 'ftypmp42'),
  exe: bytes('MZ', [0x90, 0, 3, 0]),
};

describe('attachment types', () => {
  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['gif', 'image/gif'],
    ['webp', 'image/webp'],
    ['pdf', 'application/pdf'],
    ['mp3', 'audio/mpeg'],
    ['mp3Frame', 'audio/mpeg'],
    ['amr', 'audio/amr'],
    ['mp4', 'video/mp4'],
  ] as const)('recognises %s by its first bytes', (sample, type) => {
    expect(sniffBinaryType(SAMPLES[sample])).toBe(type);
  });

  it('recognises nothing in an executable', () => {
    expect(sniffBinaryType(SAMPLES.exe)).toBeNull();
  });

  it('accepts a file whose content matches the declared type, aliases included', () => {
    expect(decideAttachmentType('image/jpg', SAMPLES.jpeg, false)).toEqual({
      ok: true,
      type: 'image/jpeg',
    });
    expect(decideAttachmentType('text/plain; charset=utf-8', bytes('路灯'), true)).toEqual({
      ok: true,
      type: 'text/plain',
    });
  });

  it('lets the content decide when the declared type says nothing', () => {
    expect(decideAttachmentType('application/octet-stream', SAMPLES.amr, false)).toEqual({
      ok: true,
      type: 'audio/amr',
    });
  });

  it('refuses a content that does not match its declared type', () => {
    expect(decideAttachmentType('image/png', SAMPLES.pdf, false).ok).toBe(false);
    expect(decideAttachmentType('text/plain', SAMPLES.exe, false).ok).toBe(false);
    expect(decideAttachmentType('image/jpeg', bytes('hello'), true).ok).toBe(false);
  });

  it('refuses types outside the list and unknown content', () => {
    expect(decideAttachmentType('application/x-msdownload', SAMPLES.exe, false).ok).toBe(false);
    expect(decideAttachmentType('application/octet-stream', SAMPLES.exe, false).ok).toBe(false);
    expect(decideAttachmentType('image/svg+xml', bytes('<svg/>'), true).ok).toBe(false);
  });

  it('keeps file names readable and harmless', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\photos\\路灯 𠮷.jpg')).toBe('路灯 𠮷.jpg');
    expect(cleanFileName('a\u0000b"c.txt')).toBe('abc.txt');
    expect(cleanFileName('')).toBe('attachment');
  });
});

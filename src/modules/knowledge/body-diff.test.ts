import { describe, expect, it } from 'vitest';
import { diffText, type DiffPart } from './body-diff.js';

const side = (parts: DiffPart[], keep: 'delete' | 'insert') =>
  parts
    .filter((p) => p.op === 'equal' || p.op === keep)
    .map((p) => p.text)
    .join('');

describe('diffText', () => {
  it.each([
    ['', ''],
    ['', '新内容\n'],
    ['旧内容\n', ''],
    ['a\nb\nc', 'a\nc\nd'],
    ['收费标准为每吨2.5元\n按月抄表', '收费标准为每吨2.8元\n按月抄表\n'],
    ['𠮷野家😀营业\n', '𠮷野家😃营业\n'],
    ['一\n二\n三\n四\n', '零\n一\n三\n四\n五\n'],
  ])('rebuilds both texts from %j → %j', (before, after) => {
    const parts = diffText(before, after);
    expect(side(parts, 'delete')).toBe(before);
    expect(side(parts, 'insert')).toBe(after);
  });

  it('shows a small change inside a Chinese line by character', () => {
    expect(diffText('居民用水：\n每吨2.5元\n', '居民用水：\n每吨2.8元\n')).toEqual([
      { op: 'equal', text: '居民用水：\n每吨2.' },
      { op: 'delete', text: '5' },
      { op: 'insert', text: '8' },
      { op: 'equal', text: '元\n' },
    ]);
  });

  it('never splits a character outside the Basic Multilingual Plane', () => {
    const parts = diffText('𠮷野家😀\n', '𠮷野家😃\n');
    expect(parts).toEqual([
      { op: 'equal', text: '𠮷野家' },
      { op: 'delete', text: '😀' },
      { op: 'insert', text: '😃' },
      { op: 'equal', text: '\n' },
    ]);
  });

  it('replaces a rewritten line whole instead of matching scattered characters', () => {
    expect(diffText('办理时间为工作日\n', '请携带身份证原件\n')).toEqual([
      { op: 'delete', text: '办理时间为工作日\n' },
      { op: 'insert', text: '请携带身份证原件\n' },
    ]);
  });

  it('copes with long bodies', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `第${i}行\n`).join('');
    const after = before.replace('第1500行', '第1500行（已修改）');
    const parts = diffText(before, after);
    expect(side(parts, 'delete')).toBe(before);
    expect(side(parts, 'insert')).toBe(after);
    expect(parts.filter((p) => p.op !== 'equal')).toEqual([{ op: 'insert', text: '（已修改）' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { indexTerms } from '../../../platform/text.js';
import { fieldTerms, queryPieces, stem, tokenize } from './analyzer.js';
import { markdownToPlainText } from './plain-text.js';
import { SynonymMatcher } from './synonyms.js';
import { editDistance, Vocabulary } from './typo.js';

describe('analyzer', () => {
  it('folds English plurals to the singular and leaves other words alone', () => {
    expect(
      ['lights', 'cities', 'boxes', 'houses', 'trees', 'status', 'this', 'gas', '路灯'].map(stem),
    ).toEqual(['light', 'city', 'box', 'house', 'tree', 'status', 'this', 'gas', '路灯']);
  });

  it('indexes the terms of src/platform/text.ts, plus emoji', () => {
    const text = '3号楼停水 Street LIGHT 𠮷野';
    const terms = [...fieldTerms(text, true).counts.keys()];
    expect(terms).toEqual(expect.arrayContaining(indexTerms(text)));
    expect([...fieldTerms('停水🚰了', true).counts.keys()]).toContain('🚰');
  });

  it('keeps single common characters of a body only through their bigrams', () => {
    const terms = [...fieldTerms('路灯不亮，水', false).counts.keys()];
    expect(terms).toEqual(['路灯', '灯不', '不亮', '水']);
    expect([...fieldTerms('𠮷野家', false).counts.keys()]).toContain('𠮷');
  });

  it('gives each token its place in the original text, before normalisation', () => {
    const text = 'ＡＢＣ 路灯 café';
    expect(tokenize(text).map((t) => [t.term, text.slice(t.start, t.end)])).toEqual([
      ['abc', 'ＡＢＣ'],
      ['路', '路'],
      ['灯', '灯'],
      ['café', 'café'],
    ]);
    const decomposed = 'cafe\u0301';
    expect(tokenize(decomposed).map((t) => t.term)).toEqual(['café']);
  });

  it('reads a query as bigrams, lone characters, words and emoji, in order', () => {
    expect(queryPieces('路灯不亮 水 streetlights 🍜').map((p) => p.term)).toEqual([
      '路灯',
      '灯不',
      '不亮',
      '水',
      'streetlight',
      '🍜',
    ]);
  });

  it('turns Markdown into the text a reader sees', () => {
    const markdown = [
      '# 办理**流程**',
      '',
      '1. 携带[居民身份证](https://example.org/id)',
      '- ![窗口照片](/img/1.png) 到 `政务中心` 办理',
      '> 注意：<b>周末</b>不办公 &amp; 节假日顺延',
      '| 窗口 | 时间 |',
      '|---|---|',
      '| 3号 | 9:00 |',
    ].join('\n');
    expect(markdownToPlainText(markdown)).toBe(
      '办理流程 携带居民身份证 窗口照片 到 政务中心 办理 注意： 周末 不办公 & 节假日顺延 窗口 时间 3号 9:00',
    );
  });
});

describe('synonyms', () => {
  const matcher = new SynonymMatcher([
    ['公积金', '住房公积金'],
    ['路灯', '街灯'],
    ['streetlight', 'street light'],
  ]);
  const find = (query: string) =>
    matcher.find(queryPieces(query).map((p) => p.term)).map((s) => s.alternatives);

  it('matches the longest member inside a longer run of Chinese', () => {
    expect(find('住房公积金提取')).toEqual([[['公积', '积金']]]);
    expect(find('公积金提取')).toEqual([[['住房', '房公', '公积', '积金']]]);
  });

  it('matches members of several words', () => {
    expect(find('broken street lights')).toEqual([[['streetlight']]]);
    expect(find('街灯不亮')).toEqual([[['路灯']]]);
    expect(find('路面')).toEqual([]);
  });
});

describe('typo tolerance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit', () => {
    expect(editDistance('teh', 'the', 2)).toBe(1);
    expect(editDistance('garbge', 'garbage', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
  });

  it('corrects to indexed words one edit away, two for long words, most common first', () => {
    const vocabulary = new Vocabulary([
      { term: 'light', df: 5 },
      { term: 'night', df: 9 },
      { term: 'streetlight', df: 3 },
      { term: 'sight', df: 1 },
    ]);
    expect(vocabulary.corrections('lihgt').map((c) => c.term)).toEqual(['light']);
    expect(vocabulary.corrections('tight').map((c) => c.term)).toEqual(['night', 'light', 'sight']);
    expect(vocabulary.corrections('stretlihgt').map((c) => c.term)).toEqual(['streetlight']);
  });
});

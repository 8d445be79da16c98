import { describe, expect, it } from 'vitest';
import { indexTerms, queryTerms } from './text.js';

describe('search terms', () => {
  it('indexes Chinese as characters and bigrams', () => {
    expect(indexTerms('路灯不亮')).toEqual(['路', '灯', '不', '亮', '路灯', '灯不', '不亮']);
  });

  it('queries a two-character word as one bigram and longer words as overlapping bigrams', () => {
    expect(queryTerms('停水')).toEqual(['停水']);
    expect(queryTerms('路灯不亮')).toEqual(['路灯', '灯不', '不亮']);
    expect(queryTerms('灯')).toEqual(['灯']);
  });

  it('lower-cases words of spaced scripts and mixes both', () => {
    expect(queryTerms('Street LIGHT 路灯')).toEqual(['street', 'light', '路灯']);
  });

  it('keeps characters outside the basic plane whole (CJK Extension B)', () => {
    expect(indexTerms('𠮷野')).toEqual(['𠮷', '野', '𠮷野']);
    expect(queryTerms('𠮷')).toEqual(['𠮷']);
  });

  it('separates digits and Latin letters from the Chinese around them', () => {
    expect(indexTerms('3号楼停水')).toEqual(['3', '号', '楼', '停', '水', '号楼', '楼停', '停水']);
    expect(queryTerms('A座路灯')).toEqual(['a', '座路', '路灯']);
  });

  it('normalises full-width letters and digits', () => {
    expect(queryTerms('ＡＢＣ１２３')).toEqual(['abc123']);
  });
});

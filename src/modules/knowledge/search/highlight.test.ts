import { describe, expect, it } from 'vitest';
import { highlightHtml, snippetHtml } from './highlight.js';

describe('highlighting', () => {
  it('marks overlapping and touching matches as one', () => {
    expect(highlightHtml('路灯不亮怎么办', new Set(['路灯', '灯不', '不亮']))).toBe(
      '<mark>路灯不亮</mark>怎么办',
    );
  });

  it('marks whole words, plurals included, and escapes the rest', () => {
    expect(highlightHtml('Broken <b>Streetlights</b> & lamps', new Set(['streetlight']))).toBe(
      'Broken &lt;b&gt;<mark>Streetlights</mark>&lt;/b&gt; &amp; lamps',
    );
  });

  it('cuts a snippet around the densest matches, with … at the cuts', () => {
    const text = `${'前'.repeat(150)}路灯不亮，路灯损坏${'后'.repeat(150)}`;
    const html = snippetHtml(text, new Set(['路灯', '不亮']), 40);
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(html).toContain('<mark>路灯不亮</mark>，<mark>路灯</mark>损坏');
    expect(html.replace(/<\/?mark>|…/g, '')).toHaveLength(40);
  });

  it('never cuts a character outside the basic plane in half', () => {
    const text = '𠮷'.repeat(80);
    const html = snippetHtml(text, new Set(), 51);
    expect(html.endsWith('…')).toBe(true);
    expect(Array.from(html.slice(0, -1)).every((c) => c === '𠮷')).toBe(true);
  });

  it('does not cut English words', () => {
    const text = `${'word '.repeat(40)}the streetlight is out ${'more '.repeat(40)}`;
    const html = snippetHtml(text, new Set(['streetlight']), 60);
    expect(html).toMatch(/^… ?word/);
    expect(html).toMatch(/(?:more|word) ?…$/);
  });
});

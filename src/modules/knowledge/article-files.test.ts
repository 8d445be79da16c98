import { describe, expect, it } from 'vitest';
import {
  readMarkdownArticle,
  writeMarkdownArticle,
  type ExportedArticle,
} from './article-files.js';
import { parseFrontMatter } from './front-matter.js';
import { markdownToPlainText, renderMarkdown } from './markdown.js';

const article: ExportedArticle = {
  id: 12,
  state: 'published',
  version: 3,
  publishedVersion: 3,
  updatedAt: '2026-03-02T01:00:00.000Z',
  title: '𠮷野家: "营业时间" 😀',
  body: '---\n# 标题\n\nkey: value # 不是注释',
  categoryIds: [1],
  categoryCodes: ['010101'],
  keywords: ['营业时间', 'a, b', "it's", 'null', '[x]'],
  synonyms: [],
  ownerUnitId: 3,
  ownerCode: 'housing',
  audience: 'public',
  effectiveFrom: '2026-03-01',
  expiresOn: null,
  reviewBy: '2026-06-01',
};

describe('articles as Markdown files', () => {
  it('reads back what it writes, whatever the characters', () => {
    const text = writeMarkdownArticle(article);
    const read = readMarkdownArticle('a.md', text);
    expect('record' in read).toBe(true);
    if (!('record' in read)) return;
    expect(read.record).toMatchObject({
      id: 12,
      title: article.title,
      categoryCodes: ['010101'],
      keywords: article.keywords,
      synonyms: [],
      ownerCode: 'housing',
      audience: 'public',
      effectiveFrom: '2026-03-01',
      expiresOn: null,
      reviewBy: '2026-06-01',
    });
    expect(read.record.body?.trim()).toBe(article.body);
  });

  it('reads the YAML people write by hand', () => {
    const { fields, body } = parseFrontMatter(
      [
        '\uFEFF---',
        '# a comment',
        'title: 停水了怎么办 # 注释',
        "owner: 'water'",
        'keywords: [停水, "水压低", \'没水\']',
        'synonyms:',
        '  - 断水',
        '  - "停 水"',
        'expires_on:',
        'review_by: ~',
        '---',
        '',
        '正文',
      ].join('\r\n'),
    );
    expect(Object.fromEntries([...fields].map(([k, v]) => [k, v.value]))).toEqual({
      title: '停水了怎么办',
      owner: 'water',
      keywords: ['停水', '水压低', '没水'],
      synonyms: ['断水', '停 水'],
      expires_on: null,
      review_by: null,
    });
    expect(fields.get('synonyms')?.line).toBe(6);
    expect(body).toBe('正文');
  });

  it('reads the example of the README', () => {
    const read = readMarkdownArticle(
      'example.md',
      [
        '---',
        'id: 12 # optional: update this article',
        'title: 停水了怎么查询停水通知',
        "categories: ['090101'] # category codes (停水)",
        'keywords: [停水, 停水通知]',
        'synonyms: [没水, 断水]',
        "owner: water-company # unit code (default: the editor's unit)",
        'audience: public',
        'effective_from: 2026-03-01',
        'expires_on:',
        'review_by: 2026-09-01',
        '---',
        '',
        '计划停水会提前 **24 小时** 公告……',
      ].join('\n'),
    );
    expect('record' in read && read.record).toMatchObject({
      id: 12,
      title: '停水了怎么查询停水通知',
      categoryCodes: ['090101'],
      keywords: ['停水', '停水通知'],
      synonyms: ['没水', '断水'],
      ownerCode: 'water-company',
      audience: 'public',
      effectiveFrom: '2026-03-01',
      expiresOn: null,
      reviewBy: '2026-09-01',
      body: '计划停水会提前 **24 小时** 公告……',
    });
  });

  it.each([
    ['title: x\n---\n', 1, 'front matter'],
    ['---\ntitle: "open\n---\n', 2, 'title'],
    ['---\nkeywords: [a, b\n---\n', 2, 'keywords'],
    ['---\ntitle: a\ntitle: b\n---\n', 3, 'title'],
    ['---\njust text\n---\n', 2, 'front matter'],
    ['---\ntitle: a\n', 3, 'front matter'],
    ['---\ncolour: red\n---\n', 2, 'colour'],
  ])('refuses %j at line %i, field %s', (text, line, field) => {
    const read = readMarkdownArticle('x.md', text);
    expect('problems' in read && read.problems[0]).toMatchObject({ file: 'x.md', line, field });
  });
});

describe('Markdown', () => {
  it('renders links, lists and images, and escapes raw HTML and script links', () => {
    const html = renderMarkdown(
      '**注意**\n\n- 一\n- 二\n\n[官网](https://example.org) [坏](javascript:alert(1)) <b>粗</b>\n\n![图](/api/v1/knowledge/images/3) https://example.com',
    );
    expect(html).toContain('<strong>注意</strong>');
    expect(html).toContain('<li>一</li>');
    expect(html).toContain(
      '<a href="https://example.org" target="_blank" rel="noopener noreferrer">官网</a>',
    );
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('&lt;b&gt;粗&lt;/b&gt;');
    expect(html).toContain('<img src="/api/v1/knowledge/images/3" alt="图">');
    expect(html).toContain('<a href="https://example.com"');
  });

  it('reduces Markdown to the words a citizen is told', () => {
    expect(
      markdownToPlainText('# 标题\n\n拨打 **12345**，或访问[官网](https://x.org)。\n\n- 一\n- 二'),
    ).toBe('标题\n拨打 12345，或访问官网。\n一\n二');
  });
});

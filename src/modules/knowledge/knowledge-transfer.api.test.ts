import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, UTF8_BOM } from '../../platform/csv.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import type { KnowledgeArticle } from './article.js';
import { createKnowledgeTest, UNIT_EDITORS, type KnowledgeTest } from './knowledge-test-support.js';

const ARTICLES = '/api/v1/knowledge/articles';

interface ImportAnswer {
  created: number;
  updated: number;
  errors: { file: string; line?: number; field: string; message: string }[];
}

/** The content fields two articles must share after a round trip. */
const contentOf = (a: KnowledgeArticle) => ({
  title: a.title,
  body: a.body,
  categoryIds: a.categoryIds,
  keywords: a.keywords,
  synonyms: a.synonyms,
  ownerUnitId: a.ownerUnitId,
  audience: a.audience,
  effectiveFrom: a.effectiveFrom,
  expiresOn: a.expiresOn,
  reviewBy: a.reviewBy,
});

describe.each(TEST_DIALECTS)('knowledge import and export on %s', (dialect) => {
  let t: KnowledgeTest;
  let original: KnowledgeArticle;
  const centre = () => t.as('kb1');
  const importFiles = async (
    username: string,
    files: { name: string; content: string }[],
  ): Promise<ImportAnswer> => {
    const response = await t.as(username).upload(
      '/api/v1/knowledge/import',
      files.map((f) => ({ ...f, type: 'application/octet-stream' })),
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ImportAnswer>();
  };
  const articleCount = async () =>
    Number(
      (
        await t.testDb.database.db
          .selectFrom('knowledge_articles')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const newest = async () =>
    (await centre().get(`${ARTICLES}/${await maxId()}`)).json<KnowledgeArticle>();
  const maxId = async () =>
    Number(
      (
        await t.testDb.database.db
          .selectFrom('knowledge_articles')
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirstOrThrow()
      ).id,
    );

  beforeAll(async () => {
    t = await createKnowledgeTest(dialect);
    const created = await centre().post(ARTICLES, {
      title: '𠮷野家: "营业时间" #1 😀',
      body: '# 营业时间\n\nkey: "value" # 不是注释\n- 周一至周五\n- 周末 🕘\n\n---\n结束,逗号',
      categoryIds: [t.fixture.categories.streetLight, t.fixture.categories.constructionNoise],
      keywords: ['营业时间', '𠮷', 'a, b'],
      synonyms: ['开门时间 🕘', "it's"],
      ownerUnitId: t.fixture.units.housingBureau,
      audience: 'public',
      effectiveFrom: '2026-03-01',
      expiresOn: '2026-12-31',
      reviewBy: '2026-06-01',
    });
    expect(created.statusCode).toBe(201);
    original = created.json<KnowledgeArticle>();
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes an article as Markdown with front matter and reads it back unchanged', async () => {
    const response = await centre().get(`${ARTICLES}/${original.id}/markdown`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    const markdown = response.body;
    expect(markdown).toMatch(/^---\nid: \d+\ntitle: "𠮷野家: \\"营业时间\\" #1 😀"\n/);
    expect(markdown).toContain('categories: ["010101", "020101"]\n');
    expect(markdown).toContain('owner: housing\n');
    expect(markdown).toContain('review_by: 2026-06-01\n');

    const same = await importFiles('kb1', [{ name: 'same.md', content: markdown }]);
    expect(same).toEqual({ created: 0, updated: 0, errors: [] });

    const copy = await importFiles('kb1', [
      { name: 'copy.md', content: markdown.replace(/^id: \d+\n/m, '') },
    ]);
    expect(copy).toEqual({ created: 1, updated: 0, errors: [] });
    const imported = await newest();
    expect(contentOf(imported)).toEqual(contentOf(original));
    expect(imported).toMatchObject({ state: 'draft', version: 1 });

    const changed = await importFiles('kb1', [
      { name: 'changed.md', content: markdown.replace(/^title: .*$/m, 'title: 新的标题') },
    ]);
    expect(changed).toEqual({ created: 0, updated: 1, errors: [] });
    const updated = (await centre().get(`${ARTICLES}/${original.id}`)).json<KnowledgeArticle>();
    expect(updated).toMatchObject({ title: '新的标题', version: 2, body: original.body });
    original = updated;
  });

  it('exports CSV for Excel and imports it back unchanged', async () => {
    const response = await centre().get('/api/v1/knowledge/export.csv');
    expect(response.statusCode).toBe(200);
    expect(response.body.startsWith(UTF8_BOM)).toBe(true);
    const csv = response.body;
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual([
      'id',
      'title',
      'owner',
      'audience',
      'categories',
      'keywords',
      'synonyms',
      'effective_from',
      'expires_on',
      'review_by',
      'body',
      'state',
      'version',
      'published_version',
      'updated_at',
    ]);
    const row = rows.find((r) => r[0] === String(original.id))!;
    expect(row.slice(1, 5)).toEqual(['新的标题', 'housing', 'public', '010101|020101']);

    expect(await importFiles('kb1', [{ name: 'all.csv', content: csv }])).toEqual({
      created: 0,
      updated: 0,
      errors: [],
    });
    const before = await articleCount();
    const header = rows[0]!.join(',');
    const withoutId = csv.replace(`\r\n${original.id},`, '\r\n,');
    expect(withoutId).not.toBe(csv);
    const answer = await importFiles('kb1', [
      {
        name: 'one.csv',
        content: [header, ...withoutId.split('\r\n').filter((l) => l.startsWith(','))].join('\r\n'),
      },
    ]);
    expect(answer).toEqual({ created: 1, updated: 0, errors: [] });
    expect(await articleCount()).toBe(before + 1);
    const copies = (
      await centre().get(`${ARTICLES}?q=${encodeURIComponent('新的标题')}&pageSize=100`)
    ).json<{
      items: KnowledgeArticle[];
    }>().items;
    expect(copies.filter((a) => a.id !== original.id).map(contentOf)).toContainEqual(
      contentOf(original),
    );
  });

  it('imports all files or none, naming the file, line and field of each problem', async () => {
    const before = await articleCount();
    const answer = await importFiles('kb1', [
      { name: 'good.md', content: '---\ntitle: 好的\n---\n正文' },
      {
        name: 'bad.md',
        content:
          '---\ntitle: 坏的\nowner: nowhere\ncategories:\n  - "010101"\nkeyword: 拼错\n---\n正文',
      },
      { name: 'rows.csv', content: 'title,body,review_by\n第一行,正文,2026-13-01\n,没有标题,\n' },
      { name: 'notes.txt', content: 'x' },
    ]);
    expect(answer.created).toBe(0);
    expect(answer.updated).toBe(0);
    expect(answer.errors).toEqual([
      expect.objectContaining({ file: 'bad.md', line: 6, field: 'keyword' }),
      expect.objectContaining({ file: 'rows.csv', line: 2, field: 'review_by' }),
      expect.objectContaining({ file: 'rows.csv', line: 3, field: 'title' }),
      expect.objectContaining({ file: 'notes.txt', field: 'file' }),
    ]);
    const owner = await importFiles('kb1', [
      { name: 'bad.md', content: '---\ntitle: 坏的\nowner: nowhere\n---\n正文' },
    ]);
    expect(owner.errors).toEqual([
      { file: 'bad.md', line: 3, field: 'owner', message: 'no unit has the code nowhere' },
    ]);
    expect(await articleCount()).toBe(before);
  });

  it("refuses a unit editor's import of another unit's articles", async () => {
    const foreign = await importFiles(UNIT_EDITORS.water, [
      { name: 'a.md', content: `---\nid: ${original.id}\ntitle: 改\n---\n正文` },
      { name: 'b.md', content: '---\ntitle: 给住建局\nowner: housing\n---\n正文' },
    ]);
    expect(foreign.errors.map((e) => [e.file, e.field])).toEqual([
      ['a.md', 'id'],
      ['b.md', 'owner'],
    ]);
    const own = await importFiles(UNIT_EDITORS.water, [
      {
        name: 'c.md',
        content: '---\ntitle: 水表报装\nkeywords: [水表, "报装"]\n---\n带上房产证。',
      },
    ]);
    expect(own).toEqual({ created: 1, updated: 0, errors: [] });
    expect(await newest()).toMatchObject({
      title: '水表报装',
      keywords: ['水表', '报装'],
      ownerUnitId: t.fixture.units.waterCompany,
      reviewBy: '2026-08-29',
    });
  });
});

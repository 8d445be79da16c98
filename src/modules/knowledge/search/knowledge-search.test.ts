import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../platform/db/database.js';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../../../test-support/databases.js';
import { createFixture, type Fixture } from '../../../test-support/fixtures.js';
import { KnowledgeSearch } from './knowledge-search.js';
import type { IndexedArticle, SearchHit, SearchOptions } from './search-types.js';
import { testArticles } from './test-articles.js';

const TODAY = '2026-03-02';

/** Queries and the article a user expects on top. */
const EXPECTED_FIRST: Array<[query: string, mode: 'query' | 'appeal', articleId: number]> = [
  ['路灯不亮', 'query', 1],
  ['街灯坏了', 'query', 1], // synonym 街灯 → 路灯
  ['路登不亮', 'query', 1], // one wrong character
  ['噪声', 'query', 2], // synonym of 噪音
  ['欠薪', 'query', 4], // synonym of 拖欠工资
  ['公司拖欠工资怎么办', 'query', 4],
  ['公积金', 'query', 5],
  ['社保', 'query', 6], // synonym of 社会保险
  ['电瓶车充电', 'query', 13], // synonym of 电动自行车
  ['燃气泄漏', 'query', 8],
  ['投诉 物业', 'query', 7],
  ['streetlights', 'query', 23], // plural
  ['streetlihgt', 'query', 23], // typo
  ['garbage', 'query', 25], // synonym of trash
  ['how do I report a pothole', 'query', 27],
  ['wage theft', 'query', 28],
  [
    '您好，我家住在江阳区南城街道，我们小区门口那条路的路灯已经坏了好几天了，晚上黑漆漆的，老人小孩出门很不安全，希望有关部门尽快派人来修一下，谢谢',
    'appeal',
    1,
  ],
  [
    "Hi, I'm calling because the landlord has not turned on the heating in our apartment building for a week and it is freezing",
    'appeal',
    26,
  ],
];

/** Every dialect's results for EXPECTED_FIRST, compared at the end. */
const resultsByDialect = new Map<string, SearchHit[][]>();

describe.each(TEST_DIALECTS)('knowledge search on %s', (dialect) => {
  let testDb: TestDatabase;
  let fixture: Fixture;
  let search: KnowledgeSearch;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    fixture = await createFixture(testDb.database);
    search = new KnowledgeSearch(testDb.database);
    const articles = testArticles(fixture);
    await testDb.database.write(async (trx) => {
      for (const article of articles) await search.put(trx, article);
    });
  });
  afterAll(async () => {
    await testDb.drop();
  });

  const find = (query: string, options: Partial<SearchOptions> = {}) =>
    search.search(query, { audience: 'staff', today: TODAY, ...options });
  const ids = async (query: string, options: Partial<SearchOptions> = {}) =>
    (await find(query, options)).hits.map((hit) => hit.articleId);
  const article = (articleId: number, title: string, body: string): IndexedArticle => ({
    articleId,
    title,
    body,
    keywords: [],
    synonyms: [],
    categoryIds: [],
    ownerUnitId: fixture.units.centre,
    audience: 'internal',
    effectiveFrom: '2026-01-01',
    expiresOn: null,
  });

  it.each(EXPECTED_FIRST)('finds what "%s" (%s) is about first', async (query, mode, first) => {
    expect((await ids(query, { mode }))[0]).toBe(first);
  });

  it('records every expected query for the comparison of dialects', async () => {
    const results: SearchHit[][] = [];
    for (const [query, mode] of EXPECTED_FIRST) results.push((await find(query, { mode })).hits);
    resultsByDialect.set(dialect, results);
  });

  it('marks the matches in the title and in a snippet of the body, without the Markdown', async () => {
    const [hit] = (await find('路灯不亮')).hits;
    expect(hit?.titleHtml).toBe('<mark>路灯不亮</mark>怎么报修');
    expect(hit?.snippetHtml).toContain('小区外道路的<mark>路灯不亮</mark>或灯杆损坏');
    expect(hit?.snippetHtml).not.toContain('**');
  });

  it('marks the synonym or the corrected word that matched', async () => {
    expect((await find('街灯')).hits[0]?.titleHtml).toBe('<mark>路灯</mark>不亮怎么报修');
    expect((await find('streetlihgt')).hits[0]?.titleHtml).toBe(
      'How to report a broken <mark>streetlight</mark>',
    );
  });

  it('leaves out articles that match only a part of a synonym', async () => {
    // 社会保险 is the synonym of 社保; 基本医疗保险 (article 10) shares only 保险 with it.
    expect(await ids('社保')).toEqual([6]);
  });

  it('counts every match while returning only the limit', async () => {
    const result = await find('投诉', { limit: 2 });
    expect(result.hits).toHaveLength(2);
    expect(result.total).toBeGreaterThan(2);
  });

  it('returns nothing for a query without words', async () => {
    expect(await find('，。！？ ... ')).toEqual({ hits: [], total: 0 });
  });

  it('filters by category, including the categories below it', async () => {
    const { streetLight, municipal, constructionNoise } = fixture.categories;
    expect(await ids('路灯', { categoryId: streetLight })).toEqual([1]);
    expect(await ids('路灯', { categoryId: municipal })).toEqual([1]);
    expect(await ids('路灯', { categoryId: constructionNoise })).toEqual([]);
  });

  it('filters by owner unit', async () => {
    expect(await ids('停水', { ownerUnitId: fixture.units.waterCompany })).toEqual([3]);
    expect(await ids('停水', { ownerUnitId: fixture.units.housingBureau })).toEqual([]);
  });

  it('shows the public only public articles, staff all of them', async () => {
    expect(await ids('停水', { audience: 'public' })).toEqual([]);
    expect(await ids('停水', { audience: 'staff' })).toEqual([3]);
    expect(await ids('elevator', { audience: 'public' })).toEqual([]);
    expect(await ids('elevator', { audience: 'staff' })).toEqual([30]);
    expect(await ids('路灯不亮', { audience: 'public' })).toEqual([1]);
  });

  it('leaves out articles not yet effective or already expired on the given day', async () => {
    expect(await ids('停车收费标准')).not.toContain(21);
    expect(await ids('停车收费标准', { today: '2026-06-01' })).toContain(21);
    expect(await ids('公积金贷款利率')).not.toContain(22);
    expect(await ids('公积金贷款利率', { today: '2026-01-31' })).toContain(22);
  });

  it('replaces an article entirely when it is put again', async () => {
    const { database } = testDb;
    await database.write((trx) => search.put(trx, article(100, '临时条目甲乙', '第一版正文')));
    expect(await ids('甲乙')).toEqual([100]);
    await database.write((trx) => search.put(trx, article(100, '更新之后丙丁', '第二版正文')));
    expect(await ids('甲乙')).toEqual([]);
    expect(await ids('第一版')).toEqual([]);
    expect(await ids('更新之后')).toEqual([100]);
    expect(await termRow(database, '甲乙')).toBeUndefined();
    expect(await termRow(database, '丙丁')).toEqual({ term: '丙丁', df: 1 });
  });

  it('forgets a removed article and its terms', async () => {
    const { database } = testDb;
    await database.write((trx) => search.put(trx, article(101, '即将删除戊己', '删除前的正文')));
    expect(await ids('戊己')).toEqual([101]);
    await database.write((trx) => search.remove(trx, 101));
    expect(await ids('戊己')).toEqual([]);
    expect(await termRow(database, '戊己')).toBeUndefined();
    const postings = await database.db
      .selectFrom('knowledge_postings')
      .select('term')
      .where('article_id', '=', 101)
      .execute();
    expect(postings).toEqual([]);
  });

  it('escapes HTML in titles, snippets and queries', async () => {
    const [hit] = (await find('标题测试')).hits;
    expect(hit?.titleHtml).toBe('&lt;script&gt;alert(1)&lt;/script&gt; <mark>标题测试</mark>');
    expect(hit?.snippetHtml).toBe('正文里的 标签 &amp; 符号也要当作文字显示。');
    expect((await find('<script>')).hits[0]?.titleHtml).toBe(
      '&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; 标题测试',
    );
  });

  it('finds 𠮷 and emoji and returns them exactly', async () => {
    expect((await find('𠮷')).hits.map((h) => h.titleHtml)).toEqual([
      '<mark>𠮷</mark>野家门店食品安全投诉',
    ]);
    expect((await find('𠮷野家')).hits[0]?.titleHtml).toBe('<mark>𠮷野家</mark>门店食品安全投诉');
    const [bowl] = (await find('🍜')).hits;
    expect(bowl?.articleId).toBe(16);
    expect(bowl?.snippetHtml).toBe(
      '对𠮷野家<mark>🍜</mark>门店的食品安全问题，可以向市场监督管理部门投诉举报。',
    );
  });

  it('sees the vocabulary and articles another instance indexes', async () => {
    const other: Database = openDatabase({
      url: testDb.url,
      ...(testDb.searchPath ? { searchPath: testDb.searchPath } : {}),
    });
    try {
      const elsewhere = new KnowledgeSearch(other);
      expect((await elsewhere.search('ambulanse', { audience: 'staff', today: TODAY })).total).toBe(
        0,
      );
      await testDb.database.write((trx) =>
        search.put(trx, article(200, 'Ambulance response times', 'How fast an ambulance comes.')),
      );
      const corrected = await elsewhere.search('ambulanse', { audience: 'staff', today: TODAY });
      expect(corrected.hits.map((h) => h.articleId)).toEqual([200]);
      await testDb.database.write((trx) => search.remove(trx, 200));
      expect((await elsewhere.search('ambulance', { audience: 'staff', today: TODAY })).total).toBe(
        0,
      );
    } finally {
      await other.close();
    }
  });
});

describe('knowledge search across databases', () => {
  it('ranks alike on every database', () => {
    const [first, ...others] = [...resultsByDialect.values()];
    expect(first).toHaveLength(EXPECTED_FIRST.length);
    for (const results of others) expect(results).toEqual(first);
  });
});

async function termRow(database: Database, term: string) {
  return database.db
    .selectFrom('knowledge_terms')
    .select(['term', 'df'])
    .where('term', '=', term)
    .executeTakeFirst();
}

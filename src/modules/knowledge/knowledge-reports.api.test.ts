import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { itemsOf } from '../../test-support/http.js';
import type { KnowledgeArticle } from './article.js';
import { createKnowledgeTest, UNIT_EDITORS, type KnowledgeTest } from './knowledge-test-support.js';

// A small fixed history, with every figure of the reports counted by hand:
//
// 20 Feb: housing publishes A (street lights, review by 1 Mar), F (expires 1 Mar, review by
//   25 Feb) and E; water publishes B (construction noise) and C (expires 28 Feb) and drafts D.
//   One street-light appeal is answered with A; one gap without a category.
// 2 Mar: street lights: 2 appeals answered with A, 1 dispatched → 3 tickets, 2 direct, 2 with an
//   article. Construction noise: 1 direct answer without an article, 1 answered with B, 1 closed
//   as invalid (not a valid contact) → 2 tickets, 2 direct, 1 with an article. One direct
//   answer without a category (left out). Four gaps in 市政设施, one without a category.
//   Housing retires E and edits A.
describe.each(TEST_DIALECTS)('knowledge reports on %s', (dialect) => {
  let t: KnowledgeTest;
  const ids: Record<string, number> = {};
  const analyst = () => t.as('ana1');
  const operator = () => t.as('op1');

  const appeal = (categoryId: number | null, extra: Record<string, unknown> = {}) => ({
    channel: 'phone',
    appealType: 'enquiry',
    urgency: 'normal',
    description: '市民咨询',
    districtId: t.fixture.units.jiangyang,
    ...(categoryId ? { categoryId } : {}),
    ...extra,
  });
  const answerWith = async (articleId: number, categoryId: number) => {
    const response = await operator().post('/api/v1/knowledge/answers', {
      articleId,
      appeal: appeal(categoryId),
    });
    expect(response.statusCode).toBe(201);
  };
  const ticket = async (payload: object) => {
    const response = await operator().post('/api/v1/tickets', payload);
    expect(response.statusCode).toBe(201);
    return response.json<{ id: number }>().id;
  };
  const gap = async (text: string, categoryId?: number) => {
    expect((await operator().post('/api/v1/knowledge/gaps', { text, categoryId })).statusCode).toBe(
      201,
    );
    t.clock.advance(60_000);
  };

  beforeAll(async () => {
    t = await createKnowledgeTest(dialect, '2026-02-20T02:00:00.000Z');
    const { streetLight, constructionNoise, municipal } = t.fixture.categories;
    const housing = (title: string, extra: object = {}) =>
      t.publish(UNIT_EDITORS.housing, { title, body: `${title}的答复。`, ...extra });
    const water = (title: string, extra: object = {}) =>
      t.publish(UNIT_EDITORS.water, { title, body: `${title}的答复。`, ...extra });
    ids.A = (await housing('路灯报修', { categoryIds: [streetLight], reviewBy: '2026-03-01' })).id;
    ids.F = (await housing('冬季供暖', { expiresOn: '2026-03-01', reviewBy: '2026-02-25' })).id;
    ids.E = (await housing('旧政策')).id;
    ids.B = (await water('夜间施工许可', { categoryIds: [constructionNoise] })).id;
    ids.C = (await water('春节停水安排', { expiresOn: '2026-02-28' })).id;
    await t
      .as(UNIT_EDITORS.water)
      .post('/api/v1/knowledge/articles', { title: '草稿', body: '草稿' });
    await answerWith(ids.A, streetLight);
    await gap('二月的缺口');

    t.clock.set('2026-03-02T02:00:00.000Z');
    await answerWith(ids.A, streetLight);
    await answerWith(ids.A, streetLight);
    await ticket(appeal(streetLight));
    await ticket(
      appeal(constructionNoise, { disposition: 'direct_answer', answer: '已告知夜间施工规定。' }),
    );
    await answerWith(ids.B, constructionNoise);
    const web = await ticket({
      ...appeal(constructionNoise),
      channel: 'web',
      citizenPhone: '13900000000',
    });
    expect(
      (await operator().post(`/api/v1/tickets/${web}/invalidate`, { reason: '测试信息' }))
        .statusCode,
    ).toBe(200);
    await ticket(appeal(null, { disposition: 'direct_answer', answer: '已答复。' }));
    for (const text of ['缺口一', '缺口二', '缺口三', '缺口四']) await gap(text, municipal);
    await gap('没有分类的缺口');
    const housingEditor = t.as(UNIT_EDITORS.housing);
    await housingEditor.post(`/api/v1/knowledge/articles/${ids.E}/retire`, { reason: '废止' });
    const a = (
      await housingEditor.get(`/api/v1/knowledge/articles/${ids.A}`)
    ).json<KnowledgeArticle>();
    await housingEditor.put(`/api/v1/knowledge/articles/${ids.A}`, {
      keywords: ['路灯', '报修'],
      expectedVersion: a.version,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('ranks the articles used in the range (this month by default)', async () => {
    expect(itemsOf(await analyst().get('/api/v1/knowledge/reports/usage'))).toEqual([
      { articleId: ids.A, title: '路灯报修', ownerUnitName: '市住房和城乡建设局', uses: 2 },
      { articleId: ids.B, title: '夜间施工许可', ownerUnitName: '泸州市兴泸水务', uses: 1 },
    ]);
    const both = itemsOf<{ uses: number }>(
      await analyst().get('/api/v1/knowledge/reports/usage?from=2026-02-01&to=2026-03-31'),
    );
    expect(both.map((row) => row.uses)).toEqual([3, 1]);
    const february = itemsOf<{ uses: number }>(
      await analyst().get('/api/v1/knowledge/reports/usage?from=2026-02-01&to=2026-02-28'),
    );
    expect(february.map((row) => row.uses)).toEqual([1]);
  });

  it('counts gaps by category with the latest texts as examples', async () => {
    expect(itemsOf(await analyst().get('/api/v1/knowledge/reports/gaps'))).toEqual([
      {
        categoryId: t.fixture.categories.municipal,
        categoryName: '市政设施',
        gaps: 4,
        examples: ['缺口四', '缺口三', '缺口二'],
      },
      { categoryId: null, categoryName: null, gaps: 1, examples: ['没有分类的缺口'] },
    ]);
  });

  it('computes the direct-answer rate per category', async () => {
    expect(itemsOf(await analyst().get('/api/v1/knowledge/reports/direct-answers'))).toEqual([
      {
        categoryId: t.fixture.categories.streetLight,
        categoryName: '路灯',
        tickets: 3,
        directAnswers: 2,
        withArticle: 2,
        rate: 0.6667,
      },
      {
        categoryId: t.fixture.categories.constructionNoise,
        categoryName: '施工噪音',
        tickets: 2,
        directAnswers: 2,
        withArticle: 1,
        rate: 1,
      },
    ]);
  });

  it('shows each unit what is stale today', async () => {
    expect(itemsOf(await analyst().get('/api/v1/knowledge/reports/freshness'))).toEqual([
      {
        unitId: t.fixture.units.housingBureau,
        unitName: '市住房和城乡建设局',
        published: 1,
        reviewDue: 2,
        expired: 1,
        stale: 2,
      },
      {
        unitId: t.fixture.units.waterCompany,
        unitName: '泸州市兴泸水务',
        published: 1,
        reviewDue: 0,
        expired: 1,
        stale: 1,
      },
    ]);
  });

  it('counts the updates of each unit per month', async () => {
    const february = itemsOf(
      await analyst().get('/api/v1/knowledge/reports/updates?month=2026-02'),
    );
    expect(february).toEqual([
      {
        unitId: t.fixture.units.housingBureau,
        unitName: '市住房和城乡建设局',
        created: 3,
        updated: 0,
        published: 3,
        retired: 0,
      },
      {
        unitId: t.fixture.units.waterCompany,
        unitName: '泸州市兴泸水务',
        created: 3,
        updated: 0,
        published: 2,
        retired: 0,
      },
    ]);
    expect(itemsOf(await analyst().get('/api/v1/knowledge/reports/updates'))).toEqual([
      {
        unitId: t.fixture.units.housingBureau,
        unitName: '市住房和城乡建设局',
        created: 0,
        updated: 1,
        published: 0,
        retired: 1,
      },
    ]);
  });

  it('is for supervisors, analysts, editors and admins, and refuses bad dates by name', async () => {
    expect((await operator().get('/api/v1/knowledge/reports/usage')).statusCode).toBe(403);
    expect((await t.as('kb1').get('/api/v1/knowledge/reports/freshness')).statusCode).toBe(200);
    const bad = await analyst().get('/api/v1/knowledge/reports/gaps?from=2026-03-10&to=2026-03-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { field: string } }>().error.field).toBe('to');
    const month = await analyst().get('/api/v1/knowledge/reports/updates?month=2026-13');
    expect(month.json<{ error: { field: string } }>().error.field).toBe('month');
  });
});

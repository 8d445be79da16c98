import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { errorOf, itemsOf } from '../../test-support/http.js';
import type { KnowledgeArticle } from './article.js';
import { createKnowledgeTest, UNIT_EDITORS, type KnowledgeTest } from './knowledge-test-support.js';

const ARTICLES = '/api/v1/knowledge/articles';
const q = (text: string) => encodeURIComponent(text);

describe.each(TEST_DIALECTS)('knowledge articles on %s', (dialect) => {
  let t: KnowledgeTest;
  const housing = () => t.as(UNIT_EDITORS.housing);
  const water = () => t.as(UNIT_EDITORS.water);
  const centre = () => t.as('kb1');
  const operator = () => t.as('op1');
  const articleCount = async () =>
    Number(
      (
        await t.testDb.database.db
          .selectFrom('knowledge_articles')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createKnowledgeTest(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('takes an article from draft through review to published and retired', async () => {
    const created = await housing().post(ARTICLES, {
      title: '小区二次供水水箱清洗 𠮷',
      body: '**清洗期间**暂停供水😀\n\n1. 查看[停水公告](https://example.org/notice)\n<script>alert(1)</script>',
      categoryIds: [t.fixture.categories.streetLight],
      keywords: ['水箱清洗', '二次供水'],
      synonyms: ['洗水箱'],
      audience: 'public',
    });
    expect(created.statusCode).toBe(201);
    const draft = created.json<KnowledgeArticle>();
    expect(draft).toMatchObject({
      state: 'draft',
      version: 1,
      publishedVersion: null,
      title: '小区二次供水水箱清洗 𠮷',
      ownerUnitId: t.fixture.units.housingBureau,
      ownerUnitName: '市住房和城乡建设局',
      effectiveFrom: '2026-03-02',
      reviewBy: '2026-08-29',
      expiresOn: null,
      reviewDue: false,
      expired: false,
      updatedByName: UNIT_EDITORS.housing,
      useCount: 0,
      rejection: null,
    });
    expect(draft.bodyHtml).toContain('<strong>清洗期间</strong>暂停供水😀');
    expect(draft.bodyHtml).toContain('href="https://example.org/notice"');
    expect(draft.bodyHtml).not.toContain('<script>');
    expect(draft.bodyHtml).toContain('&lt;script&gt;');

    // Nothing is live yet: other staff neither read nor find it.
    expect((await operator().get(`${ARTICLES}/${draft.id}`)).statusCode).toBe(404);
    expect(itemsOf(await operator().get(`/api/v1/knowledge/search?q=${q('水箱清洗')}`))).toEqual(
      [],
    );

    const submitted = await housing().post(`${ARTICLES}/${draft.id}/submit`, {
      expectedVersion: 1,
    });
    expect(submitted.json<KnowledgeArticle>().state).toBe('in_review');

    const byUnit = await housing().post(`${ARTICLES}/${draft.id}/approve`, { expectedVersion: 1 });
    expect(byUnit.statusCode).toBe(403);
    expect(errorOf(byUnit).code).toBe('KNOWLEDGE_CENTRE_EDITOR_REQUIRED');
    const stale = await centre().post(`${ARTICLES}/${draft.id}/approve`, { expectedVersion: 2 });
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('KNOWLEDGE_ARTICLE_CHANGED');

    const approved = await centre().post(`${ARTICLES}/${draft.id}/approve`, {
      expectedVersion: 1,
      note: '内容准确',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json<KnowledgeArticle>()).toMatchObject({
      state: 'published',
      publishedVersion: 1,
      publishedAt: '2026-03-02T01:00:00.000Z',
    });

    const read = await operator().get(`${ARTICLES}/${draft.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json<KnowledgeArticle>().title).toBe('小区二次供水水箱清洗 𠮷');
    const found = itemsOf<{ id: number; ownerUnitName: string }>(
      await operator().get(`/api/v1/knowledge/search?q=${q('水箱清洗')}`),
    );
    expect(found.map((hit) => hit.id)).toEqual([draft.id]);
    expect(found[0]!.ownerUnitName).toBe('市住房和城乡建设局');

    expect(
      (await water().post(`${ARTICLES}/${draft.id}/retire`, { reason: '不是我们的' })).statusCode,
    ).toBe(403);
    const retired = await housing().post(`${ARTICLES}/${draft.id}/retire`, {
      reason: '政策已废止',
    });
    expect(retired.json<KnowledgeArticle>()).toMatchObject({
      state: 'retired',
      publishedVersion: null,
    });
    expect(itemsOf(await operator().get(`/api/v1/knowledge/search?q=${q('水箱清洗')}`))).toEqual(
      [],
    );
    expect((await operator().get(`${ARTICLES}/${draft.id}`)).statusCode).toBe(404);
    expect((await housing().get(`${ARTICLES}/${draft.id}`)).json<KnowledgeArticle>().state).toBe(
      'retired',
    );

    const again = await housing().post(`${ARTICLES}/${draft.id}/submit`, { expectedVersion: 1 });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('KNOWLEDGE_STATE_CONFLICT');
  });

  it('sends a rejected article back to draft with the reason, until it is submitted again', async () => {
    const { id } = (
      await housing().post(ARTICLES, { title: '燃气报装流程', body: '携带身份证办理。' })
    ).json<KnowledgeArticle>();
    await housing().post(`${ARTICLES}/${id}/submit`, { expectedVersion: 1 });
    const rejected = await centre().post(`${ARTICLES}/${id}/reject`, {
      expectedVersion: 1,
      reason: '请补充办理地点',
    });
    expect(rejected.json<KnowledgeArticle>()).toMatchObject({
      state: 'draft',
      rejection: { reason: '请补充办理地点', byName: 'kb1', at: '2026-03-02T01:00:00.000Z' },
    });
    const resubmitted = await housing().post(`${ARTICLES}/${id}/submit`, { expectedVersion: 1 });
    expect(resubmitted.json<KnowledgeArticle>()).toMatchObject({
      state: 'in_review',
      rejection: null,
    });
  });

  it('lets a unit edit only its own articles, and only the centre publish or give them away', async () => {
    const own = (
      await housing().post(ARTICLES, { title: '房屋维修基金查询', body: '登录住建局网站查询。' })
    ).json<KnowledgeArticle>();

    const byOperator = await operator().post(ARTICLES, { title: 'x', body: 'y' });
    expect(byOperator.statusCode).toBe(403);
    expect(errorOf(byOperator).code).toBe('ROLE_REQUIRED');

    const foreign = await water().put(`${ARTICLES}/${own.id}`, {
      title: '改标题',
      expectedVersion: 1,
    });
    expect(foreign.statusCode).toBe(403);
    expect(errorOf(foreign).code).toBe('KNOWLEDGE_NOT_YOUR_UNIT');
    const foreignSubmit = await water().post(`${ARTICLES}/${own.id}/submit`, {
      expectedVersion: 1,
    });
    expect(foreignSubmit.statusCode).toBe(403);

    const giveAway = await water().post(ARTICLES, {
      title: '水费',
      body: '按月缴纳。',
      ownerUnitId: t.fixture.units.housingBureau,
    });
    expect(giveAway.statusCode).toBe(403);
    const byCentre = await centre().post(ARTICLES, {
      title: '水费缴纳方式',
      body: '可通过微信缴纳。',
      ownerUnitId: t.fixture.units.waterCompany,
    });
    expect(byCentre.statusCode).toBe(201);
    expect(byCentre.json<KnowledgeArticle>().ownerUnitId).toBe(t.fixture.units.waterCompany);

    const edited = await centre().put(`${ARTICLES}/${own.id}`, {
      title: '房屋维修基金余额查询',
      expectedVersion: 1,
    });
    expect(edited.json<KnowledgeArticle>()).toMatchObject({ version: 2, updatedByName: 'kb1' });

    const waterList = itemsOf<KnowledgeArticle>(await water().get(ARTICLES));
    expect(new Set(waterList.map((a) => a.ownerUnitId))).toEqual(
      new Set([t.fixture.units.waterCompany]),
    );
    const all = itemsOf<KnowledgeArticle>(await centre().get(`${ARTICLES}?pageSize=100`));
    expect(all.map((a) => a.id)).toContain(own.id);
    expect(all.map((a) => a.id)).toContain(byCentre.json<KnowledgeArticle>().id);
    const filtered = await water().get(`${ARTICLES}?ownerUnitId=${t.fixture.units.housingBureau}`);
    expect(filtered.json<{ total: number }>().total).toBe(0);
    expect((await operator().get(ARTICLES)).statusCode).toBe(403);
  });

  it('keeps every version; an edit of a published article stays unseen until approved', async () => {
    const published = await t.publish(UNIT_EDITORS.housing, {
      title: '自来水价格标准',
      body: '居民用水：\n收费标准为每吨2.5元\n按月抄表',
      keywords: ['水价'],
    });
    const edit = await housing().put(`${ARTICLES}/${published.id}`, {
      title: '自来水价格标准（2026年调整）',
      body: '居民用水：\n收费标准为每吨2.8元\n按月抄表',
      keywords: ['水价', '调价'],
      note: '价格调整',
      expectedVersion: 1,
    });
    expect(edit.json<KnowledgeArticle>()).toMatchObject({
      state: 'draft',
      version: 2,
      publishedVersion: 1,
    });

    const live = (await operator().get(`${ARTICLES}/${published.id}`)).json<KnowledgeArticle>();
    expect(live).toMatchObject({ title: '自来水价格标准', version: 1, state: 'published' });
    expect(live.body).toContain('2.5元');
    const hits = itemsOf<{ id: number; title: string }>(
      await operator().get(`/api/v1/knowledge/search?q=${q('水价')}`),
    );
    expect(hits.find((h) => h.id === published.id)?.title).toBe('自来水价格标准');

    const stale = await housing().put(`${ARTICLES}/${published.id}`, {
      body: '其他',
      expectedVersion: 1,
    });
    expect(stale.statusCode).toBe(409);

    const versions = itemsOf<{
      version: number;
      state: string;
      note: string | null;
      changedByName: string;
    }>(await housing().get(`${ARTICLES}/${published.id}/versions`));
    expect(versions.map((v) => [v.version, v.state, v.note, v.changedByName])).toEqual([
      [2, 'draft', '价格调整', UNIT_EDITORS.housing],
      [1, 'published', null, UNIT_EDITORS.housing],
    ]);

    const diff = (await housing().get(`${ARTICLES}/${published.id}/diff?from=1&to=2`)).json<{
      fields: { field: string; before: unknown; after: unknown }[];
      body: { op: string; text: string }[];
    }>();
    expect(diff.fields).toEqual([
      { field: 'title', before: '自来水价格标准', after: '自来水价格标准（2026年调整）' },
      { field: 'keywords', before: ['水价'], after: ['水价', '调价'] },
    ]);
    expect(diff.body).toEqual([
      { op: 'equal', text: '居民用水：\n收费标准为每吨2.' },
      { op: 'delete', text: '5' },
      { op: 'insert', text: '8' },
      { op: 'equal', text: '元\n按月抄表' },
    ]);
    expect((await water().get(`${ARTICLES}/${published.id}/versions`)).statusCode).toBe(403);
    expect((await housing().get(`${ARTICLES}/${published.id}/diff?from=1&to=9`)).statusCode).toBe(
      404,
    );

    await housing().post(`${ARTICLES}/${published.id}/submit`, { expectedVersion: 2 });
    await centre().post(`${ARTICLES}/${published.id}/approve`, { expectedVersion: 2 });
    expect(
      (await operator().get(`${ARTICLES}/${published.id}`)).json<KnowledgeArticle>().title,
    ).toBe('自来水价格标准（2026年调整）');
    const after = itemsOf<{ version: number; state: string }>(
      await housing().get(`${ARTICLES}/${published.id}/versions`),
    );
    expect(after.map((v) => v.state)).toEqual(['published', 'superseded']);
  });

  it('clears an expiry or review date sent as null', async () => {
    const created = await housing().post(ARTICLES, {
      title: '临时停水通知查询',
      body: '拨打 12345 查询',
      audience: 'internal',
      expiresOn: '2026-12-31',
    });
    const draft = created.json<KnowledgeArticle>();
    expect(draft.expiresOn).toBe('2026-12-31');
    const cleared = await housing().put(`${ARTICLES}/${draft.id}`, {
      expiresOn: null,
      reviewBy: null,
      expectedVersion: draft.version,
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json<KnowledgeArticle>()).toMatchObject({ expiresOn: null, reviewBy: null });
  });

  it('names the bad field and changes nothing', async () => {
    const before = await articleCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '', body: 'x' }, 'body.title'],
      [{ title: 'x', body: 'y', audience: 'everyone' }, 'body.audience'],
      [{ title: 'x', body: 'y', effectiveFrom: '2026-02-30' }, 'effectiveFrom'],
      [
        { title: 'x', body: 'y', effectiveFrom: '2026-03-10', expiresOn: '2026-03-01' },
        'expiresOn',
      ],
      [{ title: 'x', body: 'y', categoryIds: [99999] }, 'categoryIds'],
      [{ title: 'x', body: 'y', keywords: ['a|b'] }, 'keywords[0]'],
      [{ title: '   ', body: 'y' }, 'title'],
      [{ title: 'x', body: 'y', ownerUnitId: 99999 }, 'ownerUnitId'],
    ];
    for (const [payload, field] of cases) {
      const response = await centre().post(ARTICLES, payload);
      expect(response.statusCode, field).toBe(400);
      expect(errorOf(response).field).toBe(field);
    }
    expect(await articleCount()).toBe(before);
  });
});

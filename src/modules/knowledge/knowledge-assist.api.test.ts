import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { errorOf, itemsOf } from '../../test-support/http.js';
import type { KnowledgeArticle } from './article.js';
import { createKnowledgeTest, UNIT_EDITORS, type KnowledgeTest } from './knowledge-test-support.js';

const ARTICLES = '/api/v1/knowledge/articles';
const q = (text: string) => encodeURIComponent(text);
// The smallest PNG: signature and IHDR chunk are enough for the type check.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
  'hex',
);

describe.each(TEST_DIALECTS)('knowledge assist, freshness and the portal on %s', (dialect) => {
  let t: KnowledgeTest;
  const housing = () => t.as(UNIT_EDITORS.housing);
  const operator = () => t.as('op1');
  const count = async (table: 'tickets' | 'knowledge_uses' | 'knowledge_gaps') =>
    Number(
      (
        await t.testDb.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const searchIds = async (text: string) =>
    itemsOf<{ id: number }>(await operator().get(`/api/v1/knowledge/search?q=${q(text)}`)).map(
      (hit) => hit.id,
    );

  beforeAll(async () => {
    t = await createKnowledgeTest(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('leaves expired and not yet effective articles out of search, but not out of the editors list', async () => {
    t.clock.set('2026-03-02T01:00:00.000Z');
    const expiring = await t.publish(UNIT_EDITORS.housing, {
      title: '春节期间垃圾清运时间',
      body: '春节期间垃圾清运照常进行。',
      expiresOn: '2026-03-10',
    });
    const later = await t.publish(UNIT_EDITORS.housing, {
      title: '夏季垃圾清运时间',
      body: '夏季清运提前至早上六点。',
      effectiveFrom: '2026-06-01',
    });
    expect(await searchIds('垃圾清运')).toEqual([expiring.id]);

    t.clock.set('2026-03-10T15:59:00.000Z'); // 23:59 on the expiry date in Shanghai: still valid
    expect(await searchIds('垃圾清运')).toEqual([expiring.id]);
    t.clock.set('2026-03-10T16:00:00.000Z'); // midnight: expired
    expect(await searchIds('垃圾清运')).toEqual([]);
    expect((await operator().get(`${ARTICLES}/${expiring.id}`)).statusCode).toBe(404);
    const listed = itemsOf<KnowledgeArticle>(await housing().get(`${ARTICLES}?pageSize=100`));
    expect(listed.find((a) => a.id === expiring.id)).toMatchObject({
      expired: true,
      state: 'published',
    });

    t.clock.set('2026-06-01T01:00:00.000Z');
    expect(await searchIds('垃圾清运')).toEqual([later.id]);
    t.clock.set('2026-03-02T01:00:00.000Z');
  });

  it('reminds the owner unit once per article and review date', async () => {
    t.clock.set('2026-03-02T01:00:00.000Z');
    const article = await t.publish(UNIT_EDITORS.housing, {
      title: '公租房申请条件',
      body: '本市户籍、住房困难家庭可申请。',
      reviewBy: '2026-03-05',
    });
    const remind = () => t.services.knowledge.reviews.remindDueReviews();
    expect(await remind()).toBe(0);
    t.clock.set('2026-03-05T00:30:00.000Z'); // 08:30 in Shanghai on the review date
    expect(await remind()).toBe(1);
    expect(await remind()).toBe(0);
    t.clock.set('2026-03-06T00:30:00.000Z');
    expect(await remind()).toBe(0);

    const due = itemsOf<KnowledgeArticle>(await housing().get(`${ARTICLES}?reviewDue=true`));
    expect(due.map((a) => a.id)).toEqual([article.id]);
    expect(due[0]!.reviewDue).toBe(true);

    const notices = itemsOf<{
      id: number;
      kind: string;
      subjectType: string;
      subjectId: number;
      readAt: string | null;
    }>(await housing().get('/api/v1/notifications?unread=true'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      kind: 'kb_review_due',
      subjectType: 'knowledge_article',
      subjectId: article.id,
      readAt: null,
    });
    expect(itemsOf(await t.as(UNIT_EDITORS.water).get('/api/v1/notifications'))).toEqual([]);
    const foreign = await t
      .as(UNIT_EDITORS.water)
      .post(`/api/v1/notifications/${notices[0]!.id}/read`);
    expect(foreign.statusCode).toBe(404);
    const read = await housing().post(`/api/v1/notifications/${notices[0]!.id}/read`);
    expect(read.json<{ readAt: string }>().readAt).toBe('2026-03-06T00:30:00.000Z');
    expect(itemsOf(await housing().get('/api/v1/notifications?unread=true'))).toEqual([]);

    // A new review date, once reached, is a new reminder.
    await housing().put(`${ARTICLES}/${article.id}`, {
      reviewBy: '2026-03-06',
      expectedVersion: 1,
    });
    expect(await remind()).toBe(1);
    expect(await remind()).toBe(0);
    t.clock.set('2026-03-02T01:00:00.000Z');
  });

  it('answers an appeal with an article: a closed direct-answer ticket and a recorded use', async () => {
    const article = await t.publish(UNIT_EDITORS.housing, {
      title: '路灯报修电话',
      body: '拨打 **12345** 或城管热线报修。',
      categoryIds: [t.fixture.categories.streetLight],
    });
    const appeal = {
      channel: 'phone',
      appealType: 'enquiry',
      urgency: 'normal',
      description: '门口路灯坏了找谁修😀',
      categoryId: t.fixture.categories.streetLight,
      citizenPhone: '13812345678',
    };
    const answered = await operator().post('/api/v1/knowledge/answers', {
      articleId: article.id,
      appeal,
    });
    expect(answered.statusCode).toBe(201);
    const body = answered.json<{
      ticket: { id: number; number: string; status: string };
      articleId: number;
    }>();
    expect(body).toMatchObject({ ticket: { status: 'closed' }, articleId: article.id });
    const ticket = (await operator().get(`/api/v1/tickets/${body.ticket.id}`)).json<{
      resolution: string;
      replyText: string;
      status: string;
    }>();
    expect(ticket).toMatchObject({ status: 'closed', resolution: 'direct_answer' });
    expect(ticket.replyText).toBe('路灯报修电话\n\n拨打 12345 或城管热线报修。');
    const uses = await t.testDb.database.db.selectFrom('knowledge_uses').selectAll().execute();
    expect(uses).toEqual([
      expect.objectContaining({
        article_id: article.id,
        version: 1,
        ticket_id: body.ticket.id,
        actor_id: t.fixture.users.operator.id,
        category_id: t.fixture.categories.streetLight,
      }),
    ]);
    expect(
      (await housing().get(`${ARTICLES}/${article.id}`)).json<KnowledgeArticle>().useCount,
    ).toBe(1);

    const own = await operator().post('/api/v1/knowledge/answers', {
      articleId: article.id,
      appeal,
      answer: '请拨打城管热线。',
    });
    const ownTicket = (
      await operator().get(`/api/v1/tickets/${own.json<{ ticket: { id: number } }>().ticket.id}`)
    ).json<{ replyText: string }>();
    expect(ownTicket.replyText).toBe('请拨打城管热线。');

    const tickets = await count('tickets');
    const { id: draftId } = (
      await housing().post(ARTICLES, { title: '未发布', body: '草稿' })
    ).json<KnowledgeArticle>();
    const notLive = await operator().post('/api/v1/knowledge/answers', {
      articleId: draftId,
      appeal,
    });
    expect(notLive.statusCode).toBe(409);
    expect(errorOf(notLive).code).toBe('KNOWLEDGE_ARTICLE_NOT_LIVE');
    const byEditor = await t
      .as('kb1')
      .post('/api/v1/knowledge/answers', { articleId: article.id, appeal });
    expect(byEditor.statusCode).toBe(403);
    expect(await count('tickets')).toBe(tickets);
    expect(await count('knowledge_uses')).toBe(2);
  });

  it('suggests articles for the text of an appeal as it is typed', async () => {
    const article = await t.publish(UNIT_EDITORS.housing, {
      title: '电梯故障困人怎么办',
      body: '立即拨打电梯内的应急电话，物业应在30分钟内到场。',
      keywords: ['电梯困人'],
    });
    const response = await operator().get(
      `/api/v1/knowledge/suggest?text=${q('您好，我们小区3栋的电梯又坏了，上次还困过人，物业一直不管')}`,
    );
    expect(response.statusCode).toBe(200);
    expect(itemsOf<{ id: number }>(response).map((hit) => hit.id)).toContain(article.id);
  });

  it('records "no answer found" with the appeal text', async () => {
    const recorded = await operator().post('/api/v1/knowledge/gaps', {
      text: '问：新能源车充电桩安装需要物业同意吗？',
      categoryId: t.fixture.categories.municipal,
    });
    expect(recorded.statusCode).toBe(201);
    const row = await t.testDb.database.db
      .selectFrom('knowledge_gaps')
      .selectAll()
      .where('id', '=', recorded.json<{ id: number }>().id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      text: '问：新能源车充电桩安装需要物业同意吗？',
      category_id: t.fixture.categories.municipal,
      actor_id: t.fixture.users.operator.id,
      unit_id: t.fixture.units.centre,
    });
    const before = await count('knowledge_gaps');
    const badCategory = await operator().post('/api/v1/knowledge/gaps', {
      text: 'x',
      categoryId: 99999,
    });
    expect(errorOf(badCategory)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'categoryId' });
    const empty = await operator().post('/api/v1/knowledge/gaps', { text: '' });
    expect(errorOf(empty).field).toBe('body.text');
    expect(
      (await t.as('h-nancheng').post('/api/v1/knowledge/gaps', { text: 'x' })).statusCode,
    ).toBe(403);
    expect(await count('knowledge_gaps')).toBe(before);
  });

  it('shows citizens only public articles in force, without owner or editor data', async () => {
    const open = await t.publish(UNIT_EDITORS.housing, {
      title: '公积金提取办理指南',
      body: '提取公积金需携带身份证。\n\n![办事大厅](/api/v1/knowledge/images/1)',
      audience: 'public',
    });
    const internal = await t.publish(UNIT_EDITORS.housing, {
      title: '公积金内部口径',
      body: '内部答复口径。',
      audience: 'internal',
    });
    await housing().post(ARTICLES, { title: '公积金草稿', body: '草稿', audience: 'public' });

    const search = await t.anonymous.get(`/api/v1/public/knowledge/search?q=${q('公积金')}`);
    expect(search.statusCode).toBe(200);
    const hits = itemsOf<Record<string, unknown>>(search);
    expect(hits.map((hit) => hit.id)).toEqual([open.id]);
    expect(Object.keys(hits[0]!).sort()).toEqual([
      'id',
      'snippetHtml',
      'title',
      'titleHtml',
      'updatedAt',
    ]);

    const page = await t.anonymous.get(`/api/v1/public/knowledge/${open.id}`);
    expect(Object.keys(page.json<object>()).sort()).toEqual([
      'bodyHtml',
      'id',
      'title',
      'updatedAt',
    ]);
    expect(page.json<{ bodyHtml: string }>().bodyHtml).toContain(
      '<img src="/api/v1/knowledge/images/1" alt="办事大厅">',
    );
    expect((await t.anonymous.get(`/api/v1/public/knowledge/${internal.id}`)).statusCode).toBe(404);
    expect((await t.anonymous.get(`/api/v1/knowledge/search?q=${q('公积金')}`)).statusCode).toBe(
      401,
    );
  });

  it('stores images from editors and serves them to anyone', async () => {
    const uploaded = await t
      .as('kb1')
      .upload('/api/v1/knowledge/images', [
        { name: '服务大厅𠮷.png', type: 'image/png', content: PNG },
      ]);
    expect(uploaded.statusCode).toBe(201);
    const { url } = uploaded.json<{ url: string }>();
    expect(url).toMatch(/^\/api\/v1\/knowledge\/images\/\d+$/);
    const image = await t.anonymous.get(url);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);

    const pdf = await t
      .as('kb1')
      .upload('/api/v1/knowledge/images', [
        { name: 'a.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.7 x') },
      ]);
    expect(pdf.statusCode).toBe(415);
    const byOperator = await operator().upload('/api/v1/knowledge/images', [
      { name: 'a.png', type: 'image/png', content: PNG },
    ]);
    expect(byOperator.statusCode).toBe(403);
  });
});

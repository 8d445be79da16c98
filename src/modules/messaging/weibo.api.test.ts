import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { weiboPublicTexts } from './message-texts.js';
import { createMessagingTest, WEIBO_SECRET, type MessagingTest } from './messaging-test-support.js';
import { weiboSignature } from './webhook-signature.js';

describe.each(TEST_DIALECTS)('the Weibo channel (%s)', (dialect) => {
  let t: MessagingTest;
  beforeAll(async () => {
    t = await createMessagingTest(dialect);
  });
  afterAll(async () => t.close());

  let seq = 0;
  const uid = () => `56000${++seq}`;
  const ticketOf = async (externalId: string) =>
    (
      await t.testDb.database.db
        .selectFrom('messaging_inbound')
        .select('ticket_id')
        .where('channel', '=', 'weibo')
        .where('external_id', '=', externalId)
        .executeTakeFirstOrThrow()
    ).ticket_id!;
  const comments = () =>
    t.gateway.formsTo('/weibo-api/2/comments/create.json').map((f) => ({
      id: f.get('id'),
      comment: f.get('comment') ?? '',
      token: f.get('access_token'),
    }));
  const privateMessages = (to: string) =>
    t.gateway
      .formsTo('/weibo-m/2/messages/reply.json')
      .filter((f) => f.get('receiver_id') === to)
      .map((f) => (JSON.parse(f.get('data') ?? '{}') as { text: string }).text);

  it('answers Weibo’s URL check only with the right signature', async () => {
    const timestamp = String(t.clock.now().getTime());
    const good = weiboSignature(WEIBO_SECRET, timestamp, '57155157');
    const ok = await t.app.inject({
      method: 'GET',
      url: `/api/v1/channels/weibo/webhook?signature=${good}&timestamp=${timestamp}&nonce=57155157&echostr=dnPdpTZz85`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('dnPdpTZz85');
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/v1/channels/weibo/webhook?signature=${'0'.repeat(40)}&timestamp=${timestamp}&nonce=57155157&echostr=x`,
    });
    expect(bad.statusCode).toBe(401);
  });

  it('refuses a push with a wrong signature and stores nothing', async () => {
    const before = await t.count('contacts');
    const response = await t.weibo(
      {
        type: 'text',
        sender_id: uid(),
        text: '你好',
        created_at: 'Mon Mar 02 09:00:00 +0800 2026',
      },
      { secret: 'not-the-secret' },
    );
    expect(response.statusCode).toBe(401);
    expect(await t.count('contacts')).toBe(before);
  });

  it('files a mention and comments publicly with the number only, never personal data', async () => {
    const sender = uid();
    const post = {
      type: 'mention',
      sender_id: sender,
      receiver_id: '1902538057',
      created_at: 'Mon Mar 02 09:05:00 +0800 2026',
      text: '@泸州12345 我是王𠮷，电话13812345678，住江阳区滨江路18号，门口路灯坏了😀',
      data: { subtype: 'status', id: '4987000000000001' },
    };
    const tickets = await t.count('tickets');
    expect((await t.weibo(post)).statusCode).toBe(200);
    // Weibo retries a push it got no quick answer to: the same post again files nothing more.
    expect((await t.weibo(post)).statusCode).toBe(200);
    const ticketId = await ticketOf('mention:4987000000000001');
    const ticket = (await t.ticketRow(ticketId)) as { number: string; description: string };
    expect(ticket).toMatchObject({ channel: 'weibo', status: 'received', description: post.text });
    expect(await t.count('tickets')).toBe(tickets + 1);

    await t.deliver();
    await t.bringToReply(ticketId, '已联系王𠮷（13812345678），滨江路18号路灯已修复');
    await t.deliver();
    const mine = comments().filter((c) => c.id === '4987000000000001');
    expect(mine.map((c) => c.comment)).toEqual([
      weiboPublicTexts.receipt(ticket.number),
      weiboPublicTexts.answered(ticket.number),
    ]);
    for (const { comment, token } of mine) {
      expect(token).toBe('weibo-token');
      for (const personal of ['王𠮷', '13812345678', '滨江路', '18号', '查询码', '路灯已修复'])
        expect(comment).not.toContain(personal);
    }
    const inbound = await t.testDb.database.db
      .selectFrom('messaging_inbound')
      .selectAll()
      .where('external_id', '=', 'mention:4987000000000001')
      .execute();
    expect(inbound).toHaveLength(1);

    // The citizen asks privately with the number: the reply comes privately.
    const asked = await t.weibo({
      type: 'text',
      sender_id: sender,
      created_at: 'Mon Mar 02 10:00:00 +0800 2026',
      text: `请问工单${ticket.number}的答复是什么`,
    });
    expect(asked.statusCode).toBe(200);
    await t.deliver();
    expect(privateMessages(sender).at(-1)).toBe(
      `您好，工单${ticket.number}已答复：已联系王𠮷（13812345678），滨江路18号路灯已修复`,
    );
    // Someone else naming that number gets no answer about it: it becomes their own appeal.
    const stranger = uid();
    await t.weibo({
      type: 'text',
      sender_id: stranger,
      created_at: 'Mon Mar 02 10:01:00 +0800 2026',
      text: `工单${ticket.number}怎么样了`,
    });
    await t.deliver();
    expect(privateMessages(stranger).at(-1)).not.toContain('已联系');
  });

  it('files a private message, answers privately with the query code, and replies on the same channel', async () => {
    const sender = uid();
    const message = {
      type: 'text',
      sender_id: Number(sender),
      receiver_id: 1902538057,
      created_at: 'Mon Mar 02 11:00:00 +0800 2026',
      text: '小区噪音扰民 𠮷 😀',
      data: {},
    };
    expect((await t.weibo(message)).statusCode).toBe(200);
    await t.deliver();
    const [receipt] = privateMessages(sender);
    const number = /工单号(\d+)/.exec(receipt ?? '')?.[1];
    const code = /查询码(\w+)/.exec(receipt ?? '')?.[1];
    expect(number).toBeDefined();
    const tracked = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/appeals/${number}?code=${code}`,
    });
    expect(tracked.statusCode).toBe(200);

    // A second message while the appeal is open joins it.
    await t.weibo({
      ...message,
      created_at: 'Mon Mar 02 11:02:00 +0800 2026',
      text: '晚上十点后最吵',
    });
    const ticketId = (
      await t.testDb.database.db
        .selectFrom('tickets')
        .select('id')
        .where('number', '=', number!)
        .executeTakeFirstOrThrow()
    ).id;
    const contacts = await t.testDb.database.db
      .selectFrom('contacts')
      .select('summary')
      .where('ticket_id', '=', ticketId)
      .orderBy('id')
      .execute();
    expect(contacts.map((c) => c.summary)).toEqual(['小区噪音扰民 𠮷 😀', '晚上十点后最吵']);

    await t.bringToReply(ticketId, '已约谈商户 😀');
    await t.deliver();
    expect(privateMessages(sender).at(-1)).toBe(`您好，工单${number}已答复：已约谈商户 😀`);
  });

  it('retries when Weibo is busy and gives up on a refused comment', async () => {
    const sender = uid();
    t.gateway.answers.push({ status: 200, body: { error: 'system busy', error_code: 10001 } });
    await t.weibo({
      type: 'mention',
      sender_id: sender,
      created_at: 'Mon Mar 02 12:00:00 +0800 2026',
      text: '@泸州12345 下水道堵了',
      data: { id: '4987000000000099' },
    });
    await t.deliver();
    const row = () =>
      t.testDb.database.db
        .selectFrom('messaging_outbox')
        .selectAll()
        .where('reply_ref', '=', '4987000000000099')
        .executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ status: 'pending' });
    expect((await row()).last_error).toContain('10001');
    t.clock.advance(60_000);
    t.gateway.answers.push({ status: 400, body: { error: 'repeated content', error_code: 20019 } });
    await t.deliver();
    expect(await row()).toMatchObject({ status: 'failed', attempts: 2 });
  });
});

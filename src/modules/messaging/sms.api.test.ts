import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../composition.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { actorFor } from '../../test-support/fixtures.js';
import { createMessagingTest, type MessagingTest } from './messaging-test-support.js';

describe.each(TEST_DIALECTS)('the SMS channel (%s)', (dialect) => {
  let t: MessagingTest;
  beforeAll(async () => {
    t = await createMessagingTest(dialect);
  });
  afterAll(async () => t.close());

  let phoneSeq = 0;
  const newPhone = () => `1390000${String(++phoneSeq).padStart(4, '0')}`;
  let messageSeq = 0;
  const text = (from: string, body: string, messageId = `gw-${dialect}-${++messageSeq}`) => ({
    messageId,
    from,
    to: '12345',
    text: body,
  });

  const ticketOf = async (messageId: string) => {
    const row = await t.testDb.database.db
      .selectFrom('messaging_inbound')
      .select('ticket_id')
      .where('channel', '=', 'sms')
      .where('external_id', '=', messageId)
      .executeTakeFirstOrThrow();
    return row.ticket_id!;
  };

  it('refuses a call without the right signature and stores nothing', async () => {
    const before = {
      tickets: await t.count('tickets'),
      contacts: await t.count('contacts'),
      inbound: await t.count('messaging_inbound'),
    };
    const body = text(newPhone(), '路灯坏了');
    const wrong = await t.sms(body, { secret: 'guessed' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: { code: 'SIGNATURE_INVALID' } });
    expect((await t.sms(body, { unsigned: true })).statusCode).toBe(401);
    const old = String(Math.floor(t.clock.now().getTime() / 1000) - 3600);
    expect((await t.sms(body, { timestamp: old })).statusCode).toBe(401);
    // A body changed after signing does not pass either.
    const signed = await t.sms({ ...body, text: 'x' }, { secret: 'guessed' });
    expect(signed.statusCode).toBe(401);
    expect({
      tickets: await t.count('tickets'),
      contacts: await t.count('contacts'),
      inbound: await t.count('messaging_inbound'),
    }).toEqual(before);
  });

  it('files a first text as an appeal and answers with the ticket number and query code', async () => {
    const phone = newPhone();
    const body = text(phone, '滨江路路灯坏了三天 𠮷 😀');
    const first = await t.sms(body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ received: true, duplicate: false });

    const ticketId = await ticketOf(body.messageId);
    expect(await t.ticketRow(ticketId)).toMatchObject({
      status: 'received',
      channel: 'sms',
      description: '滨江路路灯坏了三天 𠮷 😀',
      citizen_phone: phone,
    });
    const contacts = await t.testDb.database.db
      .selectFrom('contacts')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .execute();
    expect(contacts).toMatchObject([
      { channel: 'sms', caller_number: phone, external_id: body.messageId },
    ]);

    await t.deliver();
    const [receipt] = t.textsTo(phone);
    const { number } = (await t.ticketRow(ticketId)) as { number: string };
    expect(receipt).toContain(`工单号${number}`);
    expect(receipt).toMatch(/^【泸州12345】/);
    const code = /查询码(\w+)/.exec(receipt ?? '')?.[1];
    expect(code).toBeDefined();
    // The code in the SMS is the appeal's query code: the citizen follows it on the portal.
    const tracked = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/appeals/${number}?code=${code}`,
    });
    expect(tracked.statusCode).toBe(200);
    // Sent: the outbox no longer holds the code.
    const sent = await t.testDb.database.db
      .selectFrom('messaging_outbox')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ status: 'sent', secret: null, kind: 'receipt' });
    expect(sent.body).not.toContain(code);
    expect(sent.provider_id).toMatch(/^fake-/);
    const request = t.gateway.requests.find((r) => r.body.includes(number))!;
    expect(request.headers.authorization).toBe('Bearer sms-api-key');
  });

  it('counts a message delivered twice, or twice at once, once', async () => {
    const phone = newPhone();
    const body = text(phone, '噪音扰民 😀');
    const answers = await Promise.all([t.sms(body), t.sms(body)]);
    const again = await t.sms(body);
    expect([...answers, again].map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(again.json()).toEqual({ received: true, duplicate: true });
    const contacts = await t.testDb.database.db
      .selectFrom('contacts')
      .select('ticket_id')
      .where('external_id', '=', body.messageId)
      .execute();
    expect(contacts).toHaveLength(1);
    await t.deliver();
    expect(t.textsTo(phone)).toHaveLength(1);
  });

  it('attaches later texts to the open ticket, and answers the reply with an SMS and a survey', async () => {
    const phone = newPhone();
    const opening = text(phone, '小区门口路灯不亮');
    await t.sms(opening);
    const ticketId = await ticketOf(opening.messageId);
    const { number } = (await t.ticketRow(ticketId)) as { number: string };

    const followUp = text(phone, '补充：是东门那一盏 𠮷');
    expect((await t.sms(followUp)).statusCode).toBe(200);
    expect(await ticketOf(followUp.messageId)).toBe(ticketId);
    const attached = await t.testDb.database.db
      .selectFrom('contacts')
      .selectAll()
      .where('external_id', '=', followUp.messageId)
      .executeTakeFirstOrThrow();
    expect(attached).toMatchObject({ ticket_id: ticketId, summary: '补充：是东门那一盏 𠮷' });
    const events = await t.services.tickets.query.getEvents(
      await actorFor(t.testDb.database, t.fixture.users.supervisor.username),
      ticketId,
    );
    expect(events.map((e) => e.type)).toContain('contact_attached');

    await t.deliver();
    await t.bringToReply(ticketId, '已更换灯泡 𠮷，路灯恢复照明 😀');
    await t.deliver();
    const texts = t.textsTo(phone);
    expect(texts).toHaveLength(3);
    expect(texts[1]).toBe(
      `【泸州12345】您的诉求（工单号${number}）已答复：已更换灯泡 𠮷，路灯恢复照明 😀`,
    );
    expect(texts[2]).toContain('满意回复1，基本满意回复2，不满意回复3');
    expect(texts[2]).toContain(number);

    // "1": satisfied; the citizen's own evaluation closes the ticket.
    expect((await t.sms(text(phone, '１'))).statusCode).toBe(200);
    expect(await t.ticketRow(ticketId)).toMatchObject({
      status: 'closed',
      resolution: 'citizen_evaluation',
    });
    const evaluation = await t.testDb.database.db
      .selectFrom('citizen_evaluations')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(evaluation).toMatchObject({ contacted: 1, resolved: 1, satisfaction: 'satisfied' });
    await t.deliver();
    expect(t.textsTo(phone).at(-1)).toContain(`感谢您对工单${number}的评价`);

    // The ticket is closed: the next text is a new appeal.
    const later = text(phone, '另一处井盖松动');
    await t.sms(later);
    expect(await ticketOf(later.messageId)).not.toBe(ticketId);
  });

  it('sends an answer given at intake, and asks no survey for it', async () => {
    const phone = newPhone();
    const opening = text(phone, '公积金怎么提取？');
    await t.sms(opening);
    const ticketId = await ticketOf(opening.messageId);
    await t.step('operator', `/tickets/${ticketId}/direct-answer`, {
      answer: '携带身份证到公积金中心窗口办理 𠮷',
    });
    await t.deliver();
    const texts = t.textsTo(phone);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('已答复：携带身份证到公积金中心窗口办理 𠮷');
    expect(texts.some((s) => s.includes('满意回复1'))).toBe(false);
  });

  it('asks whether a dissatisfied appeal is resolved, and sends an unresolved one back to its unit', async () => {
    const phone = newPhone();
    const opening = text(phone, '垃圾没人清运');
    await t.sms(opening);
    const ticketId = await ticketOf(opening.messageId);
    await t.bringToReply(ticketId, '已安排清运');
    await t.deliver();

    await t.sms(text(phone, '3'));
    await t.deliver();
    expect(t.textsTo(phone).at(-1)).toContain('已解决回复1，未解决回复2');
    expect(await t.ticketRow(ticketId)).toMatchObject({ status: 'replied' });

    await t.sms(text(phone, '2'));
    expect(await t.ticketRow(ticketId)).toMatchObject({ status: 'in_progress', reopen_count: 1 });
    expect(
      await t.testDb.database.db
        .selectFrom('citizen_evaluations')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ contacted: 1, resolved: 0, satisfaction: 'dissatisfied' });
    await t.deliver();
    expect(t.textsTo(phone).at(-1)).toContain('已转回承办单位重新办理');

    // Replied again after the reopen: a new survey for the new reply.
    await t.step('handlerDept', `/tickets/${ticketId}/reply`, { text: '已彻底清运完毕' });
    await t.deliver();
    expect(t.textsTo(phone).at(-1)).toContain('满意回复1');
    await t.sms(text(phone, '2'));
    expect(await t.ticketRow(ticketId)).toMatchObject({ status: 'closed' });
  });

  it('asks one survey at a time per number, the next once the first is answered', async () => {
    const phone = newPhone();
    const first = text(phone, '路面坑洼');
    await t.sms(first);
    const a = await ticketOf(first.messageId);
    await t.bringToReply(a, '已修补路面');
    await t.deliver();
    await t.sms(text(phone, '1'));
    const second = text(phone, '井盖松动');
    await t.sms(second);
    const b = await ticketOf(second.messageId);
    expect(b).not.toBe(a);

    // The desk reopens the first; both are replied again, one after the other.
    await t.step('callback', `/tickets/${a}/reopen`, { reason: '市民来电反映路面又坏了' });
    await t.step('handlerDept', `/tickets/${a}/reply`, { text: '路面已重新铺设' });
    await t.bringToReply(b, '井盖已固定');
    await t.deliver();
    const numberA = ((await t.ticketRow(a)) as { number: string }).number;
    const numberB = ((await t.ticketRow(b)) as { number: string }).number;
    const surveysAbout = (number: string) =>
      t.textsTo(phone).filter((s) => s.includes('满意回复1') && s.includes(number));
    expect(surveysAbout(numberA)).toHaveLength(2);
    expect(surveysAbout(numberB)).toHaveLength(0);

    // "2" answers the question asked (about the first); then the second is asked.
    await t.sms(text(phone, '2'));
    expect(await t.ticketRow(a)).toMatchObject({ status: 'closed' });
    expect(await t.ticketRow(b)).toMatchObject({ status: 'replied' });
    await t.deliver();
    expect(surveysAbout(numberB)).toHaveLength(1);
    await t.sms(text(phone, '3'));
    await t.sms(text(phone, '已解决'));
    expect(await t.ticketRow(b)).toMatchObject({ status: 'closed' });
  });

  it('drops the survey when the callback desk reached the citizen first', async () => {
    const phone = newPhone();
    const opening = text(phone, '路边树枝挡路');
    await t.sms(opening);
    const ticketId = await ticketOf(opening.messageId);
    await t.bringToReply(ticketId, '已修剪树枝');
    await t.deliver();
    await t.step('callback', `/tickets/${ticketId}/callback`, {
      contacted: true,
      resolved: true,
      satisfaction: 'basically_satisfied',
    });
    await t.deliver();
    const survey = await t.testDb.database.db
      .selectFrom('messaging_surveys')
      .select('state')
      .where('ticket_id', '=', ticketId)
      .executeTakeFirstOrThrow();
    expect(survey.state).toBe('stale');

    // A late "1" files nothing and records no second evaluation; the citizen is told why.
    const tickets = await t.count('tickets');
    const late = text(phone, '1');
    await t.sms(late);
    expect(await t.count('tickets')).toBe(tickets);
    expect(
      await t.testDb.database.db
        .selectFrom('citizen_evaluations')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .execute(),
    ).toHaveLength(0);
    await t.deliver();
    expect(t.textsTo(phone).at(-1)).toContain('已完成回访');
  });

  it('retries a message the gateway could not take, and gives up on one it refused', async () => {
    const phone = newPhone();
    t.gateway.answers.push({ status: 503 });
    const opening = text(phone, 'retry 𠮷');
    await t.sms(opening);
    await t.deliver();
    const ticketId = await ticketOf(opening.messageId);
    const outbox = () =>
      t.testDb.database.db
        .selectFrom('messaging_outbox')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .execute();
    const [waiting] = await outbox();
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting!.last_error).toContain('503');
    expect(waiting!.last_error).not.toContain(phone);
    t.clock.advance(31_000);
    await t.deliver();
    expect(await outbox()).toMatchObject([{ status: 'sent', attempts: 2 }]);

    // A refusal (400) is final; the survey planned after a failed reply is cancelled with it.
    await t.bringToReply(ticketId, '已处理');
    t.gateway.answers.push({ status: 400 });
    await t.deliver();
    const rows = await outbox();
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ['receipt', 'sent'],
      ['answer', 'failed'],
      ['survey', 'cancelled'],
    ]);
  });

  it('finishes a message a crash left half handled', async () => {
    // What a crash right after the decision leaves: the message and its decision, not done.
    const phone = newPhone();
    const sms = { messageId: `gw-crashed-${dialect}`, from: phone, text: '停电了 𠮷' };
    await t.testDb.database.write((trx) =>
      trx
        .insertInto('messaging_inbound')
        .values({
          channel: 'sms',
          external_id: sms.messageId,
          sender: phone,
          decision: 'appeal',
          ticket_id: null,
          survey_id: null,
          payload: JSON.stringify(sms),
          received_at: new Date(t.clock.now().getTime() - 5 * 60_000).toISOString(),
          done_at: null,
        })
        .execute(),
    );
    expect(await t.services.messaging.sms.resumeUnfinished()).toBe(1);
    const ticketId = await ticketOf(sms.messageId);
    expect(await t.ticketRow(ticketId)).toMatchObject({ description: '停电了 𠮷' });
    await t.deliver();
    expect(t.textsTo(phone)[0]).toContain('查询码');
    expect(await t.services.messaging.sms.resumeUnfinished()).toBe(0);
  });

  it('shows admins the outbox without recipients or content', async () => {
    t.gateway.answers.push({ status: 400 });
    await t.sms(text(newPhone(), '网关拒收'));
    await t.deliver();
    const cookie = await t.login(t.fixture.users.admin.username);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/channels/outbox?status=failed&channel=sms',
      headers: { cookie },
    });
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: Array<Record<string, unknown>> }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]).toMatchObject({
      channel: 'sms',
      kind: 'receipt',
      status: 'failed',
      ticketNumber: expect.stringMatching(/^\d{14}$/) as unknown,
    });
    expect(Object.keys(items[0]!)).not.toContain('recipient');
    expect(response.body).not.toMatch(/1390000\d{4}/);
    const operator = await t.login(t.fixture.users.operator.username);
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/channels/outbox',
      headers: { cookie: operator },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('plans and sends each message once when two instances work at once', async () => {
    const before = t.gateway.requests.length;
    const phones = Array.from({ length: 12 }, newPhone);
    const messages = phones.map((phone) => text(phone, '并发 😀'));
    for (const message of messages) await t.sms(message);
    const other = createServices(t.testDb.database, t.config, t.clock);
    const both = async () => {
      await Promise.all([t.services.messaging.updates.scan(), other.messaging.updates.scan()]);
      await Promise.all([t.services.messaging.outbox.drain(), other.messaging.outbox.drain()]);
    };
    await both();
    // Two replies, scanned and sent by both instances at once: one answer and one survey each.
    for (const message of messages.slice(0, 2))
      await t.bringToReply(await ticketOf(message.messageId), '已处理 😀');
    await both();
    await both();
    const references = t.gateway.requests
      .slice(before)
      .map((r) => (JSON.parse(r.body) as { reference: string }).reference);
    expect(references).toHaveLength(12 + 2 * 2);
    expect(new Set(references).size).toBe(references.length);
    for (const phone of phones.slice(0, 2)) {
      const texts = t.textsTo(phone);
      expect(texts.filter((s) => s.includes('已答复：已处理 😀'))).toHaveLength(1);
      expect(texts.filter((s) => s.includes('满意回复1'))).toHaveLength(1);
    }
  });
});

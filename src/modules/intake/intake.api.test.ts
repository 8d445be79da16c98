import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';

interface ErrorBody {
  error: {
    code: string;
    message: string;
    requestId: string;
    field?: string;
    rule?: string;
    limit?: number;
  };
}

describe.each(TEST_DIALECTS)('intake API on %s', (dialect) => {
  let t: TestApp;
  let op: string;

  const post = (url: string, payload: object, cookie?: string) =>
    t.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
  const get = (url: string, cookie?: string) =>
    t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const count = async (table: 'tickets' | 'contacts' | 'ticket_events') =>
    Number(
      (
        await t.testDb.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect);
    op = await t.login('op1');
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a ticket for an operator: 201 with its durable number and a query code', async () => {
    const response = await post(
      '/api/v1/tickets',
      {
        channel: 'phone',
        appealType: 'complaint',
        urgency: 'normal',
        description: '路灯不亮😀',
        citizenName: '𠮷田',
        citizenPhone: '13812345678',
        districtId: t.fixture.units.jiangyang,
        categoryId: t.fixture.categories.streetLight,
      },
      op,
    );
    expect(response.statusCode).toBe(201);
    const body = response.json<{ id: number; number: string; status: string; queryCode: string }>();
    expect(body.status).toBe('pending_dispatch');
    expect(body.number).toMatch(/^20260302\d{6}$/);
    const view = await get(`/api/v1/tickets/${body.id}`, op);
    expect(view.json()).toMatchObject({ description: '路灯不亮😀', citizenName: '𠮷田' });
  });

  it('names the bad field in the error envelope and writes nothing', async () => {
    const before = [await count('tickets'), await count('contacts'), await count('ticket_events')];
    const missing = await post(
      '/api/v1/tickets',
      { channel: 'phone', appealType: 'help', urgency: 'normal' },
      op,
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json<ErrorBody>().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'body.description',
      rule: 'required',
    });
    // The rule and its limit, for a client to say it in the user's language.
    const tooLong = await post(
      '/api/v1/tickets',
      { channel: 'phone', appealType: 'help', urgency: 'normal', description: '长'.repeat(5001) },
      op,
    );
    expect(tooLong.json<ErrorBody>().error).toMatchObject({
      field: 'body.description',
      rule: 'maxLength',
      limit: 5000,
    });
    const badCategory = await post(
      '/api/v1/tickets',
      {
        channel: 'phone',
        appealType: 'help',
        urgency: 'normal',
        description: 'x',
        categoryId: 99999,
      },
      op,
    );
    expect(badCategory.statusCode).toBe(400);
    expect(badCategory.json<ErrorBody>().error).toMatchObject({ field: 'categoryId' });
    expect(badCategory.json<ErrorBody>().error.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const badPhone = await post(
      '/api/v1/tickets',
      {
        channel: 'phone',
        appealType: 'help',
        urgency: 'normal',
        description: 'x',
        citizenPhone: 'call me',
      },
      op,
    );
    // A rule the service checks itself is named like a schema's, for the screens to word it.
    expect(badPhone.json<ErrorBody>().error).toMatchObject({
      field: 'citizenPhone',
      rule: 'pattern',
    });
    expect([await count('tickets'), await count('contacts'), await count('ticket_events')]).toEqual(
      before,
    );
  });

  it('refuses ticket creation to a handler and to the anonymous', async () => {
    const payload = { channel: 'phone', appealType: 'help', urgency: 'normal', description: 'x' };
    expect((await post('/api/v1/tickets', payload, await t.login('h-nancheng'))).statusCode).toBe(
      403,
    );
    expect((await post('/api/v1/tickets', payload)).statusCode).toBe(401);
  });

  it('takes a public appeal without login and shows its progress only with the code', async () => {
    const submitted = await post('/api/v1/public/appeals', {
      description: '小区停水三天了',
      citizenName: '李四',
      citizenPhone: '13900002222',
      address: '佳乐世纪城7栋',
    });
    expect(submitted.statusCode).toBe(201);
    const { number, queryCode } = submitted.json<{ number: string; queryCode: string }>();
    const tracked = await get(`/api/v1/public/appeals/${number}?code=${queryCode}`);
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json()).toMatchObject({ number, status: 'received', replyText: null });
    expect(tracked.body).not.toMatch(/李四|13900002222|佳乐/);
    const wrong = await get(`/api/v1/public/appeals/${number}?code=WRONGCODE2`);
    const unknown = await get(`/api/v1/public/appeals/20990101000001?code=${queryCode}`);
    expect([wrong.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(wrong.json<ErrorBody>().error.code).toBe(unknown.json<ErrorBody>().error.code);

    const id = (
      await t.testDb.database.db
        .selectFrom('tickets')
        .select('id')
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).id;
    const answered = await post(
      `/api/v1/tickets/${id}/direct-answer`,
      { answer: '供水管道抢修中，今晚恢复' },
      op,
    );
    expect(answered.json()).toMatchObject({ status: 'closed' });
    const done = await get(`/api/v1/public/appeals/${number}?code=${queryCode}`);
    expect(done.json()).toMatchObject({ status: 'closed', replyText: '供水管道抢修中，今晚恢复' });
  });

  it('accepts, refers and invalidates received tickets over HTTP, refusing illegal steps', async () => {
    const receive = async () => {
      const r = await post(
        '/api/v1/tickets',
        { channel: 'wechat', appealType: 'help', urgency: 'normal', description: '微信留言' },
        op,
      );
      return r.json<{ id: number; status: string }>();
    };
    const a = await receive();
    expect(a.status).toBe('received');
    const accepted = await post(
      `/api/v1/tickets/${a.id}/accept`,
      { categoryId: t.fixture.categories.streetLight },
      op,
    );
    expect(accepted.json()).toMatchObject({ status: 'pending_dispatch' });
    const again = await post(`/api/v1/tickets/${a.id}/accept`, {}, op);
    expect(again.statusCode).toBe(409);
    expect(again.json<ErrorBody>().error.code).toBe('ILLEGAL_TRANSITION');
    const b = await receive();
    const referred = await post(
      `/api/v1/tickets/${b.id}/refer`,
      { target: '110', reason: '涉及治安，转110' },
      op,
    );
    expect(referred.json()).toMatchObject({ status: 'closed' });
    const c = await receive();
    const invalid = await post(
      `/api/v1/tickets/${c.id}/invalidate`,
      { reason: '空白留言' },
      await t.login('disp1'),
    );
    expect(invalid.json()).toMatchObject({ status: 'closed' });
  });

  it('records contacts and shows a caller’s history to operators only', async () => {
    const recorded = await post(
      '/api/v1/contacts',
      {
        channel: 'phone',
        callerNumber: '137 0000 9999',
        startedAt: '2026-03-02T00:30:00Z',
        outcome: 'abandoned',
      },
      op,
    );
    expect(recorded.statusCode).toBe(201);
    const contact = recorded.json<{ id: number; callerNumber: string }>();
    expect(contact.callerNumber).toBe('13700009999');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/contacts/${contact.id}`,
      payload: { endedAt: '2026-03-02T00:30:20Z', summary: '振铃未接' },
      headers: { cookie: op },
    });
    expect(patched.json()).toMatchObject({
      endedAt: '2026-03-02T00:30:20.000Z',
      summary: '振铃未接',
    });
    const history = await get('/api/v1/contacts?caller=13700009999', op);
    expect(history.json()).toMatchObject({
      callerNumber: '13700009999',
      contacts: [{ id: contact.id }],
      tickets: [],
    });
    expect(
      (await get('/api/v1/contacts?caller=13700009999', await t.login('h-nancheng'))).statusCode,
    ).toBe(403);

    const ticket = (
      await post(
        '/api/v1/tickets',
        { channel: 'phone', appealType: 'help', urgency: 'normal', description: '重复来电' },
        op,
      )
    ).json<{ id: number }>();
    const attached = await post(
      `/api/v1/contacts/${contact.id}/attach`,
      { ticketId: ticket.id },
      op,
    );
    expect(attached.json()).toMatchObject({ ticketId: ticket.id });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test-support/app.js';
import { TEST_DIALECTS } from '../../../test-support/databases.js';

describe.each(TEST_DIALECTS)('staff contacts and notice settings over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let cookies: { admin: string; handler: string; other: string };
  let ids: { handler: number; other: number };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const { users } = t.fixture;
    cookies = {
      admin: await t.login(users.admin.username),
      handler: await t.login(users.handler.username),
      other: await t.login(users.handlerDept.username),
    };
    ids = { handler: users.handler.id, other: users.handlerDept.id };
  });
  afterAll(() => t.close());

  const call = async (cookie: string, method: 'GET' | 'PUT', url: string, payload?: unknown) => {
    const response = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
  };

  it('lets an admin set a work e-mail and a mainland or E.164 mobile, refusing bad ones by field', async () => {
    const url = `/users/${ids.handler}/contact`;
    const bad: Array<[Record<string, unknown>, string, string]> = [
      [{ email: 'not-an-address' }, 'email', 'format'],
      [{ email: 'two@example.com, three@example.com' }, 'email', 'format'],
      [{ email: `${'a'.repeat(250)}@x.cn` }, 'email', 'maxLength'],
      [{ mobile: '12800000000' }, 'mobile', 'pattern'],
      [{ mobile: '1380000000' }, 'mobile', 'pattern'],
      [{ mobile: '+0861380000000' }, 'mobile', 'pattern'],
      [{ mobile: '138 0000 00𠮷' }, 'mobile', 'pattern'],
    ];
    for (const [payload, field, rule] of bad) {
      const refused = await call(cookies.admin, 'PUT', url, payload);
      expect(refused.status, JSON.stringify(payload)).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field, rule });
    }
    // A refusal changes nothing.
    expect((await call(cookies.admin, 'GET', url)).body).toMatchObject({
      email: null,
      mobile: null,
    });

    const saved = await call(cookies.admin, 'PUT', url, {
      email: ' h-nancheng@nancheng.example.gov.cn ',
      mobile: '138-0000 0001',
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      userId: ids.handler,
      email: 'h-nancheng@nancheng.example.gov.cn',
      mobile: '13800000001',
      language: 'zh-CN',
    });
    // E.164 for a number abroad; an empty e-mail clears it; an absent field stays.
    expect(
      (await call(cookies.admin, 'PUT', url, { mobile: '+85291234567', email: '' })).body,
    ).toMatchObject({ email: null, mobile: '+85291234567' });
    expect((await call(cookies.admin, 'PUT', url, { email: 'h@x.gov.cn' })).body).toMatchObject({
      email: 'h@x.gov.cn',
      mobile: '+85291234567',
    });

    // The audit log names the fields changed, never their values.
    const audit = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'staff_contact.update')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(audit)).not.toMatch(/nancheng\.example|13800000001|85291234567|h@x/);
  });

  it('shows contacts only to admins and the user, and lets only admins change them', async () => {
    await call(cookies.admin, 'PUT', `/users/${ids.other}/contact`, { mobile: '13900000009' });
    expect((await call(cookies.other, 'GET', `/users/${ids.other}/contact`)).body).toMatchObject({
      mobile: '13900000009',
    });
    const peek = await call(cookies.handler, 'GET', `/users/${ids.other}/contact`);
    expect(peek.status).toBe(403);
    expect(JSON.stringify(peek.body)).not.toContain('13900000009');
    expect(
      (await call(cookies.other, 'PUT', `/users/${ids.other}/contact`, { mobile: '13900000008' }))
        .status,
    ).toBe(403);
    expect((await call(cookies.admin, 'GET', '/users/999999/contact')).status).toBe(404);
    // The users list (seen by admins for other purposes) does not carry them.
    const list = await call(cookies.admin, 'GET', '/users?pageSize=100');
    expect(JSON.stringify(list.body)).not.toContain('13900000009');
  });

  it('lets each user choose their notices by e-mail and SMS, starting from the defaults', async () => {
    const initial = await call(cookies.other, 'GET', '/notice-settings');
    expect(initial.body).toEqual({
      email: null,
      mobile: '13900000009',
      language: 'zh-CN',
      topics: [
        { topic: 'near', email: true, sms: false },
        { topic: 'overdue', email: true, sms: true },
        { topic: 'reminder', email: true, sms: false },
        { topic: 'escalation', email: true, sms: true },
        { topic: 'order', email: true, sms: true },
        { topic: 'evaluation', email: true, sms: false },
      ],
    });
    const changed = await call(cookies.other, 'PUT', '/notice-settings', {
      language: 'en',
      topics: [
        { topic: 'near', email: false, sms: false },
        { topic: 'reminder', email: true, sms: true },
      ],
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ language: 'en', mobile: '13900000009' });
    expect(changed.body.topics).toEqual([
      { topic: 'near', email: false, sms: false },
      { topic: 'overdue', email: true, sms: true },
      { topic: 'reminder', email: true, sms: true },
      { topic: 'escalation', email: true, sms: true },
      { topic: 'order', email: true, sms: true },
      { topic: 'evaluation', email: true, sms: false },
    ]);
    // Another user's settings are untouched; unknown topics and languages are refused.
    const handlers = (await call(cookies.handler, 'GET', '/notice-settings')).body;
    expect(handlers.language).toBe('zh-CN');
    expect(handlers.topics).toContainEqual({ topic: 'near', email: true, sms: false });
    const unknown = await call(cookies.other, 'PUT', '/notice-settings', {
      topics: [{ topic: 'weather', email: true, sms: true }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ field: 'topics.0.topic', rule: 'enum' });
    const language = await call(cookies.other, 'PUT', '/notice-settings', { language: 'fr' });
    expect(language.status).toBe(400);
    expect(language.body.error).toMatchObject({ field: 'language', rule: 'enum' });
    // The admin's later change of the contact keeps the user's language.
    await call(cookies.admin, 'PUT', `/users/${ids.other}/contact`, { email: 'o@x.gov.cn' });
    expect((await call(cookies.other, 'GET', '/notice-settings')).body).toMatchObject({
      language: 'en',
      email: 'o@x.gov.cn',
    });
  });
});

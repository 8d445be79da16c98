import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { actorFor } from '../../test-support/fixtures.js';

interface Figures {
  channel: string;
  contacts: number;
  tickets: number;
  directAnswers: number;
  directAnswerRate: number | null;
}

describe.each(TEST_DIALECTS)('figures per channel on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    // 09:00 on 2 March in Shanghai.
    t = await createTestApp(dialect, '2026-03-02T01:00:00.000Z');
  });
  afterAll(async () => {
    await t.close();
  });

  const figures = async (query: string, user = 'sup1') => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/channels/figures${query}`,
      headers: { cookie: await t.login(user) },
    });
    return response;
  };

  it('counts contacts, tickets and direct answers per channel over days of the centre', async () => {
    const channels = t.services.intake.channels;
    await channels.fileAppeal({
      channel: 'sms',
      externalId: 'sms-1',
      sender: '13800001111',
      description: '停水',
    });
    await channels.recordMessage({ channel: 'wechat', externalId: 'wx-1', sender: 'openid-1' });
    await channels.fileAppeal({
      channel: 'wechat',
      externalId: 'wx-2',
      sender: 'openid-1',
      description: '路灯不亮😀',
    });
    const operator = await actorFor(t.testDb.database, 'op1');
    const phone = { channel: 'phone' as const, appealType: 'enquiry' as const };
    await t.services.intake.tickets.create(operator, {
      ...phone,
      description: '社保卡怎么补办',
      disposition: 'direct_answer',
      answer: '携带身份证到社保窗口办理',
    });
    await t.services.intake.tickets.create(operator, { ...phone, description: '噪音扰民' });
    // 23:30 on 2 March in Shanghai: still that day…
    t.clock.set(new Date('2026-03-02T15:30:00.000Z'));
    await channels.recordMessage({ channel: 'email', externalId: '<late@x>', sender: 'a@b.c' });
    // …00:30 on 3 March in Shanghai, though still 2 March in UTC: the next day.
    t.clock.set(new Date('2026-03-02T16:30:00.000Z'));
    await channels.recordMessage({ channel: 'email', externalId: '<next@x>', sender: 'a@b.c' });

    const response = await figures('?from=2026-03-02&to=2026-03-02');
    expect(response.statusCode).toBe(200);
    const byChannel = new Map(
      response.json<{ items: Figures[] }>().items.map((row) => [row.channel, row]),
    );
    expect(byChannel.get('phone')).toEqual({
      channel: 'phone',
      contacts: 2,
      tickets: 2,
      directAnswers: 1,
      directAnswerRate: 0.5,
    });
    expect(byChannel.get('wechat')).toMatchObject({ contacts: 2, tickets: 1, directAnswers: 0 });
    expect(byChannel.get('sms')).toMatchObject({ contacts: 1, tickets: 1 });
    expect(byChannel.get('email')).toMatchObject({
      contacts: 1,
      tickets: 0,
      directAnswerRate: null,
    });
    expect(byChannel.get('weibo')).toMatchObject({ contacts: 0, tickets: 0 });

    const both = await figures('?from=2026-03-02&to=2026-03-03');
    expect(
      both.json<{ items: Figures[] }>().items.find((row) => row.channel === 'email')?.contacts,
    ).toBe(2);
  });

  it('refuses a bad range naming the field, and other roles', async () => {
    const backwards = await figures('?from=2026-03-05&to=2026-03-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ error: { field: string } }>().error.field).toBe('to');
    expect((await figures('?from=2026-03-01&to=2026-03-05', 'h-nancheng')).statusCode).toBe(403);
  });
});

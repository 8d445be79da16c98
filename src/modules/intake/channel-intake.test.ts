import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { hashQueryCode } from './appeal-rules.js';

describe.each(TEST_DIALECTS)('channel intake on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const contactsOf = (externalId: string) =>
    t.testDb.database.db
      .selectFrom('contacts')
      .selectAll()
      .where('external_id', '=', externalId)
      .execute();

  it('files a channel appeal as a received ticket with its contact, once however often it is delivered', async () => {
    const appeal = {
      channel: 'wechat' as const,
      externalId: 'msg-1001',
      sender: 'oAbC-openid-𠮷',
      senderName: '𠮷先生',
      description: '小区路灯坏了三天😀',
      districtId: t.fixture.units.jiangyang,
    };
    const first = await t.services.intake.channels.fileAppeal(appeal);
    expect(first).toMatchObject({ duplicate: false });
    expect(first.number).toMatch(/^20260302\d{6}$/);
    expect(first.queryCode).toEqual(expect.any(String));

    // Delivered again, and twice at once: the same ticket, no new contact, no new code.
    const again = await Promise.all([
      t.services.intake.channels.fileAppeal(appeal),
      t.services.intake.channels.fileAppeal(appeal),
    ]);
    for (const receipt of again) {
      expect(receipt).toMatchObject({
        ticketId: first.ticketId,
        number: first.number,
        contactId: first.contactId,
        queryCode: null,
        duplicate: true,
      });
    }

    const ticket = await t.testDb.database.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', first.ticketId)
      .executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({
      status: 'received',
      channel: 'wechat',
      description: '小区路灯坏了三天😀',
      citizen_name: '𠮷先生',
      query_code_hash: hashQueryCode(first.queryCode ?? ''),
    });
    const contacts = await contactsOf('msg-1001');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      channel: 'wechat',
      caller_number: 'oAbC-openid-𠮷',
      ticket_id: first.ticketId,
    });
    expect(await t.services.intake.channels.ticketOfMessage('wechat', 'msg-1001')).toEqual({
      ticketId: first.ticketId,
      number: first.number,
    });
  });

  it('records a message without a ticket once, and a later appeal from it takes that contact', async () => {
    const message = {
      channel: 'sms' as const,
      externalId: 'gw-77',
      sender: '+86 138-1234-5678',
      summary: '你好',
    };
    const first = await t.services.intake.channels.recordMessage(message);
    expect(await t.services.intake.channels.recordMessage(message)).toEqual({
      contactId: first.contactId,
      duplicate: true,
    });
    const [contact] = await contactsOf('gw-77');
    expect(contact).toMatchObject({ caller_number: '+8613812345678', outcome: 'pending' });

    const filed = await t.services.intake.channels.fileAppeal({
      ...message,
      description: '停水了',
    });
    expect(filed).toMatchObject({ contactId: first.contactId, duplicate: false });
    const ticket = await t.testDb.database.db
      .selectFrom('tickets')
      .select(['citizen_phone', 'channel'])
      .where('id', '=', filed.ticketId)
      .executeTakeFirstOrThrow();
    // An SMS's sender is the citizen's phone, to be called back.
    expect(ticket).toEqual({ citizen_phone: '+8613812345678', channel: 'sms' });
    expect(await contactsOf('gw-77')).toHaveLength(1);
  });

  it('refuses a bad message naming the field, and files nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.testDb.database.db
            .selectFrom('tickets')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const file = (patch: object) =>
      t.services.intake.channels.fileAppeal({
        channel: 'email',
        externalId: '<a@b>',
        sender: 'a@example.org',
        description: '噪音扰民',
        ...patch,
      });
    await expect(file({ externalId: '  ' })).rejects.toMatchObject({ field: 'externalId' });
    await expect(file({ channel: 'phone' })).rejects.toMatchObject({ field: 'channel' });
    await expect(file({ description: '' })).rejects.toMatchObject({ field: 'description' });
    await expect(file({ receivedAt: 'yesterday' })).rejects.toMatchObject({ field: 'receivedAt' });
    // The rule broken travels with the error, for the screens to word it in any language.
    await expect(file({ lat: 95, lng: 105 })).rejects.toMatchObject({
      field: 'lat',
      details: { rule: 'maximum', limit: 90 },
    });
    await expect(file({ districtId: t.fixture.units.housingBureau })).rejects.toMatchObject({
      field: 'districtId',
    });
    expect(await count()).toBe(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../composition.js';
import { loadConfig } from '../../config.js';
import type { Actor } from '../../platform/actor.js';
import { FakeClock } from '../../platform/clock.js';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../../test-support/databases.js';
import { actorFor, createFixture, type Fixture } from '../../test-support/fixtures.js';
import type { CreateTicketInput } from './index.js';

describe.each(TEST_DIALECTS)('ticket intake on %s', (dialect) => {
  let testDb: TestDatabase;
  let services: Services;
  let fx: Fixture;
  let op: Actor;
  const clock = new FakeClock('2026-03-02T01:00:00.000Z');

  const call = (extra: Partial<CreateTicketInput> = {}): CreateTicketInput => ({
    channel: 'phone',
    appealType: 'complaint',
    urgency: 'normal',
    description: '南城街道滨江路路灯不亮 street light broken',
    citizenName: '张三丰',
    citizenPhone: '138 1234-5678',
    ...extra,
  });
  const ticketRow = (id: number) =>
    testDb.database.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const contactsOf = (ticketId: number) =>
    testDb.database.db
      .selectFrom('contacts')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .execute();
  const eventTypes = async (ticketId: number) =>
    (await services.tickets.query.getEvents(op, ticketId)).map((e) => e.type);
  const counts = async () => {
    const db = testDb.database.db;
    const n = async (table: 'tickets' | 'contacts' | 'ticket_events' | 'ticket_numbers') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const seqs = await db.selectFrom('ticket_numbers').select('last_seq').execute();
    return {
      tickets: await n('tickets'),
      contacts: await n('contacts'),
      events: await n('ticket_events'),
      seq: seqs.reduce((sum, r) => sum + r.last_seq, 0),
    };
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      DATABASE_URL: testDb.url,
      DATA_DIR: '/tmp/unused',
    });
    services = createServices(testDb.database, config, clock);
    fx = await createFixture(testDb.database);
    op = await actorFor(testDb.database, 'op1');
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('dispatch: a call becomes a ticket waiting for dispatch, with its contact and number', async () => {
    const created = await services.intake.tickets.create(
      op,
      call({
        categoryId: fx.categories.streetLight,
        districtId: fx.units.jiangyang,
        streetId: fx.units.nanchengStreet,
      }),
    );
    // 2026-03-02T01:00Z is 09:00 in Shanghai: numbered by that day.
    expect(created.number).toMatch(/^20260302\d{6}$/);
    expect(created.status).toBe('pending_dispatch');
    expect(created.queryCode).toMatch(/^[A-Z2-9]{10}$/);
    const row = await ticketRow(created.id);
    expect(row).toMatchObject({
      citizen_phone: '13812345678',
      channel: 'phone',
      created_by: op.userId,
      title: '南城街道滨江路路灯不亮 street light broke',
    });
    expect(await eventTypes(created.id)).toEqual(['created', 'accept']);
    const [contact] = await contactsOf(created.id);
    expect(contact).toMatchObject({
      outcome: 'ticket',
      caller_number: '13812345678',
      operator_id: op.userId,
    });
  });

  it('direct answer: closed at intake with the answer, the contact counted as a direct answer', async () => {
    const created = await services.intake.tickets.create(
      op,
      call({
        appealType: 'enquiry',
        disposition: 'direct_answer',
        answer: '公积金提取请携带身份证到中心窗口办理',
      }),
    );
    expect(created.status).toBe('closed');
    expect(await ticketRow(created.id)).toMatchObject({
      reply_text: '公积金提取请携带身份证到中心窗口办理',
      resolution: 'direct_answer',
      closed_at: '2026-03-02T01:00:00.000Z',
    });
    expect(await eventTypes(created.id)).toEqual(['created', 'direct_answer']);
    expect((await contactsOf(created.id))[0]!.outcome).toBe('direct_answer');
  });

  it('referral: an emergency goes to 119 and the ticket closes with the reason', async () => {
    const created = await services.intake.tickets.create(
      op,
      call({
        urgency: 'emergency',
        disposition: 'referral',
        referralTarget: '119',
        referralReason: '居民楼起火，已转119',
      }),
    );
    expect(created.status).toBe('closed');
    const events = await services.tickets.query.getEvents(op, created.id);
    expect(events[1]).toMatchObject({
      type: 'refer',
      reason: '居民楼起火，已转119',
      data: { target: '119' },
    });
    expect((await contactsOf(created.id))[0]).toMatchObject({
      outcome: 'referral',
      referral_target: '119',
    });
  });

  it('received: a written message waits to be accepted; the contact stays pending', async () => {
    const created = await services.intake.tickets.create(
      op,
      call({ channel: 'wechat', citizenPhone: null }),
    );
    expect(created.status).toBe('received');
    expect(await eventTypes(created.id)).toEqual(['created']);
    expect((await contactsOf(created.id))[0]!.outcome).toBe('pending');
  });

  it('links an existing contact, once', async () => {
    const contact = await services.intake.contacts.record(op, {
      channel: 'phone',
      callerNumber: '13812345678',
      startedAt: '2026-03-02T00:59:00.000Z',
    });
    const created = await services.intake.tickets.create(op, call({ contactId: contact.id }));
    expect((await contactsOf(created.id)).map((c) => c.id)).toEqual([contact.id]);
    const before = await counts();
    await expect(
      services.intake.tickets.create(op, call({ contactId: contact.id })),
    ).rejects.toMatchObject({ code: 'CONTACT_ALREADY_LINKED' });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['description', { description: '   ' }],
    ['description', { description: '路'.repeat(5001) }],
    ['categoryId', { categoryId: 999_999 }],
    ['districtId', { districtId: -1 }],
    ['streetId', { districtId: -2, streetId: -3 }],
    ['citizenPhone', { citizenPhone: '138-abcd' }],
    ['citizenPhone', { citizenPhone: '12' }],
    ['lat', { lat: 91, lng: 105 }],
    ['lng', { lat: 28.9 }],
    ['answer', { disposition: 'direct_answer' }],
    ['referralTarget', { disposition: 'referral', referralTarget: '911', referralReason: 'x' }],
    ['disposition', { disposition: 'later' }],
    ['channel', { channel: 'fax' as never }],
    ['contactId', { contactId: 999_999 }],
  ] as const)('refuses a bad %s, naming it, and changes nothing', async (field, bad) => {
    const fixed: Partial<CreateTicketInput> = { ...bad };
    if (fixed.districtId === -1) fixed.districtId = fx.units.nanchengStreet;
    if (fixed.districtId === -2)
      Object.assign(fixed, { districtId: fx.units.jiangyang, streetId: fx.units.anfuStreet });
    const before = await counts();
    await expect(services.intake.tickets.create(op, call(fixed))).rejects.toMatchObject({
      details: { field },
    });
    expect(await counts()).toEqual(before);
  });

  it('takes the district from the street, and refuses creation by a handler', async () => {
    const created = await services.intake.tickets.create(
      op,
      call({ streetId: fx.units.anfuStreet }),
    );
    expect(await ticketRow(created.id)).toMatchObject({
      district_id: fx.units.naxi,
      street_id: fx.units.anfuStreet,
    });
    const handler = await actorFor(testDb.database, 'h-nancheng');
    await expect(services.intake.tickets.create(handler, call())).rejects.toMatchObject({
      code: 'ROLE_REQUIRED',
    });
  });

  it('keeps 𠮷 and emoji whole in the description, title and citizen name', async () => {
    const description = '𠮷野家门口井盖缺失😀，晚上很危险🚧 manhole cover missing near the 𠮷 shop';
    const created = await services.intake.tickets.create(
      op,
      call({ description, citizenName: '𠮷田😀' }),
    );
    const view = await services.tickets.query.getTicket(op, created.id);
    expect(view.description).toBe(description);
    expect(view.citizenName).toBe('𠮷田😀');
    expect(view.title).toBe(Array.from(description).slice(0, 30).join(''));
    expect(Array.from(view.title)).toHaveLength(30);
    const found = await services.tickets.query.list(op, { q: '井盖' });
    expect(found.items.map((i) => i.id)).toContain(created.id);
    const english = await services.tickets.query.list(op, { q: 'manhole' });
    expect(english.items.map((i) => i.id)).toEqual([created.id]);
  });

  it('numbers 50 concurrent creations uniquely and without gaps, each durable with its events', async () => {
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        services.intake.tickets.create(op, call({ description: `并发工单 ${i}` })),
      ),
    );
    const numbers = created.map((c) => c.number);
    expect(new Set(numbers).size).toBe(50);
    for (const n of numbers) expect(n).toMatch(/^20260302\d{6}$/);
    const byId = [...created].sort((a, b) => a.id - b.id).map((c) => c.number);
    // SQLite numbers inside the single writer's transaction, so numbers follow creation order;
    // PostgreSQL instances take numbers from reserved blocks, before their rows get ids.
    if (dialect === 'sqlite') expect(byId).toEqual([...byId].sort());
    const seqs = numbers.map((n) => Number(n.slice(8))).sort((a, b) => a - b);
    expect(seqs.at(-1)! - seqs[0]!).toBe(49);
    const events = await testDb.database.db
      .selectFrom('ticket_events')
      .select('ticket_id')
      .where('type', '=', 'created')
      .where(
        'ticket_id',
        'in',
        created.map((c) => c.id),
      )
      .execute();
    expect(events).toHaveLength(50);
  });

  it('numbers by the day in the centre’s time zone, restarting each day', async () => {
    clock.set('2026-03-02T16:30:00.000Z'); // 00:30 on 3 March in Shanghai
    const created = await services.intake.tickets.create(op, call());
    expect(created.number).toBe('20260303000001');
    clock.set('2026-03-02T01:00:00.000Z');
  });
});

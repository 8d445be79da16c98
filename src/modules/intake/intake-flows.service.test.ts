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

describe.each(TEST_DIALECTS)('public appeals, received tickets and contacts on %s', (dialect) => {
  let testDb: TestDatabase;
  let s: Services;
  let fx: Fixture;
  let op: Actor;
  let dispatcher: Actor;
  const clock = new FakeClock('2026-03-02T01:00:00.000Z');

  const appeal = (description = '小区停水三天了，没有任何通知') => ({
    description,
    citizenName: '李四',
    citizenPhone: '139-0000-2222',
    address: '江阳区南城街道佳乐世纪城7栋',
  });
  const ticketIdOf = async (number: string) =>
    (
      await testDb.database.db
        .selectFrom('tickets')
        .select('id')
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).id;
  const contactsOf = (ticketId: number) =>
    testDb.database.db
      .selectFrom('contacts')
      .selectAll()
      .where('ticket_id', '=', ticketId)
      .execute();

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      DATABASE_URL: testDb.url,
      DATA_DIR: '/tmp/unused',
    });
    s = createServices(testDb.database, config, clock);
    fx = await createFixture(testDb.database);
    op = await actorFor(testDb.database, 'op1');
    dispatcher = await actorFor(testDb.database, 'disp1');
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('receives a public appeal and lets the citizen follow it with the code only', async () => {
    const receipt = await s.intake.publicAppeals.submit({
      ...appeal(),
      categoryId: fx.categories.municipal,
    });
    expect(receipt.number).toMatch(/^20260302\d{6}$/);
    const id = await ticketIdOf(receipt.number);
    const row = await testDb.database.db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'received', channel: 'web', created_by: null });
    expect(row.query_code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.query_code_hash).not.toContain(receipt.queryCode);
    expect((await contactsOf(id))[0]).toMatchObject({
      channel: 'web',
      outcome: 'pending',
      caller_number: '13900002222',
    });

    const status = await s.intake.publicAppeals.track(
      receipt.number,
      receipt.queryCode.toLowerCase(),
    );
    expect(status).toEqual({
      number: receipt.number,
      status: 'received',
      category: { id: fx.categories.municipal, name: '市政设施', path: ['城乡建设', '市政设施'] },
      createdAt: '2026-03-02T01:00:00.000Z',
      replyText: null,
      repliedAt: null,
      canEvaluate: false,
    });
    expect(JSON.stringify(status)).not.toMatch(/李四|13900002222|佳乐/);
    const wrong = await s.intake.publicAppeals
      .track(receipt.number, 'AAAAAAAAAA')
      .catch((e: Error & { code: string }) => [e.code, e.message]);
    const unknown = await s.intake.publicAppeals
      .track('20990101000001', receipt.queryCode)
      .catch((e: Error & { code: string }) => [e.code, e.message]);
    expect(wrong).toEqual(['APPEAL_NOT_FOUND', `Appeal ${receipt.number} not found`]);
    expect(unknown).toEqual(['APPEAL_NOT_FOUND', 'Appeal 20990101000001 not found']);
  });

  it('requires the phone on a public appeal and takes the app channel', async () => {
    await expect(
      s.intake.publicAppeals.submit({ ...appeal(), citizenPhone: '' }),
    ).rejects.toMatchObject({ details: { field: 'citizenPhone' } });
    const receipt = await s.intake.publicAppeals.submit({ ...appeal(), channel: 'app' });
    const id = await ticketIdOf(receipt.number);
    expect((await s.tickets.query.getTicket(op, id)).channel).toBe('app');
  });

  it('accepts a received appeal with its classification; the contact becomes a ticket', async () => {
    const receipt = await s.intake.publicAppeals.submit(appeal());
    const id = await ticketIdOf(receipt.number);
    const accepted = await s.intake.tickets.accept(op, id, {
      categoryId: fx.categories.streetLight,
      streetId: fx.units.nanchengStreet,
      urgency: 'urgent',
      appealType: 'complaint',
    });
    expect(accepted).toMatchObject({ status: 'pending_dispatch', version: 2 });
    const view = await s.tickets.query.getTicket(op, id);
    expect(view).toMatchObject({
      categoryId: fx.categories.streetLight,
      districtId: fx.units.jiangyang,
      streetId: fx.units.nanchengStreet,
      urgency: 'urgent',
      appealType: 'complaint',
    });
    expect((await contactsOf(id))[0]!.outcome).toBe('ticket');
    await expect(s.intake.tickets.accept(op, id)).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    await expect(s.intake.tickets.accept(op, id, { categoryId: 424242 })).rejects.toMatchObject({
      details: { field: 'categoryId' },
    });
  });

  it('answers a received appeal directly; the citizen sees the answer with the code', async () => {
    const receipt = await s.intake.publicAppeals.submit(appeal('请问公积金怎么提取？'));
    const id = await ticketIdOf(receipt.number);
    const answered = await s.intake.tickets.directAnswer(dispatcher, id, {
      answer: '携带身份证到公积金中心办理😀',
    });
    expect(answered.status).toBe('closed');
    expect((await contactsOf(id))[0]!.outcome).toBe('direct_answer');
    const status = await s.intake.publicAppeals.track(receipt.number, receipt.queryCode);
    expect(status).toMatchObject({
      status: 'closed',
      replyText: '携带身份证到公积金中心办理😀',
      repliedAt: '2026-03-02T01:00:00.000Z',
    });
  });

  it('refers and invalidates received appeals, with their reasons and contact outcomes', async () => {
    const referred = await ticketIdOf((await s.intake.publicAppeals.submit(appeal())).number);
    await s.intake.tickets.refer(op, referred, {
      target: 'other',
      reason: '属劳动仲裁，请向区劳动仲裁委申请',
    });
    expect((await contactsOf(referred))[0]).toMatchObject({
      outcome: 'referral',
      referral_target: 'other',
    });
    const prank = await ticketIdOf((await s.intake.publicAppeals.submit(appeal('哈哈哈'))).number);
    await expect(s.intake.tickets.invalidate(op, prank, { reason: ' ' })).rejects.toMatchObject({
      details: { field: 'reason' },
    });
    const invalid = await s.intake.tickets.invalidate(op, prank, { reason: '恶意骚扰' });
    expect(invalid.status).toBe('closed');
    expect((await contactsOf(prank))[0]!.outcome).toBe('invalid');
    const events = await s.tickets.query.getEvents(op, prank);
    expect(events.at(-1)).toMatchObject({ type: 'invalidate', reason: '恶意骚扰' });
    const handler = await actorFor(testDb.database, 'h-nancheng');
    await expect(
      s.intake.tickets.invalidate(handler, prank, { reason: 'x' }),
    ).rejects.toMatchObject({
      code: 'ROLE_REQUIRED',
    });
  });

  it('records every contact, and pops the caller’s history newest first', async () => {
    const first = await s.intake.contacts.record(op, {
      channel: 'phone',
      callerNumber: '137 0000 1111',
      callerName: '王五',
      startedAt: '2026-03-01T02:00:00.000Z',
      outcome: 'abandoned',
    });
    expect(first).toMatchObject({ callerNumber: '13700001111', outcome: 'abandoned' });
    const created = await s.intake.tickets.create(op, {
      channel: 'phone',
      appealType: 'complaint',
      urgency: 'normal',
      description: '楼下烧烤油烟',
      citizenPhone: '13700001111',
    });
    clock.advance(60_000);
    const again = await s.intake.contacts.record(op, {
      channel: 'phone',
      callerNumber: '13700001111',
      startedAt: clock.now().toISOString(),
    });
    const history = await s.intake.contacts.history(op, '137-0000-1111');
    expect(history.contacts.map((c) => c.id)).toEqual([
      again.id,
      expect.any(Number), // recorded with the ticket
      first.id,
    ]);
    expect(history.contacts[2]!.callerName).toBe('王*');
    expect(history.tickets.map((t) => t.id)).toEqual([created.id]);
    expect(history.tickets[0]!.citizenPhone).toBe('137****1111');
    await expect(s.intake.contacts.history(dispatcher, '13700001111')).rejects.toMatchObject({
      code: 'ROLE_REQUIRED',
    });
  });

  it('ends a contact and refuses times before its start', async () => {
    const contact = await s.intake.contacts.record(op, {
      channel: 'phone',
      callerNumber: '13700002222',
      startedAt: '2026-03-02T00:00:00.000Z',
    });
    const ended = await s.intake.contacts.update(op, contact.id, {
      answeredAt: '2026-03-02T00:00:10.000Z',
      endedAt: '2026-03-02T00:03:00.000Z',
      outcome: 'invalid',
      summary: '打错电话',
    });
    expect(ended).toMatchObject({ outcome: 'invalid', summary: '打错电话' });
    await expect(
      s.intake.contacts.update(op, contact.id, { endedAt: '2026-03-01T23:00:00.000Z' }),
    ).rejects.toMatchObject({ details: { field: 'endedAt' } });
    await expect(s.intake.contacts.update(op, 999_999, {})).rejects.toMatchObject({
      code: 'CONTACT_NOT_FOUND',
    });
  });

  it('attaches a repeat call to an open ticket with an event, never to a closed one', async () => {
    const created = await s.intake.tickets.create(op, {
      channel: 'phone',
      appealType: 'complaint',
      urgency: 'normal',
      description: '工地夜间施工噪音',
    });
    const repeat = await s.intake.contacts.record(op, {
      channel: 'phone',
      callerNumber: '13600001111',
      startedAt: clock.now().toISOString(),
    });
    const attached = await s.intake.contacts.attach(op, repeat.id, created.id);
    expect(attached).toMatchObject({ ticketId: created.id, outcome: 'ticket' });
    const events = await s.tickets.query.getEvents(op, created.id);
    expect(events.at(-1)).toMatchObject({
      type: 'contact_attached',
      data: { contactId: repeat.id, channel: 'phone' },
    });
    await expect(
      s.intake.contacts.update(op, repeat.id, { outcome: 'invalid' }),
    ).rejects.toMatchObject({
      code: 'CONTACT_HAS_TICKET',
    });

    const closed = await s.intake.tickets.create(op, {
      channel: 'phone',
      appealType: 'enquiry',
      urgency: 'normal',
      description: '咨询',
      disposition: 'direct_answer',
      answer: '已答复',
    });
    const late = await s.intake.contacts.record(op, {
      channel: 'phone',
      startedAt: clock.now().toISOString(),
    });
    await expect(s.intake.contacts.attach(op, late.id, closed.id)).rejects.toMatchObject({
      code: 'TICKET_NOT_OPEN',
    });
    await expect(s.intake.contacts.attach(op, repeat.id, closed.id)).rejects.toMatchObject({
      code: 'CONTACT_ALREADY_LINKED',
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { AuditLog } from '../../platform/audit.js';
import { FakeClock } from '../../platform/clock.js';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../../test-support/databases.js';
import { actorFor, createFixture, type Fixture } from '../../test-support/fixtures.js';
import { seedAssignment, seedTicket } from '../../test-support/tickets.js';
import { TicketQueries } from './ticket-query.service.js';
import { insertEvent } from './tickets.repository.js';

describe.each(TEST_DIALECTS)('ticket queries on %s', (dialect) => {
  let testDb: TestDatabase;
  let fx: Fixture;
  let queries: TicketQueries;
  let clock: FakeClock;
  const actors: Record<string, Actor> = {};
  const t: Record<string, number> = {};

  const auditCount = async (ticketId: number): Promise<number> =>
    (
      await testDb.database.db
        .selectFrom('audit_log')
        .select('id')
        .where('subject_type', '=', 'ticket')
        .where('subject_id', '=', String(ticketId))
        .execute()
    ).length;
  const numbers = async (actor: Actor, filter: Parameters<TicketQueries['list']>[1] = {}) =>
    (await queries.list(actor, { pageSize: 200, ...filter })).items
      .map((i) => i.id)
      .sort((a, b) => a - b);

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    fx = await createFixture(testDb.database);
    clock = new FakeClock('2026-03-02T01:00:00.000Z');
    queries = new TicketQueries(
      testDb.database,
      clock,
      new AuditLog(testDb.database, clock),
      'Asia/Shanghai',
    );
    for (const name of [
      'op1',
      'disp1',
      'coord-jy',
      'h-nancheng',
      'h-housing',
      'h-anfu',
      'sup1',
      'kb1',
      'ana1',
    ]) {
      actors[name] = await actorFor(testDb.database, name);
    }
    const db = testDb.database;
    const u = fx.units;
    // A street light in 江阳区, dispatched to 南城街道 (lead) and the housing bureau (co), past its sign-for limit.
    t.light = await seedTicket(db, {
      status: 'dispatched',
      district_id: u.jiangyang,
      street_id: u.nanchengStreet,
      category_id: fx.categories.streetLight,
      lead_unit_id: u.nanchengStreet,
      description: '小区路灯不亮 street light broken',
      title: '路灯不亮',
      citizen_name: '张三丰',
      citizen_phone: '13812345678',
      address: '江阳区南城街道滨江路88号3栋',
      sign_due_at: '2026-03-01T06:00:00.000Z',
      reply_due_at: '2026-03-10T06:00:00.000Z',
      created_at: '2026-03-01T02:00:00.000Z',
      urgency: 'urgent',
      channel: 'phone',
    });
    await seedAssignment(db, t.light, u.nanchengStreet, { role: 'lead' });
    await seedAssignment(db, t.light, u.housingBureau, { role: 'co' });
    // Confidential construction noise in 纳溪区, signed by 安富街道.
    t.noise = await seedTicket(db, {
      status: 'in_progress',
      district_id: u.naxi,
      category_id: fx.categories.constructionNoise,
      lead_unit_id: u.anfuStreet,
      description: '施工噪音扰民 noise at night',
      confidential: 1,
      citizen_name: '李四',
      citizen_phone: '13900002222',
      appeal_type: 'report',
      channel: 'web',
      reply_due_at: '2026-03-05T00:00:00.000Z',
      created_at: '2026-02-27T15:00:00.000Z',
    });
    await seedAssignment(db, t.noise, u.anfuStreet, { state: 'signed' });
    // A received enquiry with no district yet, about the water supply.
    t.water = await seedTicket(db, {
      status: 'received',
      category_id: fx.categories.municipal,
      description: '小区停水三天了',
      citizen_phone: '13900001111',
      appeal_type: 'enquiry',
      channel: 'wechat',
      created_at: '2026-02-20T08:00:00.000Z',
    });
    // In 江阳区, the unit must call the citizen back: handlers see the number in full.
    t.callMe = await seedTicket(db, {
      status: 'pending_dispatch',
      district_id: u.jiangyang,
      description: '𠮷野家门口井盖缺失😀',
      citizen_name: '𠮷田',
      citizen_phone: '13700003333',
      contact_required: 1,
      created_at: '2026-03-01T16:30:00.000Z',
    });
    // In 纳溪区 but dispatched to a street of 江阳区 (misrouted): the 江阳 coordinator sees it.
    t.cross = await seedTicket(db, {
      status: 'dispatched',
      district_id: u.naxi,
      lead_unit_id: u.nanchengStreet,
      description: 'cross district',
      created_at: '2026-03-01T01:00:00.000Z',
    });
    await seedAssignment(db, t.cross, u.nanchengStreet);
    // Once dispatched to 安富街道, withdrawn and given to the housing bureau.
    t.moved = await seedTicket(db, {
      status: 'dispatched',
      lead_unit_id: u.housingBureau,
      description: 'moved',
      created_at: '2026-03-01T03:00:00.000Z',
    });
    await seedAssignment(db, t.moved, u.anfuStreet, { state: 'withdrawn' });
    await seedAssignment(db, t.moved, u.housingBureau);
    // A repeat call merged into the street light.
    t.child = await seedTicket(db, {
      status: 'merged',
      parent_id: t.light,
      district_id: u.jiangyang,
      description: '路灯又坏了',
      created_at: '2026-03-01T05:00:00.000Z',
    });
    await db.write((trx) =>
      insertEvent(trx, {
        ticketId: t.light!,
        type: 'created',
        actorId: fx.users.operator.id,
        actorUnitId: u.centre,
        at: '2026-03-01T02:00:00.000Z',
        reason: null,
        before: null,
        after: { status: 'received' },
        data: null,
      }),
    );
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('shows a handler only the tickets dispatched to their unit, and 404s the others', async () => {
    const handler = actors['h-nancheng']!;
    expect(await numbers(handler)).toEqual([t.light, t.cross].sort((a, b) => a! - b!));
    await expect(queries.getTicket(handler, t.noise!)).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
    await expect(queries.getEvents(handler, t.noise!)).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
    const naxi = actors['h-anfu']!;
    expect(await numbers(naxi)).toEqual([t.noise, t.moved].sort((a, b) => a! - b!));
    await expect(queries.getTicket(naxi, t.light!)).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
    // Out of scope reads exactly like a number that does not exist.
    const number = (await queries.getTicket(actors['op1']!, t.light!)).number;
    const hidden = await queries.getTicketByNumber(naxi, number).catch((e: Error) => e.message);
    const missing = await queries
      .getTicketByNumber(naxi, '20990101000001')
      .catch((e: Error) => e.message);
    expect(hidden).toBe(`Ticket ${number} not found`);
    expect(missing).toBe('Ticket 20990101000001 not found');
  });

  it('shows a co-handler its tickets, and a coordinator its district and what went to its units', async () => {
    expect(await numbers(actors['h-housing']!)).toEqual([t.light, t.moved].sort((a, b) => a! - b!));
    expect(await numbers(actors['coord-jy']!)).toEqual(
      [t.light, t.callMe, t.cross, t.child].sort((a, b) => a! - b!),
    );
    expect((await queries.getTicket(actors['coord-jy']!, t.cross!)).id).toBe(t.cross);
    expect(await numbers(actors['kb1']!)).toEqual([]);
    await expect(queries.getTicket(actors['kb1']!, t.light!)).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
    expect((await queries.list(actors['disp1']!, {})).total).toBe(7);
  });

  it('masks the citizen for a handler, hides a confidential one, and audits every full view', async () => {
    const before = await auditCount(t.light!);
    const masked = await queries.getTicket(actors['h-nancheng']!, t.light!);
    expect(masked).toMatchObject({
      citizenVisibility: 'masked',
      citizenPhone: '138****5678',
      citizenName: '张**',
    });
    expect(masked.address).not.toContain('88号');
    expect(masked.assignments.map((a) => a.role).sort()).toEqual(['co', 'lead']);
    expect(masked.overdue).toBe(true);
    expect(await auditCount(t.light!)).toBe(before);

    const secret = await queries.getTicket(actors['h-anfu']!, t.noise!);
    expect(secret).toMatchObject({
      citizenVisibility: 'hidden',
      citizenName: null,
      citizenPhone: null,
    });

    const full = await queries.getTicket(actors['op1']!, t.light!);
    expect(full).toMatchObject({
      citizenVisibility: 'full',
      citizenPhone: '13812345678',
      citizenName: '张三丰',
    });
    expect(await auditCount(t.light!)).toBe(before + 1);

    const callBack = await queries.getTicket(actors['h-nancheng']!, t.cross!);
    expect(callBack.citizenVisibility).toBe('masked');
    const callMe = await queries.getTicket(actors['coord-jy']!, t.callMe!);
    expect(callMe).toMatchObject({
      citizenVisibility: 'full',
      citizenPhone: '13700003333',
      citizenName: '𠮷田',
    });
    expect(callMe.description).toBe('𠮷野家门口井盖缺失😀');
    expect(await auditCount(t.callMe!)).toBe(1);

    const audit = await queries.auditOfTicket(actors['sup1']!, t.light!);
    expect(audit[0]).toMatchObject({
      action: 'view_citizen',
      actorId: fx.users.operator.id,
      actorName: 'op1',
    });
    await expect(queries.auditOfTicket(actors['h-nancheng']!, t.light!)).rejects.toMatchObject({
      code: 'ROLE_REQUIRED',
    });
  });

  it('never shows a full number in a list, not even to an operator', async () => {
    const page = await queries.list(actors['op1']!, { citizenPhone: '138 1234-5678' });
    expect(page.items.map((i) => i.id)).toEqual([t.light]);
    expect(page.items[0]).toMatchObject({
      citizenPhone: '138****5678',
      citizenName: '张**',
      citizenVisibility: 'masked',
    });
    await expect(
      queries.list(actors['disp1']!, { citizenPhone: '13812345678' }),
    ).rejects.toMatchObject({ code: 'ROLE_REQUIRED' });
    const units = await queries.list(actors['h-anfu']!, { status: ['in_progress'] });
    expect(units.items[0]).toMatchObject({
      citizenName: null,
      citizenPhone: null,
      citizenVisibility: 'hidden',
    });
  });

  it('filters by status, category subtree, district, units, urgency, channel, type and parent', async () => {
    const op = actors['op1']!;
    expect(await numbers(op, { status: ['received', 'pending_dispatch'] })).toEqual([
      t.water,
      t.callMe,
    ]);
    expect(await numbers(op, { categoryId: fx.categories.urban })).toEqual([t.light, t.water]);
    expect(await numbers(op, { categoryId: fx.categories.streetLight })).toEqual([t.light]);
    expect(await numbers(op, { districtId: fx.units.naxi })).toEqual([t.noise, t.cross]);
    expect(await numbers(op, { streetId: fx.units.nanchengStreet })).toEqual([t.light]);
    expect(await numbers(op, { unitId: fx.units.anfuStreet })).toEqual([t.noise]);
    expect(await numbers(op, { leadUnitId: fx.units.housingBureau })).toEqual([t.moved]);
    expect(await numbers(op, { urgency: ['urgent'] })).toEqual([t.light]);
    expect(await numbers(op, { channel: ['web', 'wechat'] })).toEqual([t.noise, t.water]);
    expect(await numbers(op, { appealType: ['enquiry'] })).toEqual([t.water]);
    expect(await numbers(op, { parentId: t.light })).toEqual([t.child]);
  });

  it('filters by creation dates in the centre’s time zone and by overdue', async () => {
    const op = actors['op1']!;
    // 2026-03-01 in Asia/Shanghai runs from 2026-02-28T16:00Z to 2026-03-01T16:00Z.
    expect(await numbers(op, { createdFrom: '2026-03-01', createdTo: '2026-03-01' })).toEqual(
      [t.light, t.cross, t.moved, t.child].sort((a, b) => a! - b!),
    );
    expect(await numbers(op, { createdFrom: '2026-03-01T16:00:00Z' })).toEqual([t.callMe]);
    await expect(queries.list(op, { createdFrom: 'yesterday' })).rejects.toMatchObject({
      details: { field: 'createdFrom' },
    });
    // Sign-for was due 2026-03-01T06:00Z; 安富's reply is due 2026-03-05.
    expect(await numbers(op, { overdue: true })).toEqual([t.light]);
    expect(await numbers(op, { overdue: false })).not.toContain(t.light);
    clock.set('2026-03-06T00:00:00.000Z');
    expect(await numbers(op, { overdue: true })).toEqual([t.light, t.noise]);
    clock.set('2026-03-02T01:00:00.000Z');
  });

  it('finds two-character Chinese words and English words', async () => {
    const op = actors['op1']!;
    expect(await numbers(op, { q: '路灯' })).toEqual([t.light, t.child]);
    expect(await numbers(op, { q: '停水' })).toEqual([t.water]);
    expect(await numbers(op, { q: 'Light' })).toEqual([t.light]);
    expect(await numbers(op, { q: '噪音 night' })).toEqual([t.noise]);
    expect(await numbers(op, { q: '𠮷野' })).toEqual([t.callMe]);
    expect(await numbers(op, { q: '路灯 noise' })).toEqual([]);
    expect(await numbers(actors['h-anfu']!, { q: '路灯' })).toEqual([]);
  });

  it('sorts and pages, with the total of the whole result', async () => {
    const op = actors['op1']!;
    const all = await queries.list(op, { sort: 'createdAt', order: 'asc' });
    expect(all.items.map((i) => i.createdAt)).toEqual(
      [...all.items.map((i) => i.createdAt)].sort(),
    );
    const page2 = await queries.list(op, { sort: 'number', order: 'desc', page: 2, pageSize: 3 });
    expect(page2).toMatchObject({ total: 7, page: 2, pageSize: 3 });
    const numbersDesc = all.items
      .map((i) => i.number)
      .sort()
      .reverse();
    expect(page2.items.map((i) => i.number)).toEqual(numbersDesc.slice(3, 6));
    const due = await queries.list(op, { sort: 'replyDueAt', order: 'asc', pageSize: 3 });
    expect(due.items.map((i) => i.id)).toEqual([t.noise, t.light, expect.any(Number)]);
    expect(due.items[2]!.replyDueAt).toBeNull();
    await expect(queries.list(op, { pageSize: 201 })).rejects.toMatchObject({
      details: { field: 'pageSize' },
    });
  });

  it('returns the history of a visible ticket', async () => {
    const events = await queries.getEvents(actors['h-nancheng']!, t.light!);
    expect(events.map((e) => e.type)).toEqual(['created']);
  });
});

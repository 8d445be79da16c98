import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { listEvents } from '../tickets/index.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { assignmentStates, createWorkflow, type Workflow } from '../../test-support/workflow.js';

const HOUR = 3_600_000;

describe.each(TEST_DIALECTS)('handling (%s)', (dialect) => {
  let w: Workflow;
  let dispatcher: Actor;
  let handler: Actor;
  let handlerDept: Actor;
  let handlerNaxi: Actor;

  beforeAll(async () => {
    w = await createWorkflow(dialect);
    [dispatcher, handler, handlerDept, handlerNaxi] = await Promise.all([
      w.actor('dispatcher'),
      w.actor('handler'),
      w.actor('handlerDept'),
      w.actor('handlerNaxi'),
    ]);
  });
  afterAll(() => w.close());

  /** A ticket dispatched to 南城街道 (lead), with 住建局 as co-handler when asked. */
  async function dispatched(withCo = false): Promise<number> {
    const id = await w.createTicket();
    const units = w.fixture.units;
    await w.services.dispatch.service.dispatch(dispatcher, id, {
      leadUnitId: units.nanchengStreet,
      coUnitIds: withCo ? [units.housingBureau] : [],
    });
    return id;
  }

  it("lists the unit's tickets by the nearest deadline, with the time left", async () => {
    const { handling } = w.services;
    const first = await dispatched();
    await handling.service.sign(handler, first);
    w.clock.advance(HOUR);
    const second = await dispatched();

    const queue = await handling.service.queue(handler);
    const mine = queue.filter((q) => [first, second].includes(q.ticketId));
    // The second waits for its sign-for (2 h), the first for its feedback (7 working days).
    expect(mine.map((q) => [q.ticketId, q.dueKind])).toEqual([
      [second, 'sign'],
      [first, 'reply'],
    ]);
    expect(mine[0]).toMatchObject({ role: 'lead', secondsLeft: 2 * 3600, overdue: false });

    w.clock.advance(3 * HOUR);
    const late = (await handling.service.queue(handler)).find((q) => q.ticketId === second);
    expect(late).toMatchObject({ overdue: true, secondsLeft: -3600 });
    expect((await handling.service.queue(handlerNaxi)).map((q) => q.ticketId)).not.toContain(
      second,
    );
  });

  it('signs for the lead (dispatched → in_progress) and for a co-handler (event only)', async () => {
    const { handling } = w.services;
    const id = await dispatched(true);
    const units = w.fixture.units;

    const signed = await handling.service.sign(handler, id);
    expect(signed).toMatchObject({ status: 'in_progress', signedAt: w.clock.now().toISOString() });

    const coSigned = await handling.service.sign(handlerDept, id);
    expect(coSigned).toMatchObject({ status: 'in_progress', version: signed.version });
    expect(await assignmentStates(w.database, id)).toEqual([
      `${units.nanchengStreet}:lead:signed`,
      `${units.housingBureau}:co:signed`,
    ]);
    const events = await listEvents(w.database.db, id);
    expect(events.at(-1)).toMatchObject({
      type: 'co_signed',
      actorUnitId: units.housingBureau,
      before: { assignment: { unitId: units.housingBureau, state: 'dispatched' } },
      after: { assignment: { unitId: units.housingBureau, state: 'signed' } },
    });
    await expect(handling.service.sign(handlerDept, id)).rejects.toMatchObject({
      code: 'ALREADY_SIGNED',
    });
  });

  it('keeps the reply waiting until every co-handler has replied its part', async () => {
    const { handling } = w.services;
    const id = await dispatched(true);
    await handling.service.sign(handler, id);

    await expect(handling.service.reply(handler, id, { text: '已修复' })).rejects.toMatchObject({
      code: 'CO_HANDLERS_PENDING',
      details: { unitIds: [w.fixture.units.housingBureau] },
    });
    await expect(handling.service.replyPart(handlerDept, id, '线路正常')).rejects.toMatchObject({
      code: 'NOT_SIGNED',
    });
    await expect(handling.service.replyPart(handler, id, '线路正常')).rejects.toMatchObject({
      code: 'CO_HANDLER_ONLY',
    });
    expect((await w.ticket(id)).status).toBe('in_progress');

    await handling.service.sign(handlerDept, id);
    await handling.service.replyPart(handlerDept, id, '住建局：线路已检修 𠮷');
    await expect(handling.service.replyPart(handlerDept, id, '再补充')).rejects.toMatchObject({
      code: 'PART_ALREADY_REPLIED',
    });
    await expect(
      handling.service.reply(handlerDept, id, { text: '我来办结' }),
    ).rejects.toMatchObject({ code: 'LEAD_UNIT_ONLY' });

    const replied = await handling.service.reply(handler, id, { text: '南城街道：已更换灯泡 💡' });
    expect(replied).toMatchObject({ status: 'replied', replyText: '南城街道：已更换灯泡 💡' });
    expect(replied.callbackDueAt).not.toBeNull();
    const parts = await w.database.db
      .selectFrom('ticket_assignments')
      .select(['role', 'reply_text'])
      .where('ticket_id', '=', id)
      .orderBy('id')
      .execute();
    expect(parts).toEqual([
      { role: 'lead', reply_text: '南城街道：已更换灯泡 💡' },
      { role: 'co', reply_text: '住建局：线路已检修 𠮷' },
    ]);
  });

  it('refuses illegal steps with ILLEGAL_TRANSITION and changes nothing', async () => {
    const { handling } = w.services;
    const id = await dispatched();
    const before = await w.ticket(id);
    const events = (await w.eventTypes(id)).length;

    await expect(handling.service.reply(handler, id, { text: '已处理' })).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    await expect(
      handling.service.requestExtension(handler, id, { reason: '需要协调施工队', workingDays: 3 }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(await w.ticket(id)).toEqual(before);
    expect(await w.eventTypes(id)).toHaveLength(events);
    const requests = await w.database.db
      .selectFrom('ticket_requests')
      .select('id')
      .where('ticket_id', '=', id)
      .execute();
    expect(requests).toEqual([]);

    const signed = await handling.service.sign(handler, id);
    await expect(handling.service.sign(handler, id)).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    expect(await w.ticket(id)).toMatchObject({ version: signed.version, status: 'in_progress' });
  });

  it('lets only staff of an assigned unit act on a ticket', async () => {
    const { handling } = w.services;
    const id = await dispatched();

    // 安富街道 (纳溪区) never had this ticket: it does not exist for them.
    await expect(handling.service.sign(handlerNaxi, id)).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
    await expect(handling.service.sign(dispatcher, id)).rejects.toMatchObject({
      code: 'ROLE_REQUIRED',
    });
    // 住建局 handled it once, then it was reassigned away: it sees it but may no longer act.
    await w.services.dispatch.service.reassign(dispatcher, id, {
      leadUnitId: w.fixture.units.housingBureau,
      reason: '属住建局职责',
    });
    await w.services.dispatch.service.reassign(dispatcher, id, {
      leadUnitId: w.fixture.units.nanchengStreet,
      reason: '改回属地街道',
    });
    await expect(handling.service.sign(handlerDept, id)).rejects.toMatchObject({
      code: 'NOT_ASSIGNED',
    });
    expect((await w.ticket(id)).status).toBe('dispatched');
  });

  it('asks for a return only as the lead unit, with a reason of five characters or more', async () => {
    const { handling } = w.services;
    const id = await dispatched(true);

    await expect(handling.service.requestReturn(handler, id, '不归我')).rejects.toMatchObject({
      code: 'REASON_REQUIRED',
    });
    await expect(
      handling.service.requestReturn(handlerDept, id, '不属于住建局职责范围'),
    ).rejects.toMatchObject({ code: 'LEAD_UNIT_ONLY' });

    const returned = await handling.service.requestReturn(handler, id, '该路段路灯归市住建局管理');
    expect(returned.status).toBe('return_review');
    const request = await w.database.db
      .selectFrom('ticket_requests')
      .selectAll()
      .where('ticket_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({
      kind: 'return',
      state: 'pending',
      unit_id: w.fixture.units.nanchengStreet,
      reason: '该路段路灯归市住建局管理',
    });
  });

  it('asks for one extension at a time, of 1 to 30 working days', async () => {
    const { handling } = w.services;
    const id = await dispatched();
    await handling.service.sign(handler, id);
    const reason = '需要协调供电公司停电检修';

    await expect(
      handling.service.requestExtension(handler, id, { reason, workingDays: 31 }),
    ).rejects.toMatchObject({ details: { field: 'workingDays' } });
    const asked = await handling.service.requestExtension(handler, id, { reason, workingDays: 3 });
    expect(asked.status).toBe('in_progress');
    await expect(
      handling.service.requestExtension(handler, id, { reason, workingDays: 2 }),
    ).rejects.toMatchObject({ code: 'EXTENSION_PENDING' });
    const events = await listEvents(w.database.db, id);
    expect(events.at(-1)).toMatchObject({
      type: 'request_extension',
      reason,
      data: { workingDays: 3 },
    });
  });
});

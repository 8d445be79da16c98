import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { listEvents } from '../tickets/index.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { assignmentStates, createWorkflow, type Workflow } from '../../test-support/workflow.js';

describe.each(TEST_DIALECTS)('return and extension requests (%s)', (dialect) => {
  let w: Workflow;
  let dispatcher: Actor;
  let coordinator: Actor;
  let handler: Actor;
  let handlerDept: Actor;
  let admin: Actor;

  beforeAll(async () => {
    w = await createWorkflow(dialect);
    [dispatcher, coordinator, handler, handlerDept, admin] = await Promise.all([
      w.actor('dispatcher'),
      w.actor('coordinator'),
      w.actor('handler'),
      w.actor('handlerDept'),
      w.actor('admin'),
    ]);
  });
  afterAll(() => w.close());

  async function dispatchedTo(unitId: number, sign = false): Promise<number> {
    const id = await w.createTicket();
    await w.services.dispatch.service.dispatch(dispatcher, id, { leadUnitId: unitId });
    const signer = unitId === w.fixture.units.housingBureau ? handlerDept : handler;
    if (sign) await w.services.handling.service.sign(signer, id);
    return id;
  }

  async function pendingRequestId(ticketId: number): Promise<number> {
    const row = await w.database.db
      .selectFrom('ticket_requests')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .where('state', '=', 'pending')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('accepts a return: back to dispatch, dispatches withdrawn, then dispatched anew', async () => {
    const { units } = w.fixture;
    const id = await dispatchedTo(units.nanchengStreet);
    await w.services.handling.service.requestReturn(handler, id, '该路段路灯由市住建局直管');
    const requestId = await pendingRequestId(id);

    const pending = await w.services.dispatch.requests.list(dispatcher, { kind: 'return' });
    expect(pending.items.find((r) => r.id === requestId)).toMatchObject({
      ticketId: id,
      ticketStatus: 'return_review',
      unitId: units.nanchengStreet,
      unitName: '南城街道',
      reason: '该路段路灯由市住建局直管',
      state: 'pending',
    });

    const back = await w.services.dispatch.requests.decide(dispatcher, requestId, {
      decision: 'accept',
    });
    expect(back).toMatchObject({
      status: 'pending_dispatch',
      returnCount: 1,
      leadUnitId: null,
      replyDueAt: null,
      assignments: [],
    });
    await expect(
      w.services.dispatch.requests.decide(dispatcher, requestId, { decision: 'accept' }),
    ).rejects.toMatchObject({ code: 'REQUEST_ALREADY_DECIDED' });
    const queue = await w.services.dispatch.service.queue(dispatcher);
    expect(queue.items.find((t) => t.id === id)).toMatchObject({ returnCount: 1 });

    const again = await w.services.dispatch.service.dispatch(dispatcher, id, {
      leadUnitId: units.housingBureau,
    });
    expect(again).toMatchObject({ status: 'dispatched', leadUnitId: units.housingBureau });
    expect(await assignmentStates(w.database, id)).toEqual([
      `${units.nanchengStreet}:lead:withdrawn`,
      `${units.housingBureau}:lead:dispatched`,
    ]);
    expect((await w.eventTypes(id)).slice(1)).toEqual([
      'dispatch',
      'request_return',
      'accept_return',
      'dispatch',
    ]);
  });

  it('refuses a return: the ticket goes back to where it was and the unit keeps it', async () => {
    const { units } = w.fixture;
    const unsigned = await dispatchedTo(units.nanchengStreet);
    const signed = await dispatchedTo(units.nanchengStreet, true);
    for (const id of [unsigned, signed])
      await w.services.handling.service.requestReturn(handler, id, '非本街道管辖范围内');

    await expect(
      w.services.dispatch.requests.reviewReturn(dispatcher, await pendingRequestId(signed), {
        decision: 'refuse',
      }),
    ).rejects.toMatchObject({ code: 'REASON_REQUIRED' });
    expect((await w.ticket(signed)).status).toBe('return_review');

    const reason = '经核实属南城街道辖区';
    const a = await w.services.dispatch.requests.reviewReturn(
      dispatcher,
      await pendingRequestId(unsigned),
      { decision: 'refuse', reason },
    );
    const b = await w.services.dispatch.requests.reviewReturn(
      dispatcher,
      await pendingRequestId(signed),
      { decision: 'refuse', reason },
    );
    expect(a).toMatchObject({ status: 'dispatched', leadUnitId: units.nanchengStreet });
    expect(b).toMatchObject({ status: 'in_progress', leadUnitId: units.nanchengStreet });
    expect(await assignmentStates(w.database, signed)).toEqual([
      `${units.nanchengStreet}:lead:signed`,
    ]);
    expect((await listEvents(w.database.db, signed)).at(-1)).toMatchObject({
      type: 'refuse_return',
      reason,
      before: { status: 'return_review' },
      after: { status: 'in_progress' },
    });
    const reply = await w.services.handling.service.reply(handler, signed, { text: '已处理' });
    expect(reply.status).toBe('replied');
  });

  it('approves an extension on the working-day calendar, and records a refusal too', async () => {
    const { units } = w.fixture;
    // Friday 13 March 2026 made a holiday: the extension must skip it and the weekend.
    await w.services.catalogue.calendar.setDay(admin, '2026-03-13', {
      kind: 'holiday',
      name: '测试假日',
    });
    const id = await dispatchedTo(units.nanchengStreet, true);
    const dueBefore = (await w.ticket(id)).replyDueAt;
    expect(dueBefore).toBe('2026-03-11T01:00:00.000Z');

    const ask = (workingDays: number) =>
      w.services.handling.service.requestExtension(handler, id, {
        reason: '需协调供电部门停电施工',
        workingDays,
      });
    await ask(3);
    const refused = await w.services.dispatch.requests.decideExtension(
      dispatcher,
      await pendingRequestId(id),
      { decision: 'refuse', reason: '期限内可以完成' },
    );
    expect(refused.replyDueAt).toBe(dueBefore);

    await ask(3);
    const approved = await w.services.dispatch.requests.decide(
      dispatcher,
      await pendingRequestId(id),
      { decision: 'approve' },
    );
    // Thu 12, (Fri 13 holiday, weekend), Mon 16, Tue 17.
    expect(approved).toMatchObject({
      status: 'in_progress',
      replyDueAt: '2026-03-17T01:00:00.000Z',
    });
    const decisions = (await listEvents(w.database.db, id)).filter(
      (e) => e.type === 'decide_extension',
    );
    expect(decisions.map((e) => e.data)).toMatchObject([
      { decision: 'refuse', workingDays: null },
      { decision: 'approve', workingDays: 3, previousDueAt: dueBefore },
    ]);
    expect(decisions[1]).toMatchObject({
      before: { replyDueAt: dueBefore },
      after: { replyDueAt: '2026-03-17T01:00:00.000Z' },
    });

    await ask(5);
    const decided = await w.services.dispatch.requests.decideExtension(
      dispatcher,
      await pendingRequestId(id),
      { decision: 'approve', workingDays: 1 },
    );
    expect(decided.replyDueAt).toBe('2026-03-18T01:00:00.000Z');
  });

  it('lets a coordinator review the requests of their district only', async () => {
    const { units } = w.fixture;
    const local = await dispatchedTo(units.nanchengStreet, true);
    const city = await dispatchedTo(units.housingBureau, true);
    const reason = '需等待材料到货后施工';
    await w.services.handling.service.requestExtension(handler, local, { reason, workingDays: 2 });
    await w.services.handling.service.requestExtension(handlerDept, city, {
      reason,
      workingDays: 2,
    });

    const mine = await w.services.dispatch.requests.list(coordinator, { kind: 'extension' });
    expect(mine.items.map((r) => r.ticketId)).toContain(local);
    expect(mine.items.map((r) => r.ticketId)).not.toContain(city);
    const all = await w.services.dispatch.requests.list(dispatcher, { kind: 'extension' });
    expect(all.items.map((r) => r.ticketId)).toEqual(expect.arrayContaining([local, city]));

    await expect(
      w.services.dispatch.requests.decide(coordinator, await pendingRequestId(city), {
        decision: 'approve',
      }),
    ).rejects.toMatchObject({ code: 'OUT_OF_DISTRICT' });
    const approved = await w.services.dispatch.requests.decide(
      coordinator,
      await pendingRequestId(local),
      { decision: 'approve' },
    );
    expect(approved.replyDueAt! > (await w.ticket(city)).replyDueAt!).toBe(true);

    // A handler follows their own unit's requests, never another unit's, and decides none.
    const waiting = await w.services.dispatch.requests.list(handlerDept, { kind: 'extension' });
    expect(waiting.items.map((r) => r.ticketId)).toContain(city);
    expect(waiting.items.every((r) => r.unitId === units.housingBureau)).toBe(true);
    const decided = await w.services.dispatch.requests.list(handler, { state: 'approved' });
    expect(decided.items.map((r) => r.ticketId)).toContain(local);
    expect(decided.items.every((r) => r.unitId === units.nanchengStreet)).toBe(true);
    await expect(
      w.services.dispatch.requests.decide(handlerDept, await pendingRequestId(city), {
        decision: 'approve',
      }),
    ).rejects.toMatchObject({ code: 'ROLE_REQUIRED' });
    await expect(
      w.services.dispatch.requests.list(admin, { kind: 'extension' }),
    ).rejects.toMatchObject({ code: 'ROLE_REQUIRED' });
  });

  it('refuses a decision that does not fit the kind of request', async () => {
    const id = await dispatchedTo(w.fixture.units.nanchengStreet);
    await w.services.handling.service.requestReturn(handler, id, '不属于本街道职责范围');
    await expect(
      w.services.dispatch.requests.decide(dispatcher, await pendingRequestId(id), {
        decision: 'approve',
      }),
    ).rejects.toMatchObject({ details: { field: 'decision' } });
    expect((await w.ticket(id)).status).toBe('return_review');
  });
});

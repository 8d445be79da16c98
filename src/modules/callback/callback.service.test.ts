import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { listEvents } from '../tickets/index.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { assignmentStates, createWorkflow, type Workflow } from '../../test-support/workflow.js';

const HOUR = 3_600_000;

describe.each(TEST_DIALECTS)('callback (%s)', (dialect) => {
  let w: Workflow;
  let dispatcher: Actor;
  let handler: Actor;
  let handlerDept: Actor;
  let agent: Actor;
  let supervisor: Actor;

  beforeAll(async () => {
    w = await createWorkflow(dialect);
    [dispatcher, handler, handlerDept, agent, supervisor] = await Promise.all([
      w.actor('dispatcher'),
      w.actor('handler'),
      w.actor('handlerDept'),
      w.actor('callback'),
      w.actor('supervisor'),
    ]);
  });
  afterAll(() => w.close());

  /** A ticket dispatched to 南城街道 alone, signed and replied. */
  async function repliedTicket(): Promise<number> {
    const id = await w.createTicket();
    const { dispatch, handling } = w.services;
    await dispatch.service.dispatch(dispatcher, id, { leadUnitId: w.fixture.units.nanchengStreet });
    await handling.service.sign(handler, id);
    await handling.service.reply(handler, id, { text: '已更换灯泡，路灯恢复照明' });
    return id;
  }

  it('takes a ticket through its whole life, one event per step with before and after', async () => {
    const { dispatch, handling, callback } = w.services;
    const id = await w.createTicket();
    const units = w.fixture.units;

    await dispatch.service.dispatch(dispatcher, id, {
      leadUnitId: units.nanchengStreet,
      coUnitIds: [units.housingBureau],
    });
    w.clock.advance(HOUR);
    await handling.service.sign(handler, id);
    await handling.service.sign(handlerDept, id);
    await handling.service.replyPart(handlerDept, id, '住建局已安排检修线路 𠮷');
    await handling.service.reply(handler, id, { text: '已修复 🚦，路灯恢复照明' });
    const queued = await callback.service.queue(agent);
    expect(queued.items.map((t) => t.id)).toContain(id);

    w.clock.advance(HOUR);
    const closed = await callback.service.recordCallback(agent, id, {
      contacted: true,
      resolved: true,
      satisfaction: 'satisfied',
      note: '市民表示满意',
    });

    expect(closed).toMatchObject({ id, status: 'closed', resolution: 'callback' });
    expect(closed.closedAt).toBe(w.clock.now().toISOString());
    const events = await listEvents(w.database.db, id);
    expect(events.map((e) => e.type)).toEqual([
      'create',
      'dispatch',
      'sign',
      'co_signed',
      'co_replied',
      'reply',
      'callback',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const byType = new Map(events.map((e) => [e.type, e]));
    expect(byType.get('dispatch')).toMatchObject({
      actorId: dispatcher.userId,
      before: { status: 'pending_dispatch', leadUnitId: null },
      after: { status: 'dispatched', leadUnitId: units.nanchengStreet },
    });
    expect(byType.get('sign')).toMatchObject({
      actorId: handler.userId,
      actorUnitId: units.nanchengStreet,
      before: { status: 'dispatched' },
      after: { status: 'in_progress' },
    });
    expect(byType.get('reply')).toMatchObject({
      before: { status: 'in_progress', replyText: null },
      after: { status: 'replied', replyText: '已修复 🚦，路灯恢复照明' },
    });
    expect(byType.get('reply')?.data).toMatchObject({
      coParts: [{ unitId: units.housingBureau, text: '住建局已安排检修线路 𠮷' }],
    });
    expect(byType.get('callback')).toMatchObject({
      actorId: agent.userId,
      before: { status: 'replied' },
      after: { status: 'closed', resolution: 'callback' },
      data: { contacted: true, resolved: true, satisfaction: 'satisfied', reopen: false },
    });
    const rows = await w.database.db
      .selectFrom('ticket_callbacks')
      .selectAll()
      .where('ticket_id', '=', id)
      .execute();
    expect(rows).toMatchObject([
      { agent_id: agent.userId, contacted: 1, resolved: 1, satisfaction: 'satisfied' },
    ]);
    expect((await callback.service.queue(agent)).items.map((t) => t.id)).not.toContain(id);
  });

  it('reopens an unresolved ticket for the same lead unit, with a new feedback deadline', async () => {
    const { handling, callback } = w.services;
    const id = await repliedTicket();
    w.clock.advance(24 * HOUR);

    const reopened = await callback.service.recordCallback(agent, id, {
      contacted: true,
      resolved: false,
      satisfaction: 'dissatisfied',
    });

    expect(reopened).toMatchObject({
      status: 'in_progress',
      reopenCount: 1,
      leadUnitId: w.fixture.units.nanchengStreet,
      repliedAt: null,
      callbackDueAt: null,
    });
    expect(reopened.replyDueAt! > w.clock.now().toISOString()).toBe(true);
    expect(await assignmentStates(w.database, id)).toEqual([
      `${w.fixture.units.nanchengStreet}:lead:signed`,
    ]);
    expect((await handling.service.queue(handler)).map((q) => q.ticketId)).toContain(id);

    const again = await handling.service.reply(handler, id, { text: '已彻底更换线路' });
    expect(again).toMatchObject({ status: 'replied', replyText: '已彻底更换线路' });
    const closed = await callback.service.recordCallback(agent, id, {
      contacted: true,
      resolved: true,
      satisfaction: 'basically_satisfied',
    });
    expect(closed.status).toBe('closed');
    expect((await w.eventTypes(id)).slice(-3)).toEqual(['callback', 'reply', 'callback']);
  });

  it('reopens a resolved ticket only when the citizen is dissatisfied and the agent agrees', async () => {
    const { callback } = w.services;
    const id = await repliedTicket();
    const before = await w.ticket(id);

    await expect(
      callback.service.recordCallback(agent, id, {
        contacted: true,
        resolved: true,
        satisfaction: 'satisfied',
        reopen: true,
      }),
    ).rejects.toMatchObject({ code: 'REOPEN_NOT_JUSTIFIED' });
    expect(await w.ticket(id)).toEqual(before);

    const reopened = await callback.service.recordCallback(agent, id, {
      contacted: true,
      resolved: true,
      satisfaction: 'dissatisfied',
      reopen: true,
    });
    expect(reopened.status).toBe('in_progress');
  });

  it('closes without a callback, and a supervisor reopens a closed ticket', async () => {
    const { callback } = w.services;
    const id = await repliedTicket();
    await expect(callback.service.close(agent, id, ' ')).rejects.toMatchObject({
      code: 'REASON_REQUIRED',
    });

    const closed = await callback.service.close(agent, id, '三次致电均无人接听');
    expect(closed).toMatchObject({ status: 'closed', resolution: 'closed_without_callback' });

    const reopened = await callback.service.reopen(supervisor, id, '市民来电反映路灯仍不亮');
    expect(reopened).toMatchObject({ status: 'in_progress', reopenCount: 1, closedAt: null });
    expect((await w.eventTypes(id)).slice(-2)).toEqual(['close', 'reopen']);
  });

  it('refuses illegal steps with ILLEGAL_TRANSITION and changes nothing', async () => {
    const { callback } = w.services;
    const id = await w.createTicket();
    const before = await w.ticket(id);
    const events = (await w.eventTypes(id)).length;

    await expect(
      callback.service.recordCallback(agent, id, {
        contacted: true,
        resolved: true,
        satisfaction: 'satisfied',
      }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(callback.service.close(agent, id, '无法联系市民')).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    await expect(callback.service.reopen(supervisor, id, '市民不满意')).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });

    expect(await w.ticket(id)).toEqual(before);
    expect(await w.eventTypes(id)).toHaveLength(events);
    const callbacks = await w.database.db
      .selectFrom('ticket_callbacks')
      .select('id')
      .where('ticket_id', '=', id)
      .execute();
    expect(callbacks).toEqual([]);
  });

  it('leaves callbacks to the callback desk and supervisors', async () => {
    const id = await repliedTicket();
    await expect(
      w.services.callback.service.recordCallback(handler, id, {
        contacted: true,
        resolved: true,
        satisfaction: 'satisfied',
      }),
    ).rejects.toMatchObject({ code: 'ROLE_REQUIRED' });
    await expect(w.services.callback.service.queue(dispatcher)).rejects.toMatchObject({
      code: 'ROLE_REQUIRED',
    });
    expect((await w.ticket(id)).status).toBe('replied');
  });
});

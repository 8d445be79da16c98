import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { listEvents } from '../tickets/index.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { assignmentStates, createWorkflow, type Workflow } from '../../test-support/workflow.js';

describe.each(TEST_DIALECTS)('merging duplicates (%s)', (dialect) => {
  let w: Workflow;
  let dispatcher: Actor;
  let coordinator: Actor;
  let handler: Actor;
  let agent: Actor;

  beforeAll(async () => {
    w = await createWorkflow(dialect);
    [dispatcher, coordinator, handler, agent] = await Promise.all([
      w.actor('dispatcher'),
      w.actor('coordinator'),
      w.actor('handler'),
      w.actor('callback'),
    ]);
  });
  afterAll(() => w.close());

  const reason = '同一路段路灯故障的重复来电';

  async function dispatchedParent(): Promise<number> {
    const id = await w.createTicket();
    await w.services.dispatch.service.dispatch(dispatcher, id, {
      leadUnitId: w.fixture.units.nanchengStreet,
    });
    return id;
  }

  it('merges a duplicate under an open parent and withdraws its own dispatches', async () => {
    const parent = await dispatchedParent();
    const child = await dispatchedParent();

    const merged = await w.services.dispatch.merge.merge(dispatcher, child, parent, reason);

    expect(merged).toMatchObject({
      id: child,
      status: 'merged',
      parentId: parent,
      assignments: [],
    });
    expect(await assignmentStates(w.database, child)).toEqual([
      `${w.fixture.units.nanchengStreet}:lead:withdrawn`,
    ]);
    expect((await listEvents(w.database.db, child)).at(-1)).toMatchObject({
      type: 'merge',
      reason,
      before: { status: 'dispatched', parentId: null },
      after: { status: 'merged', parentId: parent },
    });
    expect((await w.services.handling.service.queue(handler)).map((q) => q.ticketId)).not.toContain(
      child,
    );
  });

  it('refuses a parent that is not open, a child with children, and merging into itself', async () => {
    const parent = await dispatchedParent();
    const child = await w.createTicket();
    const grandchild = await w.createTicket();
    const closed = await w.createTicket({ status: 'closed' });
    const merge = w.services.dispatch.merge;

    await expect(merge.merge(dispatcher, child, closed, reason)).rejects.toMatchObject({
      code: 'PARENT_NOT_OPEN',
    });
    await expect(merge.merge(dispatcher, child, child, reason)).rejects.toMatchObject({
      code: 'MERGE_INTO_ITSELF',
    });
    await merge.merge(dispatcher, grandchild, child, reason);
    await expect(merge.merge(dispatcher, child, parent, reason)).rejects.toMatchObject({
      code: 'TICKET_HAS_CHILDREN',
    });
    await expect(merge.merge(dispatcher, parent, grandchild, reason)).rejects.toMatchObject({
      code: 'PARENT_NOT_OPEN',
    });
    const before = await w.ticket(closed);
    await expect(merge.merge(dispatcher, closed, parent, reason)).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    expect(await w.ticket(closed)).toEqual(before);
    expect((await w.ticket(child)).status).toBe('pending_dispatch');

    const naxi = await w.createTicket({ districtId: w.fixture.units.naxi });
    await expect(merge.merge(coordinator, naxi, parent, reason)).rejects.toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
  });

  it("gives every child the parent's reply and its own callback", async () => {
    const parent = await dispatchedParent();
    const first = await w.createTicket();
    const second = await w.createTicket();
    await w.services.dispatch.merge.merge(dispatcher, first, parent, reason);
    await w.services.dispatch.merge.merge(dispatcher, second, parent, reason);

    await w.services.handling.service.sign(handler, parent);
    const replied = await w.services.handling.service.reply(handler, parent, {
      text: '已更换整段路灯 💡',
    });

    for (const child of [first, second]) {
      expect(await w.ticket(child)).toMatchObject({
        status: 'replied',
        replyText: '已更换整段路灯 💡',
        repliedAt: replied.repliedAt,
        callbackDueAt: replied.callbackDueAt,
      });
      expect((await listEvents(w.database.db, child)).at(-1)).toMatchObject({
        type: 'follow_parent',
        actorId: null,
        before: { status: 'merged' },
        after: { status: 'replied' },
        data: { parentId: parent },
      });
    }
    const queue = await w.services.callback.service.queue(agent);
    expect(queue.items.map((t) => t.id)).toEqual(expect.arrayContaining([parent, first, second]));

    const answers = { contacted: true, resolved: true, satisfaction: 'satisfied' } as const;
    expect(await w.services.callback.service.recordCallback(agent, first, answers)).toMatchObject({
      status: 'closed',
    });
    expect(await w.services.callback.service.recordCallback(agent, parent, answers)).toMatchObject({
      status: 'closed',
    });
    expect((await w.ticket(second)).status).toBe('replied');
    const late = await w.createTicket();
    const mergedLate = await w.services.dispatch.merge.merge(dispatcher, late, second, reason);
    expect(mergedLate.status).toBe('replied');
  });

  it("reopens the parent from a child's unresolved callback; open children wait under it again", async () => {
    const parent = await dispatchedParent();
    const [first, second, third] = [
      await w.createTicket(),
      await w.createTicket(),
      await w.createTicket(),
    ];
    for (const child of [first, second, third])
      await w.services.dispatch.merge.merge(dispatcher, child, parent, reason);
    await w.services.handling.service.sign(handler, parent);
    await w.services.handling.service.reply(handler, parent, { text: '已修复' });
    await w.services.callback.service.recordCallback(agent, third, {
      contacted: true,
      resolved: true,
      satisfaction: 'satisfied',
    });

    const child = await w.services.callback.service.recordCallback(agent, first, {
      contacted: true,
      resolved: false,
      satisfaction: 'dissatisfied',
    });

    expect(child).toMatchObject({ id: first, status: 'merged', replyText: null });
    expect(await w.ticket(parent)).toMatchObject({ status: 'in_progress', reopenCount: 1 });
    expect((await listEvents(w.database.db, parent)).at(-1)).toMatchObject({
      type: 'reopen',
      actorId: agent.userId,
      data: { childId: first },
    });
    expect((await w.ticket(second)).status).toBe('merged');
    expect((await w.ticket(third)).status).toBe('closed');

    await w.services.handling.service.reply(handler, parent, { text: '已重新布线' });
    expect(await w.ticket(first)).toMatchObject({ status: 'replied', replyText: '已重新布线' });
    expect(await w.ticket(second)).toMatchObject({ status: 'replied', replyText: '已重新布线' });
    expect((await w.ticket(third)).status).toBe('closed');
  });
});

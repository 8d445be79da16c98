import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketSummary } from '../dispatch/index.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { createWorkflow, type Workflow } from '../../test-support/workflow.js';

type Page<T> = { items: T[]; total: number };

describe.each(TEST_DIALECTS)('callback API (%s)', (dialect) => {
  let w: Workflow;

  beforeAll(async () => {
    w = await createWorkflow(dialect);
  });
  afterAll(() => w.close());

  /** A phone appeal taken by the operator: it waits for dispatch. */
  async function intake(): Promise<number> {
    const { status, body } = await w.call<{ id: number; status: string }>(
      'operator',
      'POST',
      '/tickets',
      {
        channel: 'phone',
        appealType: 'complaint',
        urgency: 'normal',
        categoryId: w.fixture.categories.streetLight,
        districtId: w.fixture.units.jiangyang,
        address: '江阳区南城街道滨江路 18 号',
        citizenName: '李𠮷',
        citizenPhone: '13900001111',
        description: '滨江路路灯连续三晚不亮 🌃',
      },
    );
    expect(status).toBe(201);
    expect(body.status).toBe('pending_dispatch');
    return body.id;
  }

  it('takes an appeal from intake to a closed ticket through the API', async () => {
    const { units } = w.fixture;
    const id = await intake();

    const queue = await w.call<Page<{ id: number; suggestion: { leadUnitId: number } }>>(
      'dispatcher',
      'GET',
      '/dispatch/queue',
    );
    expect(queue.body.items.find((t) => t.id === id)?.suggestion.leadUnitId).toBe(
      units.nanchengStreet,
    );
    const dispatched = await w.call<TicketSummary>(
      'dispatcher',
      'POST',
      `/tickets/${id}/dispatch`,
      {
        leadUnitId: units.nanchengStreet,
      },
    );
    expect(dispatched.status).toBe(200);
    expect(dispatched.body).toMatchObject({ id, status: 'dispatched' });
    // The workflow answers never carry the citizen.
    expect(JSON.stringify(dispatched.body)).not.toMatch(/13900001111|李𠮷|滨江路 18/);

    const work = await w.call<{ items: Array<{ ticketId: number; dueKind: string }> }>(
      'handler',
      'GET',
      '/handling/queue',
    );
    expect(work.body.items.find((q) => q.ticketId === id)?.dueKind).toBe('sign');
    expect((await w.call('handler', 'POST', `/tickets/${id}/sign`)).body).toMatchObject({
      status: 'in_progress',
    });
    const replied = await w.call<TicketSummary>('handler', 'POST', `/tickets/${id}/reply`, {
      text: '已更换灯泡 💡',
    });
    expect(replied.body).toMatchObject({ status: 'replied', replyText: '已更换灯泡 💡' });

    const calls = await w.call<Page<{ id: number; callbackDueAt: string }>>(
      'callback',
      'GET',
      '/callback/queue',
    );
    expect(calls.body.items.find((t) => t.id === id)?.callbackDueAt).toBe(
      replied.body.callbackDueAt,
    );
    const closed = await w.call<TicketSummary>('callback', 'POST', `/tickets/${id}/callback`, {
      contacted: true,
      resolved: true,
      satisfaction: 'basically_satisfied',
      note: '市民基本满意',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ id, status: 'closed', resolution: 'callback' });

    const history = await w.call<{ items: Array<{ type: string; actorId: number | null }> }>(
      'supervisor',
      'GET',
      `/tickets/${id}/events`,
    );
    expect(history.body.items.map((e) => e.type).slice(-4)).toEqual([
      'dispatch',
      'sign',
      'reply',
      'callback',
    ]);
    expect(history.body.items.at(-1)?.actorId).toBe(w.fixture.users.callback.id);
  });

  it('closes without a callback and reopens, with reasons, for the callback desk only', async () => {
    const id = await intake();
    await w.call('dispatcher', 'POST', `/tickets/${id}/dispatch`, {
      leadUnitId: w.fixture.units.nanchengStreet,
    });
    await w.call('handler', 'POST', `/tickets/${id}/sign`);
    await w.call('handler', 'POST', `/tickets/${id}/reply`, { text: '已处理' });

    const missing = await w.call('callback', 'POST', `/tickets/${id}/close`, {});
    expect(missing).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', field: 'body.reason' } },
    });
    const byHandler = await w.call('handler', 'POST', `/tickets/${id}/close`, { reason: '已办结' });
    expect(byHandler).toMatchObject({ status: 403, body: { error: { code: 'ROLE_REQUIRED' } } });
    const anonymous = await w.call(null, 'POST', `/tickets/${id}/close`, { reason: '已办结' });
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });

    const closed = await w.call('callback', 'POST', `/tickets/${id}/close`, {
      reason: '三次回访无人接听',
    });
    expect(closed.body).toMatchObject({ status: 'closed', resolution: 'closed_without_callback' });
    const again = await w.call('callback', 'POST', `/tickets/${id}/close`, { reason: '再次关闭' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'ILLEGAL_TRANSITION' } } });

    const reopened = await w.call('supervisor', 'POST', `/tickets/${id}/reopen`, {
      reason: '市民再次来电反映未解决',
    });
    expect(reopened).toMatchObject({
      status: 200,
      body: { status: 'in_progress', reopenCount: 1 },
    });
    expect(
      (await w.call('callback', 'POST', `/tickets/${id}/callback`, { contacted: true })).status,
    ).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketSummary } from '../dispatch/index.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { createWorkflow, type Workflow } from '../../test-support/workflow.js';

describe.each(TEST_DIALECTS)('handling API (%s)', (dialect) => {
  let w: Workflow;

  beforeAll(async () => {
    w = await createWorkflow(dialect);
  });
  afterAll(() => w.close());

  async function dispatched(coUnitIds: number[] = []): Promise<number> {
    const id = await w.createTicket();
    await w.call('dispatcher', 'POST', `/tickets/${id}/dispatch`, {
      leadUnitId: w.fixture.units.nanchengStreet,
      coUnitIds,
    });
    return id;
  }

  it("keeps other units' staff away: 404 when out of scope, 403 when no longer assigned", async () => {
    const id = await dispatched();
    expect(await w.call('handlerNaxi', 'POST', `/tickets/${id}/sign`)).toMatchObject({
      status: 404,
      body: { error: { code: 'TICKET_NOT_FOUND' } },
    });
    expect(await w.call('handlerDept', 'POST', `/tickets/${id}/sign`)).toMatchObject({
      status: 404,
    });
    expect(await w.call('operator', 'POST', `/tickets/${id}/sign`)).toMatchObject({
      status: 403,
      body: { error: { code: 'ROLE_REQUIRED' } },
    });
    await w.call('dispatcher', 'POST', `/tickets/${id}/reassign`, {
      leadUnitId: w.fixture.units.housingBureau,
      reason: '属住建局职责',
    });
    expect(await w.call('handler', 'POST', `/tickets/${id}/sign`)).toMatchObject({
      status: 403,
      body: { error: { code: 'NOT_ASSIGNED' } },
    });
    expect((await w.ticket(id)).status).toBe('dispatched');
  });

  it('consolidates co-handler parts into the reply, refusing it while a part is missing', async () => {
    const { units } = w.fixture;
    const id = await dispatched([units.housingBureau]);
    await w.call('handler', 'POST', `/tickets/${id}/sign`);
    await w.call('handlerDept', 'POST', `/tickets/${id}/sign`);

    const early = await w.call('handler', 'POST', `/tickets/${id}/reply`, { text: '已修复' });
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'CO_HANDLERS_PENDING' } } });
    expect(
      await w.call('handlerDept', 'POST', `/tickets/${id}/reply-part`, { text: '' }),
    ).toMatchObject({ status: 400, body: { error: { code: 'TEXT_REQUIRED', field: 'text' } } });
    const part = await w.call<TicketSummary>('handlerDept', 'POST', `/tickets/${id}/reply-part`, {
      text: '线路已检修',
    });
    expect(part.body.assignments).toMatchObject([
      { unitId: units.nanchengStreet, state: 'signed' },
      { unitId: units.housingBureau, state: 'replied' },
    ]);
    expect(
      await w.call('handler', 'POST', `/tickets/${id}/reply`, {
        text: '已修复',
        attachmentIds: [424242],
      }),
    ).toMatchObject({ status: 400, body: { error: { code: 'ATTACHMENT_NOT_FOUND' } } });
    const replied = await w.call('handler', 'POST', `/tickets/${id}/reply`, { text: '已修复' });
    expect(replied).toMatchObject({
      status: 200,
      body: { status: 'replied', replyText: '已修复' },
    });
  });

  it('takes return and extension requests from the lead unit', async () => {
    const id = await dispatched();
    expect(
      await w.call('handler', 'POST', `/tickets/${id}/return-request`, { reason: '不是' }),
    ).toMatchObject({ status: 400, body: { error: { code: 'REASON_REQUIRED', field: 'reason' } } });
    expect(
      await w.call('handler', 'POST', `/tickets/${id}/extension-request`, {
        reason: '需要协调施工',
        workingDays: 3,
      }),
    ).toMatchObject({ status: 409, body: { error: { code: 'ILLEGAL_TRANSITION' } } });

    await w.call('handler', 'POST', `/tickets/${id}/sign`);
    expect(
      await w.call('handler', 'POST', `/tickets/${id}/extension-request`, {
        reason: '需要协调施工',
        workingDays: 0,
      }),
    ).toMatchObject({ status: 400, body: { error: { field: 'body.workingDays' } } });
    const asked = await w.call('handler', 'POST', `/tickets/${id}/extension-request`, {
      reason: '需要协调施工',
      workingDays: 3,
    });
    expect(asked).toMatchObject({ status: 200, body: { status: 'in_progress' } });
    const returned = await w.call('handler', 'POST', `/tickets/${id}/return-request`, {
      reason: '路灯产权属于住建局',
    });
    expect(returned).toMatchObject({ status: 200, body: { status: 'return_review' } });

    const queue = await w.call<{ items: Array<{ ticketId: number; status: string }> }>(
      'handler',
      'GET',
      '/handling/queue',
    );
    expect(queue.body.items.find((q) => q.ticketId === id)?.status).toBe('return_review');
  });
});

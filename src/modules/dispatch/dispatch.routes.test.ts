import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import type { TicketSummary } from './index.js';
import { createWorkflow, type Workflow } from '../../test-support/workflow.js';

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

describe.each(TEST_DIALECTS)('dispatch API (%s)', (dialect) => {
  let w: Workflow;

  beforeAll(async () => {
    w = await createWorkflow(dialect);
  });
  afterAll(() => w.close());

  it('dispatches a ticket and answers with its summary, never the citizen', async () => {
    const { units } = w.fixture;
    const id = await w.createTicket();
    const { status, body } = await w.call<TicketSummary>(
      'dispatcher',
      'POST',
      `/tickets/${id}/dispatch`,
      { leadUnitId: units.nanchengStreet, coUnitIds: [units.housingBureau], expectedVersion: 1 },
    );

    expect(status).toBe(200);
    expect(body).toMatchObject({
      id,
      status: 'dispatched',
      version: 2,
      leadUnitId: units.nanchengStreet,
      title: '路灯不亮 𠮷 🚧',
      assignments: [
        { unitId: units.nanchengStreet, role: 'lead', state: 'dispatched' },
        { unitId: units.housingBureau, role: 'co', state: 'dispatched' },
      ],
    });
    expect(body).not.toHaveProperty('citizenPhone');
    expect(JSON.stringify(body)).not.toContain('13812345678');
  });

  it('answers refusals with the error envelope and the right status', async () => {
    const { units } = w.fixture;
    const id = await w.createTicket();
    const naxi = await w.createTicket({ districtId: units.naxi });
    const post = (user: Parameters<Workflow['call']>[0], ticketId: number, body: object) =>
      w.call(user, 'POST', `/tickets/${ticketId}/dispatch`, body as Record<string, unknown>);

    expect(await post('dispatcher', id, {})).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', field: 'body.leadUnitId' } },
    });
    expect(
      await post('dispatcher', id, {
        leadUnitId: units.nanchengStreet,
        coUnitIds: [units.nanchengStreet],
      }),
    ).toMatchObject({
      status: 400,
      body: { error: { code: 'LEAD_AMONG_CO_HANDLERS', field: 'coUnitIds' } },
    });
    expect(await post('handler', id, { leadUnitId: units.nanchengStreet })).toMatchObject({
      status: 403,
      body: { error: { code: 'ROLE_REQUIRED' } },
    });
    expect(await post(null, id, { leadUnitId: units.nanchengStreet })).toMatchObject({
      status: 401,
    });
    expect(await post('coordinator', naxi, { leadUnitId: units.anfuStreet })).toMatchObject({
      status: 404,
      body: { error: { code: 'TICKET_NOT_FOUND' } },
    });
    expect(await post('coordinator', id, { leadUnitId: units.waterCompany })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_DISTRICT' } },
    });
    expect(await post('dispatcher', 999_999, { leadUnitId: units.nanchengStreet })).toMatchObject({
      status: 404,
      body: { error: { code: 'TICKET_NOT_FOUND' } },
    });
    expect((await post('dispatcher', id, { leadUnitId: units.nanchengStreet })).status).toBe(200);
    const twice = await post('dispatcher', id, { leadUnitId: units.nanchengStreet });
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'ILLEGAL_TRANSITION' } } });
    expect(typeof twice.body.error?.requestId).toBe('string');
  });

  it('serves the queue, bulk dispatch and redistribution', async () => {
    const { units } = w.fixture;
    const [a, b] = [await w.createTicket(), await w.createTicket()];

    const queue = await w.call<Page<{ id: number; suggestion: { leadUnitId: number } | null }>>(
      'coordinator',
      'GET',
      '/dispatch/queue?pageSize=200',
    );
    expect(queue.status).toBe(200);
    expect(queue.body.items.find((t) => t.id === a)?.suggestion?.leadUnitId).toBe(
      units.nanchengStreet,
    );

    const bulk = await w.call<{
      results: Array<{ ticketId: number; ok: boolean; error?: object }>;
    }>('dispatcher', 'POST', '/dispatch/bulk', {
      items: [
        { ticketId: a, leadUnitId: units.nanchengStreet },
        { ticketId: b, leadUnitId: units.centre },
      ],
    });
    expect(bulk.body.results).toMatchObject([
      { ticketId: a, ok: true },
      { ticketId: b, ok: false, error: { code: 'UNIT_NOT_HANDLING' } },
    ]);

    const moved = await w.call<TicketSummary>('coordinator', 'POST', `/tickets/${a}/reassign`, {
      leadUnitId: units.nanchengStreet,
      coUnitIds: [],
      reason: '调整协办单位',
    });
    expect(moved).toMatchObject({ status: 200, body: { status: 'dispatched', version: 3 } });
  });

  it('merges a duplicate and reviews requests over HTTP', async () => {
    const { units } = w.fixture;
    const parent = await w.createTicket();
    const child = await w.createTicket();
    await w.call('dispatcher', 'POST', `/tickets/${parent}/dispatch`, {
      leadUnitId: units.nanchengStreet,
    });
    const merged = await w.call('dispatcher', 'POST', `/tickets/${child}/merge`, {
      parentId: parent,
      reason: '同一路灯故障重复来电',
    });
    expect(merged).toMatchObject({ status: 200, body: { status: 'merged', parentId: parent } });

    await w.call('handler', 'POST', `/tickets/${parent}/return-request`, {
      reason: '该路灯属住建局直管',
    });
    const pending = await w.call<Page<{ id: number; ticketId: number; kind: string }>>(
      'dispatcher',
      'GET',
      '/requests?kind=return',
    );
    const request = pending.body.items.find((r) => r.ticketId === parent);
    expect(request).toMatchObject({ kind: 'return' });
    expect(
      await w.call('dispatcher', 'POST', `/requests/${request!.id}/decision`, {
        decision: 'refuse',
      }),
    ).toMatchObject({ status: 400, body: { error: { code: 'REASON_REQUIRED' } } });
    const accepted = await w.call('dispatcher', 'POST', `/requests/${request!.id}/decision`, {
      decision: 'accept',
      reason: '改派住建局',
    });
    expect(accepted).toMatchObject({
      status: 200,
      body: { id: parent, status: 'pending_dispatch', returnCount: 1 },
    });
    const decided = await w.call<Page<{ id: number; state: string }>>(
      'dispatcher',
      'GET',
      '/requests?kind=return&state=accepted',
    );
    expect(decided.body.items.map((r) => r.id)).toContain(request!.id);
    expect(
      (await w.call('dispatcher', 'POST', `/requests/999999/decision`, { decision: 'accept' }))
        .body,
    ).toMatchObject({ error: { code: 'REQUEST_NOT_FOUND' } });
  });
});

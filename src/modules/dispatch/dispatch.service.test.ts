import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { listEvents } from '../tickets/index.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { assignmentStates, createWorkflow, type Workflow } from '../../test-support/workflow.js';

const HOUR = 3_600_000;

describe.each(TEST_DIALECTS)('dispatch (%s)', (dialect) => {
  let w: Workflow;
  let dispatcher: Actor;
  let coordinator: Actor;
  let handler: Actor;

  beforeAll(async () => {
    w = await createWorkflow(dialect);
    [dispatcher, coordinator, handler] = await Promise.all([
      w.actor('dispatcher'),
      w.actor('coordinator'),
      w.actor('handler'),
    ]);
  });
  afterAll(() => w.close());

  it('queues pending tickets with the catalogue suggestion, a coordinator seeing their district', async () => {
    const { units, categories, catalogueVersionId } = w.fixture;
    const jiangyang = await w.createTicket();
    const naxi = await w.createTicket({ districtId: units.naxi });
    const urgent = await w.createTicket({ districtId: units.naxi, urgency: 'urgent' });

    const queue = await w.services.dispatch.service.queue(dispatcher);
    const ids = queue.items.map((t) => t.id);
    expect(ids.indexOf(urgent)).toBeLessThan(ids.indexOf(jiangyang));
    const item = queue.items.find((t) => t.id === jiangyang);
    expect(item?.suggestion).toMatchObject({
      versionId: catalogueVersionId,
      leadUnitId: units.nanchengStreet,
      coUnitIds: [units.housingBureau],
    });
    // 纳溪区 has no rule of its own for street lights: the city-wide rule applies.
    expect(queue.items.find((t) => t.id === naxi)?.suggestion?.leadUnitId).toBe(
      units.housingBureau,
    );
    expect(item?.suggestion?.ruleId).not.toBe(
      queue.items.find((t) => t.id === naxi)?.suggestion?.ruleId,
    );

    const district = await w.services.dispatch.service.queue(coordinator, {
      districtId: units.naxi,
    });
    expect(district.items.map((t) => t.id)).toContain(jiangyang);
    expect(district.items.map((t) => t.id)).not.toContain(naxi);
    expect(district.items.every((t) => t.districtId === units.jiangyang)).toBe(true);
    const filtered = await w.services.dispatch.service.queue(dispatcher, {
      categoryId: categories.constructionNoise,
    });
    expect(filtered.items).toEqual([]);
    await expect(w.services.dispatch.service.queue(handler)).rejects.toMatchObject({
      code: 'ROLE_REQUIRED',
    });
  });

  it('dispatches to a lead and co-handlers, with deadlines and the catalogue rule that explains it', async () => {
    const { units, catalogueVersionId } = w.fixture;
    const id = await w.createTicket();
    const now = w.clock.now();

    const ticket = await w.services.dispatch.service.dispatch(dispatcher, id, {
      leadUnitId: units.nanchengStreet,
      coUnitIds: [units.housingBureau],
    });

    expect(ticket).toMatchObject({
      status: 'dispatched',
      leadUnitId: units.nanchengStreet,
      dispatchedAt: now.toISOString(),
      // Sign-for within 2 hours; feedback within 7 working days (Mon 2 March → Wed 11 March).
      signDueAt: new Date(now.getTime() + 2 * HOUR).toISOString(),
      replyDueAt: '2026-03-11T01:00:00.000Z',
      catalogueVersionId,
      assignments: [
        { unitId: units.nanchengStreet, role: 'lead', state: 'dispatched' },
        { unitId: units.housingBureau, role: 'co', state: 'dispatched' },
      ],
    });
    expect(ticket.catalogueRuleId).not.toBeNull();
    const event = (await listEvents(w.database.db, id)).at(-1);
    expect(event).toMatchObject({
      type: 'dispatch',
      actorId: dispatcher.userId,
      before: { status: 'pending_dispatch' },
      after: { status: 'dispatched', leadUnitId: units.nanchengStreet },
      data: { followsCatalogue: true, coUnitIds: [units.housingBureau] },
    });
  });

  it('records no catalogue rule when the dispatcher chooses another lead unit', async () => {
    const id = await w.createTicket();
    const ticket = await w.services.dispatch.service.dispatch(dispatcher, id, {
      leadUnitId: w.fixture.units.waterCompany,
      reason: '实为供水管网问题',
    });
    expect(ticket).toMatchObject({ catalogueVersionId: null, catalogueRuleId: null });
    expect((await listEvents(w.database.db, id)).at(-1)).toMatchObject({
      reason: '实为供水管网问题',
      data: { followsCatalogue: false },
    });
  });

  it('refuses a bad choice of units and changes nothing', async () => {
    const { units } = w.fixture;
    const id = await w.createTicket();
    const before = await w.ticket(id);
    const dispatch = (leadUnitId: number, coUnitIds: number[] = []) =>
      w.services.dispatch.service.dispatch(dispatcher, id, { leadUnitId, coUnitIds });

    await expect(dispatch(units.nanchengStreet, [units.nanchengStreet])).rejects.toMatchObject({
      code: 'LEAD_AMONG_CO_HANDLERS',
    });
    await expect(
      dispatch(units.nanchengStreet, [units.housingBureau, units.housingBureau]),
    ).rejects.toMatchObject({ code: 'DUPLICATE_CO_HANDLER' });
    await expect(dispatch(units.centre)).rejects.toMatchObject({ code: 'UNIT_NOT_HANDLING' });
    await expect(dispatch(units.nanchengStreet, [999_999])).rejects.toMatchObject({
      code: 'UNIT_NOT_FOUND',
      details: { field: 'coUnitIds' },
    });

    expect(await w.ticket(id)).toEqual(before);
    expect(await assignmentStates(w.database, id)).toEqual([]);
  });

  it('keeps a coordinator inside their district', async () => {
    const { units } = w.fixture;
    const own = await w.createTicket();
    const other = await w.createTicket({ districtId: units.naxi });

    // A ticket of another district is not even visible to them.
    await expect(
      w.services.dispatch.service.dispatch(coordinator, other, { leadUnitId: units.anfuStreet }),
    ).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    await expect(
      w.services.dispatch.service.dispatch(coordinator, own, { leadUnitId: units.housingBureau }),
    ).rejects.toMatchObject({ code: 'OUT_OF_DISTRICT' });
    expect((await w.ticket(other)).status).toBe('pending_dispatch');
    expect((await w.ticket(own)).status).toBe('pending_dispatch');

    const done = await w.services.dispatch.service.dispatch(coordinator, own, {
      leadUnitId: units.nanchengStreet,
    });
    expect(done.status).toBe('dispatched');
  });

  it('refuses an illegal dispatch with ILLEGAL_TRANSITION and a stale one with TICKET_CHANGED', async () => {
    const { units } = w.fixture;
    const id = await w.createTicket();
    const first = await w.services.dispatch.service.dispatch(dispatcher, id, {
      leadUnitId: units.nanchengStreet,
    });
    const events = (await w.eventTypes(id)).length;

    await expect(
      w.services.dispatch.service.dispatch(dispatcher, id, { leadUnitId: units.housingBureau }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(
      w.services.dispatch.service.reassign(dispatcher, id, {
        leadUnitId: units.housingBureau,
        reason: '改派住建局',
        expectedVersion: first.version - 1,
      }),
    ).rejects.toMatchObject({ code: 'TICKET_CHANGED' });

    expect(await w.ticket(id)).toMatchObject({
      version: first.version,
      leadUnitId: units.nanchengStreet,
    });
    expect(await w.eventTypes(id)).toHaveLength(events);
    expect(await assignmentStates(w.database, id)).toEqual([
      `${units.nanchengStreet}:lead:dispatched`,
    ]);
  });

  it('dispatches in bulk, each ticket succeeding or failing on its own', async () => {
    const { units } = w.fixture;
    const a = await w.createTicket();
    const b = await w.createTicket({ status: 'received' });
    const c = await w.createTicket();

    const results = await w.services.dispatch.service.dispatchMany(dispatcher, [
      { ticketId: a, leadUnitId: units.nanchengStreet },
      { ticketId: b, leadUnitId: units.nanchengStreet },
      { ticketId: c, leadUnitId: units.housingBureau, coUnitIds: [units.waterCompany] },
    ]);

    expect(results.map((r) => [r.ticketId, r.ok])).toEqual([
      [a, true],
      [b, false],
      [c, true],
    ]);
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect((await w.ticket(b)).status).toBe('received');
    expect((await w.ticket(c)).leadUnitId).toBe(units.housingBureau);
  });

  it('reassigns (改派): old dispatches withdrawn, new ones made, deadlines counted again', async () => {
    const { units } = w.fixture;
    const id = await w.createTicket();
    await w.services.dispatch.service.dispatch(dispatcher, id, {
      leadUnitId: units.nanchengStreet,
      coUnitIds: [units.housingBureau],
    });
    await w.services.handling.service.sign(handler, id);
    w.clock.advance(HOUR);

    await expect(
      w.services.dispatch.service.reassign(dispatcher, id, {
        leadUnitId: units.housingBureau,
        reason: '',
      }),
    ).rejects.toMatchObject({ code: 'REASON_REQUIRED' });
    const moved = await w.services.dispatch.service.reassign(dispatcher, id, {
      leadUnitId: units.housingBureau,
      coUnitIds: [units.waterCompany],
      reason: '路灯线路属住建局维护',
    });

    expect(moved).toMatchObject({
      status: 'dispatched',
      leadUnitId: units.housingBureau,
      signedAt: null,
      dispatchedAt: w.clock.now().toISOString(),
      signDueAt: new Date(w.clock.now().getTime() + 2 * HOUR).toISOString(),
      // Not the lead the catalogue names for 江阳区: no rule explains it.
      catalogueRuleId: null,
    });
    expect(await assignmentStates(w.database, id)).toEqual([
      `${units.nanchengStreet}:lead:withdrawn`,
      `${units.housingBureau}:co:withdrawn`,
      `${units.housingBureau}:lead:dispatched`,
      `${units.waterCompany}:co:dispatched`,
    ]);
    expect((await listEvents(w.database.db, id)).at(-1)).toMatchObject({
      type: 'reassign',
      reason: '路灯线路属住建局维护',
      before: { status: 'in_progress', leadUnitId: units.nanchengStreet },
      after: { status: 'dispatched', leadUnitId: units.housingBureau },
    });
  });
});

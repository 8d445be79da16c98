// Time limits as the ticket's life sets them, on a fake clock: set at dispatch (hours on the
// clock, working days on the calendar of holidays and make-up working days), moved by an approved
// extension, renewed on reopen, and paused while a return is under review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import type { Urgency } from '../tickets/index.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { createWorkflow, type Workflow } from '../../test-support/workflow.js';

describe.each(TEST_DIALECTS)('deadlines through the ticket life (%s)', (dialect) => {
  let w: Workflow;
  let dispatcher: Actor;
  let handler: Actor;
  let callback: Actor;

  beforeAll(async () => {
    w = await createWorkflow(dialect);
    [dispatcher, handler, callback] = await Promise.all([
      w.actor('dispatcher'),
      w.actor('handler'),
      w.actor('callback'),
    ]);
  });
  afterAll(() => w.close());

  /** A ticket of `urgency` dispatched to 南城街道 at `at`. */
  async function dispatchedAt(at: string, urgency: Urgency = 'normal'): Promise<number> {
    w.clock.set(at);
    const id = await w.createTicket({ urgency });
    await w.services.dispatch.service.dispatch(dispatcher, id, {
      leadUnitId: w.fixture.units.nanchengStreet,
    });
    return id;
  }

  async function pendingRequest(ticketId: number): Promise<number> {
    const row = await w.database.db
      .selectFrom('ticket_requests')
      .select('id')
      .where('ticket_id', '=', ticketId)
      .where('state', '=', 'pending')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  // Times are UTC; Luzhou is UTC+8 (10:00 local = 02:00Z).
  it.each([
    // dispatched at, urgency, sign-for due, feedback due, why
    [
      '2026-02-13T02:00:00.000Z',
      'urgent',
      '2026-02-13T04:00:00.000Z',
      '2026-02-14T02:00:00.000Z',
      'hours run on the clock: 2 h to sign, 24 h to reply',
    ],
    [
      '2026-10-03T12:00:00.000Z',
      'emergency',
      '2026-10-03T12:30:00.000Z',
      '2026-10-03T14:00:00.000Z',
      'on a National Day holiday: 30 min and 2 h all the same',
    ],
    [
      '2026-02-13T02:00:00.000Z',
      'normal',
      '2026-02-13T04:00:00.000Z',
      '2026-03-02T02:00:00.000Z',
      '7 working days over the Spring Festival, counting the make-up Saturdays 14 and 28 Feb',
    ],
    [
      '2026-09-30T01:30:00.000Z',
      'normal',
      '2026-09-30T03:30:00.000Z',
      '2026-10-15T01:30:00.000Z',
      '7 working days over National Day: 8, 9, the make-up Saturday 10, 12–15 Oct',
    ],
    [
      '2026-04-04T02:00:00.000Z',
      'normal',
      '2026-04-04T04:00:00.000Z',
      '2026-04-15T16:00:00.000Z',
      'from a Qingming holiday: the count starts when Tue 7 Apr starts, 7 days end with 15 Apr',
    ],
  ] as const)(
    'dispatched %s (%s): sign by %s, reply by %s — %s',
    async (at, urgency, sign, reply, _why) => {
      const id = await dispatchedAt(at, urgency);
      expect(await w.ticket(id)).toMatchObject({ signDueAt: sign, replyDueAt: reply });
    },
  );

  it.each([
    // dispatched at, working days granted, feedback due before, after, why
    [
      '2026-03-02T01:00:00.000Z',
      3,
      '2026-03-11T01:00:00.000Z',
      '2026-03-16T01:00:00.000Z',
      'from the old deadline (Wed 11 Mar): Thu, Fri, Mon',
    ],
    [
      '2026-03-24T01:00:00.000Z',
      2,
      '2026-04-02T01:00:00.000Z',
      '2026-04-07T01:00:00.000Z',
      'over Qingming: Fri 3 Apr, then Tue 7 Apr',
    ],
  ])(
    'an extension approved on a ticket dispatched %s moves the deadline by %i working days: %s → %s (%s)',
    async (at, days, before, after) => {
      const id = await dispatchedAt(at);
      await w.services.handling.service.sign(handler, id);
      expect((await w.ticket(id)).replyDueAt).toBe(before);
      w.clock.advance(24 * 3_600_000);
      await w.services.handling.service.requestExtension(handler, id, {
        reason: '需协调产权单位共同维修 𠮷',
        workingDays: days,
      });
      // The unit's request does not move anything until it is approved.
      expect((await w.ticket(id)).replyDueAt).toBe(before);
      await w.services.dispatch.requests.decide(dispatcher, await pendingRequest(id), {
        decision: 'approve',
      });
      expect((await w.ticket(id)).replyDueAt).toBe(after);
    },
  );

  it.each([
    // how the ticket goes back, reopened at, new feedback due, why
    [
      'reopen',
      '2026-04-30T02:00:00.000Z',
      '2026-05-13T02:00:00.000Z',
      'a fresh 7 working days from the reopen, over Labour Day and its make-up Saturday 9 May',
    ],
    [
      'callback',
      '2026-03-13T07:00:00.000Z',
      '2026-03-24T07:00:00.000Z',
      'an unresolved callback reopens with a fresh limit from the callback',
    ],
  ])('a %s at %s sets a fresh feedback deadline %s (%s)', async (how, at, due) => {
    const id = await dispatchedAt('2026-03-02T01:00:00.000Z');
    await w.services.handling.service.sign(handler, id);
    await w.services.handling.service.reply(handler, id, { text: '已修复路灯 🚧' });
    w.clock.set(at);
    if (how === 'reopen')
      await w.services.callback.service.reopen(callback, id, '市民反映路灯仍不亮');
    else
      await w.services.callback.service.recordCallback(callback, id, {
        contacted: true,
        resolved: false,
        satisfaction: 'dissatisfied',
      });
    expect(await w.ticket(id)).toMatchObject({
      status: 'in_progress',
      reopenCount: 1,
      replyDueAt: due,
    });
  });

  it.each([
    // signed first?, return asked at, refused at, sign-for due after, feedback due after
    [
      'not signed',
      false,
      '2026-03-02T01:30:00.000Z',
      '2026-03-02T06:30:00.000Z',
      '2026-03-02T08:00:00.000Z',
      '2026-03-03T06:00:00.000Z',
    ],
    [
      'signed',
      true,
      '2026-03-02T02:00:00.000Z',
      '2026-03-03T02:00:00.000Z',
      '2026-03-02T03:00:00.000Z',
      '2026-03-04T01:00:00.000Z',
    ],
  ])(
    'the clock stands still while a return is reviewed (%s): refused, the deadlines move on by the review time',
    async (_what, signed, askedAt, refusedAt, signDue, replyDue) => {
      // Urgent, dispatched Mon 09:00 local: sign by 11:00, reply by Tue 09:00.
      const id = await dispatchedAt('2026-03-02T01:00:00.000Z', 'urgent');
      if (signed) await w.services.handling.service.sign(handler, id);
      w.clock.set(askedAt);
      await w.services.handling.service.requestReturn(handler, id, '非本街道管辖范围内');
      w.clock.set(refusedAt);
      await w.services.dispatch.requests.decide(dispatcher, await pendingRequest(id), {
        decision: 'refuse',
        reason: '经核实属南城街道辖区',
      });
      const ticket = await w.ticket(id);
      expect(ticket).toMatchObject({
        status: signed ? 'in_progress' : 'dispatched',
        signDueAt: signDue,
        replyDueAt: replyDue,
      });
      const refusal = (await w.services.tickets.query.getEvents(dispatcher, id)).findLast(
        (event) => event.type === 'refuse_return',
      );
      expect(refusal?.data?.pausedSeconds).toBe(
        (Date.parse(refusedAt) - Date.parse(askedAt)) / 1000,
      );
    },
  );

  it('keeps the deadlines when a return is refused at once', async () => {
    const id = await dispatchedAt('2026-03-02T01:00:00.000Z', 'urgent');
    const before = await w.ticket(id);
    await w.services.handling.service.requestReturn(handler, id, '非本街道管辖范围内');
    await w.services.dispatch.requests.decide(dispatcher, await pendingRequest(id), {
      decision: 'refuse',
      reason: '经核实属南城街道辖区',
    });
    expect(await w.ticket(id)).toMatchObject({
      signDueAt: before.signDueAt,
      replyDueAt: before.replyDueAt,
    });
  });

  it('uses a category’s own limits, inherited by the categories below it, and the defaults elsewhere', async () => {
    const { categories } = w.fixture;
    const put = async (user: 'admin' | 'handler', url: string, payload: object) => {
      const response = await w.app.inject({
        method: 'PUT',
        url: `/api/v1${url}`,
        headers: { cookie: await w.login(user) },
        payload,
      });
      return { status: response.statusCode };
    };
    const limit = (unit: 'minutes' | 'hours' | 'working_days', amount: number) => ({
      unit,
      amount,
    });
    // Over HTTP, as the admin sets them: the parent 市政设施 signs within 1 h, its child 路灯
    // replies within 3 working days and is called back within 2.
    const parent = await put('admin', `/time-limits/${categories.municipal}`, {
      rules: [{ urgency: 'normal', stage: 'sign_for', limit: limit('hours', 1) }],
    });
    expect(parent.status).toBe(200);
    const child = await put('admin', `/time-limits/${categories.streetLight}`, {
      rules: [
        { urgency: 'normal', stage: 'feedback', limit: limit('working_days', 3) },
        { urgency: 'normal', stage: 'callback', limit: limit('working_days', 2) },
      ],
    });
    expect(child.status).toBe(200);
    const refused = await put('handler', `/time-limits/${categories.streetLight}`, {
      rules: [],
    });
    expect(refused.status).toBe(403);
    const listed = await w.call<{ rules: unknown[] }>('dispatcher', 'GET', '/time-limits');
    expect(listed.body.rules).toHaveLength(3);

    w.clock.set('2026-03-02T01:00:00.000Z');
    const light = await w.createTicket({ categoryId: categories.streetLight });
    const noise = await w.createTicket({ categoryId: categories.constructionNoise });
    for (const id of [light, noise])
      await w.services.dispatch.service.dispatch(dispatcher, id, {
        leadUnitId: w.fixture.units.nanchengStreet,
      });
    expect(await w.ticket(light)).toMatchObject({
      signDueAt: '2026-03-02T02:00:00.000Z',
      replyDueAt: '2026-03-05T01:00:00.000Z',
    });
    expect(await w.ticket(noise)).toMatchObject({
      signDueAt: '2026-03-02T03:00:00.000Z',
      replyDueAt: '2026-03-11T01:00:00.000Z',
    });
    // Urgent tickets of the category keep the default limits: the rules are per urgency.
    const urgent = await w.createTicket({ categoryId: categories.streetLight, urgency: 'urgent' });
    await w.services.dispatch.service.dispatch(dispatcher, urgent, {
      leadUnitId: w.fixture.units.nanchengStreet,
    });
    expect((await w.ticket(urgent)).replyDueAt).toBe('2026-03-03T01:00:00.000Z');

    await w.services.handling.service.sign(handler, light);
    w.clock.set('2026-03-04T02:00:00.000Z');
    await w.services.handling.service.reply(handler, light, { text: '已修复 𠮷' });
    expect((await w.ticket(light)).callbackDueAt).toBe('2026-03-06T02:00:00.000Z');
    await w.services.callback.service.reopen(callback, light, '仍不亮');
    expect((await w.ticket(light)).replyDueAt).toBe('2026-03-09T02:00:00.000Z');

    // Cleared, the category inherits the defaults again.
    // (Through the service: the admin's session of two days ago has expired.)
    const admin = await w.actor('admin');
    for (const category of [categories.streetLight, categories.municipal])
      await w.services.catalogue.timeLimits.setCategory(admin, category, []);
    const after = await w.createTicket({ categoryId: categories.streetLight });
    await w.services.dispatch.service.dispatch(dispatcher, after, {
      leadUnitId: w.fixture.units.nanchengStreet,
    });
    expect((await w.ticket(after)).replyDueAt).toBe('2026-03-13T02:00:00.000Z');
  });
});

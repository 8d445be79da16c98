import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { listEvents } from '../tickets/index.js';
import { exemptedSql } from './index.js';
import { createSupervisionHarness, MONDAY_0900, type SupervisionHarness } from './test-harness.js';

interface Body {
  [key: string]: unknown;
  error?: { code: string; field?: string };
}
interface OrderBody extends Body {
  id: number;
  state: string;
  dueAt: string;
  rounds: number;
  steps: Array<{ action: string; actorId: number; at: string; text: string | null }>;
}
interface RequestBody extends Body {
  id: number;
  state: string;
  decisionReason: string | null;
  decidedBy: number | null;
}

const HOUR = 3_600_000;

describe.each(TEST_DIALECTS)('supervision over HTTP (%s)', (dialect) => {
  let h: SupervisionHarness;

  beforeAll(async () => {
    h = await createSupervisionHarness(dialect);
  });
  afterAll(() => h.close());

  const eventsOf = async (ticketId: number) =>
    (await listEvents(h.testDb.database.db, ticketId)).filter(
      (e) =>
        e.type === 'reminder' ||
        e.type.startsWith('supervision_order') ||
        e.type.startsWith('exemption') ||
        e.type.startsWith('objection'),
    );

  describe('催办 by hand', () => {
    it('lets a supervisor, the dispatch desk and the district coordinator chase; once per ten minutes each', async () => {
      h.clock.set(MONDAY_0900);
      const id = await h.dispatched({ coUnitIds: [h.fixture.units.housingBureau] });
      const note = '请尽快签收处理 𠮷 😀';
      const first = await h.call<Body>('supervisor', 'POST', `/tickets/${id}/reminders`, { note });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        ticketId: id,
        unitId: h.fixture.units.nanchengStreet,
        deadlineKind: 'sign',
        stage: 'manual',
        note,
        notified: 1,
        actorId: h.fixture.users.supervisor.id,
      });
      const again = await h.call<Body>('supervisor', 'POST', `/tickets/${id}/reminders`, {});
      expect(again).toMatchObject({ status: 409, body: { error: { code: 'REMINDED_RECENTLY' } } });
      // The co-handler can be chased by name; a unit with no dispatch cannot.
      const co = await h.call<Body>('dispatcher', 'POST', `/tickets/${id}/reminders`, {
        unitId: h.fixture.units.housingBureau,
      });
      expect(co).toMatchObject({ status: 200, body: { unitId: h.fixture.units.housingBureau } });
      const stranger = await h.call<Body>('dispatcher', 'POST', `/tickets/${id}/reminders`, {
        unitId: h.fixture.units.waterCompany,
      });
      expect(stranger).toMatchObject({
        status: 400,
        body: { error: { code: 'UNIT_NOT_CHASEABLE', field: 'unitId' } },
      });
      const coordinator = await h.call<Body>('coordinator', 'POST', `/tickets/${id}/reminders`, {});
      expect(coordinator.status).toBe(200);

      const events = await eventsOf(id);
      expect(events.map((e) => [e.type, e.actorId, e.reason])).toEqual([
        ['reminder', h.fixture.users.supervisor.id, note],
        ['reminder', h.fixture.users.dispatcher.id, null],
        ['reminder', h.fixture.users.coordinator.id, null],
      ]);
      const notices = await h.notificationsOf(id);
      expect(notices.map((n) => [n.kind, n.unitId])).toEqual([
        ['sv_reminder', h.fixture.units.nanchengStreet],
        ['sv_reminder', h.fixture.units.housingBureau],
        ['sv_reminder', h.fixture.units.nanchengStreet],
      ]);
      expect(notices[0]!.message).toContain(note);

      // The unit sees its reminders; another unit does not.
      const mine = await h.call<{ items: Array<{ ticketId: number }> }>(
        'handler',
        'GET',
        '/supervision/reminders',
      );
      expect(mine.body.items.filter((r) => r.ticketId === id)).toHaveLength(2);
      const theirs = await h.call<{ items: Array<{ ticketId: number }> }>(
        'handlerNaxi',
        'GET',
        '/supervision/reminders',
      );
      expect(theirs.body.items.filter((r) => r.ticketId === id)).toEqual([]);
    });

    it('refuses a handler, and a coordinator outside their district', async () => {
      h.clock.set(MONDAY_0900);
      const id = await h.dispatched();
      const handler = await h.call<Body>('handler', 'POST', `/tickets/${id}/reminders`, {});
      expect(handler).toMatchObject({ status: 403, body: { error: { code: 'ROLE_REQUIRED' } } });

      // In 纳溪区 but handled by a 江阳区 street: the coordinator sees it, and may not chase it.
      const naxi = await h.dispatched({ districtId: h.fixture.units.naxi });
      const seen = await h.call<Body>('coordinator', 'POST', `/tickets/${naxi}/reminders`, {});
      expect(seen).toMatchObject({ status: 403, body: { error: { code: 'OUT_OF_DISTRICT' } } });
      // Handled inside 纳溪区 only: not even visible.
      const hidden = await h.dispatched({
        districtId: h.fixture.units.naxi,
        unitId: h.fixture.units.anfuStreet,
      });
      const notSeen = await h.call<Body>('coordinator', 'POST', `/tickets/${hidden}/reminders`, {});
      expect(notSeen.status).toBe(404);
      expect(await eventsOf(naxi)).toEqual([]);
      expect(await eventsOf(hidden)).toEqual([]);
    });
  });

  describe('the watch lists', () => {
    it('lists overdue and near deadlines in each role’s scope, with the time over or left', async () => {
      h.clock.set(MONDAY_0900);
      const late = await h.dispatched({ urgency: 'urgent' });
      const naxiLate = await h.dispatched({
        urgency: 'urgent',
        districtId: h.fixture.units.naxi,
        unitId: h.fixture.units.anfuStreet,
      });
      h.clock.set(new Date(Date.parse(MONDAY_0900) + 3 * HOUR));
      const near = await h.dispatched({ urgency: 'urgent' });
      h.clock.set(new Date(Date.parse(MONDAY_0900) + 4 * HOUR + 40 * 60_000)); // 1 h 40 of 2 h used

      type Watch = {
        items: Array<{
          ticketId: number;
          unitId: number;
          kind: string;
          secondsLeft: number;
          state: string;
        }>;
        total: number;
      };
      const overdue = await h.call<Watch>('supervisor', 'GET', '/supervision/watch?state=overdue');
      expect(overdue.status).toBe(200);
      const row = overdue.body.items.find((item) => item.ticketId === late);
      expect(row).toMatchObject({ kind: 'sign', state: 'overdue', secondsLeft: -(160 * 60) });
      expect(overdue.body.items.some((item) => item.ticketId === naxiLate)).toBe(true);
      expect(overdue.body.items.some((item) => item.ticketId === near)).toBe(false);

      const nearList = await h.call<Watch>('supervisor', 'GET', '/supervision/watch?state=near');
      expect(nearList.body.items.find((item) => item.ticketId === near)).toMatchObject({
        state: 'near',
        secondsLeft: 20 * 60,
      });

      const district = await h.call<Watch>(
        'coordinator',
        'GET',
        '/supervision/watch?state=overdue',
      );
      const districtIds = district.body.items.map((item) => item.ticketId);
      expect(districtIds).toContain(late);
      expect(districtIds).not.toContain(naxiLate);

      const unit = await h.call<Watch>('handlerNaxi', 'GET', '/supervision/watch?state=overdue');
      expect(unit.body.items.map((item) => item.ticketId)).toContain(naxiLate);
      expect(new Set(unit.body.items.map((item) => item.unitId))).toEqual(
        new Set([h.fixture.units.anfuStreet]),
      );

      const onlyReplies = await h.call<Watch>(
        'supervisor',
        'GET',
        '/supervision/watch?state=overdue&kind=reply',
      );
      expect(onlyReplies.body.items.some((item) => item.ticketId === late)).toBe(false);

      const analyst = await h.call<Body>('analyst', 'GET', '/supervision/watch?state=overdue');
      expect(analyst.status).toBe(403);
    });
  });

  describe('supervision orders (督办单)', () => {
    it('goes issue → reply → send back → reply → close, each step recorded with who and when', async () => {
      h.clock.set(MONDAY_0900);
      const id = await h.dispatched();
      const issued = await h.call<OrderBody>(
        'supervisor',
        'POST',
        `/tickets/${id}/supervision-orders`,
        {
          reason: '市民多次来电反映，影响夜间出行 🚶',
          requirement: '三个工作日内修复并答复 𠮷',
          workingDays: 3,
        },
      );
      expect(issued.status).toBe(200);
      expect(issued.body).toMatchObject({
        ticketId: id,
        unitId: h.fixture.units.nanchengStreet,
        state: 'open',
        dueAt: '2026-03-05T01:00:00.000Z',
        rounds: 1,
      });
      const orderId = issued.body.id;
      const twice = await h.call<Body>('supervisor', 'POST', `/tickets/${id}/supervision-orders`, {
        reason: '再次督办',
        requirement: '立即处理',
        hours: 4,
      });
      expect(twice).toMatchObject({ status: 409, body: { error: { code: 'ORDER_OPEN' } } });
      const byDispatcher = await h.call<Body>(
        'dispatcher',
        'POST',
        `/tickets/${id}/supervision-orders`,
        {
          reason: 'x',
          requirement: 'y',
          hours: 4,
        },
      );
      expect(byDispatcher.status).toBe(403);
      const noDeadline = await h.call<Body>(
        'supervisor',
        'POST',
        `/tickets/${id}/supervision-orders`,
        {
          reason: 'x',
          requirement: 'y',
        },
      );
      expect(noDeadline).toMatchObject({
        status: 400,
        body: { error: { code: 'DEADLINE_REQUIRED' } },
      });

      // The unit's handler sees it and replies; another unit's handler cannot.
      const listed = await h.call<{ items: Array<{ id: number }> }>(
        'handler',
        'GET',
        '/supervision/orders?state=open',
      );
      expect(listed.body.items.map((order) => order.id)).toContain(orderId);
      const intruder = await h.call<Body>(
        'handlerDept',
        'POST',
        `/supervision/orders/${orderId}/reply`,
        {
          text: '不是我们的',
        },
      );
      expect(intruder).toMatchObject({ status: 403, body: { error: { code: 'NOT_YOUR_ORDER' } } });
      h.clock.advance(HOUR);
      const replied = await h.call<OrderBody>(
        'handler',
        'POST',
        `/supervision/orders/${orderId}/reply`,
        {
          text: '已安排电工到场检修 🔧',
        },
      );
      expect(replied.body).toMatchObject({ state: 'replied' });
      const replyAgain = await h.call<Body>(
        'handler',
        'POST',
        `/supervision/orders/${orderId}/reply`,
        {
          text: '再答复一次',
        },
      );
      expect(replyAgain).toMatchObject({
        status: 409,
        body: { error: { code: 'ORDER_NOT_OPEN' } },
      });

      h.clock.advance(HOUR);
      const back = await h.call<OrderBody>(
        'supervisor',
        'POST',
        `/supervision/orders/${orderId}/send-back`,
        {
          reason: '未说明修复时间',
          hours: 4,
        },
      );
      expect(back.body).toMatchObject({
        state: 'open',
        rounds: 2,
        dueAt: new Date(Date.parse(MONDAY_0900) + 6 * HOUR).toISOString(),
      });
      h.clock.advance(HOUR);
      await h.call('handler', 'POST', `/supervision/orders/${orderId}/reply`, {
        text: '已于今日修复，经市民确认亮灯',
      });
      const handlerCloses = await h.call<Body>(
        'handler',
        'POST',
        `/supervision/orders/${orderId}/close`,
        {},
      );
      expect(handlerCloses.status).toBe(403);
      h.clock.advance(HOUR);
      const closed = await h.call<OrderBody>(
        'supervisor',
        'POST',
        `/supervision/orders/${orderId}/close`,
        {
          note: '办理到位',
        },
      );
      expect(closed.body.state).toBe('closed');
      const { users } = h.fixture;
      expect(closed.body.steps.map((s) => [s.action, s.actorId, s.at])).toEqual([
        ['issue', users.supervisor.id, MONDAY_0900],
        ['reply', users.handler.id, new Date(Date.parse(MONDAY_0900) + HOUR).toISOString()],
        [
          'send_back',
          users.supervisor.id,
          new Date(Date.parse(MONDAY_0900) + 2 * HOUR).toISOString(),
        ],
        ['reply', users.handler.id, new Date(Date.parse(MONDAY_0900) + 3 * HOUR).toISOString()],
        ['close', users.supervisor.id, new Date(Date.parse(MONDAY_0900) + 4 * HOUR).toISOString()],
      ]);
      expect(closed.body.steps[0]!.text).toBe('三个工作日内修复并答复 𠮷');
      expect((await eventsOf(id)).map((e) => e.type)).toEqual([
        'supervision_order_issued',
        'supervision_order_replied',
        'supervision_order_sent_back',
        'supervision_order_replied',
        'supervision_order_closed',
      ]);
      // The unit hears of the order, the send-back and the closing; the issuer of each reply.
      expect((await h.notificationsOf(id)).map((n) => [n.kind, n.unitId, n.userId])).toEqual([
        ['sv_order_issued', h.fixture.units.nanchengStreet, null],
        ['sv_order_replied', h.fixture.units.centre, users.supervisor.id],
        ['sv_order_sent_back', h.fixture.units.nanchengStreet, null],
        ['sv_order_replied', h.fixture.units.centre, users.supervisor.id],
        ['sv_order_closed', h.fixture.units.nanchengStreet, null],
      ]);
      const onPage = await h.call<{ orders: Array<{ id: number; steps: unknown[] }> }>(
        'handler',
        'GET',
        `/tickets/${id}/supervision`,
      );
      expect(onPage.body.orders.map((o) => [o.id, o.steps.length])).toEqual([[orderId, 5]]);
      // The district's coordinator follows it; another unit's handler does not see it.
      expect((await h.call('coordinator', 'GET', `/supervision/orders/${orderId}`)).status).toBe(
        200,
      );
      const foreign = await h.call<Body>('handlerDept', 'GET', `/supervision/orders/${orderId}`);
      expect(foreign).toMatchObject({ status: 403, body: { error: { code: 'OUT_OF_SCOPE' } } });
    });
  });

  describe('exemption (核减) and objection (申诉)', () => {
    it('records a request and its decision; an exempted ticket is read back as exempted', async () => {
      h.clock.set(MONDAY_0900);
      const id = await h.dispatched();
      const other = await h.dispatched();
      const { units, users } = h.fixture;
      const upload = await h.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${other}/attachments`,
        headers: {
          cookie: await h.login(users.operator.username),
          'content-type': 'multipart/form-data; boundary=XX',
        },
        payload:
          '--XX\r\nContent-Disposition: form-data; name="file"; filename="note.txt"\r\nContent-Type: text/plain\r\n\r\nevidence\r\n--XX--\r\n',
      });
      const foreignAttachment =
        upload.statusCode === 200 ? upload.json<{ id: number }>().id : 999_999;
      const wrongFile = await h.call<Body>(
        'handler',
        'POST',
        `/tickets/${id}/evaluation-requests`,
        {
          kind: 'exemption',
          reason: '市民诉求不属合理诉求，已多次解释',
          attachmentId: foreignAttachment,
        },
      );
      expect(wrongFile).toMatchObject({
        status: 400,
        body: { error: { code: 'ATTACHMENT_NOT_FOUND' } },
      });
      const tooShort = await h.call<Body>('handler', 'POST', `/tickets/${id}/evaluation-requests`, {
        kind: 'exemption',
        reason: '无理',
      });
      expect(tooShort).toMatchObject({ status: 400, body: { error: { field: 'reason' } } });

      const reason = '市民要求超出政策范围，已多次解释 𠮷';
      const asked = await h.call<RequestBody>(
        'handler',
        'POST',
        `/tickets/${id}/evaluation-requests`,
        {
          kind: 'exemption',
          reason,
        },
      );
      expect(asked).toMatchObject({
        status: 200,
        body: { kind: 'exemption', aspect: 'all', state: 'pending', unitId: units.nanchengStreet },
      });
      const twice = await h.call<Body>('handler', 'POST', `/tickets/${id}/evaluation-requests`, {
        kind: 'exemption',
        reason,
      });
      expect(twice).toMatchObject({ status: 409, body: { error: { code: 'REQUEST_PENDING' } } });
      const notTheirs = await h.call<Body>(
        'handlerDept',
        'POST',
        `/tickets/${id}/evaluation-requests`,
        {
          kind: 'exemption',
          reason,
        },
      );
      expect([403, 404]).toContain(notTheirs.status);

      // A handler cannot decide, a supervisor must give a reason.
      const selfDecided = await h.call<Body>(
        'handler',
        'POST',
        `/supervision/evaluation-requests/${asked.body.id}/decision`,
        { decision: 'approve', reason: '同意' },
      );
      expect(selfDecided).toMatchObject({
        status: 403,
        body: { error: { code: 'ROLE_REQUIRED' } },
      });
      const noReason = await h.call<Body>(
        'supervisor',
        'POST',
        `/supervision/evaluation-requests/${asked.body.id}/decision`,
        { decision: 'approve', reason: '  ' },
      );
      expect(noReason).toMatchObject({ status: 400, body: { error: { field: 'reason' } } });
      expect(await h.services.supervision.evaluation.isExempted(id, units.nanchengStreet)).toBe(
        false,
      );

      const pending = await h.call<{ items: Array<{ id: number }> }>(
        'supervisor',
        'GET',
        '/supervision/evaluation-requests?state=pending',
      );
      expect(pending.body.items.map((r) => r.id)).toContain(asked.body.id);
      h.clock.advance(HOUR);
      const approved = await h.call<RequestBody>(
        'supervisor',
        'POST',
        `/supervision/evaluation-requests/${asked.body.id}/decision`,
        { decision: 'approve', reason: '经核实属无理诉求，予以核减' },
      );
      expect(approved.body).toMatchObject({
        state: 'approved',
        decidedBy: users.supervisor.id,
        decisionReason: '经核实属无理诉求，予以核减',
        decidedAt: new Date(Date.parse(MONDAY_0900) + HOUR).toISOString(),
      });
      const decidedAgain = await h.call<Body>(
        'supervisor',
        'POST',
        `/supervision/evaluation-requests/${asked.body.id}/decision`,
        { decision: 'refuse', reason: '改变主意' },
      );
      expect(decidedAgain).toMatchObject({
        status: 409,
        body: { error: { code: 'REQUEST_ALREADY_DECIDED' } },
      });
      const { evaluation } = h.services.supervision;
      expect(await evaluation.isExempted(id, units.nanchengStreet)).toBe(true);
      expect(await evaluation.isExempted(id, units.housingBureau)).toBe(false);
      expect(await evaluation.isExempted(other, units.nanchengStreet)).toBe(false);
      expect(await evaluation.adjustments({ unitId: units.nanchengStreet, aspect: 'all' })).toEqual(
        [
          expect.objectContaining({
            ticketId: id,
            unitId: units.nanchengStreet,
            requestId: asked.body.id,
          }),
        ],
      );
      // The measures' own queries leave exempted tickets out with the same rule.
      const counted = await h.testDb.database.db
        .selectFrom('ticket_assignments as a')
        .select('a.ticket_id')
        .where('a.ticket_id', 'in', [id, other])
        .where('a.unit_id', '=', units.nanchengStreet)
        .where((eb) => eb.not(exemptedSql('a.ticket_id', 'a.unit_id')))
        .execute();
      expect(counted.map((row) => row.ticket_id)).toEqual([other]);
      const already = await h.call<Body>('handler', 'POST', `/tickets/${id}/evaluation-requests`, {
        kind: 'objection',
        aspect: 'satisfaction',
        reason,
      });
      expect(already).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_ADJUSTED' } } });

      // An objection (申诉) refused is recorded as well, and changes nothing.
      const objection = await h.call<RequestBody>(
        'handler',
        'POST',
        `/tickets/${other}/evaluation-requests`,
        {
          kind: 'objection',
          aspect: 'satisfaction',
          reason: '回访时市民误解答复内容',
        },
      );
      expect(objection.body).toMatchObject({ kind: 'objection', aspect: 'satisfaction' });
      const withoutAspect = await h.call<Body>(
        'handler',
        'POST',
        `/tickets/${other}/evaluation-requests`,
        {
          kind: 'objection',
          reason: '回访时市民误解答复内容',
        },
      );
      expect(withoutAspect).toMatchObject({ status: 400, body: { error: { field: 'aspect' } } });
      const refused = await h.call<RequestBody>(
        'supervisor',
        'POST',
        `/supervision/evaluation-requests/${objection.body.id}/decision`,
        { decision: 'refuse', reason: '回访录音显示市民明确不满意' },
      );
      expect(refused.body).toMatchObject({
        state: 'refused',
        decisionReason: '回访录音显示市民明确不满意',
      });
      expect(await evaluation.adjustments({ ticketIds: [other] })).toEqual([]);

      expect((await eventsOf(id)).map((e) => [e.type, e.reason])).toEqual([
        ['exemption_requested', reason],
        ['exemption_decided', '经核实属无理诉求，予以核减'],
      ]);
      expect((await eventsOf(other)).map((e) => e.type)).toEqual([
        'objection_requested',
        'objection_decided',
      ]);
      const decidedNotice = (await h.notificationsOf(id)).find(
        (n) => n.kind === 'sv_evaluation_decided',
      );
      expect(decidedNotice).toMatchObject({ unitId: units.nanchengStreet, userId: null });
      const askedNotice = (await h.notificationsOf(id)).find(
        (n) => n.kind === 'sv_evaluation_requested',
      );
      expect(askedNotice).toMatchObject({ userId: users.supervisor.id });
    });
  });

  describe('the admin’s rules', () => {
    it('are read by admins and supervisors, changed by admins only, checked and audited', async () => {
      const read = await h.call<Body>('supervisor', 'GET', '/admin/supervision');
      expect(read).toMatchObject({
        status: 200,
        body: {
          nearShare: 0.75,
          remindOnNear: true,
          escalateDistrictAfterHours: 24,
          escalateCentreAfterHours: 24,
        },
      });
      expect((await h.call('handler', 'GET', '/admin/supervision')).status).toBe(403);
      expect(
        (await h.call('supervisor', 'PUT', '/admin/supervision', { nearShare: 0.8 })).status,
      ).toBe(403);
      const bad = await h.call<Body>('admin', 'PUT', '/admin/supervision', { nearShare: 0.3 });
      expect(bad).toMatchObject({ status: 400, body: { error: { field: 'body.nearShare' } } });
      const changed = await h.call<Body>('admin', 'PUT', '/admin/supervision', {
        nearShare: 0.8,
        escalateDistrictAfterHours: 12,
      });
      expect(changed).toMatchObject({
        status: 200,
        body: { nearShare: 0.8, escalateDistrictAfterHours: 12, escalateCentreAfterHours: 24 },
      });
      const audit = await h.testDb.database.db
        .selectFrom('audit_log')
        .select(['action', 'detail', 'actor_id'])
        .where('action', '=', 'supervision_settings.update')
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.detail!)).toEqual({
        nearShare: { from: 0.75, to: 0.8 },
        escalateDistrictAfterHours: { from: 24, to: 12 },
      });
      await h.call('admin', 'PUT', '/admin/supervision', {
        nearShare: 0.75,
        escalateDistrictAfterHours: 24,
      });
    });
  });
});

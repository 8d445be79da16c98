import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { listEvents } from '../tickets/index.js';
import { createSupervisionHarness, MONDAY_0900, type SupervisionHarness } from './test-harness.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(TEST_DIALECTS)('the supervision scanner (%s)', (dialect) => {
  let h: SupervisionHarness;
  let admin: Actor;
  let handler: Actor;

  beforeAll(async () => {
    h = await createSupervisionHarness(dialect);
    [admin, handler] = await Promise.all([h.actor('admin'), h.actor('handler')]);
  });
  afterAll(() => h.close());

  const scan = () => h.services.supervision.scanner.scan();
  const remindersOf = async (ticketId: number) =>
    (
      await h.testDb.database.db
        .selectFrom('supervision_reminders')
        .select(['stage', 'deadline_kind', 'unit_id', 'notified'])
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute()
    ).map((r) => `${r.deadline_kind}:${r.stage}:${r.unit_id}:${r.notified}`);
  const timeline = async (ticketId: number) =>
    (await listEvents(h.testDb.database.db, ticketId))
      .filter((e) => e.type === 'reminder' || e.type === 'escalation')
      .map((e) => `${e.type}:${String(e.data?.stage)}`);

  it('warns at 75 % of the time, then when overdue, then escalates to the district and the centre — once each', async () => {
    const { units, users } = h.fixture;
    h.clock.set(MONDAY_0900);
    // Urgent: 2 h to sign for.
    const id = await h.dispatched({ urgency: 'urgent' });
    const nancheng = units.nanchengStreet;

    h.clock.set(new Date(Date.parse(MONDAY_0900) + 89 * MINUTE));
    await scan();
    expect(await remindersOf(id)).toEqual([]);

    h.clock.set(new Date(Date.parse(MONDAY_0900) + 90 * MINUTE)); // 75 % of 2 h
    await scan();
    expect(await remindersOf(id)).toEqual([`sign:near:${nancheng}:1`]);
    expect(await h.notificationsOf(id)).toEqual([
      expect.objectContaining({ kind: 'sv_near', unitId: nancheng, userId: null }),
    ]);
    expect((await h.notificationsOf(id))[0]!.message).toMatch(/^20260302\d{6} · 路灯不亮 𠮷 🚧/);

    // A second scan, and a second app instance, find nothing more to do.
    await scan();
    const other = await h.secondInstance();
    try {
      await other.services.supervision.scanner.scan();
    } finally {
      await other.close();
    }
    expect(await remindersOf(id)).toEqual([`sign:near:${nancheng}:1`]);
    expect(await h.notificationsOf(id)).toHaveLength(1);

    h.clock.set(new Date(Date.parse(MONDAY_0900) + 2 * HOUR));
    await scan();
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 25 * HOUR + 59 * MINUTE));
    await scan();
    expect(await remindersOf(id)).toEqual([
      `sign:near:${nancheng}:1`,
      `sign:overdue:${nancheng}:1`,
    ]);

    // Overdue by 24 h: the district's coordinator, personally.
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 26 * HOUR));
    await scan();
    await scan();
    expect((await remindersOf(id)).slice(2)).toEqual([`sign:district:${nancheng}:1`]);
    expect((await h.notificationsOf(id)).slice(2)).toEqual([
      expect.objectContaining({
        kind: 'sv_escalation',
        unitId: units.jiangyang,
        userId: users.coordinator.id,
      }),
    ]);
    expect((await h.notificationsOf(id))[2]!.message).toContain('南城街道');

    // 24 h more: the centre's supervisors.
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 50 * HOUR));
    await scan();
    await scan();
    expect((await remindersOf(id)).slice(3)).toEqual([`sign:centre:${nancheng}:1`]);
    expect((await h.notificationsOf(id)).slice(3)).toEqual([
      expect.objectContaining({
        kind: 'sv_escalation',
        unitId: units.centre,
        userId: users.supervisor.id,
      }),
    ]);
    expect(await timeline(id)).toEqual([
      'reminder:near',
      'reminder:overdue',
      'escalation:district',
      'escalation:centre',
    ]);

    // Signed for at last: the feedback deadline is watched from now on, the sign-for one no more.
    await h.services.handling.service.sign(handler, id);
    await scan();
    expect((await remindersOf(id)).filter((r) => r.startsWith('reply:'))).toEqual([
      `reply:overdue:${nancheng}:1`,
      `reply:district:${nancheng}:1`,
    ]);
  });

  it('catches up on a deadline missed while nobody scanned, without a late "near"', async () => {
    h.clock.set(MONDAY_0900);
    const id = await h.dispatched({ urgency: 'urgent' });
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 60 * HOUR));
    const result = await scan();
    expect(result.escalations).toBeGreaterThanOrEqual(2);
    expect((await remindersOf(id)).map((r) => r.split(':')[1])).toEqual([
      'overdue',
      'district',
      'centre',
    ]);
  });

  it('takes each step once when two instances scan at the same moment', async () => {
    h.clock.set(MONDAY_0900);
    const ids = [
      await h.dispatched({ urgency: 'urgent' }),
      await h.dispatched({ urgency: 'urgent' }),
      await h.dispatched({ urgency: 'urgent', coUnitIds: [h.fixture.units.housingBureau] }),
    ];
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 100 * MINUTE));
    const other = await h.secondInstance();
    try {
      await Promise.all([scan(), other.services.supervision.scanner.scan(), scan()]);
    } finally {
      await other.close();
    }
    for (const id of ids.slice(0, 2)) {
      expect(await remindersOf(id)).toEqual([`sign:near:${h.fixture.units.nanchengStreet}:1`]);
      expect(await h.notificationsOf(id)).toHaveLength(1);
      expect(await timeline(id)).toEqual(['reminder:near']);
    }
    // Lead and co-handler: each unit is warned of its own sign-for.
    expect(await remindersOf(ids[2]!)).toEqual([
      `sign:near:${h.fixture.units.nanchengStreet}:1`,
      `sign:near:${h.fixture.units.housingBureau}:1`,
    ]);
  });

  it('leaves a ticket alone while its return is under review (the clock stands still)', async () => {
    h.clock.set(MONDAY_0900);
    const id = await h.dispatched({ urgency: 'urgent' });
    await h.services.handling.service.requestReturn(handler, id, '非本街道管辖范围内');
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 30 * HOUR));
    await scan();
    expect(await remindersOf(id)).toEqual([]);
  });

  it('follows the admin’s rules: another near share, no automatic reminders, no escalation', async () => {
    await h.services.supervision.settings.update(admin, {
      nearShare: 0.5,
      remindOnOverdue: false,
      escalateDistrictAfterHours: null,
      escalateCentreAfterHours: 1,
    });
    h.clock.set(MONDAY_0900);
    const id = await h.dispatched({ urgency: 'urgent' });
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 61 * MINUTE)); // half of 2 h
    await scan();
    expect((await remindersOf(id)).map((r) => r.split(':')[1])).toEqual(['near']);
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 2 * HOUR + 30 * MINUTE));
    await scan();
    expect((await remindersOf(id)).map((r) => r.split(':')[1])).toEqual(['near']);
    // Without the district level, "1 h more" counts from the deadline.
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 3 * HOUR));
    await scan();
    expect((await remindersOf(id)).map((r) => r.split(':')[1])).toEqual(['near', 'centre']);

    await h.services.supervision.settings.update(admin, {
      remindOnNear: false,
      escalateCentreAfterHours: null,
    });
    h.clock.set(MONDAY_0900);
    const quiet = await h.dispatched({ urgency: 'urgent' });
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 90 * HOUR));
    expect(await scan()).toMatchObject({ reminders: 0, escalations: 0 });
    expect(await remindersOf(quiet)).toEqual([]);
    await h.services.supervision.settings.update(admin, {
      nearShare: 0.75,
      remindOnNear: true,
      remindOnOverdue: true,
      escalateDistrictAfterHours: 24,
      escalateCentreAfterHours: 24,
    });
  });

  it('chases a supervision order past its own deadline, and escalates it', async () => {
    h.clock.set(MONDAY_0900);
    const id = await h.dispatched();
    const supervisor = await h.actor('supervisor');
    const order = await h.services.supervision.orders.issue(supervisor, id, {
      reason: '市民多次来电反映',
      requirement: '两小时内到现场核实并答复',
      hours: 2,
    });
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 2 * HOUR + MINUTE));
    await scan();
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 27 * HOUR));
    await scan();
    const reminders = await h.testDb.database.db
      .selectFrom('supervision_reminders')
      .select(['stage', 'order_id'])
      .where('ticket_id', '=', id)
      .where('deadline_kind', '=', 'order')
      .orderBy('id')
      .execute();
    expect(reminders).toEqual([
      { stage: 'overdue', order_id: order.id },
      { stage: 'district', order_id: order.id },
    ]);
    // Once replied, the order's clock stops.
    await h.services.supervision.orders.reply(handler, order.id, '已到现场核实，正在维修');
    h.clock.set(new Date(Date.parse(MONDAY_0900) + 80 * HOUR));
    await scan();
    expect(
      await h.testDb.database.db
        .selectFrom('supervision_reminders')
        .select('id')
        .where('order_id', '=', order.id)
        .execute(),
    ).toHaveLength(2);
  });
});

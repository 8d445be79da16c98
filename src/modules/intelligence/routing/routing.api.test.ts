import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import { createServices } from '../../../composition.js';
import { loadConfig } from '../../../config.js';
import { listEvents } from '../../tickets/index.js';
import { TEST_DIALECTS } from '../../../test-support/databases.js';
import { createWorkflow, type FixtureUser, type Workflow } from '../../../test-support/workflow.js';
import { ROUTER_USERNAME } from './index.js';
import type { TicketRouting } from './routing.service.js';

const HANDLER_OF = {
  nanchengStreet: 'handler',
  housingBureau: 'handlerDept',
  anfuStreet: 'handlerNaxi',
} as const satisfies Record<string, FixtureUser>;
type HandlingUnit = keyof typeof HANDLER_OF;

describe.each(TEST_DIALECTS)('routing on %s', (dialect) => {
  let w: Workflow;
  const unit = (name: HandlingUnit) => w.fixture.units[name];

  const put = async (user: FixtureUser, url: string, payload: Record<string, unknown>) => {
    const response = await w.app.inject({
      method: 'PUT',
      url: `/api/v1${url}`,
      headers: { cookie: await w.login(user) },
      payload,
    });
    return {
      status: response.statusCode,
      body: response.json<{ error?: { field?: string } }>(),
    };
  };
  const learn = () => w.services.intelligence.routing.learning.learnFromEvents();
  const routingOf = async (ticketId: number, user: FixtureUser = 'dispatcher') => {
    const response = await w.call<TicketRouting>(
      user,
      'GET',
      `/intelligence/tickets/${ticketId}/routing`,
    );
    expect(response.status).toBe(200);
    return response.body;
  };
  const dispatch = async (ticketId: number, lead: HandlingUnit, co: HandlingUnit[] = []) =>
    w.services.dispatch.service.dispatch(await w.actor('dispatcher'), ticketId, {
      leadUnitId: unit(lead),
      coUnitIds: co.map(unit),
    });
  /** Signed and replied by the lead (after the co-handlers' parts). */
  const handle = async (ticketId: number, lead: HandlingUnit, co: HandlingUnit[] = []) => {
    const handling = w.services.handling.service;
    for (const name of co) {
      const coActor = await w.actor(HANDLER_OF[name]);
      await handling.sign(coActor, ticketId);
      await handling.replyPart(coActor, ticketId, '已配合处理完毕');
    }
    const actor = await w.actor(HANDLER_OF[lead]);
    await handling.sign(actor, ticketId);
    await handling.reply(actor, ticketId, { text: '已派人维修，路灯恢复正常照明。' });
  };
  const returnFrom = async (ticketId: number, lead: HandlingUnit) => {
    const actor = await w.actor(HANDLER_OF[lead]);
    await w.services.handling.service.requestReturn(
      actor,
      ticketId,
      '不属于本单位职责范围，请改派',
    );
    const dispatcher = await w.actor('dispatcher');
    const { items } = await w.services.dispatch.requests.list(dispatcher, { kind: 'return' });
    const request = items.find((r) => r.ticketId === ticketId)!;
    await w.services.dispatch.requests.reviewReturn(dispatcher, request.id, { decision: 'accept' });
  };
  const history = async (
    n: number,
    place: { districtId: number; categoryId: number },
    lead: HandlingUnit,
    co: HandlingUnit[] = [],
  ) => {
    for (let i = 0; i < n; i++) {
      const id = await w.createTicket(place);
      await dispatch(id, lead, co);
      await handle(id, lead, co);
    }
    await learn();
  };

  beforeAll(async () => {
    w = await createWorkflow(dialect);
  });
  afterAll(async () => {
    await w.close();
  });

  it('suggests from the catalogue alone, then from the history of the place, saying why', async () => {
    const naxiLight = {
      districtId: w.fixture.units.naxi,
      categoryId: w.fixture.categories.streetLight,
    };
    const first = await w.createTicket(naxiLight);
    const cold = await routingOf(first);
    expect(cold.suggestions[0]).toMatchObject({
      unitId: unit('housingBureau'),
      unitName: '市住房和城乡建设局',
      role: 'lead',
      confidence: 0.7,
    });
    expect(cold.suggestions[0]!.explanation.map((p) => p.kind)).toEqual([
      'catalogue',
      'no_history',
    ]);

    await history(6, naxiLight, 'anfuStreet');
    const warm = await routingOf(first);
    const [lead, ...others] = warm.suggestions;
    expect(lead).toMatchObject({ unitId: unit('anfuStreet'), unitName: '安富街道', role: 'lead' });
    // (6 + 4 × 0) / (6 + 4): six of six similar tickets in 纳溪区, shrunk towards the prior.
    expect(lead!.confidence).toBeCloseTo(0.6, 4);
    expect(lead!.explanation).toContainEqual(
      expect.objectContaining({
        kind: 'history',
        scope: 'district',
        placeName: '纳溪区',
        categoryName: '路灯',
        count: 6,
        total: 6,
        share: 1,
      }),
    );
    const catalogueLead = others.find((s) => s.unitId === unit('housingBureau'));
    expect(catalogueLead?.explanation[0]).toMatchObject({ kind: 'catalogue', role: 'lead' });
    expect(catalogueLead!.confidence).toBeLessThan(lead!.confidence);
  });

  it('counts a return against the unit that sent the ticket back', async () => {
    const noise = {
      districtId: w.fixture.units.jiangyang,
      categoryId: w.fixture.categories.constructionNoise,
    };
    await history(3, noise, 'housingBureau');
    const probe = await w.createTicket(noise);
    const before = (await routingOf(probe)).suggestions[0]!;
    expect(before.unitId).toBe(unit('housingBureau'));

    const returned = await w.createTicket(noise);
    await dispatch(returned, 'housingBureau');
    await returnFrom(returned, 'housingBureau');
    await learn();
    const after = (await routingOf(probe)).suggestions[0]!;
    expect(after.unitId).toBe(unit('housingBureau'));
    expect(after.confidence).toBeLessThan(before.confidence);
    expect(after.explanation).toContainEqual(
      expect.objectContaining({ kind: 'returns', returned: 1, placeName: '江阳区' }),
    );
    // Learning again from the same events changes nothing.
    await learn();
    expect((await routingOf(probe)).suggestions[0]!.confidence).toBe(after.confidence);
  });

  it('dispatches by itself above the threshold, once with two workers, marked; never an emergency', async () => {
    const jyLight = {
      districtId: w.fixture.units.jiangyang,
      categoryId: w.fixture.categories.streetLight,
    };
    await history(10, jyLight, 'nanchengStreet', ['housingBureau']);
    const admin = 'admin' as const;
    const strict = await put(admin, '/intelligence/routing/settings', {
      enabled: true,
      threshold: 0.95,
    });
    expect(strict.status).toBe(200);
    const below = await w.createTicket(jyLight);
    await learn();
    await w.services.intelligence.routing.autoDispatch.run();
    expect((await w.ticket(below)).status).toBe('pending_dispatch');

    expect((await put(admin, '/intelligence/routing/settings', { threshold: 0.9 })).status).toBe(
      200,
    );
    const normal = await w.createTicket(jyLight);
    const emergency = await w.createTicket({ ...jyLight, urgency: 'emergency' });
    const suggested = await routingOf(normal);
    expect(suggested.suggestions[0]).toMatchObject({
      unitId: unit('nanchengStreet'),
      role: 'lead',
    });
    expect(suggested.suggestions[0]!.confidence).toBeGreaterThanOrEqual(0.9);
    expect(suggested.suggestions).toContainEqual(
      expect.objectContaining({ unitId: unit('housingBureau'), role: 'co' }),
    );
    await learn();
    // A second instance: its own services on the same database.
    const other = createServices(
      w.database,
      loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: os.tmpdir() }),
      w.clock,
    );
    const runs = await Promise.all([
      w.services.intelligence.routing.autoDispatch.run(),
      other.intelligence.routing.autoDispatch.run(),
    ]);
    expect(runs.reduce((sum, r) => sum + r.dispatched, 0)).toBe(1);

    const ticket = await w.ticket(normal);
    expect(ticket).toMatchObject({ status: 'dispatched', leadUnitId: unit('nanchengStreet') });
    const events = (await listEvents(w.database.db, normal)).filter((e) => e.type === 'dispatch');
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({
      auto: true,
      coUnitIds: [unit('housingBureau')],
      router: { confidence: suggested.suggestions[0]!.confidence },
    });
    const routerUser = await w.database.db
      .selectFrom('users')
      .select(['id', 'display_name', 'active'])
      .where('username', '=', ROUTER_USERNAME)
      .executeTakeFirstOrThrow();
    expect(events[0]!.actorId).toBe(routerUser.id);
    expect(routerUser).toMatchObject({ display_name: '智能派单', active: 0 });
    expect(ticket.signDueAt).not.toBeNull();
    await learn();
    expect((await routingOf(normal)).auto).toMatchObject({
      unitId: unit('nanchengStreet'),
      outcome: 'dispatched',
    });

    expect((await w.ticket(emergency)).status).toBe('pending_dispatch');
    expect((await w.ticket(below)).status).toBe('pending_dispatch');
    expect((await routingOf(below)).auto).toBeNull();
  });

  it('lets only the admin change the settings, checks them, and keeps their history', async () => {
    const refused = await put('dispatcher', '/intelligence/routing/settings', {
      enabled: false,
    });
    expect(refused.status).toBe(403);
    const low = await put('admin', '/intelligence/routing/settings', {
      threshold: 0.3,
    });
    expect(low.status).toBe(400);
    expect(low.body.error).toMatchObject({ field: 'threshold' });
    const seen = await w.call<{ threshold: number; enabled: boolean }>(
      'supervisor',
      'GET',
      '/intelligence/routing/settings',
    );
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ threshold: 0.9, enabled: true });
    const audit = await w.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'routing_settings.update')
      .execute();
    expect(audit.length).toBe(2);
    const rows = await w.database.db.selectFrom('routing_settings').select('threshold').execute();
    expect(rows.map((r) => Number(r.threshold))).toEqual([0.95, 0.9]);
  });

  it('shows routing only to those who dispatch or supervise, inside their district', async () => {
    const naxiTicket = await w.createTicket({ districtId: w.fixture.units.naxi });
    for (const user of ['handler', 'operator', 'analyst'] as const) {
      const response = await w.call(user, 'GET', `/intelligence/tickets/${naxiTicket}/routing`);
      expect(response.status).toBe(403);
    }
    const otherDistrict = await w.call(
      'coordinator',
      'GET',
      `/intelligence/tickets/${naxiTicket}/routing`,
    );
    expect(otherDistrict.status).toBe(404);
    expect(
      (await w.call('supervisor', 'GET', `/intelligence/tickets/${naxiTicket}/routing`)).status,
    ).toBe(200);
    const report = await w.call('handler', 'GET', '/intelligence/routing/report');
    expect(report.status).toBe(403);
  });
});

describe.each(TEST_DIALECTS)('routing report on %s', (dialect) => {
  let w: Workflow;
  beforeAll(async () => {
    w = await createWorkflow(dialect);
  });
  afterAll(async () => {
    await w.close();
  });

  it('counts dispatches and returns per unit, with and without the router, per week', async () => {
    const { units } = w.fixture;
    const dispatcher = await w.actor('dispatcher');
    const dispatch = (id: number, unitId: number) =>
      w.services.dispatch.service.dispatch(dispatcher, id, { leadUnitId: unitId });
    const handling = w.services.handling.service;
    const sendBack = async (id: number, user: FixtureUser) => {
      await handling.requestReturn(await w.actor(user), id, '不属于本单位职责范围，请改派');
      const { items } = await w.services.dispatch.requests.list(dispatcher, { kind: 'return' });
      const request = items.find((r) => r.ticketId === id)!;
      await w.services.dispatch.requests.reviewReturn(dispatcher, request.id, {
        decision: 'accept',
      });
    };
    const learn = () => w.services.intelligence.routing.learning.learnFromEvents();
    // The catalogue sends 路灯 in 江阳区 to 南城街道 (the router's suggestion from the start).
    const t1 = await w.createTicket();
    const t2 = await w.createTicket();
    await learn();
    await dispatch(t1, units.housingBureau); // against the suggestion; comes back
    await sendBack(t1, 'handlerDept');
    await learn();
    await dispatch(t1, units.nanchengStreet); // as suggested
    await dispatch(t2, units.nanchengStreet); // as suggested
    await w.services.intelligence.routing.settings.update(await w.actor('admin'), {
      enabled: true,
      threshold: 0.5,
    });
    const t3 = await w.createTicket();
    await learn();
    expect((await w.services.intelligence.routing.autoDispatch.run()).dispatched).toBe(1);
    await sendBack(t3, 'handler'); // the automatic dispatch comes back too
    await learn();

    const response = await w.call<{
      units: Array<Record<string, unknown>>;
      weeks: unknown[];
      totals: unknown;
    }>('supervisor', 'GET', '/intelligence/routing/report?from=2026-03-01&to=2026-03-08');
    expect(response.status).toBe(200);
    // By hand: 南城街道 3 dispatches with the router (t1 again, t2, t3 automatic), 1 back (t3);
    // 住建局 1 without (t1), 1 back. The week of Monday 2 March: 4 dispatches, 2 back.
    expect(response.body.units).toEqual([
      {
        unitId: units.nanchengStreet,
        unitName: '南城街道',
        withRouter: { dispatches: 3, returns: 1, returnRate: 0.3333 },
        withoutRouter: { dispatches: 0, returns: 0, returnRate: null },
        total: { dispatches: 3, returns: 1, returnRate: 0.3333 },
      },
      {
        unitId: units.housingBureau,
        unitName: '市住房和城乡建设局',
        withRouter: { dispatches: 0, returns: 0, returnRate: null },
        withoutRouter: { dispatches: 1, returns: 1, returnRate: 1 },
        total: { dispatches: 1, returns: 1, returnRate: 1 },
      },
    ]);
    expect(response.body.weeks).toEqual([
      { week: '2026-03-02', dispatches: 4, returns: 2, returnRate: 0.5, withRouter: 3, auto: 1 },
    ]);
    const empty = await w.call<{ units: unknown[] }>(
      'supervisor',
      'GET',
      '/intelligence/routing/report?from=2026-02-01&to=2026-02-08',
    );
    expect(empty.body.units).toEqual([]);
    const reversed = await w.call(
      'supervisor',
      'GET',
      '/intelligence/routing/report?from=2026-03-08&to=2026-03-01',
    );
    expect(reversed.status).toBe(400);
  });
});

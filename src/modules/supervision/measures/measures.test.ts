// The measures (考核指标) through the real services on every dialect: hand-computed figures on a
// small fixed history, rollups kept by the worker equal to a full recomputation after a random
// history, and a published month that stays as it was.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors.js';
import { TEST_DIALECTS } from '../../../test-support/databases.js';
import { createWorkflow, type FixtureUser, type Workflow } from '../../../test-support/workflow.js';
import { createSupervisionHarness } from '../test-harness.js';
import { COUNT_NAMES, zeroCounts } from './measure-facts.js';
import { DIMENSIONS } from './measures.service.js';
import { COUNTER_TABLE_NAMES, readAllCounters, readAllFacts } from './rollup.repository.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MARCH = { from: '2026-03-01', to: '2026-03-31' };

interface Row {
  key: string;
  label: string;
  counts: Record<string, number>;
  rates: Record<string, number | null>;
  averageHandlingHours: number | null;
}

describe.each(TEST_DIALECTS)('measures on %s', (dialect) => {
  let w: Workflow;
  beforeEach(async () => {
    w = await createWorkflow(dialect);
  });
  afterEach(async () => {
    await w.close();
  });

  const s = () => w.services;
  const as = (user: FixtureUser) => w.actor(user);
  const handlerOf = (unitId: number): FixtureUser =>
    unitId === w.fixture.units.housingBureau ? 'handlerDept' : 'handler';

  async function dispatch(id: number, leadUnitId: number, coUnitIds: number[] = []) {
    await s().dispatch.service.dispatch(await as('dispatcher'), id, { leadUnitId, coUnitIds });
  }
  async function pendingRequest(id: number, kind: 'return' | 'extension'): Promise<number> {
    const row = await w.database.db
      .selectFrom('ticket_requests')
      .select('id')
      .where('ticket_id', '=', id)
      .where('kind', '=', kind)
      .where('state', '=', 'pending')
      .executeTakeFirstOrThrow();
    return row.id;
  }
  async function pendingRequestOrNull(id: number, kind: 'extension'): Promise<number | null> {
    const row = await w.database.db
      .selectFrom('ticket_requests')
      .select('id')
      .where('ticket_id', '=', id)
      .where('kind', '=', kind)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return row?.id ?? null;
  }
  async function measures(query: string): Promise<{ rows: Row[]; total: Row }> {
    const response = await w.call<{ rows: Row[]; total: Row }>(
      'supervisor',
      'GET',
      `/supervision/measures?${query}`,
    );
    expect(response.status).toBe(200);
    return response.body;
  }
  const reply = async (id: number, unitId: number) =>
    s().handling.service.reply(await as(handlerOf(unitId)), id, {
      text: '已安排维修人员更换灯具，路灯恢复正常 𠮷',
    });
  const callback = async (
    id: number,
    answers: {
      contacted: boolean;
      resolved: boolean;
      satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
    },
  ) => s().callback.service.recordCallback(await as('callback'), id, answers);

  /** The fixed history of the hand-computed figures (all on Monday 2 March 2026). */
  async function fixedHistory() {
    const { nanchengStreet: nancheng, housingBureau: housing } = w.fixture.units;
    const handler = await as('handler');
    // T1: signed in 10 minutes, replied in an hour, satisfied.
    const t1 = await w.createTicket({ title: '路灯不亮一' });
    await dispatch(t1, nancheng);
    w.clock.advance(10 * 60_000);
    await s().handling.service.sign(handler, t1);
    w.clock.advance(HOUR);
    await reply(t1, nancheng);
    await callback(t1, { contacted: true, resolved: true, satisfaction: 'satisfied' });
    // T2: signed three hours late (limit 2 h), never replied.
    const t2 = await w.createTicket({ title: '路灯不亮二' });
    await dispatch(t2, nancheng);
    w.clock.advance(3 * HOUR);
    await s().handling.service.sign(handler, t2);
    // T3: signed at once, replied after 2 h, unresolved → reopened (重办).
    const t3 = await w.createTicket({ title: '路灯不亮三' });
    await dispatch(t3, nancheng);
    await s().handling.service.sign(handler, t3);
    w.clock.advance(2 * HOUR);
    await reply(t3, nancheng);
    await callback(t3, { contacted: true, resolved: false, satisfaction: 'dissatisfied' });
    // T4: answered directly at intake.
    await s().intake.tickets.create(await as('operator'), {
      channel: 'phone',
      appealType: 'enquiry',
      description: '社保卡怎么补办',
      disposition: 'direct_answer',
      answer: '携带身份证到社保窗口办理',
    });
    // T5: returned by 南城街道 (accepted), dispatched to the housing bureau, basically satisfied.
    const t5 = await w.createTicket({ title: '路灯不亮五' });
    await dispatch(t5, nancheng);
    await s().handling.service.requestReturn(handler, t5, '该路段路灯由市住建局直管，非本街道管辖');
    await s().dispatch.requests.decide(await as('dispatcher'), await pendingRequest(t5, 'return'), {
      decision: 'accept',
      reason: '同意退回',
    });
    await dispatch(t5, housing);
    await s().handling.service.sign(await as('handlerDept'), t5);
    w.clock.advance(HOUR);
    await reply(t5, housing);
    await callback(t5, { contacted: true, resolved: true, satisfaction: 'basically_satisfied' });
    // Three weeks on: T2's and the reopened T3's feedback deadlines have passed.
    w.clock.advance(21 * DAY);
    await s().supervision.rollups.drain();
    return { t1, t2, t3, t5 };
  }

  it('computes each measure as counted by hand on a small history', async () => {
    await fixedHistory();
    const { nanchengStreet: nancheng, housingBureau: housing } = w.fixture.units;
    const byUnit = await measures(`from=${MARCH.from}&to=${MARCH.to}&by=unit`);
    const unit = (id: number) => byUnit.rows.find((r) => r.key === String(id))!;

    const n = unit(nancheng);
    expect(n.label).toBe('南城街道');
    expect(n.counts).toMatchObject({
      dispatched: 4,
      signedOnTime: 2,
      returned: 1,
      due: 3,
      onTime: 1,
      overdue: 2,
      replied: 2,
      reopened: 1,
      evaluated: 2,
      contacted: 2,
      resolved: 1,
      satisfied: 1,
    });
    expect(n.rates.signOnTimeRate).toBeCloseTo(2 / 4);
    expect(n.rates.onTimeRate).toBeCloseTo(1 / 3);
    expect(n.rates.responseRate).toBe(1);
    expect(n.rates.resolutionRate).toBeCloseTo(0.5);
    expect(n.rates.satisfactionRate).toBeCloseTo(0.5);
    expect(n.rates.compositeScore).toBeCloseTo(30 * 1 + 35 * 0.5 + 35 * 0.5);
    expect(n.rates.returnRate).toBeCloseTo(1 / 4);
    expect(n.rates.reopenRate).toBeCloseTo(1 / 2);
    // T1: dispatched → replied 70 minutes; T3: 2 hours.
    expect(n.averageHandlingHours).toBeCloseTo((70 / 60 + 2) / 2);

    const h = unit(housing);
    expect(h.counts).toMatchObject({
      dispatched: 1,
      signedOnTime: 1,
      due: 1,
      onTime: 1,
      evaluated: 1,
      satisfied: 1,
    });
    expect(h.rates.compositeScore).toBeCloseTo(100);

    const intake = unit(0);
    expect(intake.counts).toMatchObject({ contacts: 1, directAnswers: 1 });
    expect(intake.rates.directAnswerRate).toBe(1);
    expect(byUnit.total.counts.evaluated).toBe(3);
    expect(byUnit.total.counts.dispatched).toBe(5);

    // A first-level category includes its descendants; the category rows are first-level.
    const byCategory = await measures(
      `from=${MARCH.from}&to=${MARCH.to}&by=category&categoryId=${w.fixture.categories.urban}`,
    );
    expect(byCategory.total.counts.dispatched).toBe(5);
    expect(byCategory.rows.map((r) => r.key)).toEqual([String(w.fixture.categories.municipal)]);
    const byTop = await measures(`from=${MARCH.from}&to=${MARCH.to}&by=category`);
    expect(
      byTop.rows.find((r) => r.key === String(w.fixture.categories.urban))?.counts.dispatched,
    ).toBe(5);

    // Deadlines fall on the day they pass: by day, T2's and T3's missed deadlines come later.
    const byDay = await measures(`from=${MARCH.from}&to=${MARCH.to}&by=day&unitId=${nancheng}`);
    expect(byDay.rows.find((r) => r.key === '2026-03-02')?.counts.dispatched).toBe(4);
    expect(byDay.rows.reduce((sum, r) => sum + (r.counts.overdue ?? 0), 0)).toBe(2);
    const byWeek = await measures(`from=${MARCH.from}&to=${MARCH.to}&by=week&unitId=${nancheng}`);
    expect(byWeek.rows[0]?.key).toBe('2026-03-02');

    // The drill-down lists the tickets behind a figure.
    const overdue = await w.call<{ items: Array<{ title: string }>; total: number }>(
      'supervisor',
      'GET',
      `/supervision/measures/tickets?count=overdue&from=${MARCH.from}&to=${MARCH.to}&by=unit&key=${nancheng}`,
    );
    expect(overdue.status).toBe(200);
    expect(overdue.body.total).toBe(2);
    expect(overdue.body.items.map((i) => i.title).sort()).toEqual(['路灯不亮三', '路灯不亮二']);
  });

  it('leaves exempted tickets and contested results out of the unit’s evaluation', async () => {
    const { t2, t3 } = await fixedHistory();
    const handler = await as('handler');
    const supervisor = await as('supervisor');
    const exemption = await s().supervision.evaluation.request(handler, t3, {
      kind: 'exemption',
      reason: '诉求人要求不合理，已多次解释',
    });
    await s().supervision.evaluation.decide(supervisor, exemption.id, {
      decision: 'approve',
      reason: '同意核减',
    });
    const objection = await s().supervision.evaluation.request(handler, t2, {
      kind: 'objection',
      aspect: 'timeliness',
      reason: '停电导致无法按期办理',
    });
    await s().supervision.evaluation.decide(supervisor, objection.id, {
      decision: 'approve',
      reason: '情况属实',
    });
    await s().supervision.rollups.drain();
    const byUnit = await measures(`from=${MARCH.from}&to=${MARCH.to}&by=unit`);
    const n = byUnit.rows.find((r) => r.key === String(w.fixture.units.nanchengStreet))!;
    // T3 is gone entirely; T2 still counts as dispatched, but no longer as due or overdue.
    expect(n.counts).toMatchObject({
      dispatched: 3,
      signedOnTime: 1,
      due: 1,
      onTime: 1,
      overdue: 0,
      evaluated: 1,
    });
    expect(n.rates.compositeScore).toBeCloseTo(100);
  });

  it('keeps the rollups equal to a full recomputation after a random history', async () => {
    const random = mulberry32(dialect === 'sqlite' ? 7 : 11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const units = [w.fixture.units.nanchengStreet, w.fixture.units.housingBureau];
    const tickets: number[] = [];
    const compare = async () => {
      await s().supervision.rollups.drain();
      const counters = await readAllCounters(w.database.db);
      const tables = await everyCounterTable(w.database.db);
      const facts = await readAllFacts(w.database.db);
      await s().supervision.rollups.rebuild();
      expect(await everyCounterTable(w.database.db)).toEqual(tables);
      expect(await readAllFacts(w.database.db)).toEqual(facts);
      const sum = (name: string) =>
        counters.reduce((n, c) => n + (c.counts as Record<string, number>)[name]!, 0);
      expect(sum('dispatched')).toBeGreaterThan(0);
      expect(sum('replied')).toBeGreaterThan(0);
      expect(sum('due')).toBeGreaterThan(0);
    };
    let refused = 0;
    for (let step = 0; step < 90; step++) {
      w.clock.advance(Math.floor(random() * (random() < 0.2 ? 4 * DAY : 3 * HOUR)));
      if (tickets.length < 4 || random() < 0.15) {
        tickets.push(await w.createTicket({ title: `随机工单 ${tickets.length} 🚧` }));
        continue;
      }
      const id = pick(tickets);
      const ticket = await w.ticket(id);
      const lead = ticket.leadUnitId ?? units[0]!;
      try {
        await randomStep(id, ticket.status, lead, random, pick, units);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused++;
      }
      if (step === 45) await compare();
      // Some steps run while the worker keeps up, some pile up for the next drain.
      if (random() < 0.3) await s().supervision.rollups.drain();
    }
    w.clock.advance(10 * DAY);
    await compare();
    expect(refused).toBeLessThan(90);
    await everyTableAnswersAlike();
  });

  /**
   * Each query reads the smallest counter table able to answer it: whichever it is, every
   * dimension with every filter totals what the full table holds for the period and filter.
   */
  async function everyTableAnswersAlike() {
    const full = await readAllCounters(w.database.db);
    const days = full.map((c) => c.day).sort();
    const from = days[0]!;
    const to = days[days.length - 1]!;
    const sample = full.find((c) => c.unitId !== 0 && c.districtId !== 0)!;
    const filters: Array<Record<string, number | string>> = [
      {},
      { channel: sample.channel },
      { districtId: sample.districtId },
      { unitId: sample.unitId },
      { categoryId: sample.categoryId },
      { districtId: sample.districtId, channel: sample.channel },
      { unitId: sample.unitId, categoryId: sample.categoryId },
    ];
    const supervisor = await as('supervisor');
    for (const filter of filters) {
      const expected = zeroCounts();
      for (const c of full) {
        const row: Record<string, number | string> = {
          channel: c.channel,
          districtId: c.districtId,
          unitId: c.unitId,
          categoryId: c.categoryId,
        };
        if (Object.entries(filter).every(([k, v]) => row[k] === v))
          for (const name of COUNT_NAMES) expected[name] += c.counts[name];
      }
      expect(expected.dispatched + expected.contacts).toBeGreaterThan(0);
      for (const by of DIMENSIONS) {
        const result = await s().supervision.measures.query(supervisor, {
          from,
          to,
          by,
          ...filter,
        });
        expect({ by, filter, total: result.total.counts }).toEqual({
          by,
          filter,
          total: expected,
        });
        const rows = zeroCounts();
        for (const r of result.rows) for (const name of COUNT_NAMES) rows[name] += r.counts[name];
        expect(rows).toEqual(expected);
      }
    }
  }

  async function randomStep(
    id: number,
    status: string,
    lead: number,
    random: () => number,
    pick: <T>(items: readonly T[]) => T,
    units: number[],
  ) {
    const handler = await as(handlerOf(lead));
    const dispatcher = await as('dispatcher');
    const r = random();
    switch (status) {
      case 'pending_dispatch': {
        const unit = pick(units);
        return dispatch(id, unit, r < 0.3 ? units.filter((u) => u !== unit) : []);
      }
      case 'dispatched':
        return r < 0.8
          ? s().handling.service.sign(handler, id)
          : s().handling.service.requestReturn(handler, id, '非本单位职责范围，请改派');
      case 'in_progress':
        if (r < 0.6) return reply(id, lead);
        if (r < 0.8)
          return s().handling.service.requestExtension(handler, id, {
            reason: '需协调多个部门现场勘查',
            workingDays: 3,
          });
        if (r < 0.9) {
          const pending = await pendingRequestOrNull(id, 'extension');
          if (pending === null) return undefined;
          return s().dispatch.requests.decide(dispatcher, pending, {
            decision: random() < 0.7 ? 'approve' : 'refuse',
            reason: '已审核',
          });
        }
        return s().handling.service.requestReturn(handler, id, '非本单位职责范围，请改派');
      case 'return_review':
        return s().dispatch.requests.decide(dispatcher, await pendingRequest(id, 'return'), {
          decision: r < 0.6 ? 'accept' : 'refuse',
          reason: '已审核退单',
        });
      case 'replied': {
        if (r < 0.15)
          return s().callback.service.close(await as('callback'), id, '多次联系不上市民');
        const resolved = random() < 0.6;
        return callback(id, {
          contacted: random() < 0.8,
          resolved,
          satisfaction: pick(['satisfied', 'basically_satisfied', 'dissatisfied'] as const),
        });
      }
      case 'closed': {
        const supervisor = await as('supervisor');
        if (r < 0.4)
          return s().callback.service.reopen(await as('callback'), id, '市民反映问题仍未解决');
        const request = await s().supervision.evaluation.request(handler, id, {
          kind: r < 0.7 ? 'exemption' : 'objection',
          ...(r < 0.7 ? {} : { aspect: pick(['satisfaction', 'timeliness', 'reopen'] as const) }),
          reason: '诉求不合理，申请核减',
        });
        return s().supervision.evaluation.decide(supervisor, request.id, {
          decision: random() < 0.8 ? 'approve' : 'refuse',
          reason: '已审核',
        });
      }
      default:
        return undefined;
    }
  }

  it('freezes a published month: later callbacks change the live measures, not the ranking', async () => {
    const { t2 } = await fixedHistory();
    const { nanchengStreet: nancheng } = w.fixture.units;
    // March is not over yet (now: 23 March): it cannot be published.
    await expect(
      s().supervision.rankings.publish(await as('supervisor'), '2026-03'),
    ).rejects.toMatchObject({ code: 'MONTH_NOT_ENDED', field: 'month' });

    // T2 is replied at last on 23 March; its callback waits into April.
    await reply(t2, nancheng);
    w.clock.set('2026-04-02T01:00:00.000Z');
    const draft = await w.call<RankingBody>(
      'analyst',
      'GET',
      '/supervision/rankings?month=2026-03',
    );
    expect(draft.status).toBe(200);
    expect(draft.body.state).toBe('draft');
    const published = await w.call<RankingBody>(
      'supervisor',
      'POST',
      '/supervision/rankings/2026-03/publish',
    );
    expect(published.status).toBe(200);
    expect(published.body.state).toBe('published');
    expect(published.body.publishedBy).not.toBeNull();
    const streets = published.body.groups.find((g) => g.unitType === 'street')!;
    const before = streets.rows.find((r) => r.unitId === nancheng)!;
    expect(before).toMatchObject({ rank: 1, evaluated: 2 });
    expect(before.compositeScore).toBeCloseTo(65);
    // 安富街道 had nothing evaluated: listed last, unranked.
    expect(streets.rows[streets.rows.length - 1]).toMatchObject({ rank: null, evaluated: 0 });
    const departments = published.body.groups.find((g) => g.unitType === 'department')!;
    expect(departments.rows[0]).toMatchObject({ unitId: w.fixture.units.housingBureau, rank: 1 });

    const again = await w.call<{ error: { code: string } }>(
      'supervisor',
      'POST',
      '/supervision/rankings/2026-03/publish',
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RANKING_ALREADY_PUBLISHED');
    const audit = await w.database.db
      .selectFrom('audit_log')
      .select('subject_id')
      .where('action', '=', 'ranking.publish')
      .execute();
    expect(audit.map((a) => a.subject_id)).toEqual(['2026-03']);

    // In April, T2 (replied in March) is called back: March's live figures move…
    await callback(t2, { contacted: true, resolved: true, satisfaction: 'satisfied' });
    await s().supervision.rollups.drain();
    const live = await measures(`from=${MARCH.from}&to=${MARCH.to}&by=unit&unitId=${nancheng}`);
    expect(live.rows[0]?.counts.evaluated).toBe(3);
    // …but not its published ranking.
    const frozen = await w.call<RankingBody>(
      'supervisor',
      'GET',
      '/supervision/rankings?month=2026-03',
    );
    expect(frozen.body.state).toBe('published');
    expect(frozen.body.groups).toEqual(published.body.groups);
    const draftNow = await s().supervision.rankings.live('2026-03');
    const street = draftNow.groups.find((g) => g.unitType === 'street')!;
    expect(street.rows.find((r) => r.unitId === nancheng)?.evaluated).toBe(3);
  });

  it('checks its input and who asks', async () => {
    const bad = async (query: string, field: string) => {
      const response = await w.call<{ error: { field?: string } }>(
        'supervisor',
        'GET',
        `/supervision/measures?${query}`,
      );
      expect(response.status).toBe(400);
      expect(response.body.error.field).toBe(field);
    };
    await bad('from=2026-03-32&to=2026-04-01&by=day', 'from');
    await bad('from=2026-03-10&to=2026-03-01&by=day', 'to');
    await bad('from=2025-01-01&to=2026-03-01&by=day', 'to');
    await bad('from=2026-03-01&to=2026-03-02&by=colour', 'by');
    const month = await w.call<{ error: { field?: string } }>(
      'analyst',
      'GET',
      '/supervision/rankings?month=2026-13',
    );
    expect(month.status).toBe(400);
    expect(month.body.error.field).toBe('month');

    expect(
      (
        await w.call(
          'handler',
          'GET',
          `/supervision/measures?from=2026-03-01&to=2026-03-02&by=unit`,
        )
      ).status,
    ).toBe(403);
    expect((await w.call('analyst', 'POST', '/supervision/rankings/2026-02/publish')).status).toBe(
      403,
    );

    // A coordinator sees the own district only, whatever they ask for.
    const t = await w.createTicket({ districtId: w.fixture.units.naxi });
    await dispatch(t, w.fixture.units.housingBureau);
    await s().supervision.rollups.drain();
    const all = await w.call<{ total: Row }>(
      'supervisor',
      'GET',
      '/supervision/measures?from=2026-03-01&to=2026-03-02&by=district',
    );
    expect(all.body.total.counts.dispatched).toBe(1);
    const own = await w.call<{ total: Row }>(
      'coordinator',
      'GET',
      `/supervision/measures?from=2026-03-01&to=2026-03-02&by=district&districtId=${w.fixture.units.naxi}`,
    );
    expect(own.status).toBe(200);
    expect(own.body.total.counts.dispatched).toBe(0);

    // The composite weights are the admin's, three whole numbers adding up to 100.
    const weights = await w.call<{ error: { field?: string } }>(
      'admin',
      'PUT' as 'POST',
      '/admin/supervision',
      {
        compositeWeights: { response: 50, resolution: 30, satisfaction: 30 },
      },
    );
    expect(weights.status).toBe(400);
    expect(weights.body.error.field).toBe('compositeWeights');
    const ok = await w.call<{ compositeWeights: unknown }>(
      'admin',
      'PUT' as 'POST',
      '/admin/supervision',
      {
        compositeWeights: { response: 20, resolution: 40, satisfaction: 40 },
      },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.compositeWeights).toEqual({ response: 20, resolution: 40, satisfaction: 40 });
    const ranking = await s().supervision.rankings.live('2026-03');
    expect(ranking.weights).toEqual({ response: 20, resolution: 40, satisfaction: 40 });
  });
});

interface RankingBody {
  month: string;
  state: string;
  publishedBy: string | null;
  groups: Array<{
    unitType: string;
    rows: Array<{
      rank: number | null;
      unitId: number;
      evaluated: number;
      compositeScore: number | null;
    }>;
  }>;
}

/** A small seeded generator, so a failing history can be replayed. */
/** Every counter table's rows, by table: the worker and the full recomputation must agree on each. */
async function everyCounterTable(db: Parameters<typeof readAllCounters>[0]) {
  const out: Record<string, Awaited<ReturnType<typeof readAllCounters>>> = {};
  for (const which of COUNTER_TABLE_NAMES) out[which] = await readAllCounters(db, which);
  expect(Object.keys(out)).toEqual(['full', 'unit', 'category', 'channel']);
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe.each(TEST_DIALECTS)('measures rollups with two app instances on %s', (dialect) => {
  it('gives each marked ticket to one worker: both drain at once, the sums stay exact', async () => {
    const h = await createSupervisionHarness(dialect);
    const other = await h.secondInstance();
    try {
      const handler = await h.actor('handler');
      for (let i = 0; i < 24; i++) {
        const id = await h.dispatched({ title: `路灯不亮 ${i} 🚧` });
        if (i % 2 === 0) await h.services.handling.service.sign(handler, id);
        h.clock.advance(7 * 60_000);
      }
      await Promise.all([
        h.services.supervision.rollups.drain(),
        other.services.supervision.rollups.drain(),
        other.services.supervision.rollups.drain(),
      ]);
      const counters = await readAllCounters(h.testDb.database.db);
      const tables = await everyCounterTable(h.testDb.database.db);
      expect(counters.reduce((n, c) => n + c.counts.dispatched, 0)).toBe(24);
      expect(counters.reduce((n, c) => n + c.counts.signedOnTime, 0)).toBe(12);
      await h.services.supervision.rollups.rebuild();
      expect(await everyCounterTable(h.testDb.database.db)).toEqual(tables);
    } finally {
      await other.close();
      await h.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../../test-support/databases.js';
import { createTestApp, type TestApp } from '../../../test-support/app.js';
import { insertIndexedTicket } from '../../../test-support/tickets.js';
import { addDays } from './early-warning-rules.js';

// Today is Wednesday 2026-03-18 in Luzhou. Street-light appeals in 江阳区: 8 on each Monday and
// 2 on each other weekday for eight weeks (a Monday peak), then a normal Monday (9) and a spike
// on Tuesday 17 March (12, "全部不亮").
const NOW = '2026-03-18T02:00:00.000Z';

interface Problem {
  id: number;
  title: string;
  measures: string;
  version: number;
  counts: {
    before: number;
    after: number;
    afterComplete: boolean;
    weekly: Array<{ count: number }>;
  };
  history: Array<{ action: string; changes: Record<string, unknown> }>;
}
const FIRST_MONDAY = '2026-01-19';

describe.each(TEST_DIALECTS)('hot spots and key problems (%s)', (dialect) => {
  let t: TestApp;
  const counted = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestApp(dialect, NOW);
    const { categories, units } = t.fixture;
    const days: Array<[string, number, string]> = [];
    for (let week = 0; week < 8; week++)
      for (let d = 0; d < 5; d++)
        days.push([addDays(FIRST_MONDAY, week * 7 + d), d === 0 ? 8 : 2, '路灯坏了晚上很黑']);
    days.push(['2026-03-16', 9, '路灯坏了晚上很黑'], ['2026-03-17', 12, '南城街道路灯全部不亮']);
    let n = 0;
    await t.testDb.database.write(async (trx) => {
      for (const [date, count, title] of days) {
        counted.set(date, count);
        for (let i = 0; i < count; i++) {
          n += 1;
          const at = `${addDays(date, -1)}T${String(17 + (i % 6)).padStart(2, '0')}:00:00.000Z`;
          await insertIndexedTicket(trx, dialect, {
            number: `2026${String(n).padStart(10, '0')}`,
            status: 'received',
            appeal_type: 'complaint',
            urgency: 'normal',
            title,
            description: `${title}，请尽快维修。`,
            channel: 'phone',
            category_id: categories.streetLight,
            district_id: units.jiangyang,
            street_id: units.nanchengStreet,
            confidential: 0,
            contact_required: 0,
            reopen_count: 0,
            return_count: 0,
            created_at: at,
            updated_at: at,
            version: 1,
          });
        }
      }
    });
  }, 120_000);
  afterAll(() => t.close());

  const as = async (
    user: string,
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: await t.login(user) },
      ...(payload && { payload }),
    });

  it('alerts on the Tuesday spike only — not on the usual Monday peak — once, to the coordinator', async () => {
    const first = await t.services.hotspots.warning.scan();
    expect(first).toMatchObject({ ran: true, alerts: 2 });
    const response = await as('ana1', 'GET', '/analysis/alerts');
    const alerts = response.json<{ items: Array<Record<string, unknown>> }>().items;
    const { categories, units, users } = t.fixture;
    expect(alerts.map((a) => [a.period, a.periodStart, a.categoryId, a.observed])).toEqual(
      expect.arrayContaining([
        ['day', '2026-03-17', categories.streetLight, 12],
        ['day', '2026-03-17', categories.urban, 12],
      ]),
    );
    expect(alerts).toHaveLength(2);
    expect(alerts[0]!.expected).toBeCloseTo(2, 5);
    // Scanning again (or on another instance) adds nothing.
    expect(await t.services.hotspots.warning.scan()).toMatchObject({ ran: true, alerts: 0 });
    const notes = await t.testDb.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('kind', '=', 'hotspot_alert')
      .execute();
    expect(notes.map((n) => [n.user_id, n.unit_id])).toEqual([
      [users.coordinator.id, units.jiangyang],
      [users.coordinator.id, units.jiangyang],
    ]);
    expect(notes[0]!.message).toContain('江阳区');

    // The coordinator sees and acknowledges their district's alert; a handler may not.
    const id = alerts[0]!.id as number;
    expect((await as('h-nancheng', 'GET', '/analysis/alerts')).statusCode).toBe(403);
    const ack = await as('coord-jy', 'POST', `/analysis/alerts/${id}/acknowledge`, {
      note: '已安排巡查',
    });
    expect(ack.json()).toMatchObject({ state: 'acknowledged', note: '已安排巡查' });
    const again = await as('ana1', 'POST', `/analysis/alerts/${id}/acknowledge`, {});
    expect(again.statusCode).toBe(409);
  });

  it('lists the spike as a hot issue with its appeals, for analysts only', async () => {
    const response = await as('ana1', 'GET', '/analysis/hot-issues?days=30');
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: Array<Record<string, unknown>> }>().items;
    const spike = items.find((i) => String(i.label).includes('全部不亮'));
    expect(spike).toMatchObject({ appeals: 12, districtId: t.fixture.units.jiangyang });
    expect((spike!.appealsList as unknown[]).length).toBe(12);
    expect((await as('op1', 'GET', '/analysis/hot-issues')).statusCode).toBe(403);
  });

  it('counts a key problem’s class before and after its start, and keeps every change', async () => {
    const { categories, units } = t.fixture;
    const created = await as('ana1', 'POST', '/analysis/key-problems', {
      month: '2026-03',
      title: '南城街道路灯 𠮷',
      leadUnitId: units.housingBureau,
      categoryId: categories.municipal,
      districtId: units.jiangyang,
      measures: '全面排查路灯线路',
      startDate: '2026-03-16',
      weeks: 2,
    });
    expect(created.statusCode).toBe(201);
    const problem = created.json<Problem>();
    // Before: the weeks of 2 and 9 March (8 + 4 × 2 each); after: 9 + 12 so far.
    const before = ['2026-03-02', '2026-03-09']
      .flatMap((monday) => [0, 1, 2, 3, 4].map((d) => counted.get(addDays(monday, d)) ?? 0))
      .reduce((a, b) => a + b, 0);
    expect(before).toBe(32);
    expect(problem.counts).toMatchObject({ before: 32, after: 21, afterComplete: false });
    expect(problem.counts.weekly.map((w) => w.count)).toEqual([16, 16, 21, 0]);
    expect(problem.title).toBe('南城街道路灯 𠮷');

    const byKeyword = await as('sup1', 'POST', '/analysis/key-problems', {
      month: '2026-03',
      title: '路灯全部不亮',
      leadUnitId: units.nanchengStreet,
      keywords: ['全部不亮'],
      measures: '',
      startDate: '2026-03-16',
      weeks: 1,
    });
    expect(byKeyword.json<Problem>().counts).toMatchObject({
      before: 0,
      after: 12,
    });

    const edited = await as('sup1', 'PATCH', `/analysis/key-problems/${problem.id}`, {
      version: problem.version,
      measures: '全面排查路灯线路；更换老化电缆',
    });
    expect(edited.statusCode).toBe(200);
    const history = edited.json<Problem>().history;
    expect(history.map((h) => h.action)).toEqual(['created', 'updated']);
    expect(history[1]!.changes).toEqual({
      measures: { before: '全面排查路灯线路', after: '全面排查路灯线路；更换老化电缆' },
    });
    const stale = await as('ana1', 'PATCH', `/analysis/key-problems/${problem.id}`, {
      version: problem.version,
      measures: 'x',
    });
    expect(stale.statusCode).toBe(409);
  });

  it('shows the lead unit its own key problems only, where it records its measures and nothing else', async () => {
    const mine = await as('h-housing', 'GET', '/analysis/key-problems');
    expect(mine.json<{ items: Array<{ title: string }> }>().items.map((i) => i.title)).toEqual([
      '南城街道路灯 𠮷',
    ]);
    const naxi = await as('h-anfu', 'GET', '/analysis/key-problems');
    expect(naxi.json<{ items: unknown[] }>().items).toEqual([]);
    const id = mine.json<{ items: Array<{ id: number; version: number }> }>().items[0]!;
    expect((await as('h-anfu', 'GET', `/analysis/key-problems/${id.id}`)).statusCode).toBe(403);
    const edit = await as('h-housing', 'PATCH', `/analysis/key-problems/${id.id}`, {
      version: id.version,
      measures: '已更换 120 盏路灯 😀',
    });
    expect(edit.statusCode).toBe(200);
    const edited = edit.json<Problem>();
    expect(edited.measures).toBe('已更换 120 盏路灯 😀');
    expect(edited.history.at(-1)!.changes).toEqual({
      measures: { before: '全面排查路灯线路；更换老化电缆', after: '已更换 120 盏路灯 😀' },
    });
    const retitle = await as('h-housing', 'PATCH', `/analysis/key-problems/${id.id}`, {
      version: edited.version,
      title: '改名',
      measures: '改',
    });
    expect(retitle.statusCode).toBe(403);
    expect(retitle.json()).toMatchObject({ error: { code: 'KEY_PROBLEM_MEASURES_ONLY' } });
    const other = await as('h-anfu', 'PATCH', `/analysis/key-problems/${id.id}`, {
      version: edited.version,
      measures: '改',
    });
    expect(other.statusCode).toBe(403);
    const kept = await as('ana1', 'GET', `/analysis/key-problems/${id.id}`);
    expect(kept.json<Problem>()).toMatchObject({
      title: '南城街道路灯 𠮷',
      measures: '已更换 120 盏路灯 😀',
    });
    const create = await as('h-housing', 'POST', '/analysis/key-problems', {
      month: '2026-03',
      title: 'x',
      leadUnitId: t.fixture.units.housingBureau,
      measures: '',
      startDate: '2026-03-16',
      weeks: 1,
    });
    expect(create.statusCode).toBe(403);
    const bad = await as('ana1', 'POST', '/analysis/key-problems', {
      month: '2026-03',
      title: 'x',
      leadUnitId: 999_999,
      measures: '',
      startDate: '2026-03-16',
      weeks: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { field: 'leadUnitId', rule: 'exists' } });
  });
});

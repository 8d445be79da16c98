import { describe, expect, it } from 'vitest';
import { autoVerdict, expandExclusions } from './auto-dispatch-rules.js';
import { routeTicket, type RouteQuery } from './router-rules.js';
import { returnedDispatches, returnRateReport, weekOf } from './routing-report-rules.js';
import { DEFAULT_ROUTING_SETTINGS, type RoutingCount } from './routing-types.js';

const LIGHT = { id: 3, name: '路灯' };
const MUNICIPAL = { id: 2, name: '市政设施' };
const DISTRICT = 100;
const OTHER_DISTRICT = 101;
const STREET = 110;
const BUREAU = 200;
const WATER = 201;

const count = (
  placeKind: RoutingCount['placeKind'],
  placeId: number,
  unitId: number,
  handled: number,
  extra: Partial<RoutingCount> = {},
): RoutingCount => ({
  categoryId: LIGHT.id,
  placeKind,
  placeId,
  unitId,
  role: 'lead',
  handled,
  returned: 0,
  reassigned: 0,
  ...extra,
});

const query = (over: Partial<RouteQuery> = {}): RouteQuery => ({
  categoryChain: [LIGHT, MUNICIPAL],
  districtId: DISTRICT,
  streetId: null,
  placeNames: new Map([
    [DISTRICT, '纳溪区'],
    [STREET, '安富街道'],
  ]),
  catalogue: {
    ruleId: 17,
    versionId: 1,
    leadUnitId: BUREAU,
    coUnitIds: [],
    districtSpecific: false,
    ancestorDistance: 0,
  },
  counts: [],
  units: new Map([
    [BUREAU, '住建局'],
    [STREET, '安富街道'],
    [WATER, '水务'],
  ]),
  ...over,
});

describe('routeTicket', () => {
  it('starts from the catalogue rule, below a 0.9 threshold, and says it has no history', () => {
    const [lead] = routeTicket(query());
    expect(lead).toMatchObject({ unitId: BUREAU, confidence: 0.7, role: 'lead' });
    expect(lead!.explanation).toEqual([
      {
        kind: 'catalogue',
        ruleId: 17,
        versionId: 1,
        role: 'lead',
        districtSpecific: false,
        ancestorDistance: 0,
      },
      { kind: 'no_history' },
    ]);
  });

  it('follows the history of the place, shrunk towards the prior while thin', () => {
    const counts = [count('city', 0, STREET, 2), count('district', DISTRICT, STREET, 2)];
    const [lead, alternative] = routeTicket(query({ counts }));
    // City layer empty: bureau 0.7; district layer N=2: street 2/6, bureau 2.8/6.
    expect(lead).toMatchObject({ unitId: BUREAU, confidence: 0.4667 });
    expect(alternative).toMatchObject({ unitId: STREET, confidence: 0.3333 });
    expect(alternative!.explanation).toContainEqual({ kind: 'thin_evidence', total: 2 });

    const many = [count('city', 0, STREET, 47), count('district', DISTRICT, STREET, 47)];
    const [top] = routeTicket(query({ counts: many }));
    expect(top).toMatchObject({ unitId: STREET, confidence: 0.9216 });
    expect(top!.explanation).toContainEqual({
      kind: 'history',
      scope: 'district',
      placeId: DISTRICT,
      placeName: '纳溪区',
      categoryId: LIGHT.id,
      categoryName: '路灯',
      broaderCategory: false,
      count: 47,
      total: 47,
      share: 1,
    });
  });

  it('counts a return against that unit only', () => {
    const base = [count('city', 0, BUREAU, 10), count('district', DISTRICT, BUREAU, 10)];
    const withReturn = [
      count('city', 0, BUREAU, 10, { returned: 1 }),
      count('district', DISTRICT, BUREAU, 10, { returned: 1 }),
    ];
    const before = routeTicket(query({ counts: base }))[0]!;
    const after = routeTicket(query({ counts: withReturn }))[0]!;
    expect(after.unitId).toBe(BUREAU);
    expect(after.confidence).toBeLessThan(before.confidence);
    expect(after.explanation).toContainEqual(
      expect.objectContaining({ kind: 'returns', returned: 1, reassigned: 0 }),
    );
  });

  it('reads other districts as a prior only, and ignores them under a district rule', () => {
    const counts = [count('city', 0, WATER, 20), count('district', OTHER_DISTRICT, WATER, 20)];
    const cityWide = routeTicket(query({ counts }))[0]!;
    expect(cityWide.unitId).toBe(WATER);
    const local = routeTicket(
      query({
        counts,
        catalogue: { ...query().catalogue!, districtSpecific: true },
      }),
    )[0]!;
    expect(local).toMatchObject({ unitId: BUREAU, confidence: 0.7 });
  });

  it('falls back to the parent category when its own has no history', () => {
    const counts = [
      count('city', 0, WATER, 9, { categoryId: MUNICIPAL.id }),
      count('district', DISTRICT, WATER, 9, { categoryId: MUNICIPAL.id }),
    ];
    const [lead] = routeTicket(query({ counts, catalogue: null }));
    expect(lead!.unitId).toBe(WATER);
    expect(lead!.explanation[0]).toMatchObject({
      kind: 'history',
      categoryName: '市政设施',
      broaderCategory: true,
    });
  });

  it('adds the co-handlers the history usually adds, and never suggests inactive units', () => {
    const counts = [
      count('district', DISTRICT, BUREAU, 10),
      count('city', 0, BUREAU, 10),
      count('district', DISTRICT, WATER, 8, { role: 'co' }),
      count('city', 0, WATER, 8, { role: 'co' }),
    ];
    const suggestions = routeTicket(query({ counts }));
    expect(suggestions.map((s) => [s.unitId, s.role])).toEqual([
      [BUREAU, 'lead'],
      [WATER, 'co'],
    ]);
    const inactive = routeTicket(query({ counts, units: new Map([[WATER, '水务']]) }));
    expect(inactive.map((s) => s.unitId)).toEqual([]);
  });
});

describe('autoVerdict', () => {
  const on = { ...DEFAULT_ROUTING_SETTINGS, enabled: true, threshold: 0.9 };
  const waiting = { status: 'pending_dispatch', urgency: 'normal', categoryId: 3 };
  it.each([
    [DEFAULT_ROUTING_SETTINGS, 0.99, waiting, 'disabled'],
    [on, 0.89, waiting, 'below_threshold'],
    [on, 0.95, { ...waiting, urgency: 'emergency' }, 'emergency'],
    [on, 0.95, { ...waiting, status: 'dispatched' }, 'not_waiting'],
    [{ ...on, excludedCategoryIds: [1] }, 0.95, waiting, 'excluded'],
  ])('leaves it to a person: %#', (settings, confidence, ticket, why) => {
    const excluded = expandExclusions(
      settings.excludedCategoryIds,
      new Map([
        [1, null],
        [2, 1],
        [3, 2],
      ]),
    );
    expect(autoVerdict(settings, { leadUnitId: 5, confidence, ticket }, excluded)).toEqual({
      dispatch: false,
      why,
    });
  });
  it('dispatches at the threshold, and an emergency when allowed', () => {
    expect(autoVerdict(on, { leadUnitId: 5, confidence: 0.9, ticket: waiting }, new Set())).toEqual(
      { dispatch: true },
    );
    const emergency = { ...waiting, urgency: 'emergency' };
    expect(
      autoVerdict(
        { ...on, allowEmergency: true },
        { leadUnitId: 5, confidence: 0.95, ticket: emergency },
        new Set(),
      ),
    ).toEqual({ dispatch: true });
  });
});

describe('returnRateReport', () => {
  it('computes the figures of a small fixed set by hand', () => {
    // Unit 1: four dispatches, two by the router (one came back), two not (one came back).
    // Unit 2: two dispatches without the router, none came back.
    const d = (
      eventId: number,
      ticketId: number,
      at: string,
      unitId: number,
      withRouter: boolean,
    ) => ({
      eventId,
      ticketId,
      at,
      unitId,
      withRouter,
      auto: withRouter && eventId > 20,
    });
    const dispatches = [
      d(10, 1, '2026-03-02T02:00:00.000Z', 1, false), // returned (event 11)
      d(12, 1, '2026-03-03T02:00:00.000Z', 2, false), // not returned
      d(13, 2, '2026-03-04T02:00:00.000Z', 1, false),
      d(14, 3, '2026-03-05T02:00:00.000Z', 2, false),
      d(21, 4, '2026-03-09T02:00:00.000Z', 1, true), // returned (event 22)
      d(23, 5, '2026-03-10T02:00:00.000Z', 1, true),
    ];
    const later = [...dispatches, { eventId: 30, ticketId: 4 }];
    const returns = [
      { eventId: 11, ticketId: 1 },
      { eventId: 22, ticketId: 4 },
    ];
    const returned = returnedDispatches(dispatches, later, returns);
    expect([...returned].sort()).toEqual([10, 21]);
    const report = returnRateReport(dispatches, returned, 'Asia/Shanghai');
    expect(report.units).toEqual([
      {
        unitId: 1,
        withRouter: { dispatches: 2, returns: 1, returnRate: 0.5 },
        withoutRouter: { dispatches: 2, returns: 1, returnRate: 0.5 },
        total: { dispatches: 4, returns: 2, returnRate: 0.5 },
      },
      {
        unitId: 2,
        withRouter: { dispatches: 0, returns: 0, returnRate: null },
        withoutRouter: { dispatches: 2, returns: 0, returnRate: 0 },
        total: { dispatches: 2, returns: 0, returnRate: 0 },
      },
    ]);
    expect(report.weeks).toEqual([
      { week: '2026-03-02', dispatches: 4, returns: 1, returnRate: 0.25, withRouter: 0, auto: 0 },
      { week: '2026-03-09', dispatches: 2, returns: 1, returnRate: 0.5, withRouter: 2, auto: 2 },
    ]);
    expect(report.totals.withoutRouter).toEqual({ dispatches: 4, returns: 1, returnRate: 0.25 });
  });

  it('starts weeks on the local Monday', () => {
    // Sunday 8 March 23:30 in Luzhou is Sunday 15:30 UTC; Monday 00:30 local is Sunday 16:30 UTC.
    expect(weekOf('2026-03-08T15:30:00.000Z', 'Asia/Shanghai')).toBe('2026-03-02');
    expect(weekOf('2026-03-08T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-03-09');
  });
});

// A simulation of the router learning (the check): a small Luzhou-like city on a fresh
// database, a stream of appeals week after week, dispatchers who follow the catalogue (partly out
// of date), sometimes misroute (injected), and otherwise follow the router's suggestion when it is
// fairly sure; units send misrouted orders back (退单) and the centre accepts. The router learns
// from these events as the server would and dispatches by itself above the threshold. The weekly
// return rate comes from the router's own report.
import type { Services } from '../../../composition.js';
import type { Actor, Role } from '../../../platform/actor.js';
import type { FakeClock } from '../../../platform/clock.js';
import type { Database } from '../../../platform/db/database.js';
import {
  indexTicketText,
  insertEvent,
  insertTicketRow,
  nextTicketNumber,
} from '../../tickets/index.js';
import type { WeekFigures } from './routing-report-rules.js';

export interface SimulationOptions {
  weeks: number;
  ticketsPerWeek: number;
  /** Share of human dispatches sent to a random wrong unit. */
  misrouteShare: number;
  seed: number;
  /** Auto-dispatch threshold (auto-dispatch is on from the first week). */
  threshold: number;
}

export const DEFAULT_SIMULATION: SimulationOptions = {
  weeks: 12,
  ticketsPerWeek: 80,
  misrouteShare: 0.15,
  seed: 12345,
  threshold: 0.9,
};

export interface SimulationResult {
  weeks: WeekFigures[];
  tickets: number;
  autoDispatched: number;
  /** How far the router's confidence can be taken at its word (its first suggestion per appeal). */
  calibration: Calibration;
}

/** Confidence against accuracy: in a calibrated router, suggestions at 0.9 are right 9 in 10. */
export interface Calibration {
  bins: Array<{ from: number; to: number; count: number; confidence: number; accuracy: number }>;
  /** Expected calibration error: the count-weighted mean gap between confidence and accuracy. */
  ece: number;
  /** Appeals the router had no suggestion for. */
  unsuggested: number;
}

const CALIBRATION_EDGES = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0000001];

/** Groups (confidence, right?) pairs into reliability bins and their expected calibration error. */
export function calibrationOf(
  pairs: ReadonlyArray<{ confidence: number; right: boolean }>,
  unsuggested: number,
): Calibration {
  const bins = CALIBRATION_EDGES.slice(0, -1).map((from, i) => {
    const to = CALIBRATION_EDGES[i + 1]!;
    const inBin = pairs.filter((p) => p.confidence >= from && p.confidence < to);
    const mean = (values: number[]) =>
      values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
    return {
      from,
      to: Math.min(to, 1),
      count: inBin.length,
      confidence: mean(inBin.map((p) => p.confidence)),
      accuracy: mean(inBin.map((p) => (p.right ? 1 : 0))),
    };
  });
  const total = pairs.length;
  const ece =
    total === 0
      ? 0
      : bins.reduce((sum, b) => sum + (b.count / total) * Math.abs(b.confidence - b.accuracy), 0);
  return { bins: bins.filter((b) => b.count > 0), ece, unsuggested };
}

/** A dispatcher trusts the router's suggestion from this confidence on (one click to use it). */
const HUMAN_TRUST = 0.5;
/** After a return the dispatcher reads the unit's reason and finds the right unit this often. */
const LEARN_FROM_RETURN = 0.7;
/** Dispatchers know local matters go to the street this often, where the catalogue says district. */
const KNOWS_LOCAL = 0.5;
const WEEK_MS = 7 * 86_400_000;
const AT = '2026-01-01T00:00:00.000Z';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface City {
  centre: number;
  districts: Array<{ id: number; streets: number[] }>;
  departments: number[];
  /** Leaf categories; a local one is handled by the street where it happens. */
  categories: Array<{ id: number; local: boolean; department: number }>;
  handlers: Map<number, Actor>;
  dispatcher: Actor;
  admin: Actor;
}

async function buildCity(database: Database): Promise<City> {
  return database.write(async (trx) => {
    const unit = async (
      code: string,
      name: string,
      type: string,
      parent: number | null,
      district: number | null,
    ) => {
      const row = await trx
        .insertInto('units')
        .values({
          code,
          name,
          name_en: null,
          type,
          parent_id: parent,
          district_id: district,
          adcode: null,
          aliases: null,
          jurisdiction: null,
          active: 1,
          created_at: AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (type === 'district')
        await trx
          .updateTable('units')
          .set({ district_id: row.id })
          .where('id', '=', row.id)
          .execute();
      return row.id;
    };
    const centre = await unit('centre', '泸州市12345中心', 'centre', null, null);
    const districts: City['districts'] = [];
    const places = [
      ['jiangyang', '江阳区', ['南城街道', '北城街道']],
      ['naxi', '纳溪区', ['安富街道', '永宁街道']],
      ['longmatan', '龙马潭区', ['小市街道', '红星街道']],
    ] as const;
    for (const [code, name, streets] of places) {
      const id = await unit(code, name, 'district', centre, null);
      const ids: number[] = [];
      for (const [i, street] of streets.entries())
        ids.push(await unit(`${code}-${i}`, street, 'street', id, id));
      districts.push({ id, streets: ids });
    }
    const departments: number[] = [];
    for (const [i, name] of [
      '市住房和城乡建设局',
      '泸州市兴泸水务',
      '市城市管理局',
      '市生态环境局',
    ].entries())
      departments.push(
        await unit(`dept-${i}`, name, i === 1 ? 'enterprise' : 'department', centre, null),
      );

    const category = async (code: string, name: string, level: number, parent: number | null) =>
      (
        await trx
          .insertInto('categories')
          .values({
            code,
            name,
            name_en: null,
            level,
            parent_id: parent,
            keywords: null,
            active: 1,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const root = await category('01', '城乡建设', 1, null);
    const mid = await category('0101', '市政设施', 2, root);
    const leaves = [
      ['路灯', false, 0],
      ['供水', false, 1],
      ['占道经营', true, 2],
      ['噪声扰民', false, 3],
      ['垃圾清运', true, 2],
      ['井盖破损', true, 0],
    ] as const;
    const categories: City['categories'] = [];
    for (const [i, [name, local, dept]] of leaves.entries())
      categories.push({
        id: await category(`0101${i}`, name, 3, mid),
        local,
        department: departments[dept]!,
      });

    // The catalogue: departments for their matters; local matters to the district (out of date:
    // the streets handle them now), which sends them back.
    const version = await trx
      .insertInto('catalogue_versions')
      .values({ created_at: AT, created_by: null, note: 'simulation' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const c of categories) {
      if (!c.local) {
        await trx
          .insertInto('catalogue_rules')
          .values({
            version_id: version.id,
            category_id: c.id,
            district_id: null,
            lead_unit_id: c.department,
            co_unit_ids: '[]',
          })
          .execute();
        continue;
      }
      for (const d of districts)
        await trx
          .insertInto('catalogue_rules')
          .values({
            version_id: version.id,
            category_id: c.id,
            district_id: d.id,
            lead_unit_id: d.id,
            co_unit_ids: '[]',
          })
          .execute();
    }

    const user = async (username: string, unitId: number, role: Role): Promise<Actor> => {
      const row = await trx
        .insertInto('users')
        .values({
          username,
          display_name: username,
          password_hash: '!',
          unit_id: unitId,
          active: 1,
          failed_logins: 0,
          locked_until: null,
          created_at: AT,
          updated_at: AT,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('user_roles').values({ user_id: row.id, role }).execute();
      return {
        userId: row.id,
        username,
        displayName: username,
        unitId,
        districtId: null,
        roles: [role],
        via: 'cli',
      };
    };
    const handlers = new Map<number, Actor>();
    const handlingUnits = [...districts.flatMap((d) => [d.id, ...d.streets]), ...departments];
    for (const id of handlingUnits) handlers.set(id, await user(`h-${id}`, id, 'handler'));
    return {
      centre,
      districts,
      departments,
      categories,
      handlers,
      dispatcher: await user('disp', centre, 'dispatcher'),
      admin: await user('admin', centre, 'admin'),
    };
  });
}

async function createTicket(
  database: Database,
  clock: FakeClock,
  place: { categoryId: number; districtId: number; streetId: number },
): Promise<number> {
  const at = clock.now().toISOString();
  return database.write(async (trx) => {
    const number = await nextTicketNumber(database, trx, at.slice(0, 10).replaceAll('-', ''));
    const title = '市民反映问题';
    const id = await insertTicketRow(trx, {
      number,
      status: 'pending_dispatch',
      appeal_type: 'complaint',
      category_id: place.categoryId,
      urgency: 'normal',
      title,
      description: title,
      channel: 'phone',
      district_id: place.districtId,
      street_id: place.streetId,
      confidential: 0,
      contact_required: 0,
      reopen_count: 0,
      return_count: 0,
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await indexTicketText(trx, database.dialect, {
      id,
      number,
      title,
      description: title,
      address: null,
    });
    await insertEvent(trx, {
      ticketId: id,
      type: 'create',
      actorId: null,
      actorUnitId: null,
      at,
      reason: null,
      before: null,
      after: { status: 'pending_dispatch' },
      data: null,
    });
    return id;
  });
}

/** Replays the stream and returns the weekly return-rate curve (deterministic for a seed). */
export async function simulateRouting(
  deps: { database: Database; services: Services; clock: FakeClock },
  options: SimulationOptions = DEFAULT_SIMULATION,
): Promise<SimulationResult> {
  const { database, services, clock } = deps;
  const rng = random(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const city = await buildCity(database);
  const routing = services.intelligence.routing;
  await routing.settings.update(city.admin, { enabled: true, threshold: options.threshold });
  const start = clock.now().toISOString();
  const allUnits = [...city.handlers.keys()];
  let autoDispatched = 0;
  const judged: Array<{ confidence: number; right: boolean }> = [];
  let unsuggested = 0;
  const step = WEEK_MS / options.ticketsPerWeek;

  for (let n = 0; n < options.weeks * options.ticketsPerWeek; n++) {
    clock.advance(step);
    const category = pick(city.categories);
    const district = pick(city.districts);
    const streetId = pick(district.streets);
    const truth = category.local ? streetId : category.department;
    const id = await createTicket(database, clock, {
      categoryId: category.id,
      districtId: district.id,
      streetId,
    });
    let returned = false;
    // What the router would say of the new appeal, before anyone dispatches it (no side effect).
    await routing.learning.learnFromEvents();
    const first = (
      await routing.router.routeNow({ categoryId: category.id, districtId: district.id, streetId })
    ).suggestions[0];
    if (first) judged.push({ confidence: first.confidence, right: first.unitId === truth });
    else unsuggested += 1;
    for (let round = 0; round < 4; round++) {
      await routing.learning.learnFromEvents();
      autoDispatched += (await routing.autoDispatch.run()).dispatched;
      const ticket = await services.tickets.query.getVisibleTicket(city.dispatcher, id);
      let lead = ticket.leadUnitId;
      if (ticket.status === 'pending_dispatch') {
        lead = await humanChoice(category, district.id, streetId, returned);
        await services.dispatch.service.dispatch(city.dispatcher, id, { leadUnitId: lead });
      }
      const handler = city.handlers.get(lead!)!;
      if (lead === truth) {
        await services.handling.service.sign(handler, id);
        await services.handling.service.reply(handler, id, {
          text: '已到现场处理完毕，问题已解决。',
        });
        break;
      }
      await services.handling.service.requestReturn(handler, id, '不属于本单位职责范围，请改派');
      const { items } = await services.dispatch.requests.list(city.dispatcher, { kind: 'return' });
      const request = items.find((r) => r.ticketId === id)!;
      await services.dispatch.requests.reviewReturn(city.dispatcher, request.id, {
        decision: 'accept',
      });
      returned = true;
    }
    clock.advance(1000);
  }
  await routing.learning.learnFromEvents();
  const report = await routing.report.report(city.admin, {
    from: start,
    to: clock.now().toISOString(),
  });
  return {
    weeks: report.weeks,
    tickets: options.weeks * options.ticketsPerWeek,
    autoDispatched,
    calibration: calibrationOf(judged, unsuggested),
  };

  async function humanChoice(
    category: City['categories'][number],
    districtId: number,
    streetId: number,
    afterReturn: boolean,
  ): Promise<number> {
    const truth = category.local ? streetId : category.department;
    if (afterReturn && rng() < LEARN_FROM_RETURN) return truth;
    if (rng() < options.misrouteShare) return pick(allUnits.filter((u) => u !== truth));
    const suggestion = (
      await routing.router.routeNow({ categoryId: category.id, districtId, streetId })
    ).suggestions[0];
    if (suggestion && suggestion.confidence >= HUMAN_TRUST) return suggestion.unitId;
    if (category.local && rng() < KNOWS_LOCAL) return streetId;
    return category.local ? districtId : category.department;
  }
}

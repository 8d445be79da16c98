// What the six months of history will contain, decided up front and deterministically from the
// seed: when each appeal arrives, about what and where, on which channel, from whom, and where
// its life should stop. No I/O: the life-cycles (life-cycle.ts) play the plan through the services.
import type { AppealType, Channel, Urgency } from '../tickets/index.js';
import { containsPoint, loadDistrictShapes, type Position } from './geo.js';
import { makePraise, makeReferral } from './plan-intake.js';
import { assignStops, featureDemoStreet } from './plan-stops.js';
import {
  isSelfService,
  type Incident,
  type IntakeClose,
  type PlannedTicket,
  type PlanOptions,
} from './plan-types.js';
import { Random } from './random.js';
import { DAY, HOUR } from './timing.js';
import type { SeededLeaf } from './seed-categories.js';
import type { SeededDistrict, SeededOrganisation } from './seed-organisation.js';
import { composeAppeal, personName, phoneNumber, pickPlace } from './texts.js';

const CHANNELS: Array<[Channel, number]> = [
  ['phone', 62],
  ['wechat', 12],
  ['app', 10],
  ['web', 8],
  ['sms', 3],
  ['weibo', 2],
  ['walk_in', 2],
  ['email', 1],
];

const OTHER_TYPES: Array<[AppealType, number]> = [
  ['complaint', 40],
  ['enquiry', 20],
  ['help', 15],
  ['suggestion', 12],
  ['report', 13],
];

/** Matters one incident makes many people call about (a burst main, a night-time site). */
const INCIDENT_MATTERS = new Set([
  '停水',
  '停电',
  '管道漏水',
  '燃气泄漏',
  '施工噪音',
  '商业噪音',
  '油烟污染',
  '工业废气',
  '河道污染',
  '下水道堵塞',
  '路灯',
  '交通信号灯',
  '拖欠工资',
  '宽带故障',
]);

/** Calls per hour of the day in Luzhou (UTC+8): a morning and an afternoon peak, quiet nights. */
const HOURLY = [
  1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.5, 4, 8, 10, 10, 8, 5, 6, 8, 9, 8, 7, 5, 5, 5, 4, 3, 2,
];

const pickWeighted = <T>(rng: Random, items: Array<[T, number]>): T =>
  rng.weighted(items, ([, w]) => w)[0];

/** The plan: `options.tickets` appeals between start and end, oldest first. */
export function planHistory(
  org: SeededOrganisation,
  leaves: readonly SeededLeaf[],
  options: PlanOptions,
): PlannedTicket[] {
  const rng = new Random(options.seed);
  const plans: PlannedTicket[] = [];
  while (plans.length < options.tickets) {
    const at = arrivalTime(rng, options.start, options.end);
    const leaf = rng.weighted(leaves, (l) => seasonalWeight(l, at, options.end));
    const district =
      hotSpot(leaf, at, options.end, org, rng) ?? rng.weighted(org.districts, districtWeight);
    const plan = planTicket(rng, plans.length, at, leaf, district);
    if (plan.closeAtIntake === null && !isSelfService(plan.channel) && rng.chance(0.015))
      makeReferral(rng, plan, leaves);
    else if (plan.closeAtIntake === null && plan.channel === 'phone' && rng.chance(0.012))
      makePraise(rng, plan);
    plans.push(plan);
    const incident = INCIDENT_MATTERS.has(plan.leaf.seed.name) && plan.closeAtIntake === null;
    if (incident && rng.chance(0.06) && plans.length < options.tickets - 1) {
      plans.push(...planIncident(rng, plan, options, options.tickets - plans.length, plans.length));
    }
  }
  plans.sort((a, b) => a.at - b.at);
  plans.forEach((plan, i) => (plan.index = i));
  assignStops(rng, plans, options);
  const jiangyang = org.districts.find((d) => d.seed.key === 'jy');
  const nancheng = jiangyang?.streets.find((s) => s.seed.key === 'nancheng');
  if (jiangyang && nancheng) featureDemoStreet(rng, plans, jiangyang, nancheng, options);
  return plans;
}

function arrivalTime(rng: Random, start: number, end: number): number {
  for (;;) {
    const day = Math.floor(start / DAY) + rng.int(0, Math.max(0, Math.floor((end - start) / DAY)));
    const hour = rng.weighted(
      HOURLY.map((w, h) => [h, w] as const),
      ([, w]) => w,
    )[0];
    // Midnight in Luzhou is 16:00 UTC of the day before.
    const at = day * DAY + (hour - 8) * HOUR + rng.int(0, HOUR - 1);
    const weekday = new Date(at + 8 * HOUR).getUTCDay();
    if ((weekday === 0 || weekday === 6) && rng.chance(0.3)) continue;
    if (at >= start && at < end) return at;
  }
}

/** Summer power cuts, autumn building sites, and the recent rise of water outages (hotSpot). */
function seasonalWeight(leaf: SeededLeaf, at: number, end: number): number {
  const base = leaf.seed.weight ?? 1;
  const month = new Date(at + 8 * HOUR).getUTCMonth() + 1;
  if (leaf.seed.name === '停电' && (month === 7 || month === 8)) return base * 2.5;
  if (leaf.seed.name === '停水' && end - at < HOT_SPOT_DAYS * DAY) return base * 8;
  if (leaf.seed.name === '施工噪音' && month >= 9) return base * 1.5;
  return base;
}

/**
 * How far back the hot spot reaches: two weeks hold the last whole week (the weekly scan's) and
 * the last days (the daily scan's), whatever the weekday the demo is seeded on.
 */
const HOT_SPOT_DAYS = 14;

/** The early warning the analysts should find: water outages rising in 龙马潭区 lately. */
function hotSpot(
  leaf: SeededLeaf,
  at: number,
  end: number,
  org: SeededOrganisation,
  rng: Random,
): SeededDistrict | null {
  if (leaf.seed.name !== '停水' || end - at >= HOT_SPOT_DAYS * DAY || !rng.chance(0.7)) return null;
  return org.districts.find((d) => d.seed.key === 'lmt') ?? null;
}

/** The city's three urban districts call the most. */
const districtWeight = (district: SeededDistrict): number =>
  ({ jy: 30, lmt: 26, nx: 12, lx: 11, hj: 9, xy: 6, gl: 6 })[district.seed.key] ?? 5;

function planTicket(
  rng: Random,
  index: number,
  at: number,
  leaf: SeededLeaf,
  district: SeededDistrict,
): PlannedTicket {
  const channel = pickWeighted(rng, CHANNELS);
  const place = pickPlace(rng, district.seed);
  const street = district.streets.find((s) => s.seed === place.street) ?? district.streets[0]!;
  const appealType = rng.chance(0.7)
    ? (leaf.seed.appeal ?? 'complaint')
    : pickWeighted(rng, OTHER_TYPES);
  const urgency: Urgency =
    leaf.seed.urgency && rng.chance(0.7)
      ? leaf.seed.urgency
      : rng.chance(0.02)
        ? 'urgent'
        : 'normal';
  const point = locate(rng, district.seed.adcode, place.street.at);
  return {
    index,
    at,
    leaf,
    district,
    street,
    channel,
    appealType,
    urgency,
    confidential: appealType === 'report' ? rng.chance(0.3) : rng.chance(0.02),
    contactRequired: rng.chance(0.2),
    citizenName: personName(rng),
    citizenPhone: phoneNumber(rng),
    where: place,
    text: composeAppeal(rng, leaf.seed, place, channel),
    lat: point?.[1] ?? null,
    lng: point?.[0] ?? null,
    closeAtIntake: closeAtIntake(rng, leaf, channel),
    referral: null,
    misrouted: rng.chance(0.05),
    toStreet: false,
    stopAfter: null,
    hurry: false,
    incident: null,
    seed: rng.int(1, 2 ** 31 - 1),
  };
}

function closeAtIntake(rng: Random, leaf: SeededLeaf, channel: Channel): IntakeClose | null {
  if (leaf.seed.directAnswer && rng.chance(0.55)) return 'direct_answer';
  if (isSelfService(channel) && rng.chance(0.02)) return 'invalid';
  return null;
}

/** A point near the township seat, inside the district (most appeals come with a location). */
function locate(rng: Random, adcode: string, seat: Position): Position | null {
  if (rng.chance(0.25)) return null;
  const shape = loadDistrictShapes().get(adcode);
  for (let tries = 0; tries < 5; tries++) {
    const point: Position = [
      round(seat[0] + (rng.next() - 0.5) * 0.02),
      round(seat[1] + (rng.next() - 0.5) * 0.02),
    ];
    if (!shape || containsPoint(shape.geometry, point)) return point;
  }
  return seat;
}

const round = (value: number): number => Math.round(value * 1e6) / 1e6;

/** Repeat appeals about the parent's incident, within hours, which the dispatcher merges. */
function planIncident(
  rng: Random,
  parent: PlannedTicket,
  options: PlanOptions,
  room: number,
  nextIndex: number,
): PlannedTicket[] {
  let resolveParent: (id: number) => void = () => undefined;
  let rejectParent: (error: unknown) => void = () => undefined;
  const parentId = new Promise<number>((resolve, reject) => {
    resolveParent = resolve;
    rejectParent = reject;
  });
  // A child whose parent never gets written is handled on its own; nobody awaits in vain.
  parentId.catch(() => undefined);
  const group: Incident = {
    parentId,
    resolveParent,
    rejectParent,
    childIds: [],
    turn: Promise.resolve(),
    lastAt: parent.at,
  };
  parent.incident = { role: 'parent', group };
  parent.closeAtIntake = null;
  const children: PlannedTicket[] = [];
  const count = Math.min(room, rng.int(1, 4));
  for (let i = 0; i < count; i++) {
    const at = Math.min(options.end - 1, parent.at + rng.int(HOUR / 2, 12 * HOUR));
    const child = planTicket(rng, nextIndex + i, at, parent.leaf, parent.district);
    // The same incident, in the caller's own words.
    child.street = parent.street;
    child.where = parent.where;
    child.text = {
      ...composeAppeal(rng, parent.leaf.seed, parent.where, child.channel),
      address: parent.text.address,
    };
    child.lat = parent.lat;
    child.lng = parent.lng;
    child.closeAtIntake = null;
    child.misrouted = false;
    child.incident = { role: 'child', group };
    children.push(child);
  }
  return children;
}

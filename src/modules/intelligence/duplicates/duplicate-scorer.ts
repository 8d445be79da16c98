// Scoring an appeal against an earlier open one (并单): is it the same incident? Three questions,
// each answered 0..1 from what any appeal carries whatever its channel, and multiplied, because a
// duplicate needs all three: the same matter (text shingles under TF-IDF, and the category), the
// same place (normalised address, distance between coordinates, street, district) and a time
// close enough (decay over hours and days). Pure: no I/O.
import { shingles, textSimilarity, type ShingleStats } from './text-shingles.js';

/** What a duplicate is judged on: an appeal draft or a ticket. */
export interface DuplicateSubject {
  title: string;
  description: string;
  categoryId: number | null;
  /** The category's top-level ancestor (itself when it is top-level). */
  categoryTopId: number | null;
  districtId: number | null;
  streetId: number | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  /** When it was reported, epoch milliseconds. */
  at: number;
}

/** A subject with what scoring needs computed once. */
export interface PreparedSubject extends DuplicateSubject {
  bag: Map<string, number>;
  addressKey: string | null;
  /** The address's numbers (house, building, door): two addresses with different ones differ. */
  addressNumbers: string;
}

export type PlaceMatch =
  'same_address' | 'nearby' | 'same_street' | 'same_district' | 'unknown' | 'different';
export type CategoryMatch = 'same' | 'same_top' | 'unknown' | 'different';

/** The score's parts, for people to see why two appeals look alike. */
export interface DuplicateParts {
  /** Cosine of the texts' shingles, 0..1. */
  text: number;
  category: CategoryMatch;
  /** Text and category together: how surely it is the same matter, 0..1. */
  matter: number;
  placeMatch: PlaceMatch;
  /** Metres between the two, when both have coordinates. */
  distanceM: number | null;
  /** How surely it is the same place, 0..1. */
  place: number;
  hoursApart: number;
  /** How much the time between them still allows the same incident, 0..1. */
  time: number;
}

export interface DuplicateScore {
  score: number;
  parts: DuplicateParts;
}

/** The weights a deployment may tune; the defaults were chosen on one NYC day and checked on another. */
export interface ScorerOptions {
  /** What a same leaf category, same top-level category, or unknown category adds to the text. */
  categoryEvidence: Record<Exclude<CategoryMatch, 'different'>, number>;
  /** A different category keeps this share of the text's evidence. */
  differentCategoryFactor: number;
  /** Metres at which two points count half as the same place. */
  halfDistanceM: number;
  streetPlace: number;
  districtPlace: number;
  unknownPlace: number;
  /** What a shared street or district still counts when coordinates or house numbers differ. */
  elsewhereFactor: number;
  /** Hours after which the time factor has fallen to 1/e. */
  timeScaleHours: number;
}

export const DEFAULT_SCORER: ScorerOptions = {
  categoryEvidence: { same: 0.6, same_top: 0.25, unknown: 0 },
  differentCategoryFactor: 0.5,
  halfDistanceM: 25,
  streetPlace: 0.55,
  districtPlace: 0.3,
  unknownPlace: 0.3,
  elsewhereFactor: 0.3,
  timeScaleHours: 72,
};

/** Below this, a candidate is not shown at all. */
export const SHOW_FLOOR = 0.3;
/** The default threshold of a likely duplicate (the admin may change it). */
export const DEFAULT_LIKELY_THRESHOLD = 0.6;

const PUNCTUATION_OR_SPACE = /[^\p{L}\p{N}]/gu;

/** An address as compared: full-width folded, lower case, without spaces and punctuation. */
export function addressKey(address: string | null): string | null {
  if (!address) return null;
  const key = address.normalize('NFKC').toLowerCase().replace(PUNCTUATION_OR_SPACE, '');
  return key || null;
}

const numbersOf = (key: string | null) => (key ? (key.match(/\d+/g) ?? []).join(',') : '');

export function prepare(subject: DuplicateSubject): PreparedSubject {
  const key = addressKey(subject.address);
  return {
    ...subject,
    bag: shingles(`${subject.title}\n${subject.description}`),
    addressKey: key,
    addressNumbers: numbersOf(key),
  };
}

/** Great-circle distance in metres. */
export function distanceMetres(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function bigrams(s: string): Set<string> {
  const chars = Array.from(s);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** 1 for the same address, less for one written differently, 0 for another house number. */
export function addressSimilarity(a: PreparedSubject, b: PreparedSubject): number {
  if (!a.addressKey || !b.addressKey) return 0;
  if (a.addressKey === b.addressKey) return 1;
  if (a.addressNumbers !== b.addressNumbers && a.addressNumbers && b.addressNumbers) return 0;
  const [short, long] =
    a.addressKey.length <= b.addressKey.length
      ? [a.addressKey, b.addressKey]
      : [b.addressKey, a.addressKey];
  // "滨江路" inside "滨江路18号": the same road, not surely the same house.
  if (Array.from(short).length >= 4 && long.includes(short))
    return a.addressNumbers === b.addressNumbers ? 0.95 : 0.5;
  // Chinese addresses run from the district down to the door: the same road and number at the
  // end ("江阳区滨江路18号", "江阳区南城街道滨江路18号") are the same place written at two lengths.
  if (a.addressNumbers && a.addressNumbers === b.addressNumbers) {
    const x = Array.from(a.addressKey);
    const y = Array.from(b.addressKey);
    let tail = 0;
    while (tail < x.length && tail < y.length && x[x.length - 1 - tail] === y[y.length - 1 - tail])
      tail++;
    const firstDigit = (chars: string[]) => chars.findIndex((c) => /\d/.test(c));
    if (tail >= 4 && tail >= x.length - firstDigit(x) + 2) return 0.9;
  }
  const x = bigrams(a.addressKey);
  const y = bigrams(b.addressKey);
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  const dice = x.size + y.size === 0 ? 0 : (2 * shared) / (x.size + y.size);
  return dice >= 0.6 ? 0.9 * dice : 0;
}

function categoryMatch(a: DuplicateSubject, b: DuplicateSubject): CategoryMatch {
  if (a.categoryId === null || b.categoryId === null) return 'unknown';
  if (a.categoryId === b.categoryId) return 'same';
  if (a.categoryTopId !== null && a.categoryTopId === b.categoryTopId) return 'same_top';
  return 'different';
}

function placeOf(
  a: PreparedSubject,
  b: PreparedSubject,
  o: ScorerOptions,
): { place: number; placeMatch: PlaceMatch; distanceM: number | null } {
  const distanceM =
    a.lat !== null && a.lng !== null && b.lat !== null && b.lng !== null
      ? distanceMetres(a.lat, a.lng, b.lat, b.lng)
      : null;
  if (a.districtId !== null && b.districtId !== null && a.districtId !== b.districtId)
    return { place: 0, placeMatch: 'different', distanceM };
  const options: Array<[number, PlaceMatch]> = [];
  const address = addressSimilarity(a, b);
  if (address > 0) options.push([address, 'same_address']);
  // Another house number says "elsewhere" louder than points a few metres apart (a geocoder puts
  // neighbours there), and coordinates far apart louder than a shared street or district.
  const otherHouse = address === 0 && a.addressNumbers !== '' && b.addressNumbers !== '';
  if (distanceM !== null)
    options.push([
      (otherHouse ? o.elsewhereFactor : 1) / (1 + (distanceM / o.halfDistanceM) ** 2),
      'nearby',
    ]);
  const elsewhere = otherHouse || (distanceM !== null && distanceM > 5 * o.halfDistanceM);
  const coarse = elsewhere ? o.elsewhereFactor : 1;
  if (a.streetId !== null && a.streetId === b.streetId)
    options.push([o.streetPlace * coarse, 'same_street']);
  if (a.districtId !== null && a.districtId === b.districtId)
    options.push([o.districtPlace * coarse, 'same_district']);
  const known =
    distanceM !== null ||
    (a.addressKey !== null && b.addressKey !== null) ||
    (a.streetId !== null && b.streetId !== null) ||
    (a.districtId !== null && b.districtId !== null);
  if (!known) options.push([o.unknownPlace, 'unknown']);
  let best: [number, PlaceMatch] = [0, 'different'];
  for (const option of options) if (option[0] > best[0]) best = option;
  return { place: best[0], placeMatch: best[1], distanceM };
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** How alike `appeal` is to the earlier `candidate`: a score 0..1 and its parts. */
export function scoreDuplicate(
  appeal: PreparedSubject,
  candidate: PreparedSubject,
  stats: ShingleStats,
  o: ScorerOptions = DEFAULT_SCORER,
): DuplicateScore {
  const text = textSimilarity(appeal.bag, candidate.bag, stats);
  const category = categoryMatch(appeal, candidate);
  const matter =
    category === 'different'
      ? o.differentCategoryFactor * text
      : 1 - (1 - text) * (1 - o.categoryEvidence[category]);
  const { place, placeMatch, distanceM } = placeOf(appeal, candidate, o);
  const hoursApart = Math.abs(appeal.at - candidate.at) / 3_600_000;
  const time = Math.exp(-hoursApart / o.timeScaleHours);
  return {
    score: round(matter * place * time),
    parts: {
      text: round(text),
      category,
      matter: round(matter),
      placeMatch,
      distanceM: distanceM === null ? null : Math.round(distanceM),
      place: round(place),
      hoursApart: round(hoursApart, 1),
      time: round(time),
    },
  };
}

// Candidates without scanning every open ticket: each appeal is filed under a few keys of its
// place (normalised address, a ~200 m grid cell, street, district with top-level category) and,
// with no place at all, its category; an appeal is compared only with those sharing a key with it
// and reported within the time window. Pure and in memory (the evaluation replays a day with it;
// the server asks its database the same question, see duplicates.repository.ts).
import {
  DEFAULT_SCORER,
  scoreDuplicate,
  type DuplicateScore,
  type PreparedSubject,
  type ScorerOptions,
} from './duplicate-scorer.js';
import { ShingleStats } from './text-shingles.js';

/** Grid cell size in degrees: about 220 m north–south. */
const CELL_DEG = 0.002;

function cellOf(lat: number, lng: number): [number, number] {
  // East–west cells widen toward the equator-equivalent size at the latitude.
  const lngDeg = CELL_DEG / Math.max(0.2, Math.cos((lat * Math.PI) / 180));
  return [Math.floor(lat / CELL_DEG), Math.floor(lng / lngDeg)];
}

const hasPlace = (s: PreparedSubject) =>
  s.districtId !== null || s.streetId !== null || s.addressKey !== null || s.lat !== null;

/**
 * The keys an appeal is filed under: its address and grid cell; its street and district each
 * alone and with the top-level category (a street or district holds many open tickets, so an
 * appeal with a category looks only among those of its kind); with no place, its category.
 */
export function placeKeys(s: PreparedSubject): string[] {
  const keys: string[] = [];
  if (s.addressKey) keys.push(`a:${s.addressKey}`);
  if (s.lat !== null && s.lng !== null) {
    const [y, x] = cellOf(s.lat, s.lng);
    keys.push(`g:${y}:${x}`);
  }
  if (s.streetId !== null) keys.push(`s:${s.streetId}`, `s:${s.streetId}:${s.categoryTopId}`);
  if (s.districtId !== null) keys.push(`d:${s.districtId}`, `d:${s.districtId}:${s.categoryTopId}`);
  if (!hasPlace(s)) keys.push(`c:${s.categoryId}`);
  return keys;
}

/** The keys to look under for an appeal's candidates (neighbouring grid cells included). */
export function lookupKeys(s: PreparedSubject): string[] {
  const keys: string[] = [];
  if (s.addressKey) keys.push(`a:${s.addressKey}`);
  const kind = s.categoryTopId === null ? '' : `:${s.categoryTopId}`;
  // With a category: those of its kind and those still without one.
  const kinds = kind ? [kind, ':null'] : [''];
  if (s.streetId !== null) for (const k of kinds) keys.push(`s:${s.streetId}${k}`);
  // The whole district only when nothing finer is known.
  if (s.districtId !== null && s.streetId === null && s.lat === null && !s.addressKey)
    for (const k of kinds) keys.push(`d:${s.districtId}${k}`);
  if (!hasPlace(s)) keys.push(`c:${s.categoryId}`);
  if (s.lat !== null && s.lng !== null) {
    const [y, x] = cellOf(s.lat, s.lng);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) keys.push(`g:${y + dy}:${x + dx}`);
  }
  return keys;
}

export interface Scored<Id> extends DuplicateScore {
  id: Id;
}

export class DuplicateIndex<Id extends string | number = number> {
  readonly stats = new ShingleStats();
  private readonly entries = new Map<Id, PreparedSubject>();
  private readonly buckets = new Map<string, Id[]>();

  constructor(
    private readonly windowMs: number,
    private readonly options: ScorerOptions = DEFAULT_SCORER,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  add(id: Id, subject: PreparedSubject): void {
    if (this.entries.has(id)) this.remove(id);
    this.entries.set(id, subject);
    this.stats.add(subject.bag);
    for (const key of placeKeys(subject)) {
      const bucket = this.buckets.get(key);
      if (bucket) bucket.push(id);
      else this.buckets.set(key, [id]);
    }
  }

  /** Closed, merged or past the window: no longer a candidate. */
  remove(id: Id): void {
    const subject = this.entries.get(id);
    if (!subject) return;
    this.entries.delete(id);
    this.stats.remove(subject.bag);
    for (const key of placeKeys(subject)) {
      const bucket = this.buckets.get(key);
      if (!bucket) continue;
      const i = bucket.indexOf(id);
      if (i >= 0) bucket.splice(i, 1);
      if (bucket.length === 0) this.buckets.delete(key);
    }
  }

  /** The open appeals sharing a key with `subject`, reported before it within the window. */
  candidates(subject: PreparedSubject): Array<{ id: Id; subject: PreparedSubject }> {
    const seen = new Set<Id>();
    const out: Array<{ id: Id; subject: PreparedSubject }> = [];
    const from = subject.at - this.windowMs;
    for (const key of lookupKeys(subject)) {
      for (const id of this.buckets.get(key) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const other = this.entries.get(id)!;
        if (other.at >= from && other.at <= subject.at) out.push({ id, subject: other });
      }
    }
    return out;
  }

  /** The best candidates at or above `floor`, best first. */
  best(subject: PreparedSubject, limit: number, floor: number): Array<Scored<Id>> {
    const scored: Array<Scored<Id>> = [];
    for (const c of this.candidates(subject)) {
      const s = scoreDuplicate(subject, c.subject, this.stats, this.options);
      if (s.score >= floor) scored.push({ id: c.id, ...s });
    }
    return scored.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}

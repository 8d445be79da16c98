// The open tickets a new appeal is compared with, asked of the database through its indexes
// (created_at, district_id, category_id): tickets of the time window at the appeal's street or
// around its coordinates, or of its kind in its district; never a scan of every ticket.
import { sql } from 'kysely';
import type { Executor } from '../../tickets/index.js';

/** Columns the scorer and the answer need. */
export interface CandidateRow {
  id: number;
  number: string;
  title: string;
  description: string;
  status: string;
  channel: string;
  category_id: number | null;
  district_id: number | null;
  street_id: number | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  confidential: number;
  contact_required: number;
  parent_id: number | null;
  created_at: string;
}

export interface CandidateQuery {
  /** Earliest and latest creation time (ISO). */
  from: string;
  to: string;
  districtId: number | null;
  streetId: number | null;
  lat: number | null;
  lng: number | null;
  /** The categories of the appeal's top-level category (the whole subtree); null when unknown. */
  kindCategoryIds: number[] | null;
  /** A coordinator sees only their district's tickets. */
  onlyDistrictId: number | null;
  excludeId: number | null;
  limit: number;
}

const COLUMNS = [
  'id',
  'number',
  'title',
  'description',
  'status',
  'channel',
  'category_id',
  'district_id',
  'street_id',
  'address',
  'lat',
  'lng',
  'confidential',
  'contact_required',
  'parent_id',
  'created_at',
] as const;

/** Degrees around a point searched for candidates: about 500 m. */
const BOX_DEG = 0.005;

export async function openCandidates(db: Executor, q: CandidateQuery): Promise<CandidateRow[]> {
  return (
    db
      .selectFrom('tickets')
      .select(COLUMNS)
      .where('created_at', '>=', q.from)
      .where('created_at', '<=', q.to)
      // Merged children too: they speak for their parent (a child's words and place are the incident's).
      .where('status', '<>', 'closed')
      .$if(q.excludeId !== null, (w) => w.where('id', '<>', q.excludeId!))
      .$if(q.onlyDistrictId !== null, (w) => w.where('district_id', '=', q.onlyDistrictId!))
      .where((eb) => {
        const places = [];
        if (q.streetId !== null) places.push(eb('street_id', '=', q.streetId));
        if (q.lat !== null && q.lng !== null)
          places.push(
            eb.and([
              eb('lat', '>=', q.lat - BOX_DEG),
              eb('lat', '<=', q.lat + BOX_DEG),
              eb('lng', '>=', q.lng - BOX_DEG),
              eb('lng', '<=', q.lng + BOX_DEG),
            ]),
          );
        const kind = q.kindCategoryIds;
        if (q.districtId !== null) {
          // In the district: tickets of the same kind or not yet classified; without a finer
          // place and kind, the district's tickets.
          if (kind && kind.length > 0)
            places.push(
              eb.and([
                eb('district_id', '=', q.districtId),
                eb.or([eb('category_id', 'in', kind), eb('category_id', 'is', null)]),
              ]),
            );
          else if (q.streetId === null && q.lat === null)
            places.push(eb('district_id', '=', q.districtId));
        } else if (places.length === 0 && kind && kind.length > 0) {
          places.push(eb('category_id', 'in', kind));
        }
        return places.length > 0 ? eb.or(places) : sql<boolean>`1 = 0`;
      })
      .orderBy('created_at', 'desc')
      .limit(q.limit)
      .execute()
  );
}

export async function getCandidateRows(db: Executor, ids: number[]): Promise<CandidateRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('tickets').select(COLUMNS).where('id', 'in', ids).execute();
}

export async function getCandidateRow(db: Executor, id: number): Promise<CandidateRow | undefined> {
  return db.selectFrom('tickets').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

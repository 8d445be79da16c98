// The organisation's places in memory: the name trie of its districts, streets and communities
// and the districts' polygons. Read once, then looked at again every few seconds: a cheap list of
// the units (without polygons) is compared with what the index was built from, and the index is
// rebuilt only when a name, alias, parent or polygon flag changed; the polygons themselves are
// read again at most every minute, so an edited boundary reaches every instance within it.
import { createHash } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import type { Area } from '../../open311/index.js';
import type { OrganisationService, Unit } from '../../organisation/index.js';
import {
  buildPlaceIndex,
  type PlaceIndex,
  type PlaceUnit,
  type PlaceUnitType,
} from './place-index.js';

/** How long the index is used before the units are listed again. */
export const PLACE_CHECK_MS = 5_000;
/** How long the districts' polygons are kept before they are read again. */
export const AREA_RELOAD_MS = 60_000;

export interface DistrictArea {
  id: number;
  name: string;
  area: Area;
}

export interface Places {
  index: PlaceIndex;
  areas: DistrictArea[];
}

const PLACE_TYPES: readonly string[] = ['district', 'street', 'community'];

const fingerprint = (units: readonly Unit[]) =>
  createHash('sha256')
    .update(
      JSON.stringify(
        units.map((u) => [
          u.id,
          u.name,
          u.type,
          u.parentId,
          u.districtId,
          u.aliases,
          u.hasJurisdiction,
        ]),
      ),
    )
    .digest('hex');

export class PlaceDirectory {
  private loaded: { places: Places; hash: string; checkedAt: number; areasAt: number } | null =
    null;
  private pending: Promise<Places> | null = null;

  constructor(
    private readonly organisation: OrganisationService,
    private readonly clock: Clock,
  ) {}

  /** The current places; concurrent callers share one reload. */
  places(): Promise<Places> {
    const now = this.clock.now().getTime();
    if (this.loaded && Math.abs(now - this.loaded.checkedAt) < PLACE_CHECK_MS)
      return Promise.resolve(this.loaded.places);
    this.pending ??= this.reload(now).finally(() => (this.pending = null));
    return this.pending;
  }

  private async reload(now: number): Promise<Places> {
    const units = (await this.organisation.listUnits()).filter((u) => PLACE_TYPES.includes(u.type));
    const hash = fingerprint(units);
    const known = this.loaded;
    if (known && known.hash === hash && Math.abs(now - known.areasAt) < AREA_RELOAD_MS) {
      known.checkedAt = now;
      return known.places;
    }
    const index =
      known && known.hash === hash
        ? known.places.index
        : buildPlaceIndex(
            units.map((u): PlaceUnit => ({
              id: u.id,
              name: u.name,
              nameEn: u.nameEn,
              type: u.type as PlaceUnitType,
              parentId: u.parentId,
              districtId: u.districtId,
              aliases: u.aliases,
            })),
          );
    const areas: DistrictArea[] = [];
    for (const district of units.filter((u) => u.type === 'district' && u.hasJurisdiction)) {
      const area = await this.organisation.getJurisdiction(district.id);
      if (area) areas.push({ id: district.id, name: district.name, area });
    }
    const places = { index, areas };
    this.loaded = { places, hash, checkedAt: now, areasAt: now };
    return places;
  }
}

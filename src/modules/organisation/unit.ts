/** The kinds of unit in the organisation tree (../shared/DOMAIN.md, "The organisation"). */
export const UNIT_TYPES = [
  'centre',
  'district',
  'street',
  'community',
  'department',
  'enterprise',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const isUnitType = (value: string): value is UnitType =>
  (UNIT_TYPES as readonly string[]).includes(value);

export interface Unit {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  type: UnitType;
  parentId: number | null;
  /** The district/county (区/县) this unit lies in; a district is its own; null for city-level units. */
  districtId: number | null;
  adcode: string | null;
  aliases: string[];
  active: boolean;
  /** Whether an area polygon (GeoJSON) is recorded for the unit. */
  hasJurisdiction: boolean;
}

/** A unit with its children, for the tree view. */
export interface UnitNode extends Unit {
  children: UnitNode[];
}

/** [longitude, latitude] (optionally with altitude), as in GeoJSON (RFC 7946). */
export type Position = number[];

/** A unit's jurisdiction: a GeoJSON Polygon or MultiPolygon (RFC 7946 §3.1.6–3.1.7). */
export type Jurisdiction =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface UnitInput {
  code: string;
  name: string;
  nameEn?: string | null;
  type: string;
  parentId?: number | null;
  adcode?: string | null;
  aliases?: string[];
  /** A GeoJSON Polygon or MultiPolygon; anything else is refused. */
  jurisdiction?: unknown;
}

/** What an admin may change; the type is fixed once created. `jurisdiction: null` clears it. */
export interface UnitPatch {
  code?: string;
  name?: string;
  nameEn?: string | null;
  parentId?: number | null;
  adcode?: string | null;
  aliases?: string[];
  jurisdiction?: unknown;
  active?: boolean;
}

export interface UnitFilter {
  type?: UnitType;
  parentId?: number;
  districtId?: number;
  includeInactive?: boolean;
  /** Matches code, name, English name or an alias (case-insensitive substring). */
  q?: string;
}

import { ValidationError } from '../../platform/errors.js';
import type { Jurisdiction, Position, Unit, UnitType } from './unit.js';

/**
 * Where each kind of unit may hang in the tree: the centre is the root, districts/counties under
 * it, streets/towns under a district, communities/villages under a street; city departments and
 * public utilities beside the districts (under the centre, or under a parent department/utility).
 */
export const ALLOWED_PARENTS: Readonly<Record<UnitType, readonly UnitType[]>> = {
  centre: [],
  district: ['centre'],
  street: ['district'],
  community: ['street'],
  department: ['centre', 'department'],
  enterprise: ['centre', 'enterprise'],
};

const ARTICLE: Record<UnitType, string> = {
  centre: 'the centre',
  district: 'a district',
  street: 'a street',
  community: 'a community',
  department: 'a department',
  enterprise: 'an enterprise',
};

/** Throws unless `parent` may hold a unit of `type` (the centre has none; every other unit one). */
export function checkParent(type: UnitType, parent: Pick<Unit, 'type' | 'active'> | null): void {
  const allowed = ALLOWED_PARENTS[type];
  if (allowed.length === 0) {
    if (parent) throw new ValidationError('parentId', 'The centre has no parent', 'INVALID_PARENT');
    return;
  }
  const names = allowed.map((t) => ARTICLE[t]).join(' or ');
  if (!parent) {
    throw new ValidationError(
      'parentId',
      `${capitalise(ARTICLE[type])} needs a parent: ${names}`,
      'PARENT_REQUIRED',
    );
  }
  if (!allowed.includes(parent.type)) {
    throw new ValidationError(
      'parentId',
      `The parent of ${ARTICLE[type]} must be ${names}, not ${ARTICLE[parent.type]}`,
      'INVALID_PARENT',
    );
  }
  if (!parent.active) {
    throw new ValidationError('parentId', 'The parent unit is deactivated', 'PARENT_INACTIVE');
  }
}

/** A district is its own district; streets and communities inherit their parent's; others have none. */
export function districtIdFor(
  type: UnitType,
  ownId: number,
  parent: Pick<Unit, 'districtId'> | null,
): number | null {
  switch (type) {
    case 'district':
      return ownId;
    case 'street':
    case 'community':
      return parent?.districtId ?? null;
    case 'centre':
    case 'department':
    case 'enterprise':
      return null;
  }
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

// --- fields --------------------------------------------------------------------------------------

const CODE = /^[\p{L}\p{N}._-]{1,64}$/u;
const ADCODE = /^\d{6,12}$/;

export function normaliseCode(value: string): string {
  const code = value.normalize('NFC').trim();
  if (!CODE.test(code)) {
    throw new ValidationError(
      'code',
      'A unit code is 1 to 64 letters, digits, dots, dashes or underscores',
    );
  }
  return code;
}

export function normaliseName(value: string, field: 'name' | 'nameEn'): string {
  const name = value.normalize('NFC').trim();
  if (name.length === 0)
    throw new ValidationError(field, `The ${field} must not be blank`, 'VALIDATION_FAILED', {
      rule: 'required',
    });
  if (Array.from(name).length > 100) {
    throw new ValidationError(
      field,
      `The ${field} is at most 100 characters`,
      'VALIDATION_FAILED',
      {
        rule: 'maxLength',
        limit: 100,
      },
    );
  }
  return name;
}

export function normaliseAdcode(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  if (!ADCODE.test(value.trim())) {
    throw new ValidationError(
      'adcode',
      'An administrative code (adcode) is 6 to 12 digits',
      'VALIDATION_FAILED',
      {
        rule: 'pattern',
      },
    );
  }
  return value.trim();
}

export function normaliseAliases(values: readonly string[]): string[] {
  if (values.length > 20)
    throw new ValidationError('aliases', 'A unit has at most 20 aliases', 'VALIDATION_FAILED', {
      rule: 'maxItems',
      limit: 20,
    });
  const aliases = new Set<string>();
  for (const value of values) {
    const alias = value.normalize('NFC').trim();
    if (alias.length === 0 || Array.from(alias).length > 100) {
      throw new ValidationError(
        'aliases',
        'Each alias is 1 to 100 characters',
        'VALIDATION_FAILED',
        {
          rule: 'maxLength',
          limit: 100,
        },
      );
    }
    aliases.add(alias);
  }
  return [...aliases];
}

// --- jurisdiction (GeoJSON, RFC 7946) --------------------------------------------------------------

const invalid = (message: string): ValidationError =>
  new ValidationError('jurisdiction', message, 'INVALID_JURISDICTION');

function checkPosition(value: unknown): asserts value is Position {
  if (
    !Array.isArray(value) ||
    value.length < 2 ||
    value.length > 3 ||
    !value.every((n) => typeof n === 'number' && Number.isFinite(n))
  ) {
    throw invalid('Each position is [longitude, latitude]');
  }
  const [lng, lat] = value as number[];
  if (Math.abs(lng!) > 180 || Math.abs(lat!) > 90) {
    throw invalid('Longitude must be within ±180 and latitude within ±90');
  }
}

/** A linear ring: four or more positions, the last equal to the first (RFC 7946 §3.1.6). */
function checkRing(value: unknown): void {
  if (!Array.isArray(value) || value.length < 4) {
    throw invalid('Each ring of a polygon needs at least four positions');
  }
  value.forEach(checkPosition);
  const first = value[0] as Position;
  const last = value[value.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw invalid('Each ring of a polygon must end where it starts');
  }
}

function checkPolygon(value: unknown): void {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid('A polygon is a non-empty list of rings');
  }
  value.forEach(checkRing);
}

/** The jurisdiction as a GeoJSON Polygon or MultiPolygon, or a ValidationError naming the rule. */
export function parseJurisdiction(value: unknown): Jurisdiction {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid('The jurisdiction must be a GeoJSON Polygon or MultiPolygon object');
  }
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') {
    checkPolygon(coordinates);
    return { type, coordinates: coordinates as Position[][] };
  }
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) {
      throw invalid('A MultiPolygon is a non-empty list of polygons');
    }
    coordinates.forEach(checkPolygon);
    return { type, coordinates: coordinates as Position[][][] };
  }
  throw invalid(
    `The jurisdiction must be a GeoJSON Polygon or MultiPolygon (got ${JSON.stringify(type ?? null)})`,
  );
}

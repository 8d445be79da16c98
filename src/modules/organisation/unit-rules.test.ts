import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../platform/errors.js';
import { checkParent, districtIdFor, parseJurisdiction } from './unit-rules.js';
import type { UnitType } from './unit.js';

const parent = (type: UnitType, active = true) => ({ type, active });

function errorOf(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('where a unit may hang in the tree', () => {
  it.each([
    ['district', 'centre'],
    ['street', 'district'],
    ['community', 'street'],
    ['department', 'centre'],
    ['department', 'department'],
    ['enterprise', 'centre'],
  ] as const)('a %s under a %s is accepted', (type, parentType) => {
    expect(() => checkParent(type, parent(parentType))).not.toThrow();
  });

  it.each([
    ['street', 'centre', 'The parent of a street must be a district, not the centre'],
    ['street', 'department', 'The parent of a street must be a district, not a department'],
    ['community', 'district', 'The parent of a community must be a street, not a district'],
    ['district', 'street', 'The parent of a district must be the centre, not a street'],
    [
      'enterprise',
      'district',
      'The parent of an enterprise must be the centre or an enterprise, not a district',
    ],
  ] as const)('a %s under a %s is refused', (type, parentType, message) => {
    const error = errorOf(() => checkParent(type, parent(parentType)));
    expect(error).toMatchObject({ code: 'INVALID_PARENT', field: 'parentId', message });
  });

  it('gives the centre no parent and every other unit one, an active one', () => {
    expect(() => checkParent('centre', null)).not.toThrow();
    expect(errorOf(() => checkParent('centre', parent('centre'))).code).toBe('INVALID_PARENT');
    expect(errorOf(() => checkParent('street', null)).code).toBe('PARENT_REQUIRED');
    expect(errorOf(() => checkParent('street', parent('district', false))).code).toBe(
      'PARENT_INACTIVE',
    );
  });
});

describe('the district of a unit', () => {
  it('is its own for a district, inherited below it, none for city-level units', () => {
    expect(districtIdFor('district', 7, { districtId: null })).toBe(7);
    expect(districtIdFor('street', 9, { districtId: 7 })).toBe(7);
    expect(districtIdFor('community', 11, { districtId: 7 })).toBe(7);
    expect(districtIdFor('department', 12, { districtId: null })).toBeNull();
    expect(districtIdFor('enterprise', 13, { districtId: null })).toBeNull();
    expect(districtIdFor('centre', 1, null)).toBeNull();
  });
});

describe('a jurisdiction', () => {
  const square = [
    [
      [105.4, 28.8],
      [105.5, 28.8],
      [105.5, 28.9],
      [105.4, 28.8],
    ],
  ];

  it('accepts a Polygon, and a MultiPolygon with a hole and an altitude', () => {
    expect(parseJurisdiction({ type: 'Polygon', coordinates: square })).toEqual({
      type: 'Polygon',
      coordinates: square,
    });
    const withHole = [
      [
        [105.0, 28.0],
        [106.0, 28.0],
        [106.0, 29.0],
        [105.0, 28.0],
      ],
      [
        [105.6, 28.2],
        [105.8, 28.2],
        [105.8, 28.4, 300],
        [105.6, 28.2],
      ],
    ];
    const multi = { type: 'MultiPolygon', coordinates: [square, withHole] };
    expect(parseJurisdiction(multi)).toEqual(multi);
  });

  it.each([
    ['a point', { type: 'Point', coordinates: [105.4, 28.8] }, /Polygon or MultiPolygon/],
    ['a feature', { type: 'Feature', geometry: {} }, /Polygon or MultiPolygon/],
    ['a string', 'POLYGON((1 2, 3 4))', /GeoJSON Polygon or MultiPolygon object/],
    [
      'an open ring',
      { type: 'Polygon', coordinates: [square[0]!.slice(0, 3).concat([[105.6, 28.8]])] },
      /end where it starts/,
    ],
    ['a short ring', { type: 'Polygon', coordinates: [square[0]!.slice(0, 3)] }, /at least four/],
    [
      'a latitude of 128',
      {
        type: 'Polygon',
        coordinates: [
          [
            [1, 128],
            [2, 1],
            [3, 1],
            [1, 128],
          ],
        ],
      },
      /latitude/,
    ],
    ['no polygons', { type: 'MultiPolygon', coordinates: [] }, /non-empty/],
  ])('refuses %s', (_name, value, message) => {
    const error = errorOf(() => parseJurisdiction(value));
    expect(error).toMatchObject({ code: 'INVALID_JURISDICTION', field: 'jurisdiction' });
    expect(error.message).toMatch(message);
  });
});

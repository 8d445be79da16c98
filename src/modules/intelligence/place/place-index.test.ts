import { describe, expect, it } from 'vitest';
import { buildPlaceIndex, findPlace, type PlaceUnit } from './place-index.js';

const unit = (
  id: number,
  name: string,
  type: PlaceUnit['type'],
  parentId: number | null,
  districtId: number,
  aliases: string[] = [],
): PlaceUnit => ({ id, name, nameEn: null, type, parentId, districtId, aliases });

// A small city: two districts, a town that shares its county's short name, a community alias.
const index = buildPlaceIndex([
  unit(1, '合江县', 'district', null, 1),
  unit(2, '合江镇', 'street', 1, 1),
  unit(3, '符阳街道', 'street', 1, 1),
  unit(4, '𠮷祥社区', 'community', 3, 1, ['𠮷祥村😀']),
  unit(10, '江阳区', 'district', null, 10),
  unit(11, '南城街道', 'street', 10, 10),
  unit(12, '南城社区', 'community', 11, 10),
]);

describe('the place index', () => {
  it('reads the longest name at each position', () => {
    expect(findPlace(index, '合江县合江镇人民路')).toMatchObject({
      districtName: '合江县',
      streetName: '合江镇',
      matched: '合江县、合江镇',
    });
    // The short form alone is the county, not its town.
    expect(findPlace(index, '合江')).toMatchObject({ districtId: 1, streetId: null });
  });

  it('keeps characters beyond the basic plane and emoji in names and aliases', () => {
    expect(findPlace(index, '住在𠮷祥村😀3组')).toMatchObject({ streetId: 3, matched: '𠮷祥村😀' });
    expect(findPlace(index, '𠮷祥社区')).toMatchObject({ streetId: 3, districtId: 1 });
  });

  it('prefers the street to a community of the same short name', () => {
    expect(findPlace(index, '南城')).toMatchObject({ streetId: 11 });
  });

  it('offers both readings, less sure, when a street contradicts the district named', () => {
    const place = findPlace(index, '合江县南城街道')!;
    expect(place.confidence).toBeLessThan(0.6);
    const readings = [place, ...place.alternatives].map((p) => `${p.districtId}/${p.streetId}`);
    expect(readings).toEqual(expect.arrayContaining(['1/null', '10/11']));
  });

  it('finds nothing in text that names no place', () => {
    expect(findPlace(index, '泸州市万达广场3楼')).toBeNull();
    expect(findPlace(index, '')).toBeNull();
  });
});

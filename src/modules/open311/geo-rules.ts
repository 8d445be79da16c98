// Which district a reported point lies in, from the districts' jurisdiction polygons (GeoJSON,
// [longitude, latitude]). Pure: no I/O.

type Position = readonly number[];
export type Area =
  | { type: 'Polygon'; coordinates: readonly (readonly Position[])[] }
  | { type: 'MultiPolygon'; coordinates: readonly (readonly (readonly Position[])[])[] };

/** Ray casting: whether (x, y) is inside the closed ring. */
function inRing(x: number, y: number, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i]!;
    const [xj = 0, yj = 0] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(x: number, y: number, rings: readonly (readonly Position[])[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer || !inRing(x, y, outer)) return false;
  return !holes.some((hole) => inRing(x, y, hole));
}

/** Whether the point (lat, lng) lies in the area (its holes excluded). */
export function areaContains(area: Area, lat: number, lng: number): boolean {
  if (area.type === 'Polygon') return inPolygon(lng, lat, area.coordinates);
  return area.coordinates.some((polygon) => inPolygon(lng, lat, polygon));
}

/** The first unit whose area holds the point, or null. */
export function unitAt<T extends { area: Area }>(
  units: readonly T[],
  lat: number,
  lng: number,
): T | null {
  return units.find((unit) => areaContains(unit.area, lat, lng)) ?? null;
}

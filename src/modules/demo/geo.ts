import districtsGeoJson from './data/luzhou-districts.geo.json' with { type: 'json' };

// Luzhou's district boundaries (data/SOURCE.md) and the little geometry the demo needs to place
// tickets inside the right district.

export type Position = [number, number];
export type MultiPolygon = { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface DistrictShape {
  adcode: string;
  name: string;
  center: Position;
  geometry: MultiPolygon;
}

interface FeatureCollection {
  features: Array<{
    properties: { adcode: number; name: string; center: Position };
    geometry: MultiPolygon;
  }>;
}

let cached: Map<string, DistrictShape> | null = null;

/** The seven county-level divisions of Luzhou by adcode, from the bundled GeoJSON. */
export function loadDistrictShapes(): Map<string, DistrictShape> {
  if (cached) return cached;
  const collection = districtsGeoJson as unknown as FeatureCollection;
  cached = new Map(
    collection.features.map((feature) => [
      String(feature.properties.adcode),
      {
        adcode: String(feature.properties.adcode),
        name: feature.properties.name,
        center: feature.properties.center,
        geometry: feature.geometry,
      },
    ]),
  );
  return cached;
}

/** Ray casting over every ring (holes count as outside, by the even-odd rule). */
export function containsPoint(shape: MultiPolygon, [x, y]: Position): boolean {
  let inside = false;
  for (const polygon of shape.coordinates) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

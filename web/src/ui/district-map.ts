import * as echarts from 'echarts/core';
import { api } from '../api';

/** The name every ECharts map of the city's districts is registered under. */
export const DISTRICT_MAP = 'openhotline-districts';

export type Ring = Array<[number, number]>;

/** A district's public boundary, as GET /public/districts/map gives it. */
export interface DistrictFeature {
  type: 'Feature';
  properties: { id: number; name: string; nameEn: string | null };
  geometry:
    { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

let loaded: Promise<DistrictFeature[]> | null = null;

/**
 * The districts' boundaries, fetched once per page and registered under DISTRICT_MAP, each
 * region named by its district's id (a click or a data item names a district by its id). An
 * empty map or a failed fetch rejects, and the next call tries again.
 */
export function loadDistrictMap(): Promise<DistrictFeature[]> {
  loaded ??= api<{ features: DistrictFeature[] }>('GET', '/public/districts/map')
    .then(({ features }) => {
      if (features.length === 0) throw new Error('no district boundaries');
      // ECharts' own GeoJSON type is stricter than what the server's schema promises.
      echarts.registerMap(DISTRICT_MAP, {
        type: 'FeatureCollection',
        features: features.map((f) => ({ ...f, properties: { name: String(f.properties.id) } })),
      } as unknown as Parameters<typeof echarts.registerMap>[1]);
      return features;
    })
    .catch((error: unknown) => {
      loaded = null;
      throw error;
    });
  return loaded;
}

/** Each district's name in the language shown, by its id as the map names it. */
export function districtNames(
  features: readonly DistrictFeature[],
  locale: string,
): Map<string, string> {
  return new Map(
    features.map((f) => [
      String(f.properties.id),
      locale === 'en' ? (f.properties.nameEn ?? f.properties.name) : f.properties.name,
    ]),
  );
}

/** On a small map "Naxi" says enough; the tooltip keeps "Naxi District". */
export const mapLabel = (name: string): string => name.replace(/ (District|County)$/, '');

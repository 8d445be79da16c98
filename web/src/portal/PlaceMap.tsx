import { ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useI18n } from '../i18n';
import {
  DISTRICT_MAP,
  districtNames,
  loadDistrictMap,
  mapLabel,
  type DistrictFeature,
  type Ring,
} from '../ui/district-map';

// Only what the map needs; this chunk loads after the form is usable.
echarts.use([GeoComponent, ScatterChart, TooltipComponent, CanvasRenderer]);

export interface PickedPlace {
  lat: number;
  lng: number;
  /** The district whose boundary holds the point, or null outside every district. */
  districtId: number | null;
}

/** Ray casting: whether the point is inside the ring. */
function inRing([x, y]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside its holes. */
const inPolygon = (point: [number, number], rings: Ring[]) =>
  rings.length > 0 &&
  inRing(point, rings[0]!) &&
  !rings.slice(1).some((hole) => inRing(point, hole));

export function districtAt(
  features: readonly DistrictFeature[],
  point: [number, number],
): number | null {
  for (const feature of features) {
    const polygons =
      feature.geometry.type === 'Polygon'
        ? [feature.geometry.coordinates]
        : feature.geometry.coordinates;
    if (polygons.some((rings) => inPolygon(point, rings))) return feature.properties.id;
  }
  return null;
}

/**
 * The city's districts drawn from their public boundaries (no tile server): a tap puts a pin
 * where the matter is and chooses the district it falls in. The district select and the
 * "use my location" button do the same without a pointer.
 */
export default function PlaceMap({
  picked,
  onPick,
}: {
  picked: { lat: number; lng: number } | null;
  onPick: (place: PickedPlace) => void;
}) {
  const { t, locale } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [features, setFeatures] = useState<DistrictFeature[] | null>(null);
  const [failed, setFailed] = useState(false);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const featuresRef = useRef<DistrictFeature[]>([]);
  // A tap (or a click) picks the place; a drag or a pinch only moves and zooms the map.
  const down = useRef<{ x: number; y: number; pointers: number } | null>(null);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    down.current = {
      x: event.clientX,
      y: event.clientY,
      pointers: (down.current?.pointers ?? 0) + 1,
    };
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    const start = down.current;
    down.current = null;
    const instance = chart.current;
    if (!start || !instance || start.pointers > 1) return;
    if (Math.hypot(event.clientX - start.x, event.clientY - start.y) > 8) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const at = instance.convertFromPixel({ geoIndex: 0 }, [
      event.clientX - rect.left,
      event.clientY - rect.top,
    ]) as [number, number] | undefined;
    if (!at || !Number.isFinite(at[0]) || !Number.isFinite(at[1])) return;
    const point: [number, number] = [Number(at[0].toFixed(6)), Number(at[1].toFixed(6))];
    pickRef.current({
      lng: point[0],
      lat: point[1],
      districtId: districtAt(featuresRef.current, point),
    });
  };

  useEffect(() => {
    const controller = new AbortController();
    loadDistrictMap()
      .then((features) => {
        if (controller.signal.aborted || !box.current) return;
        chart.current = echarts.init(box.current, undefined, { renderer: 'canvas' });
        featuresRef.current = features;
        setFeatures(features);
      })
      .catch(() => !controller.signal.aborted && setFailed(true));
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      controller.abort();
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!features || !chart.current) return;
    const names = districtNames(features, locale);
    chart.current.setOption({
      tooltip: { trigger: 'item' },
      geo: {
        map: DISTRICT_MAP,
        nameMap: Object.fromEntries(names),
        tooltip: { show: true },
        roam: true,
        scaleLimit: { min: 1, max: 12 },
        layoutCenter: ['50%', '50%'],
        layoutSize: '98%',
        label: {
          show: true,
          fontSize: 10,
          color: '#374151',
          formatter: (p: { name: string }) => mapLabel(p.name),
        },
        itemStyle: { areaColor: '#eef1f5', borderColor: '#9aa3af', borderWidth: 0.8 },
        emphasis: { itemStyle: { areaColor: '#fbeaea' }, label: { color: '#8e1b22' } },
      },
      series: [
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          symbol: 'pin',
          symbolSize: 28,
          itemStyle: { color: '#b4232c' },
          data: picked ? [[picked.lng, picked.lat]] : [],
          silent: true,
        },
      ],
    });
  }, [features, locale, picked]);

  if (failed) return null;
  return (
    <div
      ref={box}
      className="portal-map"
      role="img"
      aria-label={t('portal.file.map.label')}
      aria-busy={!features}
      onPointerDown={onPointerDown}
      onPointerUp={onPointerUp}
      onPointerCancel={() => (down.current = null)}
    />
  );
}

import { MapChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { District } from './reference-data';

// Only the map chart and the canvas renderer: this chunk is loaded after the screen is usable.
echarts.use([MapChart, TooltipComponent, CanvasRenderer]);

const MAP_NAME = 'openhotline-operator-districts';

interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown[];
}

/** The districts' jurisdictions (GeoJSON from the server) as one feature collection, named by id. */
async function loadShapes(districts: readonly District[], signal: AbortSignal) {
  const shapes = await Promise.all(
    districts
      .filter((d) => d.hasJurisdiction)
      .map(async (d) => {
        const { jurisdiction } = await api<{ jurisdiction: Geometry | null }>(
          'GET',
          `/units/${d.id}/jurisdiction`,
          undefined,
          { signal },
        );
        return jurisdiction
          ? { type: 'Feature' as const, properties: { name: String(d.id) }, geometry: jurisdiction }
          : null;
      }),
  );
  return { type: 'FeatureCollection' as const, features: shapes.filter((s) => s !== null) };
}

/**
 * The district map (Apache ECharts, drawn from the server's jurisdiction polygons, no tile
 * server): a click chooses the district. The district select beside it does the same by keyboard.
 */
export default function DistrictMap({
  districts,
  selectedId,
  onSelect,
}: {
  districts: readonly District[];
  selectedId: number | null;
  onSelect: (districtId: number) => void;
}) {
  const { t, locale } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  useEffect(() => {
    const controller = new AbortController();
    loadShapes(districts, controller.signal)
      .then((shapes) => {
        if (controller.signal.aborted || !box.current) return;
        // ECharts' own GeoJSON type is stricter than what the server's schema promises.
        echarts.registerMap(
          MAP_NAME,
          shapes as unknown as Parameters<typeof echarts.registerMap>[1],
        );
        const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
        instance.on('click', (params) => {
          const id = Number(params.name);
          if (Number.isInteger(id)) selectRef.current(id);
        });
        chart.current = instance;
        setLoaded(true);
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
  }, [districts]);

  useEffect(() => {
    if (!loaded || !chart.current) return;
    // On the small map "Naxi" says enough; the tooltip keeps "Naxi District".
    const names = new Map(
      districts.map((d) => [String(d.id), locale === 'en' ? d.nameEn : d.name]),
    );
    const labels = new Map(
      [...names].map(([id, name]) => [
        id,
        locale === 'en' ? name.replace(/ (District|County)$/, '') : name,
      ]),
    );
    chart.current.setOption({
      tooltip: { trigger: 'item', formatter: (p: { name: string }) => names.get(p.name) ?? '' },
      series: [
        {
          type: 'map',
          map: MAP_NAME,
          selectedMode: 'single',
          roam: false,
          layoutCenter: ['50%', '50%'],
          layoutSize: '98%',
          label: {
            show: true,
            fontSize: 10,
            color: '#374151',
            formatter: (p: { name: string }) => labels.get(p.name) ?? '',
          },
          itemStyle: { areaColor: '#eef1f5', borderColor: '#9aa3af', borderWidth: 0.8 },
          emphasis: { itemStyle: { areaColor: '#fbeaea' }, label: { color: '#8e1b22' } },
          select: {
            itemStyle: { areaColor: '#b4232c' },
            label: { color: '#ffffff', fontWeight: 'bold' },
          },
          data: districts.map((d) => ({ name: String(d.id) })),
        },
      ],
    });
  }, [loaded, districts, locale]);

  // The selection follows the district select (a merged `selected` flag in the data would not
  // clear the previous district, so the selection is set by actions).
  useEffect(() => {
    const instance = chart.current;
    if (!loaded || !instance) return;
    instance.dispatchAction({
      type: 'unselect',
      seriesIndex: 0,
      dataIndex: districts.map((_, index) => index),
    });
    if (selectedId !== null)
      instance.dispatchAction({ type: 'select', seriesIndex: 0, name: String(selectedId) });
  }, [loaded, districts, selectedId, locale]);

  if (failed) return null;
  return (
    <div
      ref={box}
      className="op-map"
      role="img"
      aria-label={t('op.map.label')}
      aria-busy={!loaded}
    />
  );
}

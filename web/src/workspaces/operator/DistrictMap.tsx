import { MapChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { DISTRICT_MAP, loadDistrictMap, mapLabel } from '../../ui/district-map';
import type { District } from './reference-data';

// Only the map chart and the canvas renderer: this chunk is loaded after the screen is usable.
echarts.use([MapChart, TooltipComponent, CanvasRenderer]);

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
    loadDistrictMap()
      .then(() => {
        if (controller.signal.aborted || !box.current) return;
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
    const names = new Map(
      districts.map((d) => [String(d.id), locale === 'en' ? d.nameEn : d.name]),
    );
    chart.current.setOption({
      tooltip: { trigger: 'item', formatter: (p: { name: string }) => names.get(p.name) ?? '' },
      series: [
        {
          type: 'map',
          map: DISTRICT_MAP,
          selectedMode: 'single',
          roam: false,
          layoutCenter: ['50%', '50%'],
          layoutSize: '98%',
          label: {
            show: true,
            fontSize: 10,
            color: '#374151',
            formatter: (p: { name: string }) => mapLabel(names.get(p.name) ?? ''),
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

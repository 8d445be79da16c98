import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { useLoad } from '../../ui/data';
import { DISTRICT_MAP, districtNames, loadDistrictMap, mapLabel } from '../../ui/district-map';
import { EChart } from '../supervision/dashboard/EChart';

/**
 * The districts (GeoJSON from /public/districts/map) coloured by their appeals; a district with
 * an open alert has a red border. A click filters the page by that district (the district select
 * above does the same from the keyboard).
 *
 * The chart is drawn by the dashboard's EChart, mounted only once the boundaries are registered:
 * its box exists and has its size when ECharts initialises, so nothing is drawn into a box that
 * is not there yet.
 */
export default function AnalysisMap({
  counts,
  alerted,
  selectedId,
  onSelect,
}: {
  counts: ReadonlyMap<number, number>;
  alerted: ReadonlySet<number>;
  selectedId: number | null;
  onSelect: (districtId: number | null) => void;
}) {
  const { t, locale } = useI18n();
  const districts = useLoad(loadDistrictMap, []);
  const option = useMemo(() => {
    const features = districts.data ?? [];
    const names = districtNames(features, locale);
    const max = Math.max(1, ...counts.values());
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value?: number }) =>
          `${names.get(p.name) ?? ''}: ${Number.isFinite(p.value) ? p.value : 0}`,
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max,
        left: 8,
        bottom: 8,
        calculable: false,
        itemHeight: 100,
        text: [String(max), '0'],
        textStyle: { fontSize: 11 },
        inRange: { color: ['#fdf1e6', '#f2a65a', '#b4232c'] },
      },
      series: [
        {
          type: 'map',
          map: DISTRICT_MAP,
          roam: false,
          layoutCenter: ['55%', '50%'],
          layoutSize: '95%',
          selectedMode: false,
          label: {
            show: true,
            fontSize: 11,
            color: '#1f2328',
            formatter: (p: { name: string }) => mapLabel(names.get(p.name) ?? ''),
          },
          emphasis: { itemStyle: { areaColor: '#ffd88a' }, label: { color: '#1f2328' } },
          data: features.map((f) => {
            const alert = alerted.has(f.properties.id);
            const selected = f.properties.id === selectedId;
            return {
              name: String(f.properties.id),
              value: counts.get(f.properties.id) ?? 0,
              itemStyle: alert
                ? { borderColor: '#d40000', borderWidth: 3 }
                : selected
                  ? { borderColor: '#1d5fd1', borderWidth: 2.5 }
                  : { borderColor: '#6b7280', borderWidth: 0.8 },
            };
          }),
        },
      ],
    };
  }, [districts.data, counts, alerted, selectedId, locale]);

  if (districts.error) return <p className="muted">{t('an.map.failed')}</p>;
  if (!districts.data) return <div className="an-map" aria-busy="true" />;
  return (
    <EChart
      className="an-map"
      option={option}
      label={t('an.map.label')}
      onClick={(click) => {
        const id = Number(click.name);
        if (Number.isInteger(id)) onSelect(id);
      }}
    />
  );
}

import { useMemo } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { useLoad } from '../../ui/data';
import { EChart, echarts } from '../supervision/dashboard/EChart';

const MAP_NAME = 'openhotline-analysis-districts';

interface Feature {
  type: 'Feature';
  properties: { id: number; name: string; nameEn: string | null };
  geometry: unknown;
}

/** The districts' public boundaries, registered under this page's map name. */
async function loadDistricts(signal: AbortSignal): Promise<Feature[]> {
  const map = await api<{ features: Feature[] }>('GET', '/public/districts/map', undefined, {
    signal,
  });
  echarts.registerMap(MAP_NAME, {
    type: 'FeatureCollection',
    features: map.features.map((f) => ({ ...f, properties: { name: String(f.properties.id) } })),
  } as unknown as Parameters<typeof echarts.registerMap>[1]);
  return map.features;
}

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
  const districts = useLoad(loadDistricts, []);
  const option = useMemo(() => {
    const features = districts.data ?? [];
    const names = new Map(
      features.map((f) => [
        String(f.properties.id),
        locale === 'en' ? (f.properties.nameEn ?? f.properties.name) : f.properties.name,
      ]),
    );
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
          map: MAP_NAME,
          roam: false,
          layoutCenter: ['55%', '50%'],
          layoutSize: '95%',
          selectedMode: false,
          label: {
            show: true,
            fontSize: 11,
            color: '#1f2328',
            formatter: (p: { name: string }) =>
              (names.get(p.name) ?? '').replace(/ (District|County)$/, ''),
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

import { useMemo } from 'react';
import { useI18n } from '../../../i18n';
import { useLoad } from '../../../ui/data';
import { DISTRICT_MAP, districtNames, loadDistrictMap, mapLabel } from '../../../ui/district-map';
import { MEASURES, valueOf, type Measure, type MeasureRow } from './dashboard-api';
import { EChart } from './EChart';
import { useMeasureFormat } from './format';

// Light to dark: more of a good measure is greener, more of a bad one redder.
const GOOD = ['#e8f3ec', '#a7d3b5', '#4f9e6c', '#1f6b3d'];
const BAD = ['#fbeaea', '#f0a9a9', '#d65454', '#8e1b22'];

/**
 * The districts coloured by one measure, with its legend (low to high); a click on a district,
 * or the select beside it, lists the tickets behind the district's figure.
 */
export function MeasureMap({
  rows,
  measure,
  onPick,
}: {
  rows: MeasureRow[];
  measure: Measure;
  onPick: (row: MeasureRow) => void;
}) {
  const { t, locale } = useI18n();
  const f = useMeasureFormat();
  const districts = useLoad(loadDistrictMap, []);
  const byKey = useMemo(() => new Map(rows.map((row) => [row.key, row])), [rows]);
  const option = useMemo(() => {
    const features = districts.data ?? [];
    const values = features
      .map((feature) => {
        const row = byKey.get(String(feature.properties.id));
        return row ? valueOf(row, measure) : null;
      })
      .filter((v): v is number => v !== null);
    const kind = MEASURES[measure].kind;
    const scale = (v: number) =>
      kind === 'rate' ? Math.round(v * 1000) / 10 : Math.round(v * 10) / 10;
    const min = values.length ? scale(Math.min(...values)) : 0;
    const max = values.length ? scale(Math.max(...values)) : 1;
    const names = districtNames(features, locale);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string }) => {
          const row = byKey.get(p.name);
          const value = row ? valueOf(row, measure) : null;
          return `${names.get(p.name) ?? ''}<br/>${f.label(measure)}: ${f.value(measure, value)}`;
        },
      },
      visualMap: {
        type: 'continuous',
        min,
        max: max === min ? min + 1 : max,
        left: 8,
        bottom: 8,
        itemHeight: 110,
        calculable: false,
        text: [t('svd.map.high'), t('svd.map.low')],
        formatter: (v: number) =>
          kind === 'rate' ? `${v.toFixed(1)}%` : v.toFixed(kind === 'count' ? 0 : 1),
        inRange: { color: MEASURES[measure].worseWhenHigher ? BAD : GOOD },
        outOfRange: { color: '#eef1f5' },
        textStyle: { fontSize: 11 },
      },
      series: [
        {
          type: 'map',
          map: DISTRICT_MAP,
          roam: false,
          layoutCenter: ['55%', '50%'],
          layoutSize: '95%',
          label: {
            show: true,
            fontSize: 11,
            color: '#1f2328',
            formatter: (p: { name: string }) => mapLabel(names.get(p.name) ?? ''),
          },
          itemStyle: { borderColor: '#6b7280', borderWidth: 0.8, areaColor: '#eef1f5' },
          emphasis: { itemStyle: { areaColor: '#ffd88a' }, label: { color: '#1f2328' } },
          select: { disabled: true },
          data: features.map((feature) => {
            const row = byKey.get(String(feature.properties.id));
            const value = row ? valueOf(row, measure) : null;
            return {
              name: String(feature.properties.id),
              value: value === null ? NaN : scale(value),
            };
          }),
        },
      ],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [districts.data, byKey, measure, locale]);
  const label = t('svd.map.label', { measure: f.label(measure) });
  if (districts.error) return null;
  return (
    <div className="svd-map-box">
      {districts.data ? (
        <EChart
          className="svd-map"
          option={option}
          label={label}
          onClick={(click) => {
            const row = byKey.get(click.name);
            if (row) onPick(row);
          }}
        />
      ) : (
        <div className="svd-chart svd-map" aria-busy="true" />
      )}
      <label className="svd-map-select">
        {t('svd.map.select')}{' '}
        <select
          value=""
          onChange={(event) => {
            const row = byKey.get(event.target.value);
            if (row) onPick(row);
          }}
        >
          <option value="">—</option>
          {rows.map((row) => (
            <option key={row.key} value={row.key}>
              {locale === 'en' ? (row.labelEn ?? row.label) : row.label} ·{' '}
              {f.value(measure, valueOf(row, measure))}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

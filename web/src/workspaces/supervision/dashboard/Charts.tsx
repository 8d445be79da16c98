import { useMemo } from 'react';
import { useI18n } from '../../../i18n';
import { MEASURES, valueOf, type Measure, type MeasureRow } from './dashboard-api';
import { EChart, type ChartClick } from './EChart';
import { useMeasureFormat } from './format';

/** A rate as a percent on the chart's axis; other measures as they are. */
const chartValue = (row: MeasureRow, measure: Measure): number | null => {
  const value = valueOf(row, measure);
  if (value === null) return null;
  return MEASURES[measure].kind === 'rate'
    ? Math.round(value * 1000) / 10
    : Math.round(value * 10) / 10;
};

const axisLabel = (measure: Measure) =>
  MEASURES[measure].kind === 'rate' ? { formatter: '{value}%' } : {};

const rowName = (row: MeasureRow, locale: string) =>
  locale === 'en' ? (row.labelEn ?? row.label) : row.label;

/** The measure over time (a line, or bars for a count); a click lists that day's tickets. */
export function TrendChart({
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
  const option = useMemo(
    () => ({
      grid: { left: 48, right: 16, top: 24, bottom: 28 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: rows.map((row) =>
          /^\d{4}-\d\d-\d\d$/.test(row.key) ? row.key.slice(5) : rowName(row, locale),
        ),
      },
      yAxis: {
        type: 'value',
        axisLabel: axisLabel(measure),
        ...(MEASURES[measure].kind === 'rate' ? { max: 100 } : {}),
      },
      series: [
        {
          type: MEASURES[measure].kind === 'count' ? 'bar' : 'line',
          name: f.label(measure),
          data: rows.map((row) => chartValue(row, measure)),
          connectNulls: true,
          symbolSize: 8,
          itemStyle: { color: '#1f5fa8' },
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, measure, locale],
  );
  return (
    <EChart
      className="svd-trend"
      option={option}
      label={t('svd.trend.label', { measure: f.label(measure) })}
      onClick={(click: ChartClick) => {
        const row = rows[click.dataIndex];
        if (row) onPick(row);
      }}
    />
  );
}

/** The measure per category as horizontal bars, largest first; a click lists its tickets. */
export function CategoryChart({
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
  const shown = useMemo(
    () =>
      [...rows]
        .filter((row) => valueOf(row, measure) !== null)
        .sort((a, b) => (valueOf(b, measure) ?? 0) - (valueOf(a, measure) ?? 0))
        .slice(0, 15)
        .reverse(),
    [rows, measure],
  );
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', axisLabel: axisLabel(measure) },
      yAxis: {
        type: 'category',
        data: shown.map((row) => rowName(row, locale)),
        axisLabel: { width: 140, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: f.label(measure),
          data: shown.map((row) => chartValue(row, measure)),
          itemStyle: { color: MEASURES[measure].worseWhenHigher ? '#b4232c' : '#2e7d4f' },
          label: { show: true, position: 'right', fontSize: 11 },
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [shown, measure, locale],
  );
  return (
    <EChart
      className="svd-categories"
      option={option}
      label={t('svd.categories.label', { measure: f.label(measure) })}
      onClick={(click) => {
        const row = shown[click.dataIndex];
        if (row) onPick(row);
      }}
    />
  );
}

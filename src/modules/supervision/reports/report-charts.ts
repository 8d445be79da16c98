// The report's charts as inline SVG, drawn by Apache ECharts' server-side renderer
// (https://echarts.apache.org/handbook/en/how-to/cross-platform/server/): no canvas, no browser.
import * as echarts from 'echarts';
import type { MeasureRow } from './contract.js';
import { wordsFor, type ReportLang } from './report-text.js';

const FONT = '"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif';
const COLORS = ['#1f5fa8', '#b4232c', '#2e8540', '#c47f00', '#6b4fa0'];

function renderSvg(width: number, height: number, option: echarts.EChartsCoreOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: FONT },
      color: COLORS,
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);
const label = (lang: ReportLang, row: MeasureRow) =>
  lang === 'en' ? (row.labelEn ?? row.label) : row.label;

/** Contacts per day (bars) and the three rates with on-time completion (lines, in %). */
export function trendChartSvg(rows: readonly MeasureRow[], lang: ReportLang): string {
  const w = wordsFor(lang);
  const rates = ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeRate'] as const;
  return renderSvg(720, 300, {
    legend: { top: 0, textStyle: { fontSize: 11 } },
    grid: { left: 48, right: 48, top: 36, bottom: 32 },
    xAxis: {
      type: 'category',
      data: rows.map((row) =>
        /^\d{4}-\d\d-\d\d$/.test(row.key) ? row.key.slice(5) : label(lang, row),
      ),
      axisLabel: { fontSize: 10 },
    },
    yAxis: [
      { type: 'value', name: w('contacts'), minInterval: 1, nameTextStyle: { fontSize: 10 } },
      {
        type: 'value',
        min: 0,
        max: 100,
        axisLabel: { formatter: '{value}%' },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: 'bar',
        name: w('contacts'),
        data: rows.map((row) => row.counts.contacts),
        itemStyle: { color: '#c9d6e8' },
      },
      ...rates.map((rate) => ({
        type: 'line',
        name: w(rate),
        yAxisIndex: 1,
        connectNulls: true,
        symbolSize: 4,
        data: rows.map((row) => percent(row.rates[rate])),
      })),
    ],
  });
}

/** Contacts per category, most first, as horizontal bars. */
export function categoryChartSvg(rows: readonly MeasureRow[], lang: ReportLang): string {
  const w = wordsFor(lang);
  const shown = [...rows].reverse(); // ECharts draws the first category at the bottom
  return renderSvg(720, Math.max(120, 28 * rows.length + 50), {
    grid: { left: 160, right: 48, top: 10, bottom: 28 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: shown.map((row) => label(lang, row)),
      axisLabel: { fontSize: 11, width: 150, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: w('contacts'),
        data: shown.map((row) => row.counts.contacts),
        label: { show: true, position: 'right', fontSize: 10 },
      },
    ],
  });
}

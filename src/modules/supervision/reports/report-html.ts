// The monthly report as one self-contained, printable HTML page (A4): inline CSS, charts as
// inline SVG, no script, no outside resource, so it prints the same in any browser and in
// Chromium's --print-to-pdf. Pure: no I/O.
import type { MeasureRow, RankingRow, RankingsView } from './contract.js';
import type { MonthlyReport } from './monthly-report.js';
import { categoryChartSvg, trendChartSvg } from './report-charts.js';
import { unitTypeName, wordsFor, type ReportLang, type WordKey } from './report-text.js';

/** Text safe in HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

const DASH = '—';

/** 0.8532 → "85.3%" (null → "—"). */
export const formatRate = (value: number | null): string =>
  value === null ? DASH : `${(value * 100).toFixed(1)}%`;
const formatScore = (value: number | null): string => (value === null ? DASH : value.toFixed(1));
const formatHours = (value: number | null): string => (value === null ? DASH : value.toFixed(1));

type FigureKind = 'rate' | 'count' | 'hours' | 'score';
interface Figure {
  key: WordKey;
  kind: FigureKind;
  value: (row: MeasureRow) => number | null;
}

const FIGURES: Figure[] = [
  { key: 'contacts', kind: 'count', value: (r) => r.counts.contacts },
  { key: 'directAnswerRate', kind: 'rate', value: (r) => r.rates.directAnswerRate },
  { key: 'signOnTimeRate', kind: 'rate', value: (r) => r.rates.signOnTimeRate },
  { key: 'onTimeRate', kind: 'rate', value: (r) => r.rates.onTimeRate },
  { key: 'responseRate', kind: 'rate', value: (r) => r.rates.responseRate },
  { key: 'resolutionRate', kind: 'rate', value: (r) => r.rates.resolutionRate },
  { key: 'satisfactionRate', kind: 'rate', value: (r) => r.rates.satisfactionRate },
  { key: 'compositeScore', kind: 'score', value: (r) => r.rates.compositeScore },
  { key: 'returnRate', kind: 'rate', value: (r) => r.rates.returnRate },
  { key: 'reopenRate', kind: 'rate', value: (r) => r.rates.reopenRate },
  { key: 'overdueCount', kind: 'count', value: (r) => r.counts.overdue },
  { key: 'averageHandlingHours', kind: 'hours', value: (r) => r.averageHandlingHours },
];

function formatFigure(kind: FigureKind, value: number | null, lang: ReportLang): string {
  if (kind === 'rate') return formatRate(value);
  if (kind === 'score') return formatScore(value);
  if (kind === 'hours') return formatHours(value);
  return value === null ? DASH : value.toLocaleString(lang);
}

/** The change from the previous month: percentage points for rates, a relative % otherwise. */
export function formatChange(
  kind: FigureKind,
  now: number | null,
  before: number | null,
  lang: ReportLang,
): string {
  if (now === null || before === null) return DASH;
  const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');
  if (kind === 'rate') {
    const points = (now - before) * 100;
    return `${sign(points)}${Math.abs(points).toFixed(1)}${lang === 'en' ? ' pp' : '个百分点'}`;
  }
  if (kind === 'score') return `${sign(now - before)}${Math.abs(now - before).toFixed(1)}`;
  if (before === 0) return now === 0 ? '±0' : DASH;
  const relative = ((now - before) / before) * 100;
  return `${sign(relative)}${Math.abs(relative).toFixed(1)}%`;
}

const cell = (text: string, numeric = false) =>
  `<td${numeric ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;
const head = (texts: string[]) =>
  `<thead><tr>${texts.map((t) => `<th>${escapeHtml(t)}</th>`).join('')}</tr></thead>`;

function keyFigures(report: MonthlyReport, lang: ReportLang): string {
  const w = wordsFor(lang);
  const rows = FIGURES.map((figure) => {
    const now = figure.value(report.current);
    const before = figure.value(report.previous);
    return (
      `<tr><th scope="row">${escapeHtml(w(figure.key))}</th>` +
      cell(formatFigure(figure.kind, now, lang), true) +
      cell(formatFigure(figure.kind, before, lang), true) +
      cell(formatChange(figure.kind, now, before, lang), true) +
      `</tr>`
    );
  }).join('');
  return `<table class="figures">${head([w('measure'), w('value'), w('previous'), w('change')])}<tbody>${rows}</tbody></table>`;
}

const name = (lang: ReportLang, row: { label: string; labelEn: string | null }) =>
  lang === 'en' ? (row.labelEn ?? row.label) : row.label;

function categoryTable(rows: readonly MeasureRow[], lang: ReportLang): string {
  const w = wordsFor(lang);
  const body = rows
    .map(
      (row) =>
        `<tr>${cell(name(lang, row))}${cell(row.counts.contacts.toLocaleString(lang), true)}` +
        `${cell(formatRate(row.rates.onTimeRate), true)}${cell(formatRate(row.rates.satisfactionRate), true)}` +
        `${cell(row.counts.overdue.toLocaleString(lang), true)}</tr>`,
    )
    .join('');
  return `<table>${head([w('categoryName'), w('contacts'), w('onTimeRate'), w('satisfactionRate'), w('overdue')])}<tbody>${body}</tbody></table>`;
}

function rankingTable(rows: readonly RankingRow[], lang: ReportLang): string {
  const w = wordsFor(lang);
  const body = rows
    .map(
      (row) =>
        `<tr>${cell(row.rank === null ? DASH : String(row.rank), true)}` +
        `${cell(lang === 'en' ? (row.unitNameEn ?? row.unitName) : row.unitName)}` +
        `${cell(formatScore(row.compositeScore), true)}${cell(formatRate(row.responseRate), true)}` +
        `${cell(formatRate(row.resolutionRate), true)}${cell(formatRate(row.satisfactionRate), true)}` +
        `${cell(formatRate(row.onTimeRate), true)}${cell(String(row.overdue), true)}` +
        `${cell(String(row.evaluated), true)}</tr>`,
    )
    .join('');
  const columns: WordKey[] = [
    'rank',
    'unitName',
    'compositeScore',
    'responseRate',
    'resolutionRate',
    'satisfactionRate',
    'onTimeRate',
    'overdue',
    'evaluated',
  ];
  return `<table class="ranking">${head(columns.map((c) => w(c)))}<tbody>${body}</tbody></table>`;
}

/** A weight as a whole percent, whether the weights are fractions (0.3) or percents (30). */
function asPercent(weight: number, all: RankingsView['weights']): number {
  const sum = all.response + all.resolution + all.satisfaction;
  return Math.round(sum <= 1.5 ? weight * 100 : weight);
}

function rankings(view: RankingsView, lang: ReportLang, formatAt: (iso: string) => string): string {
  const w = wordsFor(lang);
  const state =
    view.state === 'published' && view.publishedAt
      ? `<p class="state published">${escapeHtml(w('published', { at: formatAt(view.publishedAt) }))}</p>`
      : `<p class="state draft">${escapeHtml(w('draft'))}</p>`;
  const weights = `<p class="muted">${escapeHtml(
    w('weights', {
      response: asPercent(view.weights.response, view.weights),
      resolution: asPercent(view.weights.resolution, view.weights),
      satisfaction: asPercent(view.weights.satisfaction, view.weights),
    }),
  )}</p>`;
  const groups = view.groups
    .map(
      (group) =>
        `<h3>${escapeHtml(unitTypeName(lang, group.unitType))}</h3>` +
        (group.rows.length
          ? rankingTable(group.rows, lang)
          : `<p class="muted">${escapeHtml(w('noData'))}</p>`),
    )
    .join('');
  return state + weights + groups;
}

function overdueUnits(rows: readonly MeasureRow[], lang: ReportLang): string {
  const w = wordsFor(lang);
  if (rows.length === 0) return `<p class="muted">${escapeHtml(w('noData'))}</p>`;
  const body = rows
    .map(
      (row, index) =>
        `<tr>${cell(String(index + 1), true)}${cell(name(lang, row))}${cell(String(row.counts.overdue), true)}` +
        `${cell(formatRate(row.rates.onTimeRate), true)}${cell(String(row.counts.due), true)}</tr>`,
    )
    .join('');
  return `<table>${head(['#', w('unitName'), w('overdueCount'), w('onTimeRate'), w('due')])}<tbody>${body}</tbody></table>`;
}

const CSS = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
  color: #1f2933; font-size: 10.5pt; line-height: 1.45; margin: 0 auto; max-width: 186mm; padding: 8mm 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; color: #8e1b22; }
h2 { font-size: 13pt; border-bottom: 2px solid #b4232c; padding-bottom: 1mm; margin: 6mm 0 3mm; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; }
.muted { color: #5f6b7a; font-size: 9pt; }
table { width: 100%; border-collapse: collapse; margin: 0 0 4mm; font-size: 9.5pt; }
th, td { border: 1px solid #cfd6de; padding: 1.2mm 2mm; text-align: left; }
thead th { background: #f1f3f6; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.figures th[scope=row] { font-weight: normal; }
.chart svg { width: 100%; height: auto; display: block; }
.state { display: inline-block; padding: 1mm 3mm; border-radius: 2mm; font-weight: bold; }
.state.published { background: #e3f1e6; color: #1e6b30; }
.state.draft { background: #fdf0d5; color: #8a5a00; }
section.break { break-before: page; }
@media screen { body { padding: 12mm; } }
`;

/** The report as one printable HTML page in `lang`; times shown in `timeZone`. */
export function renderReportHtml(
  report: MonthlyReport,
  lang: ReportLang,
  timeZone: string,
): string {
  const w = wordsFor(lang);
  const formatAt = (iso: string) =>
    new Intl.DateTimeFormat(lang, {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(iso));
  const scope = name(lang, report.scope);
  const title = w('reportTitle', { scope, month: report.month });
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body>
<header><h1>${escapeHtml(title)}</h1><p class="muted">${escapeHtml(w('generated', { at: formatAt(report.generatedAt) }))}</p></header>
<section id="key-figures"><h2>${escapeHtml(w('keyFigures'))}</h2>${keyFigures(report, lang)}</section>
<section id="trend"><h2>${escapeHtml(w('trend'))}</h2><p class="muted">${escapeHtml(w('trendNote'))}</p>
<div class="chart">${report.trend.length ? trendChartSvg(report.trend, lang) : `<p class="muted">${escapeHtml(w('noData'))}</p>`}</div></section>
<section id="categories" class="break"><h2>${escapeHtml(w('categories'))}</h2>
<p class="muted">${escapeHtml(w('categoryNote', { count: report.categories.length }))}</p>
${report.categories.length ? `<div class="chart">${categoryChartSvg(report.categories, lang)}</div>${categoryTable(report.categories, lang)}` : `<p class="muted">${escapeHtml(w('noData'))}</p>`}</section>
<section id="rankings" class="break"><h2>${escapeHtml(w('rankings'))}</h2>${rankings(report.rankings, lang, formatAt)}</section>
<section id="overdue-units"><h2>${escapeHtml(w('overdueUnits'))}</h2>${overdueUnits(report.overdueUnits, lang)}</section>
</body>
</html>
`;
}

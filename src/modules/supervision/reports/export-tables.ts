// The dashboard's tables as export tables (CSV/XLSX): measures by any dimension, the ranking
// of a month, and the tickets behind a figure. Pure: no I/O.
import {
  COUNT_NAMES,
  RATE_NAMES,
  type DrillDownResult,
  type MeasureRow,
  type MeasuresResult,
  type RankingsView,
} from './contract.js';
import { unitTypeName, wordsFor, type ReportLang } from './report-text.js';
import type { Cell, Column, Table } from './table.js';

const label = (lang: ReportLang, row: { label: string; labelEn: string | null }) =>
  lang === 'en' ? (row.labelEn ?? row.label) : row.label;

/** Every count, rate and the average handling time of each row, then the total. */
export function measuresTable(result: MeasuresResult, lang: ReportLang): Table {
  const w = wordsFor(lang);
  const columns: Column[] = [
    { header: w('key'), format: 'text' },
    { header: w('label'), format: 'text' },
    ...RATE_NAMES.map((name): Column => ({
      header: w(name),
      format: name === 'compositeScore' ? 'decimal' : 'percent',
    })),
    { header: w('averageHandlingHours'), format: 'decimal' },
    ...COUNT_NAMES.map((name): Column => ({ header: w(name), format: 'integer' })),
  ];
  const line = (row: MeasureRow, name: string): Cell[] => [
    row.key,
    name,
    ...RATE_NAMES.map((rate) => row.rates[rate]),
    row.averageHandlingHours,
    ...COUNT_NAMES.map((count) => row.counts[count]),
  ];
  return {
    name: `measures-${result.by}-${result.from}-${result.to}`,
    columns,
    rows: [
      ...result.rows.map((row) => line(row, label(lang, row))),
      line(result.total, w('total')),
    ],
  };
}

/** The ranking of every unit type, one row per unit, with its type first. */
export function rankingsTable(view: RankingsView, lang: ReportLang): Table {
  const w = wordsFor(lang);
  const rates = [
    'responseRate',
    'resolutionRate',
    'satisfactionRate',
    'onTimeRate',
    'returnRate',
    'reopenRate',
  ] as const;
  const columns: Column[] = [
    { header: w('unitType'), format: 'text' },
    { header: w('rank'), format: 'integer' },
    { header: w('unitName'), format: 'text' },
    { header: w('compositeScore'), format: 'decimal' },
    ...rates.map((name): Column => ({ header: w(name), format: 'percent' })),
    { header: w('evaluated'), format: 'integer' },
    { header: w('overdue'), format: 'integer' },
  ];
  const rows = view.groups.flatMap((group) =>
    group.rows.map((row): Cell[] => [
      unitTypeName(lang, group.unitType),
      row.rank,
      lang === 'en' ? (row.unitNameEn ?? row.unitName) : row.unitName,
      row.compositeScore,
      ...rates.map((name) => row[name]),
      row.evaluated,
      row.overdue,
    ]),
  );
  return { name: `rankings-${view.month}`, columns, rows };
}

/** The tickets behind a figure, each with its number, title and where it stands. */
export function ticketsTable(result: DrillDownResult, lang: ReportLang, name: string): Table {
  const w = wordsFor(lang);
  const keys = [
    'number',
    'title',
    'status',
    'channel',
    'categoryName',
    'districtName',
    'unitName',
    'createdAt',
  ] as const;
  return {
    name,
    columns: keys.map((key): Column => ({ header: w(key), format: 'text' })),
    rows: result.items.map((item) => keys.map((key) => item[key])),
  };
}

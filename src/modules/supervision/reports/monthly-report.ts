// The monthly supervision report's data (月度督办考核报告), gathered from the measures and the
// ranking as the viewer may see them.
import { ValidationError } from '../../../platform/errors.js';
import type { MeasureFilters, MeasureRow, MeasuresReader, RankingsView } from './contract.js';

export interface MonthlyReport {
  /** YYYY-MM */
  month: string;
  /** The city, or the coordinator's district. */
  scope: { label: string; labelEn: string | null };
  generatedAt: string;
  current: MeasureRow;
  previous: MeasureRow;
  /** One row per day of the month. */
  trend: MeasureRow[];
  /** Categories with the most contacts first. */
  categories: MeasureRow[];
  rankings: RankingsView;
  /** Units with the most overdue tickets, most first (none without any). */
  overdueUnits: MeasureRow[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Refuses anything but YYYY-MM. */
export function checkMonth(month: string, field = 'month'): string {
  if (!MONTH.test(month))
    throw new ValidationError(field, 'A month is written YYYY-MM', 'VALIDATION_FAILED', {
      rule: 'pattern',
    });
  return month;
}

/** The first and last day of a month (YYYY-MM-DD, both inclusive). */
export function monthRange(month: string): { from: string; to: string } {
  const [, year, mon] = MONTH.exec(checkMonth(month))!;
  const last = new Date(Date.UTC(Number(year), Number(mon), 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month before (2026-01 → 2025-12). */
export function previousMonth(month: string): string {
  const [, year, mon] = MONTH.exec(checkMonth(month))!;
  const date = new Date(Date.UTC(Number(year), Number(mon) - 2, 1));
  return date.toISOString().slice(0, 7);
}

export const TOP_CATEGORIES = 12;
export const TOP_OVERDUE_UNITS = 10;

/** Reads everything the report shows, five calls at once. */
export async function assembleMonthlyReport(
  reader: MeasuresReader,
  input: {
    month: string;
    scope: MonthlyReport['scope'];
    filters?: MeasureFilters;
    now: Date;
  },
): Promise<MonthlyReport> {
  const range = monthRange(input.month);
  const before = monthRange(previousMonth(input.month));
  const filters = input.filters ?? {};
  const [days, lastMonth, categories, units, rankings] = await Promise.all([
    reader.measures({ ...filters, ...range, by: 'day' }),
    reader.measures({ ...filters, ...before, by: 'month' }),
    reader.measures({ ...filters, ...range, by: 'category' }),
    reader.measures({ ...filters, ...range, by: 'unit' }),
    reader.rankings(input.month),
  ]);
  return {
    month: input.month,
    scope: input.scope,
    generatedAt: input.now.toISOString(),
    current: days.total,
    previous: lastMonth.total,
    trend: days.rows,
    categories: [...categories.rows]
      .sort((a, b) => b.counts.contacts - a.counts.contacts || a.key.localeCompare(b.key))
      .slice(0, TOP_CATEGORIES),
    rankings,
    overdueUnits: units.rows
      .filter((row) => row.counts.overdue > 0)
      .sort((a, b) => b.counts.overdue - a.counts.overdue || a.key.localeCompare(b.key))
      .slice(0, TOP_OVERDUE_UNITS),
  };
}

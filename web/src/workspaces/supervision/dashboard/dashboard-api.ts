import { api, qs } from '../../../api';
import type { MessageKey } from '../../../i18n';

// The measures, their drill-down and the monthly ranking (GET /supervision/measures…, /rankings),
// and the links of the exports and the monthly report (/supervision/exports, /reports).

export type Dimension = 'unit' | 'district' | 'category' | 'channel' | 'day' | 'week' | 'month';
export type CountName =
  | 'contacts'
  | 'directAnswers'
  | 'dispatched'
  | 'signedOnTime'
  | 'due'
  | 'onTime'
  | 'evaluated'
  | 'contacted'
  | 'resolved'
  | 'satisfied'
  | 'returned'
  | 'reopened'
  | 'overdue'
  | 'replied';
export type RateName =
  | 'directAnswerRate'
  | 'signOnTimeRate'
  | 'onTimeRate'
  | 'responseRate'
  | 'resolutionRate'
  | 'satisfactionRate'
  | 'compositeScore'
  | 'returnRate'
  | 'reopenRate';

export interface MeasureRow {
  key: string;
  label: string;
  labelEn: string | null;
  counts: Record<CountName, number> & { handlingSeconds?: number };
  rates: Record<RateName, number | null>;
  averageHandlingHours: number | null;
}

export interface Measures {
  from: string;
  to: string;
  by: Dimension;
  rows: MeasureRow[];
  total: MeasureRow;
}

export interface Filters {
  districtId?: number;
  unitId?: number;
  unitType?: string;
  categoryId?: number;
  channel?: string;
}

export interface DrillTicket {
  id: number;
  number: string;
  title: string;
  status: string;
  channel: string;
  categoryName: string | null;
  districtName: string | null;
  unitName: string | null;
  createdAt: string;
}

export interface RankingRow {
  rank: number | null;
  unitId: number;
  unitName: string;
  unitNameEn: string | null;
  evaluated: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  compositeScore: number | null;
  onTimeRate: number | null;
  overdue: number;
  returnRate: number | null;
  reopenRate: number | null;
}

export interface Ranking {
  month: string;
  state: 'draft' | 'published';
  publishedAt: string | null;
  publishedBy: string | number | null;
  weights: { response: number; resolution: number; satisfaction: number };
  groups: Array<{ unitType: string; rows: RankingRow[] }>;
}

/** What a dashboard figure shows: a rate, a count, or the average handling time. */
export type Measure = RateName | 'contacts' | 'overdue' | 'averageHandlingHours';
export type MeasureKind = 'rate' | 'score' | 'count' | 'hours';

export interface MeasureInfo {
  kind: MeasureKind;
  /** The count whose tickets a click on the figure lists (the figure's numerator). */
  basis: CountName;
  /** Whether more is worse (overdue, returns): the map's colours turn around. */
  worseWhenHigher: boolean;
  label: MessageKey;
}

const rate = (basis: CountName, worseWhenHigher = false): Omit<MeasureInfo, 'label'> => ({
  kind: 'rate',
  basis,
  worseWhenHigher,
});

export const MEASURES: Record<Measure, MeasureInfo> = {
  contacts: { kind: 'count', basis: 'contacts', worseWhenHigher: false, label: 'svd.m.contacts' },
  directAnswerRate: { ...rate('directAnswers'), label: 'svd.m.directAnswerRate' },
  signOnTimeRate: { ...rate('signedOnTime'), label: 'svd.m.signOnTimeRate' },
  onTimeRate: { ...rate('onTime'), label: 'svd.m.onTimeRate' },
  responseRate: { ...rate('contacted'), label: 'svd.m.responseRate' },
  resolutionRate: { ...rate('resolved'), label: 'svd.m.resolutionRate' },
  satisfactionRate: { ...rate('satisfied'), label: 'svd.m.satisfactionRate' },
  compositeScore: {
    kind: 'score',
    basis: 'evaluated',
    worseWhenHigher: false,
    label: 'svd.m.compositeScore',
  },
  returnRate: { ...rate('returned', true), label: 'svd.m.returnRate' },
  reopenRate: { ...rate('reopened', true), label: 'svd.m.reopenRate' },
  overdue: { kind: 'count', basis: 'overdue', worseWhenHigher: true, label: 'svd.m.overdue' },
  averageHandlingHours: {
    kind: 'hours',
    basis: 'replied',
    worseWhenHigher: true,
    label: 'svd.m.averageHandlingHours',
  },
};

export const MEASURE_NAMES = Object.keys(MEASURES) as Measure[];

/** A measure's value on a row (a rate 0..1, a score 0..100, a count, hours), or null. */
export function valueOf(row: MeasureRow, measure: Measure): number | null {
  if (measure === 'contacts' || measure === 'overdue') return row.counts[measure];
  if (measure === 'averageHandlingHours') return row.averageHandlingHours;
  return row.rates[measure];
}

export const dashboardApi = {
  measures: (query: Filters & { from: string; to: string; by: Dimension }, signal?: AbortSignal) =>
    api<Measures>('GET', `/supervision/measures${qs({ ...query })}`, undefined, { signal }),
  tickets: (query: DrillQuery & { limit: number; offset: number }, signal?: AbortSignal) =>
    api<{ items: DrillTicket[]; total: number }>(
      'GET',
      `/supervision/measures/tickets${qs({ ...query })}`,
      undefined,
      { signal },
    ),
  rankings: (month: string, signal?: AbortSignal) =>
    api<Ranking>('GET', `/supervision/rankings${qs({ month })}`, undefined, { signal }),
  publish: (month: string) =>
    api<Ranking>('POST', `/supervision/rankings/${encodeURIComponent(month)}/publish`),
};

/** The tickets behind one figure: a count over the period, optionally one row of a table. */
export interface DrillQuery extends Filters {
  count: CountName;
  from: string;
  to: string;
  by?: Dimension;
  key?: string;
}

/** The link of a table's export (`measures`, `rankings`, `tickets`) as CSV or XLSX. */
export function exportUrl(
  table: 'measures' | 'rankings' | 'tickets',
  format: 'csv' | 'xlsx',
  query: Record<string, string | number | undefined>,
): string {
  return `/api/v1/supervision/exports/${table}.${format}${qs(query)}`;
}

/** The link of a month's report (printable HTML or PDF). */
export function reportUrl(
  month: string,
  format: 'html' | 'pdf',
  query: { lang: string; districtId?: number },
): string {
  return `/api/v1/supervision/reports/${month}.${format}${qs(query)}`;
}

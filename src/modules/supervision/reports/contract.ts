// What the reports read from the measures and rankings of supervision (`../measures/`), in the
// shape of their HTTP contract (GET /supervision/measures, /measures/tickets, /rankings).

export const MEASURE_DIMENSIONS = [
  'unit',
  'district',
  'category',
  'channel',
  'day',
  'week',
  'month',
] as const;
export type MeasureDimension = (typeof MEASURE_DIMENSIONS)[number];

export const COUNT_NAMES = [
  'contacts',
  'directAnswers',
  'dispatched',
  'signedOnTime',
  'due',
  'onTime',
  'evaluated',
  'contacted',
  'resolved',
  'satisfied',
  'returned',
  'reopened',
  'overdue',
  'replied',
] as const;
export type CountName = (typeof COUNT_NAMES)[number];

export const RATE_NAMES = [
  'directAnswerRate',
  'signOnTimeRate',
  'onTimeRate',
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'compositeScore',
  'returnRate',
  'reopenRate',
] as const;
export type RateName = (typeof RATE_NAMES)[number];

export type MeasureCounts = Record<CountName, number> & { handlingSeconds: number };
export type MeasureRates = Record<RateName, number | null>;

export interface MeasureRow {
  key: string;
  label: string;
  labelEn: string | null;
  counts: MeasureCounts;
  rates: MeasureRates;
  averageHandlingHours: number | null;
}

/** The filters every measures call takes besides the period and the dimension. */
export interface MeasureFilters {
  unitId?: number;
  unitType?: string;
  districtId?: number;
  categoryId?: number;
  channel?: string;
}

export interface MeasuresQuery extends MeasureFilters {
  from: string;
  to: string;
  by: MeasureDimension;
}

export interface MeasuresResult {
  from: string;
  to: string;
  by: MeasureDimension;
  rows: MeasureRow[];
  total: MeasureRow;
}

export interface DrillDownQuery extends MeasureFilters {
  count: CountName;
  from: string;
  to: string;
  by?: MeasureDimension;
  key?: string;
  limit?: number;
  offset?: number;
}

export interface DrillDownTicket {
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

export interface DrillDownResult {
  items: DrillDownTicket[];
  total: number;
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

export interface RankingGroup {
  unitType: string;
  rows: RankingRow[];
}

export interface RankingsView {
  month: string;
  state: 'draft' | 'published';
  publishedAt: string | null;
  publishedBy: number | string | null;
  weights: { response: number; resolution: number; satisfaction: number };
  groups: RankingGroup[];
}

/**
 * The measures as one viewer may see them (a coordinator only their district): the report
 * assembler and the exports read through this, never the measures' tables.
 */
export interface MeasuresReader {
  measures(query: MeasuresQuery): Promise<MeasuresResult>;
  tickets(query: DrillDownQuery): Promise<DrillDownResult>;
  rankings(month: string): Promise<RankingsView>;
}

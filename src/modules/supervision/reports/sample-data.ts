// Measures and rankings in the contract's shape, for the reports' pure tests (no database).
import {
  COUNT_NAMES,
  RATE_NAMES,
  type MeasureCounts,
  type MeasureDimension,
  type MeasureRow,
  type MeasuresResult,
  type RankingsView,
} from './contract.js';

/** A row whose counts are all `base` except those given; rates follow from the counts. */
export function sampleRow(
  key: string,
  label: string,
  labelEn: string | null,
  counts: Partial<MeasureCounts> = {},
): MeasureRow {
  const all = Object.fromEntries(COUNT_NAMES.map((name) => [name, 0])) as MeasureCounts;
  Object.assign(all, { handlingSeconds: 0 }, counts);
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const rates = Object.fromEntries(RATE_NAMES.map((name) => [name, null])) as MeasureRow['rates'];
  Object.assign(rates, {
    directAnswerRate: ratio(all.directAnswers, all.contacts),
    signOnTimeRate: ratio(all.signedOnTime, all.dispatched),
    onTimeRate: ratio(all.onTime, all.due),
    responseRate: ratio(all.contacted, all.evaluated),
    resolutionRate: ratio(all.resolved, all.evaluated),
    satisfactionRate: ratio(all.satisfied, all.evaluated),
    returnRate: ratio(all.returned, all.dispatched),
    reopenRate: ratio(all.reopened, all.replied),
  });
  const { responseRate, resolutionRate, satisfactionRate } = rates;
  rates.compositeScore =
    responseRate === null || resolutionRate === null || satisfactionRate === null
      ? null
      : Math.round((responseRate * 30 + resolutionRate * 35 + satisfactionRate * 35) * 10) / 10;
  return {
    key,
    label,
    labelEn,
    counts: all,
    rates,
    averageHandlingHours: all.replied > 0 ? all.handlingSeconds / all.replied / 3600 : null,
  };
}

const sum = (rows: MeasureRow[]): Partial<MeasureCounts> => {
  const total: Record<string, number> = {};
  for (const row of rows)
    for (const [name, value] of Object.entries(row.counts))
      total[name] = (total[name] ?? 0) + value;
  return total;
};

/** Two rows and their total: 江阳区𠮷 (rates known) and 纳溪区 (no contacts, no callbacks). */
export function sampleMeasures(by: MeasureDimension, from = '2026-11-01', to = '2026-11-30') {
  const rows = [
    sampleRow('11', '江阳区𠮷', 'Jiangyang 😀', {
      contacts: 120,
      directAnswers: 30,
      dispatched: 90,
      signedOnTime: 80,
      due: 60,
      onTime: 54,
      evaluated: 50,
      contacted: 48,
      resolved: 42,
      satisfied: 40,
      returned: 3,
      reopened: 2,
      overdue: 6,
      replied: 20,
      handlingSeconds: 20 * 30.5 * 3600,
    }),
    sampleRow('12', '纳溪区', 'Naxi', { dispatched: 4, overdue: 9, due: 4, onTime: 1 }),
  ];
  const result: MeasuresResult = {
    from,
    to,
    by,
    rows,
    total: sampleRow('total', '合计', 'Total', sum(rows)),
  };
  return result;
}

/** A month's ranking: two districts ranked, one street without enough callbacks to rank. */
export function sampleRankings(state: RankingsView['state'] = 'draft'): RankingsView {
  const row = (rank: number | null, unitId: number, unitName: string, score: number | null) => ({
    rank,
    unitId,
    unitName,
    unitNameEn: unitName === '纳溪区' ? 'Naxi' : null,
    evaluated: rank === null ? 0 : 50,
    responseRate: score === null ? null : 0.96,
    resolutionRate: score === null ? null : 0.84,
    satisfactionRate: score === null ? null : 0.8,
    compositeScore: score,
    onTimeRate: 0.9,
    overdue: 6,
    returnRate: 0.03,
    reopenRate: null,
  });
  return {
    month: '2026-11',
    state,
    publishedAt: state === 'published' ? '2026-12-01T02:00:00.000Z' : null,
    publishedBy: state === 'published' ? 9 : null,
    weights: { response: 30, resolution: 35, satisfaction: 35 },
    groups: [
      { unitType: 'district', rows: [row(1, 11, '江阳区𠮷', 86.2), row(2, 12, '纳溪区', 80)] },
      { unitType: 'street', rows: [row(null, 31, '南城街道', null)] },
    ],
  };
}

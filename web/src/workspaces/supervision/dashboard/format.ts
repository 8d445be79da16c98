import { useI18n } from '../../../i18n';
import { MEASURES, type Measure } from './dashboard-api';

/** A measure's value and its change on the previous period, in the page's language. */
export function useMeasureFormat() {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale);
  const one = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const value = (measure: Measure, v: number | null): string => {
    if (v === null) return '—';
    switch (MEASURES[measure].kind) {
      case 'rate':
        return `${one.format(v * 100)}%`;
      case 'score':
        return one.format(v);
      case 'hours':
        return t('svd.hours', { value: one.format(v) });
      case 'count':
        return number.format(v);
    }
  };
  /** "+2.3 个百分点" for a rate, "+12.5%" for a count or time, null when there is nothing to compare. */
  const change = (measure: Measure, now: number | null, before: number | null): string | null => {
    if (now === null || before === null) return null;
    const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');
    const kind = MEASURES[measure].kind;
    if (kind === 'rate') {
      const points = (now - before) * 100;
      return t('svd.change.points', { sign: sign(points), value: one.format(Math.abs(points)) });
    }
    if (kind === 'score') return `${sign(now - before)}${one.format(Math.abs(now - before))}`;
    if (before === 0) return now === 0 ? '±0' : null;
    const relative = ((now - before) / before) * 100;
    return `${sign(relative)}${one.format(Math.abs(relative))}%`;
  };
  /** Whether the change is for the better (green), the worse (red) or neither. */
  const direction = (measure: Measure, now: number | null, before: number | null) => {
    if (now === null || before === null || now === before) return 'same';
    const up = now > before;
    return up !== MEASURES[measure].worseWhenHigher ? 'better' : 'worse';
  };
  return { value, change, direction, label: (measure: Measure) => t(MEASURES[measure].label) };
}

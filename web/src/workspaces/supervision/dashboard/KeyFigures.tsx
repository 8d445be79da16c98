import { useT } from '../../../i18n';
import { MEASURES, valueOf, type Measure, type MeasureRow } from './dashboard-api';
import { useMeasureFormat } from './format';

/** The figures shown as tiles, in this order. */
export const KEY_FIGURES: Measure[] = [
  'contacts',
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'compositeScore',
  'onTimeRate',
  'signOnTimeRate',
  'directAnswerRate',
  'overdue',
  'averageHandlingHours',
  'returnRate',
  'reopenRate',
];

/** The period's key figures, each with its change on the previous period; a click drills down. */
export function KeyFigures({
  current,
  previous,
  onDrill,
}: {
  current: MeasureRow;
  previous: MeasureRow | undefined;
  onDrill: (measure: Measure) => void;
}) {
  const t = useT();
  const f = useMeasureFormat();
  return (
    <ul className="svd-figures list-plain" aria-label={t('svd.figures')}>
      {KEY_FIGURES.map((measure) => {
        const now = valueOf(current, measure);
        const before = previous ? valueOf(previous, measure) : null;
        const change = f.change(measure, now, before);
        const direction = f.direction(measure, now, before);
        return (
          <li key={measure}>
            <button
              type="button"
              className={`svd-figure svd-figure-${MEASURES[measure].kind}`}
              aria-label={t('svd.figure.drill', {
                measure: f.label(measure),
                value: f.value(measure, now),
              })}
              onClick={() => onDrill(measure)}
            >
              <span className="svd-figure-label">{f.label(measure)}</span>
              <span className="svd-figure-value">{f.value(measure, now)}</span>
              <span className={`svd-figure-change svd-${direction}`}>
                {change === null ? t('svd.change.none') : t('svd.change.vsPrevious', { change })}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

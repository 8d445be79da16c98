import { useI18n } from '../../../i18n';
import type { Dimension, Measure, MeasureRow, Measures } from './dashboard-api';
import { valueOf } from './dashboard-api';
import { ExportLinks } from './ExportLinks';
import { useMeasureFormat } from './format';

export const TABLE_MEASURES: Measure[] = [
  'contacts',
  'responseRate',
  'resolutionRate',
  'satisfactionRate',
  'compositeScore',
  'onTimeRate',
  'overdue',
  'averageHandlingHours',
  'returnRate',
  'reopenRate',
];

/** Measures per district, unit or category; every cell drills down to its tickets. */
export function MeasuresTable({
  title,
  data,
  exportQuery,
  onDrill,
}: {
  title: string;
  data: Measures;
  exportQuery: Record<string, string | number | undefined>;
  onDrill: (row: MeasureRow | null, measure: Measure, by: Dimension) => void;
}) {
  const { t, locale } = useI18n();
  const f = useMeasureFormat();
  const name = (row: MeasureRow) => (locale === 'en' ? (row.labelEn ?? row.label) : row.label);
  const cells = (row: MeasureRow, rowName: string, total: boolean) =>
    TABLE_MEASURES.map((measure) => {
      const value = f.value(measure, valueOf(row, measure));
      return (
        <td key={measure} className="num">
          <button
            type="button"
            className="link svd-cell"
            aria-label={t('svd.cell.drill', { row: rowName, measure: f.label(measure), value })}
            onClick={() => onDrill(total ? null : row, measure, data.by)}
          >
            {value}
          </button>
        </td>
      );
    });
  return (
    <section className="panel svd-table-panel" aria-label={title}>
      <div className="panel-head">
        <h3>{title}</h3>
        <ExportLinks table="measures" name={title} query={{ ...exportQuery, by: data.by }} />
      </div>
      <div className="svd-scroll">
        <table className="data svd-measures" aria-label={title}>
          <thead>
            <tr>
              <th>{t('svd.table.name')}</th>
              {TABLE_MEASURES.map((measure) => (
                <th key={measure} className="num">
                  {f.label(measure)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{name(row)}</th>
                {cells(row, name(row), false)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('svd.table.total')}</th>
              {cells(data.total, t('svd.table.total'), true)}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

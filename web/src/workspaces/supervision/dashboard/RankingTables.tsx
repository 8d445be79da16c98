import { useState } from 'react';
import { useI18n, type MessageKey } from '../../../i18n';
import { useFormat } from '../../../settings';
import { LoadState, useLoad } from '../../../ui/data';
import { Notice } from '../../../ui/forms';
import { dashboardApi, type Measure, type Ranking, type RankingRow } from './dashboard-api';
import { ExportLinks } from './ExportLinks';
import { useMeasureFormat } from './format';

const COLUMNS: Array<{ measure: Measure; value: (row: RankingRow) => number | null }> = [
  { measure: 'compositeScore', value: (r) => r.compositeScore },
  { measure: 'responseRate', value: (r) => r.responseRate },
  { measure: 'resolutionRate', value: (r) => r.resolutionRate },
  { measure: 'satisfactionRate', value: (r) => r.satisfactionRate },
  { measure: 'onTimeRate', value: (r) => r.onTimeRate },
  { measure: 'overdue', value: (r) => r.overdue },
  { measure: 'returnRate', value: (r) => r.returnRate },
];

/** Weights as whole percents, whether the server sends fractions or percents. */
const percent = (weight: number, all: Ranking['weights']) =>
  Math.round(all.response + all.resolution + all.satisfaction <= 1.5 ? weight * 100 : weight);

/**
 * The month's ranking per unit type, with its state (draft or published) and, for a
 * supervisor, the publish action; a cell lists the unit's tickets behind that figure.
 */
export function RankingTables({
  month,
  canPublish,
  onDrill,
}: {
  month: string;
  canPublish: boolean;
  onDrill: (row: RankingRow, measure: Measure) => void;
}) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const f = useMeasureFormat();
  const ranking = useLoad((signal) => dashboardApi.rankings(month, signal), [month]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const data = ranking.data;
  const title = t('svd.rankings', { month });
  const publish = async () => {
    setBusy(true);
    try {
      await dashboardApi.publish(month);
      setMessage({ kind: 'success', text: t('svd.rankings.done', { month }) });
      setConfirming(false);
      ranking.reload();
    } catch (error) {
      setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel svd-ranking" aria-label={title}>
      <div className="panel-head">
        <h3>{title}</h3>
        {data ? (
          <span className={data.state === 'published' ? 'badge badge-ok' : 'badge badge-warn'}>
            {data.state === 'published'
              ? t('svd.rankings.published', { at: format.dateTime(data.publishedAt) })
              : t('svd.rankings.draft')}
          </span>
        ) : null}
        <ExportLinks table="rankings" name={title} query={{ month }} />
        {canPublish && data?.state === 'draft' && !confirming ? (
          <button type="button" className="primary" onClick={() => setConfirming(true)}>
            {t('svd.rankings.publish', { month })}
          </button>
        ) : null}
        {confirming ? (
          <span className="svd-confirm">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void publish()}
            >
              {t('svd.rankings.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('svd.rankings.cancel')}
            </button>
          </span>
        ) : null}
      </div>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <LoadState state={ranking} />
      {data ? (
        <p className="muted">
          {t('svd.rankings.weights', {
            response: percent(data.weights.response, data.weights),
            resolution: percent(data.weights.resolution, data.weights),
            satisfaction: percent(data.weights.satisfaction, data.weights),
          })}
        </p>
      ) : null}
      {data?.groups.map((group) => {
        const groupName = t(`svd.unitType.${group.unitType}` as MessageKey);
        return (
          <div key={group.unitType} className="svd-ranking-group">
            <h4>{groupName}</h4>
            {group.rows.length === 0 ? (
              <p className="muted">{t('svd.rankings.none')}</p>
            ) : (
              <div className="svd-scroll">
                <table className="data" aria-label={`${title} · ${groupName}`}>
                  <thead>
                    <tr>
                      <th className="num">{t('svd.col.rank')}</th>
                      <th>{t('svd.col.unit')}</th>
                      {COLUMNS.map((column) => (
                        <th key={column.measure} className="num">
                          {f.label(column.measure)}
                        </th>
                      ))}
                      <th className="num">{t('svd.col.evaluated')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {group.rows.map((row) => {
                      const unit =
                        locale === 'en' ? (row.unitNameEn ?? row.unitName) : row.unitName;
                      return (
                        <tr key={row.unitId}>
                          <td className="num">{row.rank ?? '—'}</td>
                          <th scope="row">{unit}</th>
                          {COLUMNS.map((column) => {
                            const value = f.value(column.measure, column.value(row));
                            return (
                              <td key={column.measure} className="num">
                                <button
                                  type="button"
                                  className="link svd-cell"
                                  aria-label={t('svd.cell.drill', {
                                    row: unit,
                                    measure: f.label(column.measure),
                                    value,
                                  })}
                                  onClick={() => onDrill(row, column.measure)}
                                >
                                  {value}
                                </button>
                              </td>
                            );
                          })}
                          <td className="num">{row.evaluated}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
}

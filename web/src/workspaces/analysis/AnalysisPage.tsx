import { lazy, Suspense, useMemo, useState } from 'react';
import { api, qs } from '../../api';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { LoadState, useLoad } from '../../ui/data';
import { useNames } from '../tickets/reference';
import { KeyProblems, type HotIssue } from './KeyProblems';
import './analysis.css';

const AnalysisMap = lazy(() => import('./AnalysisMap'));

interface Alert {
  id: number;
  period: 'day' | 'week';
  periodStart: string;
  categoryId: number;
  districtId: number;
  observed: number;
  expected: number;
  state: 'open' | 'acknowledged';
}

const DAYS = [7, 30, 90] as const;

/**
 * /analysis: the analyst's workspace. Early-warning alerts to acknowledge, the hot issues with
 * their heat index and appeals, the monthly key problems, and the district map (click filters).
 */
export default function AnalysisPage() {
  const t = useT();
  const names = useNames();
  const [days, setDays] = useState<number>(30);
  const [districtId, setDistrictId] = useState<number | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [toKey, setToKey] = useState<HotIssue | null>(null);
  const alerts = useLoad(
    (signal) =>
      api<{ items: Alert[] }>('GET', `/analysis/alerts${qs({ districtId })}`, undefined, {
        signal,
      }),
    [districtId],
  );
  const counts = useLoad(
    (signal) =>
      api<{ items: Array<{ districtId: number; count: number }> }>(
        'GET',
        `/analysis/district-counts${qs({ days })}`,
        undefined,
        { signal },
      ),
    [days],
  );
  const hot = useLoad(
    (signal) =>
      api<{ items: HotIssue[] }>(
        'GET',
        `/analysis/hot-issues${qs({ days, districtId })}`,
        undefined,
        {
          signal,
        },
      ),
    [days, districtId],
  );
  const countMap = useMemo(
    () => new Map((counts.data?.items ?? []).map((c) => [c.districtId, c.count])),
    [counts.data],
  );
  const alerted = useMemo(
    () =>
      new Set(
        (alerts.data?.items ?? []).filter((a) => a.state === 'open').map((a) => a.districtId),
      ),
    [alerts.data],
  );
  const districts = (names.reference?.units ?? []).filter((u) => u.type === 'district');
  const acknowledge = async (id: number) => {
    await api('POST', `/analysis/alerts/${id}/acknowledge`, {});
    alerts.reload();
  };

  return (
    <main className="page analysis">
      <div className="page-head">
        <h1>{t('an.title')}</h1>
        <div className="an-filters" role="group" aria-label={t('an.filters')}>
          <label>
            {t('an.district')}
            <select
              value={districtId ?? ''}
              onChange={(e) => setDistrictId(e.target.value ? Number(e.target.value) : null)}
            >
              <option value="">{t('an.district.all')}</option>
              {districts.map((d) => (
                <option key={d.id} value={d.id}>
                  {names.unit(d.id)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('an.days')}
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {DAYS.map((d) => (
                <option key={d} value={d}>
                  {t('an.days.option', { days: d })}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <div className="an-grid">
        <div className="an-side">
          <section className="panel" aria-labelledby="an-map">
            <div className="panel-head">
              <h2 id="an-map">{t('an.map', { days })}</h2>
              {districtId !== null && (
                <button type="button" className="ghost" onClick={() => setDistrictId(null)}>
                  {t('an.district.clear')}
                </button>
              )}
            </div>
            <Suspense fallback={<div className="an-map" aria-busy="true" />}>
              <AnalysisMap
                counts={countMap}
                alerted={alerted}
                selectedId={districtId}
                onSelect={(id) => setDistrictId(id === districtId ? null : id)}
              />
            </Suspense>
          </section>
          <section className="panel" aria-labelledby="an-alerts">
            <div className="panel-head">
              <h2 id="an-alerts">{t('an.alerts')}</h2>
            </div>
            <LoadState state={alerts} />
            {alerts.data?.items.length === 0 && <p className="muted">{t('an.alerts.none')}</p>}
            <ul className="list-plain an-alerts">
              {alerts.data?.items.map((a) => (
                <li key={a.id} className={a.state === 'open' ? 'an-alert-open' : undefined}>
                  <span>
                    {t('an.alert.line', {
                      category: names.categoryShort(a.categoryId),
                      district: names.unit(a.districtId),
                      period: t(a.period === 'day' ? 'an.alert.day' : 'an.alert.week'),
                      start: a.periodStart,
                      observed: a.observed,
                      expected: a.expected.toFixed(1),
                    })}
                  </span>
                  {a.state === 'open' ? (
                    <button type="button" onClick={() => void acknowledge(a.id)}>
                      {t('an.alert.ack')}
                    </button>
                  ) : (
                    <span className="badge">{t('an.alert.acked')}</span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </div>
        <section className="panel an-hot-panel" aria-labelledby="an-hot">
          <div className="panel-head">
            <h2 id="an-hot">{t('an.hot')}</h2>
            <details className="an-how">
              <summary>{t('an.hot.how')}</summary>
              <p>{t('an.hot.explain')}</p>
            </details>
          </div>
          <LoadState state={hot} />
          {hot.data?.items.length === 0 && <p className="muted">{t('an.hot.none')}</p>}
          {hot.data && hot.data.items.length > 0 && (
            <table className="data an-hot">
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th>{t('an.col.issue')}</th>
                  <th className="num">{t('an.col.heat')}</th>
                  <th className="num">{t('an.col.appeals')}</th>
                  <th className="num">{t('an.col.likes')}</th>
                  <th className="num">{t('an.col.days')}</th>
                </tr>
              </thead>
              {hot.data.items.map((issue) => {
                const expanded = open === issue.rank;
                const where = [
                  issue.districtId ? names.unit(issue.districtId) : null,
                  issue.places.length > 0 ? issue.places.join('、') : null,
                ].filter(Boolean);
                return (
                  <tbody key={issue.rank} className={expanded ? 'an-open' : undefined}>
                    <tr>
                      <td className="num muted">{issue.rank}</td>
                      <td>
                        <button
                          type="button"
                          className="link an-issue"
                          aria-expanded={expanded}
                          aria-controls={`an-issue-${issue.rank}`}
                          onClick={() => setOpen(expanded ? null : issue.rank)}
                        >
                          <span aria-hidden="true" className="an-caret">
                            {expanded ? '▾' : '▸'}
                          </span>
                          {issue.label}
                        </button>
                        {where.length > 0 && (
                          <div className="an-where muted">{where.join(' · ')}</div>
                        )}
                      </td>
                      <td className="num">
                        <strong>{issue.heat}</strong>
                      </td>
                      <td className="num">{issue.appeals}</td>
                      <td className="num">{issue.likes}</td>
                      <td className="num">{issue.activeDays}</td>
                    </tr>
                    {expanded && (
                      <tr className="an-appeals-row">
                        <td />
                        <td colSpan={5} id={`an-issue-${issue.rank}`}>
                          <div className="an-appeals-head">
                            <h3>
                              {t('an.hot.appeals')}{' '}
                              <span className="muted">({issue.appealsList.length})</span>
                            </h3>
                            <button
                              type="button"
                              className="primary"
                              onClick={() => setToKey(issue)}
                            >
                              {t('an.hot.makeKey')}
                            </button>
                          </div>
                          <ul className="list-plain an-appeals">
                            {issue.appealsList.map((a) => (
                              <li key={a.ticketId}>
                                <Link to={`/tickets/${a.ticketId}`}>
                                  <span className="an-number">{a.number}</span> {a.title}
                                </Link>
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    )}
                  </tbody>
                );
              })}
            </table>
          )}
        </section>
      </div>
      <KeyProblems fromIssue={toKey} onDone={() => setToKey(null)} />
    </main>
  );
}

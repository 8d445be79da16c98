import { useState, type ReactNode } from 'react';
import { api, qs } from '../../api';
import { useT } from '../../i18n';
import { Link, navigate, useLocation } from '../../router';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { KnowledgeHead } from './common';
import { ImportPanel } from './ImportPanel';
import { useKnowledgeRole } from './knowledge-data';
import type { DirectAnswerRow, FreshnessRow, GapRow, UpdatesRow, UsageRow } from './types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** /knowledge/reports: what the knowledge base is used for, where it is missing, how fresh it is. */
export default function ReportsPage() {
  const t = useT();
  const format = useFormat();
  const role = useKnowledgeRole();
  const { query } = useLocation();
  const today = format.today();
  const from = DATE.test(query.get('from') ?? '') ? query.get('from')! : `${today.slice(0, 8)}01`;
  const to = DATE.test(query.get('to') ?? '') ? query.get('to')! : today;
  const month = MONTH.test(query.get('month') ?? '') ? query.get('month')! : today.slice(0, 7);
  const setRange = (next: { from?: string; to?: string; month?: string }) =>
    navigate(`/knowledge/reports${qs({ from, to, month, ...next })}`, { replace: true });

  if (!role.seesReports)
    return (
      <div className="page kb">
        <Notice kind="error">{t('app.forbidden')}</Notice>
      </div>
    );
  const range = qs({ from, to });
  return (
    <div className="page kb">
      <KnowledgeHead current="reports" />
      <form
        className="kb-range"
        aria-label={t('kb.reports.range')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          <span>{t('kb.reports.from')}</span>
          <input
            type="date"
            value={from}
            max={to}
            onChange={(e) => e.target.value && setRange({ from: e.target.value })}
          />
        </label>
        <label>
          <span>{t('kb.reports.to')}</span>
          <input
            type="date"
            value={to}
            min={from}
            onChange={(e) => e.target.value && setRange({ to: e.target.value })}
          />
        </label>
      </form>
      <div className="kb-reports">
        <UsageReport range={range} />
        <GapsReport range={range} />
        <DirectAnswerReport range={range} />
        <FreshnessReport />
        <UpdatesReport month={month} onMonth={(value) => setRange({ month: value })} />
        {role.isEditor ? <ImportPanel /> : null}
      </div>
    </div>
  );
}

/** One report: a titled panel that loads its rows and shows them as a table. */
function Report<T>({
  id,
  title,
  path,
  head,
  row,
  tools,
}: {
  id: string;
  title: string;
  path: string;
  head: ReactNode;
  row: (item: T, index: number) => ReactNode;
  tools?: ReactNode;
}) {
  const t = useT();
  const state = useLoad(
    (signal) => api<{ items: T[] }>('GET', path, undefined, { signal }),
    [path],
  );
  const items = state.data?.items ?? [];
  return (
    <section className="panel kb-report" aria-labelledby={id}>
      <div className="panel-head">
        <h2 id={id}>{title}</h2>
        {tools}
      </div>
      <LoadState state={state} />
      {state.data && items.length === 0 ? <p className="muted">{t('list.empty')}</p> : null}
      {items.length ? (
        <div className="table-scroll">
          <table className="data">
            <thead>{head}</thead>
            <tbody>{items.map(row)}</tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function UsageReport({ range }: { range: string }) {
  const t = useT();
  const format = useFormat();
  return (
    <Report<UsageRow>
      id="kb-report-usage"
      title={t('kb.reports.usage')}
      path={`/knowledge/reports/usage${range}`}
      head={
        <tr>
          <th className="num">#</th>
          <th>{t('kb.field.title')}</th>
          <th>{t('kb.field.ownerUnit')}</th>
          <th className="num">{t('kb.reports.uses')}</th>
        </tr>
      }
      row={(item, index) => (
        <tr key={item.articleId}>
          <td className="num">{index + 1}</td>
          <td>
            <Link to={`/knowledge/${item.articleId}`}>{item.title}</Link>
          </td>
          <td>{item.ownerUnitName}</td>
          <td className="num">{format.number(item.uses)}</td>
        </tr>
      )}
    />
  );
}

function GapsReport({ range }: { range: string }) {
  const t = useT();
  const format = useFormat();
  return (
    <Report<GapRow>
      id="kb-report-gaps"
      title={t('kb.reports.gaps')}
      path={`/knowledge/reports/gaps${range}`}
      head={
        <tr>
          <th>{t('kb.reports.category')}</th>
          <th className="num">{t('kb.reports.gapCount')}</th>
          <th>{t('kb.reports.examples')}</th>
        </tr>
      }
      row={(item) => (
        <tr key={item.categoryId ?? 'none'}>
          <td>{item.categoryName ?? t('kb.reports.noCategory')}</td>
          <td className="num">{format.number(item.gaps)}</td>
          <td>
            <ul className="kb-examples">
              {item.examples.map((text, index) => (
                <li key={index}>{text}</li>
              ))}
            </ul>
          </td>
        </tr>
      )}
    />
  );
}

function DirectAnswerReport({ range }: { range: string }) {
  const t = useT();
  const format = useFormat();
  return (
    <Report<DirectAnswerRow>
      id="kb-report-direct"
      title={t('kb.reports.direct')}
      path={`/knowledge/reports/direct-answers${range}`}
      head={
        <tr>
          <th>{t('kb.reports.category')}</th>
          <th className="num">{t('kb.reports.tickets')}</th>
          <th className="num">{t('kb.reports.directAnswers')}</th>
          <th className="num">{t('kb.reports.withArticle')}</th>
          <th className="num">{t('kb.reports.rate')}</th>
        </tr>
      }
      row={(item) => (
        <tr key={item.categoryId}>
          <td>{item.categoryName}</td>
          <td className="num">{format.number(item.tickets)}</td>
          <td className="num">{format.number(item.directAnswers)}</td>
          <td className="num">{format.number(item.withArticle)}</td>
          <td className="num">
            <span className="kb-rate">
              <span className="kb-rate-track" aria-hidden="true">
                <span
                  className="kb-rate-bar"
                  style={{ width: `${Math.round(item.rate * 100)}%` }}
                />
              </span>
              {format.percent(item.rate)}
            </span>
          </td>
        </tr>
      )}
    />
  );
}

function FreshnessReport() {
  const t = useT();
  const format = useFormat();
  const warn = (n: number) => (n > 0 ? 'num kb-warn' : 'num');
  return (
    <Report<FreshnessRow>
      id="kb-report-freshness"
      title={t('kb.reports.freshness')}
      path="/knowledge/reports/freshness"
      head={
        <tr>
          <th>{t('kb.field.ownerUnit')}</th>
          <th className="num">{t('kb.state.published')}</th>
          <th className="num">{t('kb.marker.reviewDue')}</th>
          <th className="num">{t('kb.marker.expired')}</th>
          <th className="num">{t('kb.reports.stale')}</th>
        </tr>
      }
      row={(item) => (
        <tr key={item.unitId}>
          <td>{item.unitName}</td>
          <td className="num">{format.number(item.published)}</td>
          <td className={warn(item.reviewDue)}>{format.number(item.reviewDue)}</td>
          <td className={warn(item.expired)}>{format.number(item.expired)}</td>
          <td className={warn(item.stale)}>{format.number(item.stale)}</td>
        </tr>
      )}
    />
  );
}

function UpdatesReport({ month, onMonth }: { month: string; onMonth: (month: string) => void }) {
  const t = useT();
  const format = useFormat();
  const [typed, setTyped] = useState(month);
  return (
    <Report<UpdatesRow>
      id="kb-report-updates"
      title={t('kb.reports.updates')}
      path={`/knowledge/reports/updates${qs({ month })}`}
      tools={
        <label className="kb-inline-label">
          <span>{t('kb.reports.month')}</span>
          <input
            type="month"
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
              if (MONTH.test(event.target.value)) onMonth(event.target.value);
            }}
          />
        </label>
      }
      head={
        <tr>
          <th>{t('kb.field.ownerUnit')}</th>
          <th className="num">{t('kb.reports.created')}</th>
          <th className="num">{t('kb.reports.updated')}</th>
          <th className="num">{t('kb.state.published')}</th>
          <th className="num">{t('kb.state.retired')}</th>
        </tr>
      }
      row={(item) => (
        <tr key={item.unitId}>
          <td>{item.unitName}</td>
          <td className="num">{format.number(item.created)}</td>
          <td className="num">{format.number(item.updated)}</td>
          <td className="num">{format.number(item.published)}</td>
          <td className="num">{format.number(item.retired)}</td>
        </tr>
      )}
    />
  );
}

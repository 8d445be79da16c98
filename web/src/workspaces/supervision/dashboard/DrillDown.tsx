import { useEffect, useRef, useState } from 'react';
import { useT } from '../../../i18n';
import { Link } from '../../../router';
import { useFormat } from '../../../settings';
import { LoadState, useLoad } from '../../../ui/data';
import { StatusBadge } from '../../tickets/badges';
import { dashboardApi, type DrillQuery, type DrillTicket } from './dashboard-api';
import { ExportLinks } from './ExportLinks';

export interface DrillTarget {
  query: DrillQuery;
  /** What was clicked, in words: "江阳区 · 满意率 85.0%". */
  title: string;
}

const PAGE = 50;

/** The tickets behind the figure clicked, in a dialog, each linking to its ticket. */
export function DrillDown({ target, onClose }: { target: DrillTarget; onClose: () => void }) {
  const t = useT();
  const format = useFormat();
  const dialog = useRef<HTMLDialogElement>(null);
  const [shown, setShown] = useState(PAGE);
  const [items, setItems] = useState<DrillTicket[]>([]);
  const list = useLoad(
    (signal) =>
      dashboardApi.tickets({ ...target.query, limit: PAGE, offset: shown - PAGE }, signal),
    [target, shown],
  );
  useEffect(() => {
    if (!list.data) return;
    const page = list.data.items;
    setItems((before) => (shown === PAGE ? page : [...before.slice(0, shown - PAGE), ...page]));
  }, [list.data, shown]);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  const total = list.data?.total ?? 0;
  const title = t('svd.drill.title', { what: target.title, total });
  return (
    <dialog ref={dialog} className="svd-drill" aria-label={title} onClose={onClose}>
      <div className="svd-drill-head">
        <h2>{title}</h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('svd.drill.close')}
        </button>
      </div>
      <ExportLinks table="tickets" name={target.title} query={{ ...target.query }} />
      <LoadState state={list} />
      {list.data && total === 0 ? <p className="muted">{t('svd.drill.none')}</p> : null}
      {items.length > 0 ? (
        <table className="data" aria-label={target.title}>
          <thead>
            <tr>
              <th>{t('svd.col.number')}</th>
              <th>{t('svd.col.title')}</th>
              <th>{t('svd.col.status')}</th>
              <th>{t('svd.col.category')}</th>
              <th>{t('svd.col.district')}</th>
              <th>{t('svd.col.handlingUnit')}</th>
              <th>{t('svd.col.created')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => (
              <tr key={`${item.id}:${index}`}>
                <td className="mono">
                  <Link to={`/tickets/${item.id}`}>{item.number}</Link>
                </td>
                <td>{item.title}</td>
                <td>
                  <StatusBadge status={item.status} />
                </td>
                <td>{item.categoryName ?? '—'}</td>
                <td>{item.districtName ?? '—'}</td>
                <td>{item.unitName ?? '—'}</td>
                <td className="nowrap">{format.dateTime(item.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {total > 0 ? (
        <p className="muted">
          {t('svd.drill.shown', { shown: Math.min(items.length, total), total })}{' '}
          {items.length < total ? (
            <button type="button" disabled={list.loading} onClick={() => setShown((n) => n + PAGE)}>
              {t('svd.drill.more')}
            </button>
          ) : null}
        </p>
      ) : null}
    </dialog>
  );
}

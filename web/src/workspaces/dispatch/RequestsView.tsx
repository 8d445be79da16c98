import { useMemo, useState } from 'react';
import { api, qs, type Page } from '../../api';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { StatusBadge } from '../tickets/badges';
import { useLiveReload } from '../../ui/live';
import type { RequestItem } from '../tickets/types';
import { RequestDecision } from './RequestDecision';

/**
 * Units' return (退单) and extension (延期) requests waiting for the centre's decision. An accepted
 * return puts the ticket back in the queue; "accept and redispatch" opens its dispatch form.
 */
export function RequestsView({ onRedispatch }: { onRedispatch: (ticketId: number) => void }) {
  const t = useT();
  const [kind, setKind] = useState<'' | 'return' | 'extension'>('');
  const [deciding, setDeciding] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const state = useLoad(
    (signal) =>
      api<Page<RequestItem>>(
        'GET',
        `/requests${qs({ kind: kind || undefined, pageSize: 200 })}`,
        undefined,
        { signal },
      ),
    [kind],
  );
  const items = useMemo(() => state.data?.items ?? [], [state.data]);
  const ticketIds = useMemo(() => new Set(items.map((item) => item.ticketId)), [items]);
  useLiveReload(
    state.reload,
    (change) =>
      change.status === 'return_review' ||
      change.status === 'in_progress' ||
      ticketIds.has(change.id),
  );
  return (
    <section className="panel" aria-labelledby="dsp-requests-title">
      <div className="panel-head">
        <h2 id="dsp-requests-title">{t('dsp.requests.title')}</h2>
        <label>
          <span className="visually-hidden">{t('dsp.requests.kind')}</span>
          <select
            aria-label={t('dsp.requests.kind')}
            value={kind}
            onChange={(event) => setKind(event.target.value as typeof kind)}
          >
            <option value="">{t('dsp.requests.allKinds')}</option>
            <option value="return">{t('tk.request.return')}</option>
            <option value="extension">{t('tk.request.extension')}</option>
          </select>
        </label>
      </div>
      {message ? <Notice kind="success">{message}</Notice> : null}
      <LoadState state={state} />
      {state.data && items.length === 0 ? <p className="muted">{t('dsp.requests.empty')}</p> : null}
      {items.length > 0 ? (
        <table className="data dsp-requests">
          <thead>
            <tr>
              <th>{t('dsp.requests.kind')}</th>
              <th>{t('tk.col.number')}</th>
              <th>{t('tk.col.title')}</th>
              <th>{t('dsp.requests.unit')}</th>
              <th>{t('dsp.requests.reason')}</th>
              <th>{t('dsp.requests.asked')}</th>
              <th>
                <span className="visually-hidden">{t('dsp.queue.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <RequestRow
                key={item.id}
                item={item}
                deciding={deciding === item.id}
                setDeciding={(on) => setDeciding(on ? item.id : null)}
                onDone={(text, redispatch) => {
                  setDeciding(null);
                  setMessage(text);
                  state.reload();
                  if (redispatch) onRedispatch(item.ticketId);
                }}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function RequestRow({
  item,
  deciding,
  setDeciding,
  onDone,
}: {
  item: RequestItem;
  deciding: boolean;
  setDeciding: (on: boolean) => void;
  onDone: (message: string, redispatch: boolean) => void;
}) {
  const t = useT();
  const format = useFormat();
  const isReturn = item.kind === 'return';
  return (
    <>
      <tr className={deciding ? 'dsp-open' : undefined}>
        <td>
          <span className={isReturn ? 'badge badge-warn' : 'badge badge-brand'}>
            {isReturn ? t('tk.request.return') : t('tk.request.extension')}
          </span>
        </td>
        <td className="mono">
          <Link to={`/tickets/${item.ticketId}`}>{item.ticketNumber}</Link>
        </td>
        <td className="tk-cell-title">
          {item.ticketTitle} <StatusBadge status={item.ticketStatus} />
        </td>
        <td>{item.unitName}</td>
        <td className="dsp-reason">{item.reason}</td>
        <td className="nowrap">
          {format.dateTime(item.createdAt)}
          {item.requestedDueAt ? (
            <div className="muted">
              {t('dsp.requests.newDue', { at: format.dateTime(item.requestedDueAt) })}
            </div>
          ) : null}
        </td>
        <td>
          <button
            type="button"
            aria-expanded={deciding}
            aria-label={t('dsp.requests.decideLabel', { number: item.ticketNumber })}
            onClick={() => setDeciding(!deciding)}
          >
            {t('dsp.requests.decide')}
          </button>
        </td>
      </tr>
      {deciding ? (
        <tr className="dsp-decide-row">
          <td colSpan={7}>
            <RequestDecision
              request={{ id: item.id, kind: item.kind }}
              allowRedispatch={isReturn}
              onCancel={() => setDeciding(false)}
              onDone={(after, { redispatch }) =>
                onDone(
                  isReturn
                    ? after.status === 'pending_dispatch'
                      ? t('dsp.done.returnAccepted', { number: item.ticketNumber })
                      : t('dsp.done.returnRefused', { number: item.ticketNumber })
                    : t('dsp.done.extension', { number: item.ticketNumber }),
                  redispatch,
                )
              }
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}

import { api } from '../../api';
import { useT } from '../../i18n';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { useLiveReload } from '../../ui/live';

interface UnitRequest {
  id: number;
  ticketId: number;
  ticketNumber: string;
  ticketTitle: string;
  kind: 'return' | 'extension';
  reason: string;
  requestedDueAt: string | null;
  createdAt: string;
}

/**
 * The unit's own return and extension requests still waiting for the centre's or the district's
 * decision: what the unit asked, when, and for which ticket.
 */
export function PendingRequests({ onOpen }: { onOpen: (ticketId: number) => void }) {
  const t = useT();
  const format = useFormat();
  const requests = useLoad(
    (signal) =>
      api<{ items: UnitRequest[]; total: number }>('GET', '/requests?state=pending', undefined, {
        signal,
      }),
    [],
  );
  useLiveReload(requests.reload);
  const items = requests.data?.items ?? [];
  if (requests.data && items.length === 0) return null;
  return (
    <section className="panel hd-requests" aria-labelledby="hd-requests-title">
      <h2 id="hd-requests-title">
        {t('hd.requests.title')} <span className="hd-count">{requests.data?.total ?? ''}</span>
      </h2>
      <LoadState state={requests} />
      <ul className="hd-requests-list">
        {items.map((request) => (
          <li key={request.id}>
            <button type="button" className="link" onClick={() => onOpen(request.ticketId)}>
              {request.ticketNumber}
            </button>{' '}
            <strong>
              {request.kind === 'return' ? t('hd.requests.return') : t('hd.requests.extension')}
            </strong>{' '}
            <span className="muted">
              {t('hd.requests.since', { at: format.dateTime(request.createdAt) })}
              {request.requestedDueAt
                ? ` · ${t('hd.requests.until', { at: format.dateTime(request.requestedDueAt) })}`
                : ''}
            </span>
            <div className="hd-requests-reason">{request.reason}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

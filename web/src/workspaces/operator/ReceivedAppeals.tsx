import { api, type Page } from '../../api';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { useLoad } from '../../ui/data';
import { useLiveReload } from '../../ui/live';

interface Received {
  id: number;
  number: string;
  title: string;
  channel: string;
  createdAt: string;
}

/**
 * Appeals citizens filed themselves (portal, app, WeChat…) that wait for an operator to accept
 * them, oldest first; each opens on the ticket page, which offers accept, answer, refer, invalid.
 */
export function ReceivedAppeals() {
  const t = useT();
  const format = useFormat();
  const received = useLoad(
    (signal) =>
      api<Page<Received>>(
        'GET',
        '/tickets?status=received&sort=createdAt&order=asc&pageSize=5',
        undefined,
        { signal },
      ),
    [],
  );
  const page = received.data;
  // Only changes that touch this list: a new received appeal, or one listed here moving on.
  useLiveReload(
    received.reload,
    (change) => change.status === 'received' || !!page?.items.some((item) => item.id === change.id),
  );
  if (!page || page.total === 0) return null;
  return (
    <section className="panel op-received" aria-labelledby="op-received-head">
      <h2 id="op-received-head">
        {t('op.received.heading')} <span className="badge badge-warn">{page.total}</span>
      </h2>
      <ul className="list-plain">
        {page.items.map((ticket) => (
          <li key={ticket.id}>
            <Link to={`/tickets/${ticket.id}`}>{ticket.number}</Link>{' '}
            <span className="muted">
              {t(`channel.${ticket.channel}` as 'channel.web')} ·{' '}
              {format.dateTime(ticket.createdAt)}
            </span>
            <div>{ticket.title}</div>
          </li>
        ))}
      </ul>
      {page.total > page.items.length ? (
        <Link to="/tickets?status=received&sort=createdAt&order=asc">
          {t('op.received.all', { total: page.total })}
        </Link>
      ) : null}
    </section>
  );
}

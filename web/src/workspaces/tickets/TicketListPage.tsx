import { api, type Page } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { Link, useLocation } from '../../router';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { DeadlineBadge, StatusBadge, UrgencyBadge } from './badges';
import { go, parseFilter, ticketListPath, type TicketFilter } from './list-query';
import { useLiveReload } from '../../ui/live';
import { useNames } from './reference';
import { TicketFilters } from './TicketFilters';
import type { TicketListItem } from './types';

const PAGE_SIZES = [20, 50, 100];

/** The deadline a row is racing against: sign-for until signed, then the reply. */
function RowDeadline({ ticket }: { ticket: TicketListItem }) {
  if (ticket.status === 'dispatched') return <DeadlineBadge due={ticket.signDueAt} />;
  if (ticket.status === 'in_progress' || ticket.status === 'return_review')
    return <DeadlineBadge due={ticket.replyDueAt} />;
  return <span className="muted">—</span>;
}

function Pager({
  filter,
  page,
  live,
}: {
  filter: TicketFilter;
  page: Page<TicketListItem>;
  live?: boolean;
}) {
  const t = useT();
  const format = useFormat();
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const more = page.totalCapped || page.page < pages;
  return (
    <nav className="tk-pager" aria-label={t('tk.list.paging')}>
      <span role={live ? 'status' : undefined}>
        {page.totalCapped
          ? t('list.totalCapped', { total: format.number(page.total) })
          : t('list.total', { total: format.number(page.total) })}
      </span>
      <span className="muted">
        {t('tk.list.page', { page: page.page, pages: page.totalCapped ? '…' : pages })}
      </span>
      <button
        type="button"
        disabled={page.page <= 1}
        onClick={() => go({ ...filter, page: page.page - 1 })}
      >
        {t('list.prev')}
      </button>
      <button type="button" disabled={!more} onClick={() => go({ ...filter, page: page.page + 1 })}>
        {t('list.next')}
      </button>
      <label>
        <span className="visually-hidden">{t('tk.list.pageSize')}</span>
        <select
          value={page.pageSize}
          aria-label={t('tk.list.pageSize')}
          onChange={(event) =>
            go({ ...filter, pageSize: Number(event.target.value), page: undefined })
          }
        >
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {t('tk.list.perPage', { size })}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}

/** /tickets: every ticket in the user's scope, searched (Chinese or English), filtered, sorted. */
export default function TicketListPage() {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const { query } = useLocation();
  const key = query.toString();
  const filter = parseFilter(query);
  const state = useLoad(
    (signal) => api<Page<TicketListItem>>('GET', ticketListPath(filter), undefined, { signal }),
    [key],
  );
  // A search over the whole city changes all day: refresh it at most every two seconds.
  useLiveReload(state.reload, undefined, 2000);
  const page = state.data;
  return (
    <div className="page tk">
      <div className="page-head">
        <h1>{t('tk.list.title')}</h1>
      </div>
      <TicketFilters key={key} filter={filter} />
      <section className="panel" aria-label={t('tk.list.results')}>
        <LoadState state={state} />
        {page ? <Pager filter={filter} page={page} live /> : null}
        {page && page.items.length === 0 ? <p className="muted">{t('list.empty')}</p> : null}
        {page && page.items.length > 0 ? (
          <div className="tk-table-wrap">
            <table className="data tk-table">
              <thead>
                <tr>
                  <th>{t('tk.col.number')}</th>
                  <th>{t('tk.col.title')}</th>
                  <th>{t('tk.field.status')}</th>
                  <th>{t('tk.field.urgency')}</th>
                  <th>{t('tk.field.categoryId')}</th>
                  <th>{t('tk.field.districtId')}</th>
                  <th>{t('tk.col.leadUnit')}</th>
                  <th>{t('tk.field.channel')}</th>
                  <th>{t('tk.field.createdAt')}</th>
                  <th>{t('tk.col.deadline')}</th>
                  <th>{t('tk.col.citizen')}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((ticket) => (
                  <tr key={ticket.id}>
                    <td className="mono">
                      <Link to={`/tickets/${ticket.id}`}>{ticket.number}</Link>
                    </td>
                    <td className="tk-cell-title">
                      {ticket.title}
                      {ticket.parentId !== null ? (
                        <span className="badge">{t('status.merged')}</span>
                      ) : null}
                    </td>
                    <td>
                      <StatusBadge status={ticket.status} />
                    </td>
                    <td>
                      <UrgencyBadge urgency={ticket.urgency} />
                    </td>
                    <td title={names.category(ticket.categoryId)}>
                      {names.categoryShort(ticket.categoryId)}
                    </td>
                    <td>{names.unit(ticket.streetId ?? ticket.districtId)}</td>
                    <td>{names.unit(ticket.leadUnitId)}</td>
                    <td>{t(`channel.${ticket.channel}` as MessageKey)}</td>
                    <td className="nowrap">{format.dateTime(ticket.createdAt)}</td>
                    <td>
                      <RowDeadline ticket={ticket} />
                    </td>
                    <td className="nowrap">
                      {ticket.citizenVisibility === 'hidden'
                        ? t('tk.citizen.hiddenShort')
                        : ticket.citizenName}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {page && page.items.length > 0 ? <Pager filter={filter} page={page} /> : null}
      </section>
    </div>
  );
}

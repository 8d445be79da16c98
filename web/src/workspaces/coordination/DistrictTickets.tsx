import { Fragment, useState } from 'react';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { Notice } from '../../ui/forms';
import { activeDeadline, useNames, type TicketListItem } from '../handling/handling-data';
import { DeadlineBadge, StatusBadge, UrgencyBadge } from '../tickets/badges';
import { REASSIGNABLE } from './coordination-data';
import { ReassignForm } from './ReassignForm';
import { RemindForm } from '../supervision/SupervisionForms';
import { CHASEABLE } from '../supervision/supervision-api';

/**
 * The district's tickets with the unit that holds each and its time left or overdue; a ticket
 * still being handled can be redistributed (改派) to another unit of the district in place.
 */
export function DistrictTickets({
  items,
  districtId,
  label,
  onChanged,
}: {
  items: TicketListItem[];
  districtId: number;
  label: string;
  onChanged: () => void;
}) {
  const t = useT();
  const names = useNames();
  const [open, setOpen] = useState<number | null>(null);
  // 催办: the unit holding the ticket is chased, with an optional message.
  const [chasing, setChasing] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      {message ? <Notice kind="success">{message}</Notice> : null}
      {items.length === 0 ? (
        <p className="muted">{t('list.empty')}</p>
      ) : (
        <table className="data co-table" aria-label={label}>
          <thead>
            <tr>
              <th>{t('co.col.number')}</th>
              <th>{t('co.col.title')}</th>
              <th>{t('co.col.unit')}</th>
              <th>{t('co.col.status')}</th>
              <th>{t('co.col.deadline')}</th>
              <th>
                <span className="visually-hidden">{t('co.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((ticket) => (
              <Fragment key={ticket.id}>
                <tr>
                  <td className="co-number">
                    <Link to={`/tickets/${ticket.id}`}>{ticket.number}</Link>
                  </td>
                  <td>
                    {ticket.title}
                    {ticket.urgency !== 'normal' ? (
                      <>
                        {' '}
                        <UrgencyBadge urgency={ticket.urgency} />
                      </>
                    ) : null}
                    <div className="muted co-street">{names.unit(ticket.streetId)}</div>
                  </td>
                  <td>{names.unit(ticket.leadUnitId) || '—'}</td>
                  <td>
                    <StatusBadge status={ticket.status} />
                  </td>
                  <td>
                    <DeadlineBadge due={activeDeadline(ticket)} start={ticket.createdAt} />
                  </td>
                  <td className="co-actions">
                    {CHASEABLE.includes(ticket.status) ? (
                      <button
                        type="button"
                        aria-expanded={chasing === ticket.id}
                        aria-label={t('sv.remind.title', { number: ticket.number })}
                        onClick={() => {
                          setMessage(null);
                          setChasing(chasing === ticket.id ? null : ticket.id);
                        }}
                      >
                        {t('sv.remind.button')}
                      </button>
                    ) : null}{' '}
                    {REASSIGNABLE.includes(ticket.status) ? (
                      <button
                        type="button"
                        aria-expanded={open === ticket.id}
                        aria-label={t('co.reassign.open', { number: ticket.number })}
                        onClick={() => {
                          setMessage(null);
                          setOpen(open === ticket.id ? null : ticket.id);
                        }}
                      >
                        {t('co.reassign.button')}
                      </button>
                    ) : null}
                  </td>
                </tr>
                {chasing === ticket.id ? (
                  <tr className="co-form-row">
                    <td colSpan={6}>
                      <RemindForm
                        ticketId={ticket.id}
                        number={ticket.number}
                        onCancel={() => setChasing(null)}
                        onDone={(text) => {
                          setChasing(null);
                          setMessage(text);
                          onChanged();
                        }}
                      />
                    </td>
                  </tr>
                ) : null}
                {open === ticket.id ? (
                  <tr className="co-form-row">
                    <td colSpan={6}>
                      <ReassignForm
                        ticket={ticket}
                        districtId={districtId}
                        onCancel={() => setOpen(null)}
                        onDone={(text) => {
                          setOpen(null);
                          setMessage(text);
                          onChanged();
                        }}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

import { api } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { DeadlineBadge, StatusBadge, UrgencyBadge } from '../tickets/badges';
import { TicketSupervision } from '../supervision/TicketSupervision';
import { HandlingActionsFor } from './HandlingActions';
import { useNames, type TicketView } from './handling-data';

/** The chosen ticket of the queue: what the citizen asked, where, by when, and the actions. */
export function TicketBrief({
  ticketId,
  reloadKey,
  onDone,
}: {
  ticketId: number;
  /** Changes when the queue reloaded (a push, an action): the ticket is read again. */
  reloadKey: number;
  onDone: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const state = useLoad(
    (signal) => api<TicketView>('GET', `/tickets/${ticketId}`, undefined, { signal }),
    [ticketId, reloadKey],
  );
  const ticket = state.data?.id === ticketId ? state.data : undefined;
  if (!ticket) return <LoadState state={state} />;
  const citizen =
    ticket.citizenVisibility === 'hidden'
      ? t('hd.brief.confidential')
      : [ticket.citizenName, ticket.citizenPhone].filter(Boolean).join(' · ');
  return (
    <article className="hd-brief" aria-labelledby="hd-brief-title">
      <header className="hd-brief-head">
        <h2 id="hd-brief-title">{ticket.title}</h2>
        <div className="hd-tags">
          <Link to={`/tickets/${ticket.id}`}>{ticket.number}</Link>
          <StatusBadge status={ticket.status} />
          <UrgencyBadge urgency={ticket.urgency} />
        </div>
      </header>
      <dl className="hd-facts">
        <dt>{t('hd.brief.category')}</dt>
        <dd>{names.category(ticket.categoryId) || t('form.none')}</dd>
        <dt>{t('hd.brief.appealType')}</dt>
        <dd>
          {t(`appealType.${ticket.appealType}` as MessageKey)} ·{' '}
          {t(`channel.${ticket.channel}` as MessageKey)}
        </dd>
        <dt>{t('hd.brief.address')}</dt>
        <dd>{ticket.address ?? t('form.none')}</dd>
        <dt>{t('hd.brief.citizen')}</dt>
        <dd>{citizen || t('form.none')}</dd>
        <dt>{t('hd.brief.created')}</dt>
        <dd>{format.dateTime(ticket.createdAt)}</dd>
        <dt>{t('hd.due.sign')}</dt>
        <dd>
          <DeadlineBadge
            due={ticket.signDueAt}
            start={ticket.dispatchedAt}
            done={ticket.signedAt}
          />
        </dd>
        <dt>{t('hd.due.reply')}</dt>
        <dd>
          <DeadlineBadge
            due={ticket.replyDueAt}
            start={ticket.dispatchedAt}
            done={ticket.repliedAt}
          />
        </dd>
      </dl>
      <h3 className="hd-brief-sub">{t('hd.brief.description')}</h3>
      <p className="hd-description">{ticket.description}</p>
      {ticket.replyText ? (
        <>
          <h3 className="hd-brief-sub">{t('hd.brief.reply')}</h3>
          <p className="hd-description">{ticket.replyText}</p>
        </>
      ) : null}
      <HandlingActionsFor
        ticket={ticket}
        onDone={() => {
          state.reload();
          onDone();
        }}
      />
      <TicketSupervision ticket={ticket} />
    </article>
  );
}

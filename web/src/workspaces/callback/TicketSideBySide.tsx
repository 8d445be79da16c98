import { useI18n, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { DeadlineBadge, StatusBadge, UrgencyBadge } from '../tickets/badges';
import type { Names } from './names';
import type { TicketView } from './types';

/** 13755530649 → 137 5553 0649: easier to read out and dial. */
export function groupPhone(phone: string): string {
  return /^1\d{10}$/.test(phone)
    ? `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`
    : phone;
}

/** The ticket's heading: number, title, urgency, callback deadline, reopen count. */
export function TicketHeading({
  ticket,
  headingRef,
}: {
  ticket: TicketView;
  headingRef: (element: HTMLHeadingElement | null) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="cb-ticket-head">
      <h2 id="cb-ticket-title" tabIndex={-1} ref={headingRef}>
        <span className="cb-number">{ticket.number}</span> {ticket.title}
      </h2>
      <div className="cb-badges">
        <StatusBadge status={ticket.status} />
        <UrgencyBadge urgency={ticket.urgency} />
        {ticket.status === 'replied' ? (
          <span className="cb-deadline">
            {t('cb.deadline')} <DeadlineBadge due={ticket.callbackDueAt} start={ticket.repliedAt} />
          </span>
        ) : null}
        {ticket.reopenCount > 0 ? (
          <span className="badge badge-warn">
            {t('cb.reopenCount', { count: ticket.reopenCount })}
          </span>
        ) : null}
        <Link to={`/tickets/${ticket.id}`} className="cb-full-link">
          {t('cb.openTicket')}
        </Link>
      </div>
    </div>
  );
}

/** The citizen's appeal and the unit's reply side by side, so the agent can read both. */
export function TicketSideBySide({ ticket, names }: { ticket: TicketView; names?: Names }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const lead = ticket.assignments.find((a) => a.role === 'lead' && a.state !== 'withdrawn');
  const coReplies = ticket.assignments.filter(
    (a) => a.role === 'co' && a.state !== 'withdrawn' && a.replyText,
  );
  return (
    <div className="cb-compare">
      <article className="cb-side" aria-labelledby="cb-appeal-title">
        <h3 id="cb-appeal-title">{t('cb.appeal')}</h3>
        <dl className="cb-facts">
          <dt>{t('cb.appealType')}</dt>
          <dd>
            {t(`appealType.${ticket.appealType}` as MessageKey)} ·{' '}
            {t(`channel.${ticket.channel}` as MessageKey)}
          </dd>
          <dt>{t('cb.category')}</dt>
          <dd>{names?.category(ticket.categoryId, locale) || t('form.none')}</dd>
          <dt>{t('cb.address')}</dt>
          <dd>{ticket.address ?? t('form.none')}</dd>
          <dt>{t('cb.createdAt')}</dt>
          <dd>{format.dateTime(ticket.createdAt)}</dd>
        </dl>
        <p className="cb-text">{ticket.description}</p>
      </article>
      <article className="cb-side cb-reply" aria-labelledby="cb-reply-title">
        <h3 id="cb-reply-title">{t('cb.reply')}</h3>
        <dl className="cb-facts">
          <dt>{t('cb.leadUnit')}</dt>
          <dd>{names?.unit(ticket.leadUnitId, locale)}</dd>
          <dt>{t('cb.repliedAt')}</dt>
          <dd>{format.dateTime(ticket.repliedAt ?? lead?.repliedAt)}</dd>
        </dl>
        <p className="cb-text">{ticket.replyText ?? lead?.replyText ?? t('cb.noReply')}</p>
        {coReplies.map((part) => (
          <div key={part.id} className="cb-co-reply">
            <h4>{t('cb.coReply', { unit: names?.unit(part.unitId, locale) ?? '' })}</h4>
            <p className="cb-text">{part.replyText}</p>
          </div>
        ))}
      </article>
    </div>
  );
}

/** Who to call: the citizen's name and number, as the callback desk is allowed to see them. */
export function CitizenCard({ ticket }: { ticket: TicketView }) {
  const { t } = useI18n();
  return (
    <section className="panel cb-citizen" aria-labelledby="cb-citizen-title">
      <h3 id="cb-citizen-title">{t('cb.citizen')}</h3>
      {ticket.citizenVisibility === 'hidden' ? (
        <p className="muted">{t('cb.citizenHidden')}</p>
      ) : (
        <dl className="cb-facts">
          <dt>{t('cb.citizenName')}</dt>
          <dd>{ticket.citizenName ?? t('cb.anonymous')}</dd>
          <dt>{t('cb.citizenPhone')}</dt>
          <dd>
            {ticket.citizenPhone ? (
              <a className="cb-phone" href={`tel:${ticket.citizenPhone}`}>
                {groupPhone(ticket.citizenPhone)}
              </a>
            ) : (
              <span className="muted">{t('cb.noPhone')}</span>
            )}
          </dd>
        </dl>
      )}
      {ticket.confidential ? (
        <span className="badge badge-warn">{t('cb.confidential')}</span>
      ) : null}
      {ticket.citizenVisibility === 'masked' ? (
        <p className="field-hint">{t('cb.masked')}</p>
      ) : null}
    </section>
  );
}

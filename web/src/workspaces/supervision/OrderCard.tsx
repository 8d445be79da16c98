import { useT, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { useSession, useUser } from '../../session';
import { useFormat } from '../../settings';
import { useNames } from '../tickets/reference';
import { DeadlineBadge } from '../tickets/badges';
import { OrderReplyForm, OrderReviewForm } from './SupervisionForms';
import type { SupervisionOrder } from './supervision-api';

const STATE_TONE: Record<SupervisionOrder['state'], string> = {
  open: 'badge badge-warn',
  replied: 'badge badge-brand',
  closed: 'badge badge-ok',
};

/** An order's state as a badge (待答复 / 已答复 / 已办结). */
export function OrderStateBadge({ state }: { state: SupervisionOrder['state'] }) {
  const t = useT();
  return <span className={STATE_TONE[state]}>{t(`sv.orderState.${state}` as MessageKey)}</span>;
}

/**
 * One supervision order (督办单): what was asked, by when, every step with who and when, and
 * what the viewer may do now (the unit replies while it is open; a supervisor closes it or
 * sends a reply back).
 */
export function OrderCard({
  order,
  showTicket = false,
  onChanged,
}: {
  order: SupervisionOrder;
  showTicket?: boolean;
  /** After a step: what to tell the user (the card may leave the list it is in). */
  onChanged: (message: string) => void;
}) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const user = useUser();
  const { hasRole } = useSession();
  const mayReply = hasRole('handler') && user.unitId === order.unitId && order.state === 'open';
  const mayReview = hasRole('supervisor') && order.state !== 'closed';
  return (
    <article className="sv-order" aria-label={t('sv.order.label', { id: order.id })}>
      <header className="sv-order-head">
        <strong>{t('sv.order.label', { id: order.id })}</strong>{' '}
        <OrderStateBadge state={order.state} />{' '}
        {order.state === 'open' ? (
          <DeadlineBadge due={order.dueAt} start={order.startedAt} />
        ) : null}
        {order.rounds > 1 ? (
          <span className="badge">{t('sv.order.rounds', { rounds: order.rounds })}</span>
        ) : null}
        {showTicket ? (
          <span>
            {' '}
            <Link to={`/tickets/${order.ticketId}`}>{order.ticketNumber}</Link> {order.ticketTitle}
          </span>
        ) : null}
      </header>
      <dl className="sv-facts">
        <dt>{t('sv.order.unit')}</dt>
        <dd>{names.unit(order.unitId)}</dd>
        <dt>{t('sv.order.reason')}</dt>
        <dd>{order.reason}</dd>
        <dt>{t('sv.order.requirement')}</dt>
        <dd>{order.requirement}</dd>
        <dt>{t('sv.order.due')}</dt>
        <dd>{format.dateTime(order.dueAt)}</dd>
      </dl>
      <ol className="sv-steps">
        {order.steps.map((step) => (
          <li key={step.id}>
            <span className="sv-step-head">
              <strong>{t(`sv.step.${step.action}` as MessageKey)}</strong>{' '}
              <time dateTime={step.at}>{format.dateTime(step.at)}</time>{' '}
              <span className="muted">
                {names.unit(step.actorUnitId)}
                {step.actorName ? ` · ${step.actorName}` : ''}
              </span>
            </span>
            {step.text && step.action !== 'issue' ? (
              <p className="sv-step-text">{step.text}</p>
            ) : null}
            {step.action === 'send_back' && step.dueAt ? (
              <p className="muted">{t('sv.order.newDue', { at: format.dateTime(step.dueAt) })}</p>
            ) : null}
          </li>
        ))}
      </ol>
      {mayReply ? <OrderReplyForm order={order} onDone={onChanged} /> : null}
      {mayReview ? <OrderReviewForm key={order.version} order={order} onDone={onChanged} /> : null}
    </article>
  );
}

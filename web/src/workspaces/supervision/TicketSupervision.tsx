import { useState } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { useSession, useUser } from '../../session';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { useLiveReload } from '../../ui/live';
import { useNames } from '../tickets/reference';
import { OrderCard } from './OrderCard';
import {
  EvaluationRequestForm,
  OrderForm,
  RemindForm,
  RequestDecisionForm,
  Toggle,
} from './SupervisionForms';
import { CHASEABLE, supervisionApi, type EvaluationRequest } from './supervision-api';

/** What the ticket page passes: the ticket as loaded, to decide which actions to offer. */
export interface SupervisedTicket {
  id: number;
  number: string;
  status: string;
  districtId: number | null;
  leadUnitId: number | null;
  version: number;
  assignments: Array<{ unitId: number; state: string }>;
}

/**
 * The ticket's supervision (督办): reminders, supervision orders with their steps, exemption and
 * objection requests with their decisions, and what the viewer's role may do here: chase the
 * unit (催办), issue an order (督办), reply to one, ask for an exemption (核减) or object (申诉),
 * decide a request. Reloads when the ticket changes (every supervision step is a ticket event).
 */
export function TicketSupervision({ ticket }: { ticket: SupervisedTicket }) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const user = useUser();
  const { hasRole } = useSession();
  const [message, setMessage] = useState<string | null>(null);
  const state = useLoad(
    (signal) => supervisionApi.ticket(ticket.id, signal),
    [ticket.id, ticket.version],
  );
  // Supervision steps are ticket events that leave the ticket's version as it was.
  useLiveReload(state.reload, (change) => change.id === ticket.id);
  const done = (text: string) => {
    setMessage(text);
    state.reload();
  };
  const data = state.data;
  const chaser =
    hasRole('supervisor', 'dispatcher') ||
    (hasRole('coordinator') && user.districtId !== null && ticket.districtId === user.districtId);
  const canRemind = chaser && CHASEABLE.includes(ticket.status);
  const openOrder = data?.orders.some((order) => order.state !== 'closed') ?? true;
  const canOrder =
    hasRole('supervisor') && ticket.leadUnitId !== null && ticket.status !== 'merged' && !openOrder;
  const ownUnit = ticket.assignments.some(
    (a) => a.unitId === user.unitId && a.state !== 'withdrawn',
  );
  const canAsk = hasRole('handler') && ownUnit;
  const exempted = (data?.adjustments ?? []).filter((a) => a.aspect === 'all');
  const empty =
    data &&
    data.reminders.length === 0 &&
    data.orders.length === 0 &&
    data.requests.length === 0 &&
    !canRemind &&
    !canOrder &&
    !canAsk;
  if (empty && !message) return null;
  return (
    <section className="panel sv-ticket" aria-labelledby="sv-ticket-title">
      <h2 id="sv-ticket-title">{t('sv.ticket.title')}</h2>
      <LoadState state={state} />
      {message ? <Notice kind="success">{message}</Notice> : null}
      {exempted.map((a) => (
        <p key={`${a.unitId}`} className="badge badge-warn sv-exempted">
          {t('sv.ticket.exempted', { unit: names.unit(a.unitId) })}
        </p>
      ))}
      <div className="form-actions sv-actions">
        {canRemind ? (
          <Toggle label={t('sv.remind.button')}>
            {(close) => (
              <RemindForm
                ticketId={ticket.id}
                number={ticket.number}
                onCancel={close}
                onDone={(text) => {
                  close();
                  done(text);
                }}
              />
            )}
          </Toggle>
        ) : null}
        {canOrder ? (
          <Toggle label={t('sv.order.button')}>
            {(close) => (
              <OrderForm
                ticketId={ticket.id}
                number={ticket.number}
                onCancel={close}
                onDone={(text) => {
                  close();
                  done(text);
                }}
              />
            )}
          </Toggle>
        ) : null}
        {canAsk ? (
          <Toggle label={t('sv.ask.button')}>
            {(close) => (
              <EvaluationRequestForm
                ticketId={ticket.id}
                onCancel={close}
                onDone={(text) => {
                  close();
                  done(text);
                }}
              />
            )}
          </Toggle>
        ) : null}
      </div>
      {data && data.orders.length > 0 ? (
        <>
          <h3>{t('sv.ticket.orders')}</h3>
          {data.orders.map((order) => (
            <OrderCard key={order.id} order={order} onChanged={done} />
          ))}
        </>
      ) : null}
      {data && data.requests.length > 0 ? (
        <>
          <h3>{t('sv.ticket.requests')}</h3>
          <ul className="list-plain sv-requests">
            {data.requests.map((request) => (
              <RequestItem key={request.id} request={request} onDone={done} />
            ))}
          </ul>
        </>
      ) : null}
      {data && data.reminders.length > 0 ? (
        <>
          <h3>{t('sv.ticket.reminders', { count: data.reminders.length })}</h3>
          <ul className="list-plain sv-reminders">
            {data.reminders.slice(0, 10).map((reminder) => (
              <li key={reminder.id}>
                <span
                  className={
                    reminder.stage === 'district' || reminder.stage === 'centre'
                      ? 'badge badge-danger'
                      : 'badge badge-warn'
                  }
                >
                  {t(`sv.stage.${reminder.stage}` as MessageKey)}
                </span>{' '}
                {names.unit(reminder.unitId)} ·{' '}
                {t(`sv.deadline.${reminder.deadlineKind}` as MessageKey)}{' '}
                <span className="muted">
                  {format.dateTime(reminder.createdAt)}
                  {reminder.actorName ? ` · ${reminder.actorName}` : ''}
                </span>
                {reminder.note ? <div>{reminder.note}</div> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** One exemption or objection request with its outcome; a supervisor decides a pending one. */
export function RequestItem({
  request,
  onDone,
  showTicket = false,
}: {
  request: EvaluationRequest;
  onDone: (message: string) => void;
  showTicket?: boolean;
}) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const { hasRole } = useSession();
  const tone =
    request.state === 'pending'
      ? 'badge badge-warn'
      : request.state === 'approved'
        ? 'badge badge-ok'
        : 'badge';
  return (
    <li className="sv-request">
      <div>
        <strong>{t(`sv.kind.${request.kind}` as MessageKey)}</strong>
        {request.kind === 'objection'
          ? ` · ${t(`sv.aspect.${request.aspect}` as MessageKey)}`
          : ''}{' '}
        <span className={tone}>{t(`sv.requestState.${request.state}` as MessageKey)}</span>{' '}
        <span className="muted">
          {showTicket ? `${request.ticketNumber} · ` : ''}
          {names.unit(request.unitId)} · {request.requestedByName ?? ''} ·{' '}
          {format.dateTime(request.createdAt)}
        </span>
      </div>
      <div>{request.reason}</div>
      {request.decisionReason ? (
        <div className="muted">
          {t('sv.decide.by', {
            who: request.decidedByName ?? '',
            at: format.dateTime(request.decidedAt),
          })}{' '}
          {request.decisionReason}
        </div>
      ) : null}
      {request.state === 'pending' && hasRole('supervisor') ? (
        <Toggle
          label={t('sv.decide.button')}
          ariaLabel={t('sv.decide.title', { number: request.ticketNumber })}
        >
          {(close) => (
            <RequestDecisionForm
              request={request}
              onCancel={close}
              onDone={(text) => {
                close();
                onDone(text);
              }}
            />
          )}
        </Toggle>
      ) : null}
    </li>
  );
}

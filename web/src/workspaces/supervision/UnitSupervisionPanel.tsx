import { useState } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { useLiveReload } from '../../ui/live';
import { OrderCard } from './OrderCard';
import { supervisionApi } from './supervision-api';

/** How many of the unit's latest reminders the handling workspace shows. */
const RECENT_REMINDERS = 5;

/**
 * For the handling unit: its supervision orders still to answer (each with its reply form) and
 * the latest reminders (催办) it received, automatic or by a person. Nothing when there are none.
 */
export function UnitSupervisionPanel({ reloadKey }: { reloadKey: number }) {
  const t = useT();
  const format = useFormat();
  const [tick, setTick] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  useLiveReload(() => setTick((n) => n + 1));
  const state = useLoad(
    async (signal) => {
      const [orders, reminders] = await Promise.all([
        supervisionApi.orders({ states: ['open'], pageSize: 50 }, signal),
        supervisionApi.reminders({ pageSize: RECENT_REMINDERS }, signal),
      ]);
      return { orders: orders.items, reminders: reminders.items };
    },
    [tick, reloadKey],
  );
  const data = state.data;
  if (!data || (data.orders.length === 0 && data.reminders.length === 0 && !message)) return null;
  return (
    <section className="panel sv-unit" aria-labelledby="sv-unit-title">
      <h2 id="sv-unit-title">
        {t('sv.unit.title')}{' '}
        {data.orders.length > 0 ? (
          <span className="badge badge-warn">
            {t('sv.unit.toAnswer', { count: data.orders.length })}
          </span>
        ) : null}
      </h2>
      {message ? <Notice kind="success">{message}</Notice> : null}
      {data.orders.map((order) => (
        <OrderCard
          key={order.id}
          order={order}
          showTicket
          onChanged={(text) => {
            setMessage(text);
            state.reload();
          }}
        />
      ))}
      {data.reminders.length > 0 ? (
        <>
          <h3>{t('sv.unit.reminders')}</h3>
          <ul className="list-plain sv-reminders">
            {data.reminders.map((reminder) => (
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
                <Link to={`/handling?ticket=${reminder.ticketId}`}>{reminder.ticketNumber}</Link>{' '}
                {reminder.ticketTitle} · {t(`sv.deadline.${reminder.deadlineKind}` as MessageKey)}{' '}
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

import type { RefObject } from 'react';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { Field } from '../../ui/forms';
import { StatusBadge } from '../tickets/badges';
import { CHANNELS, type CallerHistory, type Channel, type Contact } from './types';

/**
 * The incoming contact: the caller's number and channel; Enter records the contact and pops the
 * caller's earlier contacts and tickets.
 */
export function CallerPanel({
  channel,
  onChannel,
  caller,
  onCaller,
  onLookup,
  contact,
  history,
  busy,
  error,
  inputRef,
}: {
  channel: Channel;
  onChannel: (channel: Channel) => void;
  caller: string;
  onCaller: (caller: string) => void;
  onLookup: () => void;
  contact: Contact | null;
  history: CallerHistory | null;
  busy: boolean;
  error: string | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <section className="panel op-caller" aria-labelledby="op-caller-head">
      <div className="panel-head">
        <h2 id="op-caller-head">{t('op.caller.heading')}</h2>
        {contact ? (
          <span className="badge badge-brand">
            {t('op.caller.recorded', { time: format.dateTime(contact.startedAt).slice(-5) })}
          </span>
        ) : null}
      </div>
      <div className="op-caller-row">
        <Field label={t('op.caller.number')} error={error} className="op-caller-number">
          <input
            ref={inputRef}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            value={caller}
            onChange={(event) => onCaller(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) return;
              event.preventDefault();
              if (!busy) onLookup();
            }}
          />
        </Field>
        <Field label={t('op.caller.channel')} className="op-caller-channel">
          <select value={channel} onChange={(event) => onChannel(event.target.value as Channel)}>
            {CHANNELS.map((value) => (
              <option key={value} value={value}>
                {t(`channel.${value}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <p className="field-hint op-caller-hint">
        <kbd>Enter</kbd> {t('op.caller.hint')}
      </p>
      {history ? <HistoryView history={history} ownContactId={contact?.id ?? null} /> : null}
    </section>
  );
}

function HistoryView({
  history,
  ownContactId,
}: {
  history: CallerHistory;
  ownContactId: number | null;
}) {
  const t = useT();
  const format = useFormat();
  const contacts = history.contacts.filter((c) => c.id !== ownContactId);
  if (contacts.length === 0 && history.tickets.length === 0)
    return <p className="muted op-history-empty">{t('op.caller.none')}</p>;
  return (
    <div className="op-history" aria-label={t('op.caller.history')} role="group">
      <p className="op-history-summary">
        {t('op.caller.summary', { contacts: contacts.length, tickets: history.tickets.length })}
      </p>
      {history.tickets.length > 0 ? (
        <ul className="list-plain op-history-list" aria-label={t('op.caller.tickets')}>
          {history.tickets.map((ticket) => (
            <li key={ticket.id}>
              <div className="op-history-line">
                <Link to={`/tickets/${ticket.id}`} className="op-number">
                  {ticket.number}
                </Link>
                <StatusBadge status={ticket.status} />
              </div>
              <div className="op-history-title" title={ticket.title}>
                {ticket.title}
              </div>
              <div className="op-history-meta muted">{format.dateTime(ticket.createdAt)}</div>
            </li>
          ))}
        </ul>
      ) : null}
      {contacts.length > 0 ? (
        <ul className="list-plain op-history-list" aria-label={t('op.caller.contacts')}>
          {contacts.slice(0, 5).map((c) => (
            <li key={c.id} className="op-history-line">
              <span className="muted">{format.dateTime(c.startedAt)}</span>
              <span>{t(`channel.${c.channel}`)}</span>
              <span className="badge">{t(`op.outcome.${c.outcome}`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

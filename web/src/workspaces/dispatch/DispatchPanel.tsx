import { useState } from 'react';
import { api } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { StatusBadge, UrgencyBadge } from '../tickets/badges';
import { useNames } from '../tickets/reference';
import type { Suggestion, TicketSummary, TicketView } from '../tickets/types';
import { DispatchForm } from './DispatchForm';
import { DuplicateCandidates } from './LikelyDuplicates';
import { MergeForm } from './MergeForm';
import { TicketRoutingBox } from './RoutingSuggestion';

/**
 * One ticket opened from the queue: the appeal to read, and the dispatch form (or the merge of a
 * duplicate). Loads the ticket only when opened, not while the dispatcher moves along the queue.
 */
export function DispatchPanel({
  ticketId,
  suggestion,
  onDone,
  onClose,
}: {
  ticketId: number;
  /** The queue's suggestion, when the ticket came from it (saves asking the catalogue again). */
  suggestion?: Suggestion | null;
  onDone: (ticket: TicketSummary, how: 'dispatch' | 'merge') => void;
  onClose: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const [merging, setMerging] = useState(false);
  const state = useLoad(
    (signal) => api<TicketView>('GET', `/tickets/${ticketId}`, undefined, { signal }),
    [ticketId],
  );
  const ticket = state.data?.id === ticketId ? state.data : undefined;
  return (
    <section
      className="panel dsp-panel"
      aria-labelledby="dsp-panel-title"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="panel-head">
        <h2 id="dsp-panel-title">
          {ticket ? t('dsp.panel.title', { number: ticket.number }) : t('app.loading')}
        </h2>
        <button type="button" className="ghost" onClick={onClose} aria-label={t('dsp.panel.close')}>
          ×
        </button>
      </div>
      {!ticket ? <LoadState state={state} /> : null}
      {ticket ? (
        <>
          <p className="dsp-panel-badges">
            <StatusBadge status={ticket.status} /> <UrgencyBadge urgency={ticket.urgency} />{' '}
            <span className="muted">
              {t(`channel.${ticket.channel}` as MessageKey)} · {format.dateTime(ticket.createdAt)}
            </span>
          </p>
          <h3>{ticket.title}</h3>
          <p className="dsp-description">{ticket.description}</p>
          <dl className="tk-fields tk-fields-1">
            <div>
              <dt>{t('tk.field.categoryId')}</dt>
              <dd>{names.category(ticket.categoryId) || t('tk.none')}</dd>
            </div>
            <div>
              <dt>{t('tk.field.districtId')}</dt>
              <dd>
                {[names.unit(ticket.districtId), names.unit(ticket.streetId)]
                  .filter(Boolean)
                  .join(' › ')}
              </dd>
            </div>
            {ticket.address ? (
              <div>
                <dt>{t('tk.field.address')}</dt>
                <dd>{ticket.address}</dd>
              </div>
            ) : null}
            {ticket.returnCount > 0 ? (
              <div>
                <dt>{t('tk.field.returnCount')}</dt>
                <dd>
                  <span className="badge badge-warn">{ticket.returnCount}</span>
                </dd>
              </div>
            ) : null}
          </dl>
          <p>
            <Link to={`/tickets/${ticket.id}`}>{t('dsp.panel.openTicket')}</Link>
          </p>
          {ticket.status !== 'pending_dispatch' ? (
            <p className="muted" role="status">
              {t('dsp.panel.notPending')}
            </p>
          ) : merging ? (
            <MergeForm
              ticket={ticket}
              onCancel={() => setMerging(false)}
              onDone={(after) => onDone(after, 'merge')}
            />
          ) : (
            <>
              <TicketRoutingBox
                ticket={ticket}
                onDispatched={(after) => onDone(after, 'dispatch')}
              />
              <DispatchForm
                key={ticket.version}
                target={ticket}
                mode="dispatch"
                suggestion={suggestion}
                autoFocus
                onDone={(after) => onDone(after, 'dispatch')}
                onCancel={onClose}
              />
              <DuplicateCandidates ticket={ticket} onMerged={(after) => onDone(after, 'merge')} />
              <p>
                <button type="button" className="link" onClick={() => setMerging(true)}>
                  {t('dsp.panel.merge')}
                </button>
              </p>
            </>
          )}
        </>
      ) : null}
    </section>
  );
}

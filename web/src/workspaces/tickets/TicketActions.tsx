import { useState } from 'react';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { useSession, useUser } from '../../session';
import { Notice } from '../../ui/forms';
import { DispatchForm } from '../dispatch/DispatchForm';
import { MergeForm } from '../dispatch/MergeForm';
import { RequestDecision } from '../dispatch/RequestDecision';
import { TicketHandlingActions } from '../handling/HandlingActions';
import { IntakeActions } from './IntakeActions';
import type { TicketRequestRecord } from './ticket-requests';
import type { TicketStatus, TicketView } from './types';

/** Where the server allows each dispatch-desk step (src/modules/tickets/ticket-status.ts). */
const MERGEABLE: readonly TicketStatus[] = [
  'received',
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'return_review',
];
const REASSIGNABLE: readonly TicketStatus[] = ['dispatched', 'in_progress'];

type Mode = 'dispatch' | 'reassign' | 'merge' | 'return' | 'extension' | null;

/** The dispatch-desk steps this ticket's state allows (the server still decides). */
function dispatchOffers(
  ticket: TicketView,
  requests: TicketRequestRecord[],
  hasChildren: boolean,
): Array<Exclude<Mode, null>> {
  const offers: Array<Exclude<Mode, null>> = [];
  if (ticket.status === 'pending_dispatch') offers.push('dispatch');
  if (REASSIGNABLE.includes(ticket.status)) offers.push('reassign');
  if (
    ticket.status === 'return_review' &&
    requests.some((r) => r.kind === 'return' && r.outcome === 'pending')
  )
    offers.push('return');
  if (requests.some((r) => r.kind === 'extension' && r.outcome === 'pending'))
    offers.push('extension');
  // A parent of merged tickets cannot itself become a child (the server refuses it).
  if (MERGEABLE.includes(ticket.status) && ticket.parentId === null && !hasChildren)
    offers.push('merge');
  return offers;
}

const OFFER_LABELS = {
  dispatch: 'tk.action.dispatch',
  reassign: 'tk.action.reassign',
  return: 'tk.action.reviewReturn',
  extension: 'tk.action.reviewExtension',
  merge: 'tk.action.merge',
} as const;

/** The dispatch desk's steps on this ticket, where its state allows them. */
function DispatchActions({
  ticket,
  requests,
  hasChildren,
  onDone,
}: {
  ticket: TicketView;
  requests: TicketRequestRecord[];
  hasChildren: boolean;
  onDone: () => void;
}) {
  const t = useT();
  const [mode, setMode] = useState<Mode>(null);
  const [message, setMessage] = useState<string | null>(null);
  const pendingReturn = requests.find((r) => r.kind === 'return' && r.outcome === 'pending');
  const pendingExtension = requests.find((r) => r.kind === 'extension' && r.outcome === 'pending');
  const done = (text: string) => {
    setMode(null);
    setMessage(text);
    onDone();
  };
  const offers = dispatchOffers(ticket, requests, hasChildren);
  if (offers.length === 0 && !message) return null;
  return (
    <div className="tk-actions">
      {message ? <Notice kind="success">{message}</Notice> : null}
      <div className="form-actions">
        {offers.map((key) => (
          <button
            key={key}
            type="button"
            className={mode === key ? 'primary' : undefined}
            aria-expanded={mode === key}
            onClick={() => {
              setMessage(null);
              setMode(mode === key ? null : key);
            }}
          >
            {t(OFFER_LABELS[key])}
          </button>
        ))}
      </div>
      {mode === 'dispatch' || mode === 'reassign' ? (
        <DispatchForm
          key={`${mode}-${ticket.version}`}
          target={ticket}
          mode={mode}
          autoFocus
          onCancel={() => setMode(null)}
          onDone={() => done(mode === 'dispatch' ? t('tk.done.dispatch') : t('tk.done.reassign'))}
        />
      ) : null}
      {mode === 'merge' ? (
        <MergeForm
          ticket={ticket}
          onCancel={() => setMode(null)}
          onDone={() => done(t('tk.done.merge'))}
        />
      ) : null}
      {mode === 'return' && pendingReturn ? (
        <RequestDecision
          request={{ id: pendingReturn.requestId, kind: 'return' }}
          onCancel={() => setMode(null)}
          onDone={(after) => {
            done(
              after.status === 'pending_dispatch'
                ? t('tk.done.returnAccepted')
                : t('tk.done.returnRefused'),
            );
            if (after.status === 'pending_dispatch') setMode('dispatch');
          }}
        />
      ) : null}
      {mode === 'extension' && pendingExtension ? (
        <RequestDecision
          request={{
            id: pendingExtension.requestId,
            kind: 'extension',
            workingDays: pendingExtension.workingDays,
          }}
          onCancel={() => setMode(null)}
          onDone={() => done(t('tk.done.extension'))}
        />
      ) : null}
    </div>
  );
}

/** What the user's role may do with this ticket now; nothing when nothing is allowed. */
export function TicketActions({
  ticket,
  requests,
  hasChildren,
  onDone,
}: {
  ticket: TicketView;
  requests: TicketRequestRecord[];
  hasChildren: boolean;
  onDone: () => void;
}) {
  const t = useT();
  const { hasRole } = useSession();
  const user = useUser();
  const parts = [];
  if (hasRole('operator') && ticket.status === 'received')
    parts.push(<IntakeActions key="intake" ticket={ticket} onDone={onDone} />);
  if (
    hasRole('dispatcher', 'coordinator') &&
    dispatchOffers(ticket, requests, hasChildren).length > 0
  )
    parts.push(
      <DispatchActions
        key="dispatch"
        ticket={ticket}
        requests={requests}
        hasChildren={hasChildren}
        onDone={onDone}
      />,
    );
  const assigned = ticket.assignments.some(
    (a) => a.unitId === user.unitId && a.state !== 'withdrawn',
  );
  if (hasRole('handler') && assigned)
    parts.push(
      <TicketHandlingActions
        key="handling"
        ticketId={ticket.id}
        version={ticket.version}
        status={ticket.status}
        onDone={onDone}
      />,
    );
  if (hasRole('callback_agent') && ticket.status === 'replied')
    parts.push(
      <p key="callback">
        <Link to={`/callback?ticket=${ticket.id}`} className="button primary">
          {t('tk.action.callback')}
        </Link>
      </p>,
    );
  if (parts.length === 0) return null;
  return (
    <section className="panel tk-actions-panel" aria-labelledby="tk-actions">
      <h2 id="tk-actions">{t('tk.section.actions')}</h2>
      {parts}
    </section>
  );
}

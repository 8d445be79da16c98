import { useState } from 'react';
import { api, type ApiError } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { useUser } from '../../session';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { HANDLING_STATUSES, useNames, type Assignment, type TicketView } from './handling-data';
import { ReplyForm, ReplyPartForm } from './ReplyForm';
import { ExtensionForm, ReturnForm } from './RequestForms';

/** The handler's actions on one ticket (sign for, reply, extension, return, co-handler part). */
export interface TicketHandlingActionsProps {
  ticketId: number;
  version: number;
  status: string;
  onDone: () => void;
}

/**
 * What the user's unit can do on this ticket now, for the ticket page: nothing for other roles
 * or when the ticket is not dispatched to the unit. Reloads when `version` or `status` change.
 */
export function TicketHandlingActions(props: TicketHandlingActionsProps) {
  const user = useUser();
  if (!user.roles.includes('handler')) return null;
  return <LoadedActions {...props} />;
}

function LoadedActions({ ticketId, version, status, onDone }: TicketHandlingActionsProps) {
  const state = useLoad(
    (signal) => api<TicketView>('GET', `/tickets/${ticketId}`, undefined, { signal }),
    [ticketId, version, status],
  );
  if (!state.data) return <LoadState state={state} />;
  return (
    <HandlingActionsFor
      ticket={state.data}
      onDone={() => {
        state.reload();
        onDone();
      }}
    />
  );
}

type Mode = 'reply' | 'extension' | 'return';

/** The actions for a ticket already loaded (the handling workspace's detail panel). */
export function HandlingActionsFor({ ticket, onDone }: { ticket: TicketView; onDone: () => void }) {
  const t = useT();
  const user = useUser();
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => {
    setMessage(text);
    onDone();
  };
  const mine = ticket.assignments.find(
    (assignment) => assignment.unitId === user.unitId && assignment.state !== 'withdrawn',
  );
  const success = message ? <Notice kind="success">{message}</Notice> : null;
  if (!mine) return success;
  return (
    <section className="hd-actions" aria-labelledby={`hd-actions-${ticket.id}`}>
      <h3 id={`hd-actions-${ticket.id}`}>
        {t('hd.actions.title')}{' '}
        <span className="badge">{t(mine.role === 'lead' ? 'hd.role.lead' : 'hd.role.co')}</span>
      </h3>
      {success}
      <ActionsBody
        ticket={ticket}
        mine={mine}
        onDone={(text) => {
          setMessage(null);
          done(text);
        }}
      />
    </section>
  );
}

function ActionsBody({
  ticket,
  mine,
  onDone,
}: {
  ticket: TicketView;
  mine: Assignment;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const handling = HANDLING_STATUSES.includes(ticket.status);
  if (mine.state === 'replied')
    return (
      <p className="muted">
        {t(mine.role === 'lead' ? 'hd.state.replied' : 'hd.state.partReplied')}
      </p>
    );
  if (!handling) return <p className="muted">{t('hd.state.notHandling')}</p>;
  if (ticket.status === 'return_review')
    return <Notice kind="info">{t('hd.state.returnReview')}</Notice>;
  if (mine.state === 'dispatched')
    return <SignPanel ticketId={ticket.id} canReturn={mine.role === 'lead'} onDone={onDone} />;
  if (mine.role === 'co') return <ReplyPartForm ticketId={ticket.id} onDone={onDone} />;
  return <LeadRequests ticket={ticket} onDone={onDone} />;
}

/**
 * 签收: one click (the server refuses it when someone else of the unit signed meanwhile). A lead
 * unit may also return a misrouted ticket without signing for it.
 */
function SignPanel({
  ticketId,
  canReturn,
  onDone,
}: {
  ticketId: number;
  canReturn: boolean;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const sign = async () => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/tickets/${ticketId}/sign`);
      onDone(t('hd.sign.done'));
    } catch (failure) {
      setError((failure as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="hd-sign">
      {error ? <Notice kind="error">{error}</Notice> : null}
      <p className="muted">{t('hd.sign.hint')}</p>
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void sign()}>
          {busy ? t('form.saving') : t('hd.sign.one')}
        </button>
        {canReturn ? (
          <button type="button" aria-expanded={returning} onClick={() => setReturning(!returning)}>
            {t('hd.mode.return')}
          </button>
        ) : null}
      </div>
      {returning ? <ReturnForm ticketId={ticketId} onDone={onDone} /> : null}
    </div>
  );
}

const MODE_LABEL: Record<Mode, MessageKey> = {
  reply: 'hd.mode.reply',
  extension: 'hd.mode.extension',
  return: 'hd.mode.return',
};

/** The lead unit's choices: reply (after signing), ask for an extension, or return the ticket. */
function LeadRequests({
  ticket,
  onDone,
}: {
  ticket: TicketView;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const modes: Mode[] = ['reply', 'extension', 'return'];
  const [mode, setMode] = useState<Mode>('reply');
  const coHandlers = ticket.assignments.filter((a) => a.role === 'co');
  const missing = coHandlers.filter((a) => a.state !== 'replied');
  const blocked =
    missing.length > 0
      ? t('hd.reply.coPending', { units: missing.map((a) => names.unit(a.unitId)).join('、') })
      : null;
  return (
    <div className="hd-lead">
      {coHandlers.length > 0 ? <CoParts parts={coHandlers} /> : null}
      <div className="hd-modes" role="group" aria-label={t('hd.actions.choose')}>
        {modes.map((each) => (
          <button
            key={each}
            type="button"
            className={mode === each ? 'hd-mode hd-mode-on' : 'hd-mode'}
            aria-pressed={mode === each}
            onClick={() => setMode(each)}
          >
            {t(MODE_LABEL[each])}
          </button>
        ))}
      </div>
      {mode === 'reply' ? (
        <ReplyForm ticketId={ticket.id} blocked={blocked} onDone={onDone} />
      ) : null}
      {mode === 'extension' ? (
        <ExtensionForm
          ticketId={ticket.id}
          replyDue={format.dateTime(ticket.replyDueAt)}
          onDone={onDone}
        />
      ) : null}
      {mode === 'return' ? <ReturnForm ticketId={ticket.id} onDone={onDone} /> : null}
    </div>
  );
}

/** What the co-handlers (协办) replied, for the lead unit to consolidate. */
function CoParts({ parts }: { parts: Assignment[] }) {
  const t = useT();
  const names = useNames();
  const format = useFormat();
  return (
    <div className="hd-coparts">
      <h4>{t('hd.coparts.title')}</h4>
      <ul className="list-plain">
        {parts.map((part) => (
          <li key={part.id}>
            <strong>{names.unit(part.unitId)}</strong>{' '}
            <span className={part.state === 'replied' ? 'badge badge-ok' : 'badge badge-warn'}>
              {t(`hd.assignment.${part.state}`)}
            </span>
            {part.replyText ? (
              <p className="hd-copart-text">
                {part.replyText} <span className="muted">{format.dateTime(part.repliedAt)}</span>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import type { Contact } from './types';

/** What the server pushes about a call at the operator's extension (GET /cti/events). */
export interface CallPop {
  callId: number;
  state: 'ringing' | 'ring_stopped' | 'answered' | 'ended' | 'contact';
  at: string;
  extension: string | null;
  callerNumber: string | null;
  calledNumber: string | null;
  offeredAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  contactId: number | null;
}

/** The call ringing or in progress at the operator's extension, if any. */
export interface IncomingCall {
  callId: number;
  phase: 'ringing' | 'answered';
  callerNumber: string | null;
  extension: string | null;
  offeredAt: string;
  contactId: number | null;
}

/** The call a ring or an answer is about. */
export const incomingOf = (pop: CallPop): IncomingCall => ({
  callId: pop.callId,
  phase: pop.answeredAt || pop.state === 'answered' ? 'answered' : 'ringing',
  callerNumber: pop.callerNumber,
  extension: pop.extension,
  offeredAt: pop.offeredAt,
  contactId: pop.contactId,
});

/** The contact the phone switch recorded for a call, as the caller panel shows contacts. */
export const contactOfCall = (call: IncomingCall): Contact | null =>
  call.contactId === null
    ? null
    : {
        id: call.contactId,
        channel: 'phone',
        callerNumber: call.callerNumber,
        callerName: null,
        startedAt: call.offeredAt,
        outcome: 'pending',
        ticketId: null,
        referralTarget: null,
      };

/**
 * Follows the calls at the operator's extension over server push: `onPop` hears every ring,
 * answer, end and recorded contact; the result is the call to show in the banner (null once it
 * ended, stopped ringing here, or was dismissed). The browser's EventSource reconnects by itself,
 * and the server starts each stream with the call in progress.
 */
export function useIncomingCall(onPop: (pop: CallPop) => void): {
  call: IncomingCall | null;
  dismiss: () => void;
} {
  const [call, setCall] = useState<IncomingCall | null>(null);
  const callback = useRef(onPop);
  useEffect(() => {
    callback.current = onPop;
  });
  useEffect(() => {
    const source = new EventSource('/api/v1/cti/events');
    source.addEventListener('call', (event: MessageEvent<string>) => {
      const pop = JSON.parse(event.data) as CallPop;
      setCall((current) => {
        const same = current?.callId === pop.callId;
        switch (pop.state) {
          case 'ringing':
          case 'answered': {
            const next = incomingOf(pop);
            return same && current.contactId !== null && next.contactId === null
              ? { ...next, contactId: current.contactId }
              : next;
          }
          case 'contact':
            return same ? { ...current, contactId: pop.contactId } : current;
          case 'ring_stopped':
            return same && current.phase === 'ringing' ? null : current;
          case 'ended':
            return same ? null : current;
        }
      });
      callback.current(pop);
    });
    return () => source.close();
  }, []);
  return { call, dismiss: () => setCall(null) };
}

/** The banner over the caller panel: "来电 138…" with Accept, while the call rings or is on. */
export function CallBanner({
  call,
  taken,
  onAccept,
  onDismiss,
}: {
  call: IncomingCall;
  /** The caller panel already shows this call. */
  taken: boolean;
  onAccept: () => void;
  onDismiss: () => void;
}) {
  const t = useT();
  const number = call.callerNumber ?? t('cti.banner.withheld');
  return (
    <div className="notice notice-info op-call-banner" role="alert" aria-live="assertive">
      <strong>
        {t(call.phase === 'ringing' ? 'cti.banner.ringing' : 'cti.banner.answered', { number })}
      </strong>
      {call.extension ? (
        <span className="muted"> · {t('cti.banner.extension', { extension: call.extension })}</span>
      ) : null}
      {taken ? null : (
        <span className="form-actions">
          <button type="button" className="primary" onClick={onAccept}>
            {t('cti.banner.accept')}
          </button>
          <button type="button" onClick={onDismiss}>
            {t('cti.banner.dismiss')}
          </button>
        </span>
      )}
    </div>
  );
}

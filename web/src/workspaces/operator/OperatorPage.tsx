import { lazy, Suspense, useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { LoadState, useLoad } from '../../ui/data';
import { Notice, useServerErrors } from '../../ui/forms';
import { ActionBar, EMPTY_ACTION_INPUTS, type ActionInputs, type Mode } from './ActionBar';
import { appealBody, ticketBody, unwrapAppealField } from './appeal-body';
import { AppealFields } from './AppealFields';
import { CallerPanel } from './CallerPanel';
import { ReceivedAppeals } from './ReceivedAppeals';
import { DuplicateWarning } from './DuplicateWarning';
import { EmergencyBanner } from './EmergencyBanner';
import { PlaceSuggestion } from './PlaceSuggestion';
import { useAppealAnalysis } from './use-appeal-analysis';
import {
  CallBanner,
  contactOfCall,
  incomingOf,
  useIncomingCall,
  type IncomingCall,
} from './IncomingCall';
import { KnowledgePanel } from './KnowledgePanel';
import { MARKS, useMarkAfterPaint } from './marks';
import { loadReferenceData } from './reference-data';
import {
  EMPTY_DRAFT,
  type AppealDraft,
  type CallerHistory,
  type Channel,
  type Contact,
  type CreatedTicket,
  type TicketListItem,
} from './types';
import { useRouteTo } from './use-route-to';
import { useShortcuts } from './use-shortcuts';

// ECharts is large: the map is its own chunk, loaded once the form is already usable.
const DistrictMap = lazy(() => import('./DistrictMap'));

const PHONE_CHANNELS: readonly Channel[] = ['phone', 'sms'];

interface Done {
  message: string;
  ticket: { id: number; queryCode?: string } | null;
}

/**
 * /operator: the call-taker's screen. The caller on the left, the appeal in the middle, the
 * knowledge base on the right; one page, keyboard-first, reset for the next call after each one.
 */
export default function OperatorPage() {
  const { t, locale } = useI18n();
  const reference = useLoad(loadReferenceData, []);
  useMarkAfterPaint(MARKS.ready, reference.data, reference.data !== undefined);

  const [channel, setChannel] = useState<Channel>('phone');
  const [caller, setCaller] = useState('');
  const [callerError, setCallerError] = useState<string | undefined>();
  const [contact, setContact] = useState<Contact | null>(null);
  const [history, setHistory] = useState<CallerHistory | null>(null);
  const [draft, setDraft] = useState<AppealDraft>(EMPTY_DRAFT);
  const [mode, setMode] = useState<Mode>('dispatch');
  const [inputs, setInputs] = useState<ActionInputs>(EMPTY_ACTION_INPUTS);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);
  const [mapWanted, setMapWanted] = useState(false);
  // Counts the calls: the knowledge panel starts afresh (no article open, no query) for each one.
  const [callSeq, setCallSeq] = useState(0);
  // The phone switch's call shown in the caller panel (its contact is recorded by the switch).
  const [ctiCall, setCtiCall] = useState<IncomingCall | null>(null);
  const errors = useServerErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const callerRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const routeTo = useRouteTo(draft.categoryId, draft.districtId, reference.data, locale);

  const change = (patch: Partial<AppealDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const analysis = useAppealAnalysis(draft);
  const confirmPlace = useCallback(
    (districtId: number, streetId: number | null) =>
      setDraft((current) => ({ ...current, districtId, streetId })),
    [],
  );

  const nextCall = () => {
    setCaller('');
    setCallerError(undefined);
    setContact(null);
    setHistory(null);
    setDraft(EMPTY_DRAFT);
    setMode('dispatch');
    setInputs(EMPTY_ACTION_INPUTS);
    errors.clear();
    setCallSeq((n) => n + 1);
    setCtiCall(null);
    callerRef.current?.focus();
  };

  /** Ends the call's contact (best effort: the ticket is already safe) and clears the screen. */
  const finish = (message: string, ticket: Done['ticket']) => {
    // A call's contact ends when the switch says the call ended.
    if (contact && contact.id !== ctiCall?.contactId)
      void api('PATCH', `/contacts/${contact.id}`, { endedAt: new Date().toISOString() }).catch(
        () => undefined,
      );
    nextCall();
    setDone({ message, ticket });
  };

  useShortcuts({ form: formRef, caller: callerRef, search: searchRef });

  // The map is a convenience: load it once the form is usable, off the critical path.
  useEffect(() => {
    if (!reference.data) return;
    const timer = setTimeout(() => setMapWanted(true), 300);
    return () => clearTimeout(timer);
  }, [reference.data]);

  const lookUpCaller = async () => {
    const number = caller.trim();
    if (!number) return;
    setBusy(true);
    setCallerError(undefined);
    try {
      const now = new Date().toISOString();
      // Enter again on the same caller reloads the history; it is still the same contact (also
      // the phone switch's, which records its own).
      const digits = number.replace(/[\s-]/g, '');
      const same =
        (contact?.channel === channel && contact.callerNumber === digits) ||
        (channel === 'phone' && ctiCall?.callerNumber === digits);
      const [recorded, found] = await Promise.all([
        same
          ? contact
          : api<Contact>('POST', '/contacts', {
              channel,
              callerNumber: number,
              startedAt: now,
              answeredAt: now,
            }),
        api<CallerHistory>('GET', `/contacts?caller=${encodeURIComponent(number)}`),
      ]);
      setContact(recorded);
      setHistory(found);
      if (PHONE_CHANNELS.includes(channel) && !draft.citizenPhone)
        change({ citizenPhone: found.callerNumber });
      setDone(null);
      descriptionRef.current?.focus();
    } catch (error) {
      setCallerError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  /** Fills the caller panel with a call from the phone switch: the number and its history. */
  const takeCall = (call: IncomingCall) => {
    setCtiCall(call);
    setChannel('phone');
    setCaller(call.callerNumber ?? '');
    setCallerError(undefined);
    setContact(contactOfCall(call));
    setHistory(null);
    setDone(null);
    if (call.callerNumber)
      void api<CallerHistory>('GET', `/contacts?caller=${encodeURIComponent(call.callerNumber)}`)
        .then((found) => {
          setHistory(found);
          setDraft((current) =>
            current.citizenPhone ? current : { ...current, citizenPhone: found.callerNumber },
          );
        })
        .catch((error: unknown) =>
          setCallerError(error instanceof Error ? error.message : String(error)),
        );
    descriptionRef.current?.focus();
  };

  const incoming = useIncomingCall((pop) => {
    if (pop.state === 'ringing' || pop.state === 'answered') {
      // An idle screen takes the call at once; a busy one waits for Accept on the banner.
      const idle = !contact && !caller.trim() && !draft.description.trim() && !busy;
      if (pop.callId !== ctiCall?.callId && idle) takeCall(incomingOf(pop));
    } else if (pop.state === 'contact' && pop.callId === ctiCall?.callId) {
      const call = { ...ctiCall, contactId: pop.contactId };
      setCtiCall(call);
      if (!contact) setContact(contactOfCall(call));
    }
  });

  const appeal = () => appealBody(draft, channel, contact?.id ?? null);

  const run = async (
    action: () => Promise<void>,
    mapError: (error: unknown) => unknown = (e) => e,
  ) => {
    setBusy(true);
    errors.clear();
    setDone(null);
    try {
      await action();
    } catch (error) {
      errors.capture(mapError(error));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    void run(async () => {
      const body = ticketBody(appeal(), mode, inputs);
      const created = await api<CreatedTicket & { queryCode?: string }>('POST', '/tickets', body);
      const status = t(`status.${created.status}`);
      const message =
        mode === 'answer'
          ? t('op.done.answered', { number: created.number })
          : mode === 'refer'
            ? t('op.done.referred', {
                number: created.number,
                target: t(`op.refer.${inputs.referralTarget}`),
              })
            : t('op.done.created', { number: created.number, status });
      finish(message, { id: created.id, queryCode: created.queryCode });
    });
  };

  const answerWith = (articleId: number) =>
    void run(async () => {
      const result = await api<{ ticket: CreatedTicket & { queryCode?: string } }>(
        'POST',
        '/knowledge/answers',
        {
          articleId,
          appeal: appeal(),
        },
      );
      finish(t('op.done.answered', { number: result.ticket.number }), {
        id: result.ticket.id,
        queryCode: result.ticket.queryCode,
      });
    }, unwrapAppealField);

  const recordGap = async (text: string): Promise<boolean> => {
    try {
      await api('POST', '/knowledge/gaps', {
        text,
        categoryId: draft.categoryId,
        contactId: contact?.id ?? null,
      });
      return true;
    } catch (error) {
      errors.capture(error);
      return false;
    }
  };

  const attach = (ticket: Pick<TicketListItem, 'id' | 'number'>) =>
    void run(async () => {
      const number = caller.trim() || draft.citizenPhone.trim() || null;
      const linked =
        contact ??
        (await api<Contact>('POST', '/contacts', {
          channel,
          callerNumber: number,
          startedAt: new Date().toISOString(),
        }));
      await api('POST', `/contacts/${linked.id}/attach`, { ticketId: ticket.id });
      if (!contact)
        void api('PATCH', `/contacts/${linked.id}`, { endedAt: new Date().toISOString() }).catch(
          () => undefined,
        );
      finish(t('op.done.attached', { number: ticket.number }), { id: ticket.id });
    });

  return (
    <div className="op-page">
      <div className="op-col op-col-left">
        {incoming.call ? (
          <CallBanner
            call={incoming.call}
            taken={incoming.call.callId === ctiCall?.callId}
            onAccept={() => incoming.call && takeCall(incoming.call)}
            onDismiss={incoming.dismiss}
          />
        ) : null}
        <CallerPanel
          channel={channel}
          onChannel={setChannel}
          caller={caller}
          onCaller={setCaller}
          onLookup={() => void lookUpCaller()}
          contact={contact}
          history={history}
          busy={busy}
          error={callerError}
          inputRef={callerRef}
        />
        <ReceivedAppeals />
        {mapWanted && reference.data ? (
          <section className="panel op-map-panel" aria-labelledby="op-map-head">
            <h2 id="op-map-head">{t('op.map.heading')}</h2>
            <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
              <DistrictMap
                districts={reference.data.districts}
                selectedId={draft.districtId}
                onSelect={(districtId) =>
                  change({
                    districtId,
                    streetId: districtId === draft.districtId ? draft.streetId : null,
                  })
                }
              />
            </Suspense>
          </section>
        ) : null}
      </div>
      <form
        ref={formRef}
        className="panel op-col op-form"
        noValidate
        aria-labelledby="op-form-head"
        onSubmit={submit}
        onKeyDown={(event) => {
          // Enter in a one-line field does not file a ticket by accident: Ctrl+Enter does.
          const target = event.target as HTMLElement;
          if (
            event.key === 'Enter' &&
            !event.ctrlKey &&
            !event.metaKey &&
            target.tagName === 'INPUT'
          )
            event.preventDefault();
        }}
      >
        <div className="panel-head">
          <h1 id="op-form-head">{t('op.form.heading')}</h1>
          <p className="muted op-shortcuts">
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t('op.shortcut.submit')} · <kbd>Alt</kbd>+<kbd>N</kbd>{' '}
            {t('op.shortcut.newCall')} · <kbd>Alt</kbd>+<kbd>K</kbd> {t('op.shortcut.knowledge')}
          </p>
        </div>
        {done ? (
          <Notice kind="success">
            {done.message}
            {done.ticket?.queryCode
              ? ` ${t('op.done.queryCode', { code: done.ticket.queryCode })}`
              : ''}{' '}
            {done.ticket ? (
              <Link to={`/tickets/${done.ticket.id}`}>{t('op.done.open')}</Link>
            ) : null}
          </Notice>
        ) : null}
        {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
        <LoadState state={reference} />
        <EmergencyBanner
          urgency={analysis?.urgency}
          onRefer={(referralTarget, referralReason) => {
            setInputs((current) => ({ ...current, referralTarget, referralReason }));
            setMode('refer');
          }}
        />
        <AppealFields
          draft={draft}
          onChange={change}
          reference={reference.data}
          errors={errors.fieldErrors}
          descriptionRef={descriptionRef}
          afterAddress={
            <PlaceSuggestion
              place={analysis?.place ?? null}
              districtId={draft.districtId}
              streetId={draft.streetId}
              onConfirm={confirmPlace}
            />
          }
        />
        <DuplicateWarning draft={draft} reference={reference.data} busy={busy} onAttach={attach} />
        <ActionBar
          mode={mode}
          onMode={setMode}
          inputs={inputs}
          onInputs={(patch) => setInputs((current) => ({ ...current, ...patch }))}
          urgency={draft.urgency}
          busy={busy}
          errors={errors.fieldErrors}
          routeTo={routeTo}
        />
      </form>
      <div className="op-col op-col-right">
        <KnowledgePanel
          key={callSeq}
          appealText={draft.title ? `${draft.title}\n${draft.description}` : draft.description}
          categoryId={draft.categoryId}
          busy={busy}
          searchRef={searchRef}
          onAnswer={answerWith}
          onGap={recordGap}
        />
      </div>
    </div>
  );
}

import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { useLoad } from '../../ui/data';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import { submitOnCtrlEnter } from '../handling/ReplyForm';
import {
  OBJECTION_ASPECTS,
  supervisionApi,
  type Aspect,
  type EvaluationRequest,
  type RequestKind,
  type SupervisionOrder,
} from './supervision-api';

/** A small form with the server's refusals beside its fields, a submit and a cancel. */
function useSubmit(run: () => Promise<void>) {
  const errors = useServerErrors();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    errors.clear();
    setBusy(true);
    try {
      await run();
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, submit };
}

function Actions({
  busy,
  label,
  onCancel,
}: {
  busy: boolean;
  label: string;
  onCancel?: () => void;
}) {
  const t = useT();
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={busy}>
        {busy ? t('form.saving') : label}
      </button>
      {onCancel ? (
        <button type="button" className="ghost" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      ) : null}
    </div>
  );
}

/** A button that opens its form in place; the form closes itself when done. */
export function Toggle({
  label,
  ariaLabel,
  children,
}: {
  label: string;
  ariaLabel?: string;
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        aria-expanded={open}
        aria-label={ariaLabel}
        onClick={() => setOpen(!open)}
      >
        {label}
      </button>
      {open ? <div className="sv-inline-form">{children(() => setOpen(false))}</div> : null}
    </>
  );
}

/** 催办: chase the unit (the lead unit unless one is named), with an optional note. */
export function RemindForm({
  ticketId,
  number,
  unitId,
  onDone,
  onCancel,
}: {
  ticketId: number;
  number: string;
  unitId?: number;
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const [note, setNote] = useState('');
  const { errors, busy, submit } = useSubmit(async () => {
    await supervisionApi.remind(ticketId, {
      ...(unitId ? { unitId } : {}),
      ...(note.trim() ? { note } : {}),
    });
    onDone(t('sv.remind.done', { number }));
  });
  return (
    <form
      className="sv-form"
      aria-label={t('sv.remind.title', { number })}
      onSubmit={(event) => void submit(event)}
    >
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <Field label={t('sv.remind.note')} error={errors.fieldErrors.note} hint={t('sv.remind.hint')}>
        <input value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
      </Field>
      <Actions busy={busy} label={t('sv.remind.submit')} onCancel={onCancel} />
    </form>
  );
}

/** How an order's deadline is given on screen: working days or hours from now. */
function DeadlineFields({
  unit,
  amount,
  onUnit,
  onAmount,
  error,
  optional,
}: {
  unit: 'workingDays' | 'hours';
  amount: string;
  onUnit: (unit: 'workingDays' | 'hours') => void;
  onAmount: (amount: string) => void;
  error?: string;
  optional?: boolean;
}) {
  const t = useT();
  return (
    <div className="form-row">
      <Field
        label={t('sv.order.deadline')}
        error={error}
        required={!optional}
        hint={optional ? t('sv.order.deadlineKeep') : undefined}
      >
        <input
          type="number"
          min={1}
          max={unit === 'hours' ? 720 : 30}
          value={amount}
          onChange={(event) => onAmount(event.target.value)}
        />
      </Field>
      <Field label={t('sv.order.deadlineUnit')}>
        <select
          value={unit}
          onChange={(event) => onUnit(event.target.value as 'workingDays' | 'hours')}
        >
          <option value="workingDays">{t('sv.order.workingDays')}</option>
          <option value="hours">{t('sv.order.hours')}</option>
        </select>
      </Field>
    </div>
  );
}

/** 督办单: the reason, what the unit must do, and by when. */
export function OrderForm({
  ticketId,
  number,
  onDone,
  onCancel,
}: {
  ticketId: number;
  number: string;
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [requirement, setRequirement] = useState('');
  const [unit, setUnit] = useState<'workingDays' | 'hours'>('workingDays');
  const [amount, setAmount] = useState('3');
  const { errors, busy, submit } = useSubmit(async () => {
    const value = Number(amount);
    await supervisionApi.issue(ticketId, {
      reason,
      requirement,
      ...(unit === 'hours' ? { hours: value } : { workingDays: value }),
    });
    onDone(t('sv.order.issued', { number }));
  });
  return (
    <form
      className="sv-form"
      aria-label={t('sv.order.title', { number })}
      onSubmit={(event) => void submit(event)}
    >
      <h3>{t('sv.order.title', { number })}</h3>
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <Field label={t('sv.order.reason')} error={errors.fieldErrors.reason} required>
        <textarea
          rows={2}
          maxLength={2000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      </Field>
      <Field label={t('sv.order.requirement')} error={errors.fieldErrors.requirement} required>
        <textarea
          rows={2}
          maxLength={2000}
          value={requirement}
          onChange={(event) => setRequirement(event.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      </Field>
      <DeadlineFields
        unit={unit}
        amount={amount}
        onUnit={setUnit}
        onAmount={setAmount}
        error={
          errors.fieldErrors.workingDays ?? errors.fieldErrors.hours ?? errors.fieldErrors.dueAt
        }
      />
      <Actions busy={busy} label={t('sv.order.submit')} onCancel={onCancel} />
    </form>
  );
}

/** The unit's reply to its supervision order. */
export function OrderReplyForm({
  order,
  onDone,
}: {
  order: SupervisionOrder;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const { errors, busy, submit } = useSubmit(async () => {
    await supervisionApi.reply(order.id, text);
    onDone(t('sv.order.replied'));
  });
  return (
    <form
      className="sv-form"
      aria-label={t('sv.order.replyTitle', { number: order.ticketNumber })}
      onSubmit={(event) => void submit(event)}
    >
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <Field label={t('sv.order.replyText')} error={errors.fieldErrors.text} required>
        <textarea
          rows={3}
          maxLength={5000}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      </Field>
      <Actions busy={busy} label={t('sv.order.replySubmit')} />
    </form>
  );
}

/** A supervisor's answer to a reply: send it back (with a reason, maybe a new deadline) or close. */
export function OrderReviewForm({
  order,
  onDone,
}: {
  order: SupervisionOrder;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const [choice, setChoice] = useState<'close' | 'send_back'>('close');
  const [text, setText] = useState('');
  const [unit, setUnit] = useState<'workingDays' | 'hours'>('workingDays');
  const [amount, setAmount] = useState('');
  const { errors, busy, submit } = useSubmit(async () => {
    if (choice === 'close') {
      await supervisionApi.close(order.id, text);
      onDone(t('sv.order.closed'));
    } else {
      const value = Number(amount);
      await supervisionApi.sendBack(order.id, {
        reason: text,
        ...(amount.trim() ? (unit === 'hours' ? { hours: value } : { workingDays: value }) : {}),
      });
      onDone(t('sv.order.sentBack'));
    }
  });
  const choices: Array<'close' | 'send_back'> =
    order.state === 'replied' ? ['close', 'send_back'] : ['close'];
  return (
    <form
      className="sv-form"
      aria-label={t('sv.order.reviewTitle', { number: order.ticketNumber })}
      onSubmit={(event) => void submit(event)}
    >
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <fieldset className="co-choice">
        <legend>{t('sv.order.review')}</legend>
        {choices.map((each) => (
          <label key={each}>
            <input
              type="radio"
              name={`order-review-${order.id}`}
              checked={choice === each}
              onChange={() => setChoice(each)}
            />{' '}
            {t(each === 'close' ? 'sv.order.close' : 'sv.order.sendBack')}
          </label>
        ))}
      </fieldset>
      <Field
        label={t(choice === 'close' ? 'sv.order.closeNote' : 'sv.order.sendBackReason')}
        error={errors.fieldErrors.note ?? errors.fieldErrors.reason}
        required={choice === 'send_back'}
      >
        <textarea
          rows={2}
          maxLength={2000}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      </Field>
      {choice === 'send_back' ? (
        <DeadlineFields
          unit={unit}
          amount={amount}
          onUnit={setUnit}
          onAmount={setAmount}
          optional
          error={errors.fieldErrors.workingDays ?? errors.fieldErrors.hours}
        />
      ) : null}
      <Actions busy={busy} label={t('form.submit')} />
    </form>
  );
}

interface AttachmentRow {
  id: number;
  name: string;
  purpose: string;
}

/** 申请核减 / 申诉: what the unit asks, why, and a file of the ticket as evidence. */
export function EvaluationRequestForm({
  ticketId,
  onDone,
  onCancel,
}: {
  ticketId: number;
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const [kind, setKind] = useState<RequestKind>('exemption');
  const [aspect, setAspect] = useState<Aspect>('satisfaction');
  const [reason, setReason] = useState('');
  const [attachmentId, setAttachmentId] = useState('');
  const files = useLoad(
    (signal) =>
      api<{ items: AttachmentRow[] }>('GET', `/tickets/${ticketId}/attachments`, undefined, {
        signal,
      }).catch(() => ({ items: [] })),
    [ticketId],
  );
  const { errors, busy, submit } = useSubmit(async () => {
    await supervisionApi.ask(ticketId, {
      kind,
      ...(kind === 'objection' ? { aspect } : {}),
      reason,
      ...(attachmentId ? { attachmentId: Number(attachmentId) } : {}),
    });
    onDone(t(kind === 'exemption' ? 'sv.ask.doneExemption' : 'sv.ask.doneObjection'));
  });
  return (
    <form
      className="sv-form"
      aria-label={t('sv.ask.title')}
      onSubmit={(event) => void submit(event)}
    >
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <fieldset className="co-choice">
        <legend>{t('sv.ask.kind')}</legend>
        {(['exemption', 'objection'] as const).map((each) => (
          <label key={each}>
            <input
              type="radio"
              name={`ask-kind-${ticketId}`}
              checked={kind === each}
              onChange={() => setKind(each)}
            />{' '}
            {t(`sv.kind.${each}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <p className="muted">
        {t(kind === 'exemption' ? 'sv.ask.exemptionHint' : 'sv.ask.objectionHint')}
      </p>
      {kind === 'objection' ? (
        <Field label={t('sv.ask.aspect')} error={errors.fieldErrors.aspect} required>
          <select value={aspect} onChange={(event) => setAspect(event.target.value as Aspect)}>
            {OBJECTION_ASPECTS.map((each) => (
              <option key={each} value={each}>
                {t(`sv.aspect.${each}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field
        label={t('sv.ask.reason')}
        error={errors.fieldErrors.reason}
        hint={t('sv.ask.reasonHint')}
        required
      >
        <textarea
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      </Field>
      <Field label={t('sv.ask.attachment')} error={errors.fieldErrors.attachmentId}>
        <select value={attachmentId} onChange={(event) => setAttachmentId(event.target.value)}>
          <option value="">{t('form.none')}</option>
          {(files.data?.items ?? []).map((file) => (
            <option key={file.id} value={file.id}>
              {file.name}
            </option>
          ))}
        </select>
      </Field>
      <Actions busy={busy} label={t('sv.ask.submit')} onCancel={onCancel} />
    </form>
  );
}

/** A supervisor's decision on an exemption or objection: approve or refuse, always with a reason. */
export function RequestDecisionForm({
  request,
  onDone,
  onCancel,
}: {
  request: EvaluationRequest;
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const [decision, setDecision] = useState<'approve' | 'refuse'>('approve');
  const [reason, setReason] = useState('');
  const { errors, busy, submit } = useSubmit(async () => {
    await supervisionApi.decide(request.id, { decision, reason });
    onDone(t('sv.decide.done', { number: request.ticketNumber }));
  });
  return (
    <form
      className="sv-form"
      aria-label={t('sv.decide.title', { number: request.ticketNumber })}
      onSubmit={(event) => void submit(event)}
    >
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <fieldset className="co-choice">
        <legend>{t('sv.decide.label')}</legend>
        {(['approve', 'refuse'] as const).map((each) => (
          <label key={each}>
            <input
              type="radio"
              name={`decide-${request.id}`}
              checked={decision === each}
              onChange={() => setDecision(each)}
            />{' '}
            {t(`sv.decide.${each}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <Field label={t('sv.decide.reason')} error={errors.fieldErrors.reason} required>
        <textarea
          rows={2}
          maxLength={2000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      </Field>
      <Actions busy={busy} label={t('form.submit')} onCancel={onCancel} />
    </form>
  );
}

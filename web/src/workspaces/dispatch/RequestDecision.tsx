import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import type { TicketSummary } from '../tickets/types';

type Decision = 'accept' | 'refuse' | 'approve';

/**
 * Decide a unit's request: a return (退单) is accepted (back to the dispatch queue) or refused
 * (back to the unit); an extension (延期) is approved (by the days asked, or those given) or
 * refused. A refusal needs a reason.
 */
export function RequestDecision({
  request,
  onDone,
  onCancel,
  allowRedispatch,
}: {
  request: { id: number; kind: 'return' | 'extension'; workingDays?: number | null };
  /** `redispatch`: the return was accepted and the dispatcher wants to dispatch it again now. */
  onDone: (ticket: TicketSummary, options: { redispatch: boolean }) => void;
  onCancel?: () => void;
  allowRedispatch?: boolean;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(request.workingDays ? String(request.workingDays) : '');
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();

  const decide = async (decision: Decision, redispatch = false) => {
    errors.clear();
    setBusy(true);
    try {
      const body: Record<string, unknown> = { decision };
      if (reason.trim()) body.reason = reason.trim();
      if (decision === 'approve' && days.trim()) body.workingDays = Number(days);
      const ticket = await api<TicketSummary>('POST', `/requests/${request.id}/decision`, body);
      onDone(ticket, { redispatch });
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };
  const isReturn = request.kind === 'return';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void decide(isReturn ? 'accept' : 'approve', isReturn && !!allowRedispatch);
  };

  return (
    <form
      className="dsp-form"
      aria-label={isReturn ? t('dsp.decide.returnTitle') : t('dsp.decide.extensionTitle')}
      onSubmit={submit}
    >
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      {!isReturn ? (
        <Field
          label={t('dsp.decide.days')}
          hint={t('dsp.decide.daysHint')}
          error={errors.fieldErrors.workingDays}
        >
          <input
            type="number"
            min={1}
            max={30}
            inputMode="numeric"
            value={days}
            onChange={(event) => setDays(event.target.value)}
          />
        </Field>
      ) : null}
      <Field
        label={t('dsp.decide.reason')}
        hint={t('dsp.decide.reasonHint')}
        error={errors.fieldErrors.reason ?? errors.fieldErrors.decision}
      >
        <textarea rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <div className="form-actions">
        {isReturn && allowRedispatch ? (
          <button type="submit" className="primary" disabled={busy}>
            {t('dsp.decide.acceptRedispatch')}
          </button>
        ) : null}
        <button
          type={isReturn && allowRedispatch ? 'button' : 'submit'}
          className={isReturn && allowRedispatch ? undefined : 'primary'}
          disabled={busy}
          onClick={isReturn && allowRedispatch ? () => void decide('accept', false) : undefined}
        >
          {isReturn ? t('dsp.decide.accept') : t('dsp.decide.approve')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => void decide('refuse')}
        >
          {t('dsp.decide.refuse')}
        </button>
        {onCancel ? (
          <button type="button" className="ghost" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

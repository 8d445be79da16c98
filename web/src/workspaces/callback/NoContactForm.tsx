import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import type { TicketSummary, TicketView } from './types';

const MIN_ATTEMPTS = 1;
const MAX_ATTEMPTS = 10;

/**
 * The citizen could not be reached: close the ticket without a callback (不回访办结), saying how
 * many calls were tried. The server records the reason on the ticket's history.
 */
export function NoContactForm({
  ticket,
  onDone,
}: {
  ticket: TicketView;
  onDone: (summary: TicketSummary) => void;
}) {
  const t = useT();
  const [attempts, setAttempts] = useState('3');
  const [detail, setDetail] = useState('');
  const [busy, setBusy] = useState(false);
  const { fieldErrors, formError, clear, capture, setFieldErrors } = useServerErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const count = Number(attempts);
    if (!Number.isInteger(count) || count < MIN_ATTEMPTS || count > MAX_ATTEMPTS) {
      setFieldErrors({ attempts: t('cb.noContact.attemptsRange', { max: MAX_ATTEMPTS }) });
      return;
    }
    const reason = detail.trim()
      ? t('cb.noContact.reasonWithDetail', { count, detail: detail.trim() })
      : t('cb.noContact.reasonText', { count });
    setBusy(true);
    try {
      onDone(await api<TicketSummary>('POST', `/tickets/${ticket.id}/close`, { reason }));
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="panel cb-nocontact">
      <summary>{t('cb.noContact.title')}</summary>
      <p className="field-hint">{t('cb.noContact.hint')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {formError ? <Notice kind="error">{formError}</Notice> : null}
        <div className="form-row">
          <Field label={t('cb.noContact.attempts')} error={fieldErrors.attempts} required>
            <input
              name="attempts"
              type="number"
              inputMode="numeric"
              min={MIN_ATTEMPTS}
              max={MAX_ATTEMPTS}
              value={attempts}
              onChange={(event) => setAttempts(event.target.value)}
            />
          </Field>
        </div>
        <Field label={t('cb.noContact.detail')} error={fieldErrors.reason}>
          <textarea
            name="reason"
            rows={2}
            maxLength={1900}
            value={detail}
            onChange={(event) => setDetail(event.target.value)}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="danger" disabled={busy}>
            {busy ? t('form.saving') : t('cb.noContact.submit')}
          </button>
        </div>
      </form>
    </details>
  );
}

import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import { CtrlEnterHint, submitOnCtrlEnter } from './ReplyForm';

/** Sends a unit's request and reports back; the server's refusal goes next to its field. */
function useRequest(onDone: (message: string) => void) {
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();
  const send = async (path: string, body: unknown, done: string) => {
    if (busy) return;
    errors.clear();
    setBusy(true);
    try {
      await api('POST', path, body);
      onDone(done);
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, send };
}

/** 延期: more working days for the feedback, with a reason; the centre or the district decides. */
export function ExtensionForm({
  ticketId,
  replyDue,
  onDone,
}: {
  ticketId: number;
  replyDue: string;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const [days, setDays] = useState('3');
  const [reason, setReason] = useState('');
  const { busy, errors, send } = useRequest(onDone);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(
      `/tickets/${ticketId}/extension-request`,
      { workingDays: Number(days), reason },
      t('hd.extension.done'),
    );
  };
  return (
    <form className="hd-form" onSubmit={submit} aria-label={t('hd.extension.title')}>
      <p className="muted">{t('hd.extension.hint', { due: replyDue })}</p>
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <div className="form-row hd-form-row">
        <Field
          label={t('hd.extension.days')}
          error={errors.fieldErrors.workingDays}
          hint={t('hd.extension.daysHint')}
          required
        >
          <input
            type="number"
            min={1}
            max={30}
            step={1}
            value={days}
            onChange={(event) => setDays(event.target.value)}
          />
        </Field>
      </div>
      <Field label={t('hd.extension.reason')} error={errors.fieldErrors.reason} required>
        <textarea
          rows={3}
          value={reason}
          maxLength={2000}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : t('hd.extension.submit')}
        </button>
        <CtrlEnterHint />
      </div>
    </form>
  );
}

/** 退单: a misrouted ticket goes back to the centre for review, with the reason. */
export function ReturnForm({
  ticketId,
  onDone,
}: {
  ticketId: number;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const { busy, errors, send } = useRequest(onDone);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(`/tickets/${ticketId}/return-request`, { reason }, t('hd.return.done'));
  };
  return (
    <form className="hd-form" onSubmit={submit} aria-label={t('hd.return.title')}>
      <p className="muted">{t('hd.return.hint')}</p>
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <Field
        label={t('hd.return.reason')}
        error={errors.fieldErrors.reason}
        hint={t('hd.return.reasonHint')}
        required
      >
        <textarea
          rows={3}
          value={reason}
          maxLength={2000}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="danger" disabled={busy}>
          {busy ? t('form.saving') : t('hd.return.submit')}
        </button>
        <CtrlEnterHint />
      </div>
    </form>
  );
}

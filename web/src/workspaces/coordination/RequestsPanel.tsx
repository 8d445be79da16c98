import { Fragment, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import { useNames } from '../handling/handling-data';
import { submitOnCtrlEnter } from '../handling/ReplyForm';
import type { UnitRequest } from './coordination-data';

/** The district's units' requests (延期, 退单) waiting for the coordinator's decision. */
export function RequestsPanel({
  items,
  onChanged,
}: {
  items: UnitRequest[];
  onChanged: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const [open, setOpen] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (items.length === 0 && !message) return <p className="muted">{t('co.requests.empty')}</p>;
  return (
    <>
      {message ? <Notice kind="success">{message}</Notice> : null}
      <table className="data co-table" aria-label={t('co.tab.requests')}>
        <thead>
          <tr>
            <th>{t('co.col.number')}</th>
            <th>{t('co.requests.kind')}</th>
            <th>{t('co.col.unit')}</th>
            <th>{t('co.requests.reason')}</th>
            <th>{t('co.requests.due')}</th>
            <th>
              <span className="visually-hidden">{t('co.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((request) => (
            <Fragment key={request.id}>
              <tr>
                <td className="co-number">
                  <Link to={`/tickets/${request.ticketId}`}>{request.ticketNumber}</Link>
                  <div className="muted">{request.ticketTitle}</div>
                </td>
                <td>
                  <span className={request.kind === 'return' ? 'badge badge-warn' : 'badge'}>
                    {t(request.kind === 'return' ? 'co.kind.return' : 'co.kind.extension')}
                  </span>
                </td>
                <td>{names.unit(request.unitId) || request.unitName}</td>
                <td className="co-reason">
                  {request.reason}
                  <div className="muted">{format.dateTime(request.createdAt)}</div>
                </td>
                <td>
                  {request.kind === 'extension'
                    ? t('co.requests.dueChange', {
                        from: format.dateTime(request.replyDueAt),
                        to: format.dateTime(request.requestedDueAt),
                      })
                    : '—'}
                </td>
                <td className="co-actions">
                  <button
                    type="button"
                    aria-expanded={open === request.id}
                    aria-label={t('co.requests.open', { number: request.ticketNumber })}
                    onClick={() => {
                      setMessage(null);
                      setOpen(open === request.id ? null : request.id);
                    }}
                  >
                    {t('co.requests.decide')}
                  </button>
                </td>
              </tr>
              {open === request.id ? (
                <tr className="co-form-row">
                  <td colSpan={6}>
                    <DecisionForm
                      request={request}
                      onCancel={() => setOpen(null)}
                      onDone={(text) => {
                        setOpen(null);
                        setMessage(text);
                        onChanged();
                      }}
                    />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </>
  );
}

type Decision = 'accept' | 'approve' | 'refuse';

/** Approve or refuse an extension; accept or refuse a return. A refusal says why. */
function DecisionForm({
  request,
  onDone,
  onCancel,
}: {
  request: UnitRequest;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const yes: Decision = request.kind === 'return' ? 'accept' : 'approve';
  const [decision, setDecision] = useState<Decision>(yes);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    errors.clear();
    setBusy(true);
    try {
      await api('POST', `/requests/${request.id}/decision`, {
        decision,
        ...(reason.trim() ? { reason } : {}),
      });
      onDone(t('co.decision.done', { number: request.ticketNumber }));
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="co-decision"
      onSubmit={(event) => void submit(event)}
      aria-label={t('co.requests.open', { number: request.ticketNumber })}
    >
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <fieldset className="co-choice">
        <legend>{t('co.decision.label')}</legend>
        {([yes, 'refuse'] as const).map((each: Decision) => (
          <label key={each}>
            <input
              type="radio"
              name={`decision-${request.id}`}
              value={each}
              checked={decision === each}
              onChange={() => setDecision(each)}
            />{' '}
            {t(`co.decision.${each}`)}
          </label>
        ))}
      </fieldset>
      <Field
        label={t('co.decision.reason')}
        error={errors.fieldErrors.reason}
        hint={t('co.decision.reasonHint')}
        required={decision === 'refuse'}
      >
        <textarea
          rows={2}
          value={reason}
          maxLength={2000}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : t('form.submit')}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

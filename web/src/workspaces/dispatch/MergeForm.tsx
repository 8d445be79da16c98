import { useState, type FormEvent } from 'react';
import { api, type Page } from '../../api';
import { useT } from '../../i18n';
import { useFormat } from '../../settings';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import { StatusBadge } from '../tickets/badges';
import { ticketListPath } from '../tickets/list-query';
import { OPEN_STATUSES, type TicketListItem, type TicketSummary } from '../tickets/types';

/**
 * Merge a duplicate (并单) under a parent: find the parent by its number or words of its title,
 * pick it, say why. Only open tickets can be parents (the server checks the rest).
 */
export function MergeForm({
  ticket,
  onDone,
  onCancel,
}: {
  ticket: { id: number; number: string };
  onDone: (ticket: TicketSummary) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<TicketListItem[] | null>(null);
  const [parentId, setParentId] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();

  const search = async () => {
    const text = q.trim();
    if (!text) return;
    errors.clear();
    try {
      const page = await api<Page<TicketListItem>>(
        'GET',
        ticketListPath({ q: text, status: [...OPEN_STATUSES], pageSize: 10 }),
      );
      setFound(page.items.filter((item) => item.id !== ticket.id));
      setParentId(null);
    } catch (error) {
      errors.capture(error);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    if (parentId === null) {
      errors.setFieldErrors({ parentId: t('dsp.merge.pickParent') });
      return;
    }
    setBusy(true);
    try {
      onDone(
        await api<TicketSummary>('POST', `/tickets/${ticket.id}/merge`, {
          parentId,
          reason: reason.trim(),
        }),
      );
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="dsp-form"
      aria-label={t('dsp.merge.title', { number: ticket.number })}
      onSubmit={(event) => void submit(event)}
    >
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <Field label={t('dsp.merge.search')} hint={t('dsp.merge.searchHint')}>
        <input
          type="search"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void search();
            }
          }}
        />
      </Field>
      <div className="form-actions">
        <button type="button" onClick={() => void search()}>
          {t('form.search')}
        </button>
      </div>
      {found ? (
        <fieldset className="dsp-merge-results">
          <legend>{t('dsp.merge.parent')}</legend>
          {found.length === 0 ? <p className="muted">{t('list.empty')}</p> : null}
          {found.map((item) => (
            <label key={item.id} className="dsp-merge-option">
              <input
                type="radio"
                name="parentId"
                checked={parentId === item.id}
                onChange={() => setParentId(item.id)}
              />
              <span className="mono">{item.number}</span> <StatusBadge status={item.status} />{' '}
              <span>{item.title}</span>{' '}
              <span className="muted">{format.dateTime(item.createdAt)}</span>
            </label>
          ))}
          {errors.fieldErrors.parentId ? (
            <div className="field-error" role="alert">
              {errors.fieldErrors.parentId}
            </div>
          ) : null}
        </fieldset>
      ) : null}
      <Field label={t('dsp.merge.reason')} error={errors.fieldErrors.reason} required>
        <textarea rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : t('dsp.merge.submit')}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { api, qs } from '../../api';
import { useT } from '../../i18n';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import { useNames } from '../tickets/reference';
import type { Suggestion, TicketSummary } from '../tickets/types';
import { UnitMultiPicker, UnitPicker } from './UnitPicker';

/** What a dispatch form needs to know of its ticket. */
export interface DispatchTarget {
  id: number;
  number: string;
  version: number;
  categoryId: number | null;
  districtId: number | null;
  /** Returned before (退单): the suggestion was wrong once, so the form does not start from it. */
  returnCount?: number;
}

/** The catalogue's suggestion (派单目录) for a ticket's category in its district, or null. */
export function useSuggestion(
  target: DispatchTarget,
  given: Suggestion | null | undefined,
): Suggestion | null | undefined {
  const [fetched, setFetched] = useState<Suggestion | null | undefined>(undefined);
  const { categoryId, districtId } = target;
  useEffect(() => {
    if (given !== undefined) return;
    if (categoryId === null) {
      setFetched(null);
      return;
    }
    const controller = new AbortController();
    api<{ suggestion: Suggestion | null }>(
      'GET',
      `/catalogue/suggest${qs({ categoryId, districtId })}`,
      undefined,
      { signal: controller.signal },
    )
      .then((answer) => setFetched(answer.suggestion))
      .catch(() => !controller.signal.aborted && setFetched(null));
    return () => controller.abort();
  }, [given, categoryId, districtId]);
  return given !== undefined ? given : fetched;
}

/** "主办 南城街道；协办 市住建局": a suggestion or a choice in words. */
export function useDescribeUnits() {
  const t = useT();
  const names = useNames();
  return (leadUnitId: number, coUnitIds: readonly number[]) =>
    coUnitIds.length
      ? t('dsp.units.leadCo', {
          lead: names.unit(leadUnitId),
          co: coUnitIds.map((id) => names.unit(id)).join('、'),
        })
      : t('dsp.units.lead', { lead: names.unit(leadUnitId) });
}

/**
 * Dispatch (派单) a pending ticket, or redistribute (改派) a dispatched one: a lead unit, optional
 * co-handlers, and a reason (required to redistribute). Starts from the catalogue's suggestion.
 */
export function DispatchForm({
  target,
  mode,
  suggestion: givenSuggestion,
  onDone,
  onCancel,
  autoFocus,
}: {
  target: DispatchTarget;
  mode: 'dispatch' | 'reassign';
  suggestion?: Suggestion | null;
  onDone: (ticket: TicketSummary) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const t = useT();
  const describe = useDescribeUnits();
  const suggestion = useSuggestion(target, givenSuggestion);
  const useSuggestionFirst = mode === 'dispatch' && !target.returnCount;
  const [lead, setLead] = useState<number | null>(null);
  const [co, setCo] = useState<number[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();

  // A first dispatch starts from the suggestion; a redistribution from a blank choice.
  const [prefilled, setPrefilled] = useState(false);
  useEffect(() => {
    if (prefilled || !suggestion || !useSuggestionFirst) return;
    setLead(suggestion.leadUnitId);
    setCo(suggestion.coUnitIds);
    setPrefilled(true);
  }, [suggestion, prefilled, useSuggestionFirst]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    if (lead === null) {
      errors.setFieldErrors({ leadUnitId: t('dsp.form.leadRequired') });
      return;
    }
    setBusy(true);
    try {
      const body = {
        leadUnitId: lead,
        coUnitIds: co,
        expectedVersion: target.version,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      };
      const path = mode === 'dispatch' ? 'dispatch' : 'reassign';
      onDone(await api<TicketSummary>('POST', `/tickets/${target.id}/${path}`, body));
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };

  const title = mode === 'dispatch' ? t('dsp.form.title') : t('dsp.form.reassignTitle');
  return (
    <form className="dsp-form" onSubmit={(event) => void submit(event)} aria-label={title}>
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <p className="dsp-suggestion">
        <span className="muted">{t('dsp.suggestion.label')}</span>{' '}
        {suggestion === undefined
          ? t('app.loading')
          : suggestion
            ? describe(suggestion.leadUnitId, suggestion.coUnitIds)
            : t('dsp.suggestion.none')}
        {suggestion &&
        (lead !== suggestion.leadUnitId || co.join() !== suggestion.coUnitIds.join()) ? (
          <>
            {' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                setLead(suggestion.leadUnitId);
                setCo(suggestion.coUnitIds);
              }}
            >
              {t('dsp.suggestion.use')}
            </button>
          </>
        ) : null}
      </p>
      <Field label={t('dsp.form.lead')} error={errors.fieldErrors.leadUnitId} required>
        <UnitPicker value={lead} onChange={setLead} exclude={co} autoFocus={autoFocus} />
      </Field>
      <Field label={t('dsp.form.co')} error={errors.fieldErrors.coUnitIds}>
        <UnitMultiPicker value={co} onChange={setCo} exclude={lead === null ? [] : [lead]} />
      </Field>
      <Field
        label={mode === 'dispatch' ? t('dsp.form.note') : t('dsp.form.reason')}
        error={errors.fieldErrors.reason}
        required={mode === 'reassign'}
      >
        <textarea rows={2} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy
            ? t('form.saving')
            : mode === 'dispatch'
              ? t('dsp.form.submit')
              : t('dsp.form.reassign')}
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

import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import { Choice } from './Choice';
import { SATISFACTIONS, type Satisfaction, type TicketSummary, type TicketView } from './types';

type YesNo = 'yes' | 'no';
type Judgement = 'reopen' | 'close';

/**
 * The three callback questions (响应? 解决? 满意?) and, when the appeal is unresolved or the
 * citizen dissatisfied, the agent's judgement whether the unit handles it again (重办).
 * The server decides (POST /tickets/:id/callback); its refusal shows next to the question.
 */
export function CallbackForm({
  ticket,
  unitName,
  onDone,
}: {
  ticket: TicketView;
  unitName: string;
  onDone: (summary: TicketSummary, reopened: boolean) => void;
}) {
  const t = useT();
  const [contacted, setContacted] = useState<YesNo | null>(null);
  const [resolved, setResolved] = useState<YesNo | null>(null);
  const [satisfaction, setSatisfaction] = useState<Satisfaction | null>(null);
  const [judgement, setJudgement] = useState<Judgement | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const { fieldErrors, formError, clear, capture, setFieldErrors } = useServerErrors();

  const needsJudgement = resolved === 'no' || satisfaction === 'dissatisfied';
  // An unresolved appeal goes back to the unit unless the agent decides otherwise.
  const decided: Judgement | null = needsJudgement
    ? (judgement ?? (resolved === 'no' ? 'reopen' : null))
    : 'close';
  const yesNo = [
    { value: 'yes' as const, label: t('cb.yes') },
    { value: 'no' as const, label: t('cb.no') },
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const missing: Record<string, string> = {};
    if (!contacted) missing.contacted = t('cb.answerRequired');
    if (!resolved) missing.resolved = t('cb.answerRequired');
    if (!satisfaction) missing.satisfaction = t('cb.answerRequired');
    if (needsJudgement && !decided) missing.reopen = t('cb.judgementRequired');
    if (!contacted || !resolved || !satisfaction || !decided) {
      setFieldErrors(missing);
      return;
    }
    setBusy(true);
    try {
      const summary = await api<TicketSummary>('POST', `/tickets/${ticket.id}/callback`, {
        contacted: contacted === 'yes',
        resolved: resolved === 'yes',
        satisfaction,
        reopen: decided === 'reopen',
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onDone(summary, decided === 'reopen');
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel cb-form" aria-labelledby="cb-form-title">
      <h3 id="cb-form-title">{t('cb.form.title')}</h3>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {formError ? <Notice kind="error">{formError}</Notice> : null}
        <div className="cb-questions">
          <Choice
            name="contacted"
            legend={t('cb.q.contacted')}
            options={yesNo}
            value={contacted}
            onChange={setContacted}
            error={fieldErrors.contacted}
          />
          <Choice
            name="resolved"
            legend={t('cb.q.resolved')}
            options={yesNo}
            value={resolved}
            onChange={setResolved}
            error={fieldErrors.resolved}
          />
          <Choice
            name="satisfaction"
            legend={t('cb.q.satisfaction')}
            options={SATISFACTIONS.map((value) => ({
              value,
              label: t(`cb.satisfaction.${value}`),
            }))}
            value={satisfaction}
            onChange={setSatisfaction}
            error={fieldErrors.satisfaction}
          />
        </div>
        {needsJudgement ? (
          <div className="cb-judgement">
            <Choice
              name="reopen"
              legend={t('cb.q.reopen')}
              options={[
                { value: 'reopen' as const, label: t('cb.judgement.reopen', { unit: unitName }) },
                { value: 'close' as const, label: t('cb.judgement.close') },
              ]}
              value={decided}
              onChange={setJudgement}
              error={fieldErrors.reopen}
              hint={
                ticket.parentId !== null
                  ? t('cb.judgement.hintMerged')
                  : resolved === 'no'
                    ? t('cb.judgement.hintUnresolved')
                    : t('cb.judgement.hintDissatisfied')
              }
            />
          </div>
        ) : null}
        <Field label={t('cb.note')} error={fieldErrors.note} hint={t('cb.noteHint')}>
          <textarea
            name="note"
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey))
                event.currentTarget.form?.requestSubmit();
            }}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy
              ? t('form.saving')
              : decided === 'reopen'
                ? t('cb.submit.reopen')
                : t('cb.submit.close')}
          </button>
          <span className="muted cb-shortcut">
            <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t('cb.shortcut.submit')}
          </span>
        </div>
      </form>
    </section>
  );
}

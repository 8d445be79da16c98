import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useT, type MessageKey } from '../i18n';
import { Field, Notice } from '../ui/forms';
import { failureText, SATISFACTIONS, type Evaluation, type Satisfaction } from './portal-api';

function Choice<T extends string | boolean>({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: readonly { value: T; label: string }[];
  value: T | null;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="portal-chips">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label
          key={String(option.value)}
          className={value === option.value ? 'portal-chip portal-chip-on' : 'portal-chip'}
        >
          <input
            type="radio"
            name={name}
            required
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

const SATISFACTION_LABELS: Record<Satisfaction, MessageKey> = {
  satisfied: 'portal.eval.satisfied',
  basically_satisfied: 'portal.eval.basicallySatisfied',
  dissatisfied: 'portal.eval.dissatisfied',
};

/** The callback's questions, answered by the citizen: contacted? resolved? satisfied? */
export function EvaluationForm({
  number,
  code,
  onDone,
}: {
  number: string;
  code: string;
  onDone: () => void;
}) {
  const t = useT();
  const [contacted, setContacted] = useState<boolean | null>(null);
  const [resolved, setResolved] = useState<boolean | null>(null);
  const [satisfaction, setSatisfaction] = useState<Satisfaction | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [commentError, setCommentError] = useState<string | undefined>(undefined);
  const yesNo = [
    { value: true, label: t('portal.eval.yes') },
    { value: false, label: t('portal.eval.no') },
  ] as const;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (contacted === null || resolved === null || satisfaction === null) return;
    setBusy(true);
    setError(null);
    setCommentError(undefined);
    const body: Evaluation = {
      code,
      contacted,
      resolved,
      satisfaction,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    };
    try {
      await api('POST', `/public/appeals/${encodeURIComponent(number)}/evaluation`, body);
      onDone();
    } catch (failure) {
      if (failure instanceof ApiError && failure.field === 'comment')
        setCommentError(failure.message);
      else setError(failureText(t, failure));
      setBusy(false);
    }
  };

  return (
    <form
      className="portal-evaluation"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="portal-eval-title"
    >
      <h3 id="portal-eval-title">{t('portal.eval.title')}</h3>
      <p className="portal-muted portal-small">{t('portal.eval.lead')}</p>
      {error ? <Notice kind="error">{error}</Notice> : null}
      <Choice
        legend={t('portal.eval.contacted')}
        name="contacted"
        options={yesNo}
        value={contacted}
        onChange={setContacted}
      />
      <Choice
        legend={t('portal.eval.resolved')}
        name="resolved"
        options={yesNo}
        value={resolved}
        onChange={setResolved}
      />
      <Choice
        legend={t('portal.eval.satisfaction')}
        name="satisfaction"
        options={SATISFACTIONS.map((value) => ({ value, label: t(SATISFACTION_LABELS[value]) }))}
        value={satisfaction}
        onChange={setSatisfaction}
      />
      <Field label={t('portal.eval.comment')} error={commentError}>
        <textarea
          rows={3}
          maxLength={2000}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      </Field>
      <button type="submit" className="primary portal-submit" disabled={busy}>
        {t('portal.eval.submit')}
      </button>
    </form>
  );
}

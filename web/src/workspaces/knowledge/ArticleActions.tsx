import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { Field, Notice } from '../../ui/forms';
import { ConflictNotice } from './ConflictNotice';
import { useKnowledgeRole } from './knowledge-data';
import type { KnowledgeArticle } from './types';

type Step = 'submit' | 'approve' | 'reject' | 'retire';
const NEEDS_REASON: readonly Step[] = ['reject', 'retire'];

const DONE: Record<Step, MessageKey> = {
  submit: 'kb.done.submit',
  approve: 'kb.done.approve',
  reject: 'kb.done.reject',
  retire: 'kb.done.retire',
};

/** The steps the article's state allows this editor: submit, approve / reject, retire. */
export function ArticleActions({
  article,
  canEdit,
  onDone,
  onReload,
}: {
  article: KnowledgeArticle;
  canEdit: boolean;
  onDone: (message: string) => void;
  onReload: () => void;
}) {
  const t = useT();
  const role = useKnowledgeRole();
  const [asking, setAsking] = useState<Step | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const steps: Step[] = [];
  if (canEdit && article.state === 'draft') steps.push('submit');
  if (role.centreEditor && article.state === 'in_review') steps.push('approve', 'reject');
  if (canEdit && article.state !== 'retired') steps.push('retire');

  const run = async (step: Step, why?: string) => {
    setBusy(true);
    setError(null);
    setConflict(false);
    // The contract: retire takes a reason only; the other steps name the version they act on.
    const body =
      step === 'retire'
        ? { reason: why }
        : step === 'reject'
          ? { reason: why, expectedVersion: article.version }
          : { expectedVersion: article.version };
    try {
      await api('POST', `/knowledge/articles/${article.id}/${step}`, body);
      setAsking(null);
      setReason('');
      onDone(t(DONE[step]));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) setConflict(true);
      else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (asking) void run(asking, reason.trim());
  };

  return (
    <div className="kb-actions">
      <div className="form-actions">
        {steps.map((step) => (
          <button
            key={step}
            type="button"
            className={
              step === 'approve' || step === 'submit'
                ? 'primary'
                : step === 'retire'
                  ? 'danger'
                  : undefined
            }
            disabled={busy}
            aria-expanded={NEEDS_REASON.includes(step) ? asking === step : undefined}
            onClick={() =>
              NEEDS_REASON.includes(step)
                ? setAsking(asking === step ? null : step)
                : void run(step)
            }
          >
            {t(`kb.step.${step}`)}
          </button>
        ))}
        {role.isEditor ? (
          <a
            className="button ghost"
            href={`/api/v1/knowledge/articles/${article.id}/markdown`}
            download
          >
            {t('kb.download.markdown')}
          </a>
        ) : null}
      </div>
      {conflict ? <ConflictNotice onReload={onReload} /> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {asking ? (
        <form className="panel kb-reason-form" onSubmit={confirm}>
          <Field label={t(asking === 'reject' ? 'kb.reason.reject' : 'kb.reason.retire')} required>
            <textarea
              rows={3}
              maxLength={1000}
              autoFocus
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </Field>
          <div className="form-actions">
            <button
              type="submit"
              className={asking === 'retire' ? 'danger' : 'primary'}
              disabled={busy || !reason.trim()}
            >
              {t(asking === 'reject' ? 'kb.confirm.reject' : 'kb.confirm.retire')}
            </button>
            <button type="button" onClick={() => setAsking(null)}>
              {t('form.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

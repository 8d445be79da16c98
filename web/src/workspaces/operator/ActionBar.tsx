import { useT } from '../../i18n';
import { Field } from '../../ui/forms';
import { REFERRAL_TARGETS, type ReferralTarget, type Urgency } from './types';

/** What the operator does with the appeal: a work order, an answer on the spot, or a referral. */
export type Mode = 'dispatch' | 'answer' | 'refer';

export interface ActionInputs {
  answer: string;
  referralTarget: ReferralTarget;
  referralReason: string;
}

export const EMPTY_ACTION_INPUTS: ActionInputs = {
  answer: '',
  referralTarget: '110',
  referralReason: '',
};

function SubmitKeys() {
  return (
    <span className="op-keys" aria-hidden="true">
      <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
    </span>
  );
}

/**
 * The form's actions. "Create ticket" is the default (Ctrl+Enter); "Direct answer" and "Refer"
 * open their own inputs, and Ctrl+Enter then confirms them. An emergency highlights the referral.
 */
export function ActionBar({
  mode,
  onMode,
  inputs,
  onInputs,
  urgency,
  busy,
  errors,
  routeTo,
}: {
  mode: Mode;
  onMode: (mode: Mode) => void;
  inputs: ActionInputs;
  onInputs: (patch: Partial<ActionInputs>) => void;
  urgency: Urgency;
  busy: boolean;
  errors: Record<string, string>;
  routeTo: string | null;
}) {
  const t = useT();
  const emergency = urgency === 'emergency';
  if (mode === 'answer')
    return (
      <div className="op-action-detail">
        <Field label={t('op.action.answerText')} error={errors.answer}>
          <textarea
            name="answer"
            rows={3}
            autoFocus
            value={inputs.answer}
            onChange={(event) => onInputs({ answer: event.target.value })}
          />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('op.action.answerConfirm')} <SubmitKeys />
          </button>
          <button type="button" onClick={() => onMode('dispatch')}>
            {t('form.cancel')}
          </button>
        </div>
      </div>
    );
  if (mode === 'refer')
    return (
      <div className={`op-action-detail${emergency ? ' op-action-emergency' : ''}`}>
        <div className="op-grid op-grid-refer">
          <Field label={t('op.action.referTarget')} error={errors.referralTarget}>
            <select
              autoFocus
              value={inputs.referralTarget}
              onChange={(event) =>
                onInputs({ referralTarget: event.target.value as ReferralTarget })
              }
            >
              {REFERRAL_TARGETS.map((target) => (
                <option key={target} value={target}>
                  {t(`op.refer.${target}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('op.action.referReason')} error={errors.referralReason}>
            <input
              value={inputs.referralReason}
              onChange={(event) => onInputs({ referralReason: event.target.value })}
            />
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('op.action.referConfirm')} <SubmitKeys />
          </button>
          <button type="button" onClick={() => onMode('dispatch')}>
            {t('form.cancel')}
          </button>
        </div>
      </div>
    );
  return (
    <>
      {emergency ? (
        <p className="op-emergency-hint" role="note">
          {t('op.refer.emergencyHint')}
        </p>
      ) : null}
      <div className="form-actions op-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('op.action.create')} <SubmitKeys />
        </button>
        <button type="button" disabled={busy} onClick={() => onMode('answer')}>
          {t('op.action.answer')}
        </button>
        <button
          type="button"
          disabled={busy}
          className={emergency ? 'danger op-refer-alert' : undefined}
          onClick={() => onMode('refer')}
        >
          {t('op.action.refer')}
        </button>
        {routeTo ? (
          <span className="muted op-route">{t('op.action.routeTo', { unit: routeTo })}</span>
        ) : null}
      </div>
    </>
  );
}

import { useI18n, type MessageKey } from '../../i18n';
import type { AppealAnalysis, Referral } from './use-appeal-analysis';

/**
 * Says why the appeal looks like an emergency (the words and the danger) and offers the
 * matching referral (119 fire, 120 medical, 110 police, 122 traffic) with one button.
 */
export function EmergencyBanner({
  urgency,
  onRefer,
}: {
  urgency: AppealAnalysis['urgency'] | undefined;
  onRefer: (target: Referral, reason: string) => void;
}) {
  const { t } = useI18n();
  if (!urgency || urgency.level === 'normal') return null;
  const emergency = urgency.level === 'emergency';
  const dangerOf = (danger: string) => t(`place.danger.${danger}` as MessageKey);
  const reasons = urgency.reasons.map((r) =>
    t('place.emergency.reason', { phrase: r.phrase, danger: dangerOf(r.danger) }),
  );
  const targets = [...new Set(urgency.reasons.flatMap((r) => (r.referral ? [r.referral] : [])))];
  return (
    <div
      className={emergency ? 'op-emergency-hint op-emergency-banner' : 'op-ai-suggest'}
      role={emergency ? 'alert' : 'status'}
      aria-label={emergency ? t('place.emergency.heading') : t('place.urgent.heading')}
    >
      <strong>{emergency ? t('place.emergency.heading') : t('place.urgent.heading')}</strong>{' '}
      {reasons.join('、')}{' '}
      {targets.map((target) => (
        <button
          key={target}
          type="button"
          className={emergency ? 'danger' : undefined}
          onClick={() => onRefer(target, reasons.join('、'))}
        >
          {t('place.emergency.refer', { target })}
        </button>
      ))}
    </div>
  );
}

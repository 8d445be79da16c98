import { useI18n } from '../../i18n';
import type { DuplicateCandidate } from './duplicate-types';

const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Why a ticket looks like a repeat: its score and the parts (text, place, category, time). */
export function DuplicatePartsLine({ candidate }: { candidate: DuplicateCandidate }) {
  const { t } = useI18n();
  const { parts } = candidate;
  const time =
    parts.hoursApart < 48
      ? t('dup.hoursApart', { hours: String(Math.round(parts.hoursApart * 10) / 10) })
      : t('dup.daysApart', { days: String(Math.round(parts.hoursApart / 24)) });
  const bits = [
    t('dup.text', { pct: percent(parts.text) }),
    t(`dup.place.${parts.placeMatch}`),
    ...(parts.distanceM !== null && parts.placeMatch === 'nearby'
      ? [t('dup.distance', { metres: String(parts.distanceM) })]
      : []),
    t(`dup.category.${parts.category}`),
    time,
  ];
  return (
    <span className="dup-parts">
      <meter
        min={0}
        max={1}
        value={candidate.score}
        aria-label={t('dup.scoreLabel')}
        title={t('dup.score', { score: percent(candidate.score) })}
      />{' '}
      <strong>{t('dup.score', { score: percent(candidate.score) })}</strong>
      {candidate.likely ? <span className="badge dup-likely">{t('dup.likely')}</span> : null}
      <span className="muted"> · {bits.join(' · ')}</span>
    </span>
  );
}

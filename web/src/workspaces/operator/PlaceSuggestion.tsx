import { useEffect } from 'react';
import { useI18n, type MessageKey } from '../../i18n';
import type { PlaceCandidate, SuggestedPlace } from './use-appeal-analysis';

const percent = (confidence: number) => String(Math.round(confidence * 100));

/**
 * The district and street the appeal names, with the confidence; "Confirm" (or Alt+P) fills the
 * district and street pickers. Nothing is filled without the operator's word.
 */
export function PlaceSuggestion({
  place,
  districtId,
  streetId,
  onConfirm,
}: {
  place: SuggestedPlace | null;
  districtId: number | null;
  streetId: number | null;
  onConfirm: (districtId: number, streetId: number | null) => void;
}) {
  const { t } = useI18n();
  const inUse = place !== null && place.districtId === districtId && place.streetId === streetId;

  useEffect(() => {
    if (!place || inUse) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && event.code === 'KeyP') {
        event.preventDefault();
        onConfirm(place.districtId, place.streetId);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [place, inUse, onConfirm]);

  if (!place) return null;
  const nameOf = (c: PlaceCandidate) =>
    c.streetName ? `${c.districtName} › ${c.streetName}` : c.districtName;
  return (
    <div
      className="op-ai-suggest op-place-suggest"
      role="group"
      aria-label={t('place.suggest.label')}
    >
      <span className="muted">{t('place.suggest.label')}</span>
      <strong className="op-place-name">{nameOf(place)}</strong>
      <span className="op-ai-confidence">
        {t('place.suggest.confidence', { value: percent(place.confidence) })}
      </span>
      <span className="muted" title={place.matched}>
        {t(`place.source.${place.source}` as MessageKey)} · {place.matched}
      </span>
      <button
        type="button"
        className="op-ai-chip op-ai-best"
        aria-keyshortcuts="Alt+P"
        disabled={inUse}
        aria-pressed={inUse}
        onClick={() => onConfirm(place.districtId, place.streetId)}
      >
        {inUse ? `${t('place.suggest.confirmed')} ✓` : t('place.suggest.confirm')}{' '}
        {inUse ? null : <kbd>{t('place.suggest.confirmKey')}</kbd>}
      </button>
      {place.alternatives.map((alternative) => (
        <button
          key={`${alternative.districtId}:${alternative.streetId ?? ''}`}
          type="button"
          className="op-ai-chip"
          onClick={() => onConfirm(alternative.districtId, alternative.streetId)}
        >
          {t('place.suggest.take', { place: nameOf(alternative) })}{' '}
          <span className="op-ai-confidence">{percent(alternative.confidence)}%</span>
        </button>
      ))}
    </div>
  );
}

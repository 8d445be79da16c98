import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import type { CategoryEntry } from './reference-data';

/** The pause after the last keystroke before the appeal is classified. */
const DEBOUNCE_MS = 400;
/** The classifier reads the start of an appeal; longer descriptions are cut before sending. */
const MAX_DESCRIPTION = 4000;

interface Suggested {
  categoryId: number;
  confidence: number;
}

interface Classification {
  model: { id: number; coldStart: boolean };
  suggestions: Suggested[];
}

/**
 * Classifies the appeal a moment after the operator stops typing; a newer text aborts the older
 * request. A failure only hides the suggestion: the operator can always pick a category.
 */
function useClassification(title: string, description: string): Classification | null {
  const [result, setResult] = useState<Classification | null>(null);
  const enough = (title + description).trim().length >= 4;
  useEffect(() => {
    if (!enough) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<Classification>(
        'POST',
        '/intelligence/classify',
        { title: title.slice(0, 500), description: description.slice(0, MAX_DESCRIPTION) },
        { signal: controller.signal },
      )
        .then(setResult)
        .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [title, description, enough]);
  return enough ? result : null;
}

/**
 * The suggested categories for the appeal being typed, best first, each taken with one click;
 * the confidence is the model's calibrated probability.
 */
export function CategorySuggestion({
  title,
  description,
  categories,
  value,
  onTake,
}: {
  title: string;
  description: string;
  categories: ReadonlyMap<number, CategoryEntry> | undefined;
  value: number | null;
  onTake: (categoryId: number) => void;
}) {
  const { t, locale } = useI18n();
  const result = useClassification(title, description);
  const shown = (result?.suggestions ?? []).flatMap((s) => {
    const entry = categories?.get(s.categoryId);
    return entry ? [{ ...s, entry }] : [];
  });
  if (!result || shown.length === 0) return null;
  const pathOf = (entry: CategoryEntry) =>
    (locale === 'en' ? entry.pathEn : entry.path).join(' › ');
  const percent = (confidence: number) => String(Math.round(confidence * 100));
  return (
    <div
      className="op-ai-suggest"
      role="group"
      aria-label={t('ai.suggest.label')}
      title={
        result.model.coldStart
          ? t('ai.suggest.coldStart')
          : t('ai.suggest.model', { id: result.model.id })
      }
    >
      <span className="muted">{t('ai.suggest.label')}</span>
      {shown.map((s, index) => {
        const inUse = s.categoryId === value;
        return (
          <button
            key={s.categoryId}
            type="button"
            className={index === 0 ? 'op-ai-chip op-ai-best' : 'op-ai-chip'}
            aria-pressed={inUse}
            aria-label={
              inUse ? t('ai.suggest.taken') : t('ai.suggest.take', { path: pathOf(s.entry) })
            }
            disabled={inUse}
            onClick={() => onTake(s.categoryId)}
          >
            {pathOf(s.entry)}{' '}
            <span className="op-ai-confidence">
              {t('ai.suggest.confidence', { value: percent(s.confidence) })}
            </span>
            {inUse ? ` ✓` : null}
          </button>
        );
      })}
    </div>
  );
}

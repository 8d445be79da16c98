import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { useLoad } from '../../ui/data';

/** POST /intelligence/reply-quality: a draft's scores, the points asked and what is missing. */
export interface ReplyQuality {
  relevance: number;
  completeness: number;
  explanation: number;
  overall: number;
  grade: 'A' | 'B' | 'C' | 'D';
  points: Array<{ text: string; keyPhrases: string[]; covered: boolean }>;
  hints: Array<{ code: string; params: Record<string, string> }>;
}

/** How long typing must pause before the draft is scored. */
const PAUSE_MS = 700;
const SCORES = ['relevance', 'completeness', 'explanation', 'overall'] as const;

/** The value after it has stopped changing for `delayMs`. */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

const badgeOf = (score: number) =>
  score >= 70 ? 'badge badge-ok' : score >= 55 ? 'badge badge-warn' : 'badge badge-danger';

/**
 * Advice on the reply as it is typed (答复质量): relevance, completeness and explanation, the
 * points the appeal asks (answered or not) and what to add. Advice only: sending never waits.
 */
export function ReplyQualityAdvice({ ticketId, text }: { ticketId: number; text: string }) {
  const t = useT();
  const draft = useSettled(text, PAUSE_MS);
  const quality = useLoad<ReplyQuality | null>(
    (signal) =>
      draft.trim()
        ? api<ReplyQuality>(
            'POST',
            '/intelligence/reply-quality',
            { ticketId, reply: draft },
            { signal },
          )
        : Promise.resolve(null),
    [ticketId, draft],
  );
  const q = quality.data;
  if (!draft.trim() || quality.error) return null;
  return (
    <section className="hd-advice" aria-label={t('rq.advice.title')} aria-live="polite">
      <h3>
        {t('rq.advice.title')} <span className="muted">· {t('rq.advice.note')}</span>
      </h3>
      {!q ? <p className="muted">{t('rq.advice.checking')}</p> : null}
      {q ? (
        <>
          <ul className="list-plain hd-advice-scores">
            {SCORES.map((kind) => (
              <li key={kind}>
                {t(`rq.score.${kind}` as MessageKey)}{' '}
                <span className={badgeOf(q[kind])} data-score={kind}>
                  {t('rq.score.value', { value: q[kind] })}
                </span>
              </li>
            ))}
            <li>
              <strong>{t('rq.grade', { grade: q.grade })}</strong>
            </li>
          </ul>
          {q.points.length > 0 ? (
            <>
              <h4>{t('rq.points')}</h4>
              <ul className="list-plain">
                {q.points.map((point, i) => (
                  <li key={i}>
                    <span className={point.covered ? 'badge badge-ok' : 'badge badge-warn'}>
                      {t(point.covered ? 'rq.point.covered' : 'rq.point.missing')}
                    </span>{' '}
                    {point.text}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {q.hints.length > 0 ? (
            <ul className="hd-advice-hints">
              {q.hints.map((hint, i) => (
                <li key={i}>{t(`rq.hint.${hint.code}` as MessageKey, hint.params)}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

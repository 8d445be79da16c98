import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import { api, ApiError, qs } from '../api';
import { useT, type MessageKey } from '../i18n';
import { Link, useLocation } from '../router';
import { useFormat } from '../settings';
import { Field, Notice } from '../ui/forms';
import { EvaluationForm } from './EvaluationForm';
import { PhotoPicker, PhotoResults, uploadPhotos, type PhotoResult } from './Photos';
import {
  failureText,
  PHOTO_STATUSES,
  rememberedCode,
  type AppealStatus,
  type TicketStatus,
} from './portal-api';

/**
 * The steps a citizen sees. The public API gives the current status, the filing time and the
 * reply time only, so the steps are read off the status (not a recorded history).
 */
const STEPS: { label: MessageKey; hint: MessageKey }[] = [
  { label: 'portal.step.filed', hint: 'portal.step.filedHint' },
  { label: 'portal.step.accepted', hint: 'portal.step.acceptedHint' },
  { label: 'portal.step.handling', hint: 'portal.step.handlingHint' },
  { label: 'portal.step.replied', hint: 'portal.step.repliedHint' },
  { label: 'portal.step.closed', hint: 'portal.step.closedHint' },
];

/** How far along each status is: the index of the step it is at. */
const REACHED: Record<TicketStatus, number> = {
  received: 0,
  pending_dispatch: 1,
  dispatched: 2,
  in_progress: 2,
  return_review: 2,
  merged: 2,
  replied: 3,
  closed: 4,
};

/** /portal/track: the appeal's progress and reply, with its number and query code. */
export function TrackPage() {
  const t = useT();
  const { query } = useLocation();
  const initialNumber = query.get('number') ?? '';
  const [number, setNumber] = useState(initialNumber);
  const [code, setCode] = useState(() => rememberedCode(initialNumber));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [appeal, setAppeal] = useState<AppealStatus | null>(null);
  const [trackedCode, setTrackedCode] = useState('');
  const [thanks, setThanks] = useState(false);
  const result = useRef<HTMLElement>(null);

  const track = async (wanted: string, secret: string) => {
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const found = await api<AppealStatus>(
        'GET',
        `/public/appeals/${encodeURIComponent(wanted)}${qs({ code: secret })}`,
      );
      setAppeal(found);
      setTrackedCode(secret);
      requestAnimationFrame(() => result.current?.focus());
    } catch (failure) {
      setAppeal(null);
      if (failure instanceof ApiError && failure.status === 404)
        setError(t('portal.track.notFound'));
      else if (failure instanceof ApiError && failure.status === 400 && failure.field)
        setFieldErrors({ [failure.field === 'code' ? 'code' : 'number']: failure.message });
      else setError(failureText(t, failure));
    } finally {
      setBusy(false);
    }
  };

  // Coming from the receipt, both are known: show the progress at once.
  const autoTracked = useRef(false);
  useEffect(() => {
    if (autoTracked.current || !initialNumber) return;
    const remembered = rememberedCode(initialNumber);
    if (!remembered) return;
    autoTracked.current = true;
    void track(initialNumber, remembered);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialNumber]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void track(number.trim(), code.trim());
  };

  return (
    <>
      <h1 className="portal-title">{t('portal.track.title')}</h1>
      <form className="portal-card portal-form" onSubmit={submit}>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <Field label={t('portal.track.number')} required error={fieldErrors.number}>
          <input
            value={number}
            maxLength={32}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            onChange={(event) => setNumber(event.target.value)}
          />
        </Field>
        <Field
          label={t('portal.track.code')}
          required
          hint={t('portal.track.codeHint')}
          error={fieldErrors.code}
        >
          <input
            value={code}
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setCode(event.target.value)}
          />
        </Field>
        <button type="submit" className="primary portal-submit" disabled={busy}>
          {busy ? t('portal.track.searching') : t('portal.track.submit')}
        </button>
      </form>
      {thanks ? <Notice kind="success">{t('portal.eval.thanks')}</Notice> : null}
      {appeal ? (
        <Progress
          key={`${appeal.number}-${appeal.status}`}
          appeal={appeal}
          code={trackedCode}
          onEvaluated={() => {
            setThanks(true);
            void track(appeal.number, trackedCode);
          }}
          ref={result}
        />
      ) : null}
    </>
  );
}

function Progress({
  appeal,
  code,
  onEvaluated,
  ref,
}: {
  appeal: AppealStatus;
  code: string;
  onEvaluated: () => void;
  ref: Ref<HTMLElement>;
}) {
  const t = useT();
  const format = useFormat();
  const reached = REACHED[appeal.status];
  const timeOf = (index: number) =>
    index === 0
      ? appeal.createdAt
      : index === 3 || (index === 4 && appeal.status === 'closed')
        ? appeal.repliedAt
        : null;
  return (
    <section
      className="portal-card portal-progress"
      aria-labelledby="portal-progress-title"
      tabIndex={-1}
      ref={ref}
    >
      <h2 id="portal-progress-title">{t('portal.track.appeal', { number: appeal.number })}</h2>
      <p className="portal-status">
        {t('portal.track.status')} <strong>{t(`status.${appeal.status}`)}</strong>
      </p>
      {appeal.category ? (
        <p className="portal-muted">
          {t('portal.track.category')} {appeal.category.path.join(' › ') || appeal.category.name}
        </p>
      ) : null}
      <ol className="portal-timeline" aria-label={t('portal.track.timeline')}>
        {STEPS.map((step, index) => {
          const state =
            index < reached || (index === reached && index === STEPS.length - 1)
              ? 'done'
              : index === reached
                ? 'current'
                : 'todo';
          const time = timeOf(index);
          return (
            <li
              key={step.label}
              className={`portal-step portal-step-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="portal-step-dot" aria-hidden="true" />
              <div>
                <div className="portal-step-label">
                  {t(step.label)}
                  {state === 'current' ? (
                    <span className="visually-hidden"> ({t('portal.step.now')})</span>
                  ) : null}
                </div>
                <div className="portal-muted portal-small">
                  {time ? format.dateTime(time) : state === 'todo' ? '' : t(step.hint)}
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      {appeal.replyText ? (
        <div className="portal-reply">
          <h3>{t('portal.track.reply')}</h3>
          {appeal.repliedAt ? (
            <p className="portal-muted portal-small">{format.dateTime(appeal.repliedAt)}</p>
          ) : null}
          <p className="portal-reply-text">{appeal.replyText}</p>
        </div>
      ) : (
        <p className="portal-muted">{t('portal.track.noReplyYet')}</p>
      )}
      {appeal.canEvaluate ? (
        <EvaluationForm number={appeal.number} code={code} onDone={onEvaluated} />
      ) : null}
      {PHOTO_STATUSES.includes(appeal.status) ? (
        <AddPhotos number={appeal.number} code={code} />
      ) : null}
      {appeal.replyText ? (
        <p className="portal-muted portal-small">
          {t('portal.track.notSatisfied')} <Link to="/portal/file">{t('portal.file.title')}</Link>
        </p>
      ) : null}
    </section>
  );
}

/** More photos for an appeal still being handled. */
function AddPhotos({ number, code }: { number: string; code: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<PhotoResult[]>([]);
  if (!open)
    return (
      <button type="button" className="portal-wide" onClick={() => setOpen(true)}>
        {t('portal.photos.add')}
      </button>
    );
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setResults(await uploadPhotos(t, number, code, files));
    setFiles([]);
    setBusy(false);
  };
  return (
    <form className="portal-add-photos" onSubmit={(event) => void send(event)}>
      <PhotoPicker files={files} onChange={setFiles} />
      <button type="submit" className="primary portal-wide" disabled={busy || !files.length}>
        {busy ? t('portal.photos.uploading', { count: files.length }) : t('portal.photos.send')}
      </button>
      <PhotoResults results={results} />
    </form>
  );
}

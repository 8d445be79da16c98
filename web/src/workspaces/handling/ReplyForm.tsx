import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { api, ApiError } from '../../api';
import { useT } from '../../i18n';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import type { Attachment } from './handling-data';
import { PhotoPicker, type ChosenPhoto } from './PhotoPicker';
import { ReplyQualityAdvice } from './ReplyQualityAdvice';

/** Ctrl+Enter (⌘+Enter) in a text area submits its form: Enter alone is a new line. */
export function submitOnCtrlEnter(event: KeyboardEvent<HTMLTextAreaElement>): void {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}

export function CtrlEnterHint() {
  const t = useT();
  return (
    <span className="muted hd-kbd-hint">
      <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t('hd.kbd.submit')}
    </span>
  );
}

/**
 * The lead unit's reply (办结): what was done, with photos as evidence. The photos are uploaded
 * first (as reply attachments of the ticket), then the reply names them; after a refused reply
 * the photos already uploaded are not sent again.
 */
export function ReplyForm({
  ticketId,
  blocked,
  onDone,
}: {
  ticketId: number;
  /** Why the reply cannot be sent yet (co-handlers' parts missing), or null. */
  blocked: string | null;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<ChosenPhoto[]>([]);
  const [photoError, setPhotoError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();

  const upload = async (): Promise<number[] | null> => {
    const ids: number[] = [];
    const next = [...photos];
    for (const [index, photo] of next.entries()) {
      if (photo.attachmentId) {
        ids.push(photo.attachmentId);
        continue;
      }
      const form = new FormData();
      form.append('purpose', 'reply');
      form.append('file', photo.file, photo.file.name);
      try {
        const attachment = await api<Attachment>('POST', `/tickets/${ticketId}/attachments`, form);
        next[index] = { ...photo, attachmentId: attachment.id };
        ids.push(attachment.id);
      } catch (error) {
        setPhotos(next);
        const message = error instanceof ApiError ? error.message : String(error);
        setPhotoError(t('hd.reply.uploadFailed', { name: photo.file.name, message }));
        return null;
      }
    }
    setPhotos(next);
    return ids;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || blocked) return;
    errors.clear();
    setPhotoError(undefined);
    setBusy(true);
    try {
      const attachmentIds = await upload();
      if (!attachmentIds) return;
      await api('POST', `/tickets/${ticketId}/reply`, { text, attachmentIds });
      setText('');
      setPhotos([]);
      onDone(t('hd.reply.done'));
    } catch (error) {
      if (error instanceof ApiError && error.field === 'attachmentIds')
        setPhotoError(error.message);
      else errors.capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="hd-form"
      onSubmit={(event) => void submit(event)}
      aria-label={t('hd.reply.title')}
    >
      {blocked ? <Notice kind="info">{blocked}</Notice> : null}
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <Field label={t('hd.reply.text')} error={errors.fieldErrors.text} required>
        <textarea
          rows={5}
          value={text}
          maxLength={20000}
          placeholder={t('hd.reply.placeholder')}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      </Field>
      <ReplyQualityAdvice ticketId={ticketId} text={text} />
      <PhotoPicker photos={photos} onChange={setPhotos} error={photoError} disabled={busy} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !!blocked}>
          {busy ? t('form.saving') : t('hd.reply.submit')}
        </button>
        <CtrlEnterHint />
      </div>
    </form>
  );
}

/** A co-handler's (协办) own part of the reply, which the lead unit consolidates. */
export function ReplyPartForm({
  ticketId,
  onDone,
}: {
  ticketId: number;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    errors.clear();
    setBusy(true);
    try {
      await api('POST', `/tickets/${ticketId}/reply-part`, { text });
      setText('');
      onDone(t('hd.part.done'));
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="hd-form"
      onSubmit={(event) => void submit(event)}
      aria-label={t('hd.part.title')}
    >
      <p className="muted">{t('hd.part.hint')}</p>
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <Field label={t('hd.part.text')} error={errors.fieldErrors.text} required>
        <textarea
          rows={4}
          value={text}
          maxLength={20000}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : t('hd.part.submit')}
        </button>
        <CtrlEnterHint />
      </div>
    </form>
  );
}

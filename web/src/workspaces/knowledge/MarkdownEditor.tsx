import MarkdownIt from 'markdown-it';
import { useId, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';

// The same renderer and options as the server (src/modules/knowledge/markdown.ts): raw HTML is
// escaped, so the preview is what readers will see and is safe to put in the page.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

const IMAGE_TYPES = 'image/png,image/jpeg,image/gif,image/webp';

/** The article's Markdown body: write, preview, and upload an image into the text at the cursor. */
export function MarkdownEditor({
  value,
  onChange,
  error,
  maxLength,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  maxLength: number;
}) {
  const t = useT();
  const id = useId();
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const html = useMemo(() => (tab === 'preview' ? markdown.render(value) : ''), [tab, value]);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setUploading(true);
    setUploadError(null);
    const form = new FormData();
    form.append('file', file);
    try {
      const { url } = await api<{ url: string }>('POST', '/knowledge/images', form);
      const box = textarea.current;
      const at = box ? box.selectionStart : value.length;
      const end = box ? box.selectionEnd : value.length;
      const image = `![](${url})`;
      onChange(value.slice(0, at) + image + value.slice(end));
      setTab('write');
      requestAnimationFrame(() => {
        box?.focus();
        box?.setSelectionRange(at + image.length, at + image.length);
      });
    } catch (failure) {
      setUploadError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setUploading(false);
    }
  };

  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, `${id}-hint`].filter(Boolean).join(' ');
  return (
    <div className={`field kb-body${error ? ' field-invalid' : ''}`}>
      <div className="kb-body-head">
        <label htmlFor={id}>
          {t('kb.field.body')}
          <span className="field-required"> ({t('form.required')})</span>
        </label>
        <div className="tabs kb-body-tabs" role="tablist" aria-label={t('kb.body.views')}>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'write'}
            onClick={() => setTab('write')}
          >
            {t('kb.body.write')}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'preview'}
            onClick={() => setTab('preview')}
          >
            {t('kb.body.preview')}
          </button>
        </div>
        <button
          type="button"
          className="ghost"
          disabled={uploading}
          onClick={() => fileInput.current?.click()}
        >
          {uploading ? t('kb.body.uploading') : t('kb.body.image')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept={IMAGE_TYPES}
          hidden
          aria-label={t('kb.body.image')}
          onChange={(event) => void upload(event)}
        />
      </div>
      <textarea
        ref={textarea}
        id={id}
        required={tab === 'write'}
        hidden={tab !== 'write'}
        rows={16}
        value={value}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      {tab === 'preview' ? (
        <div className="rich kb-preview" aria-live="polite">
          {value.trim() ? (
            <div dangerouslySetInnerHTML={{ __html: html }} />
          ) : (
            <p className="muted">{t('kb.body.empty')}</p>
          )}
        </div>
      ) : null}
      <div className="field-hint" id={`${id}-hint`}>
        {t('kb.body.hint')} · {Array.from(value).length} / {maxLength}
      </div>
      {uploadError ? (
        <div className="field-error" role="alert">
          {uploadError}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={errorId} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

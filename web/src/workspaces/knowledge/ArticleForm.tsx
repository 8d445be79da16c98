import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api, ApiError } from '../../api';
import { useT } from '../../i18n';
import { useUser } from '../../session';
import { useFormat } from '../../settings';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import { CategoryPicker } from './CategoryPicker';
import { ConflictNotice } from './ConflictNotice';
import { useKnowledgeRole, useUnits } from './knowledge-data';
import { MarkdownEditor } from './MarkdownEditor';
import { TokenInput } from './TokenInput';
import { AUDIENCES, type ArticleFields, type Audience, type KnowledgeArticle } from './types';

/** The contract's limits, so that the form refuses what the server would. */
const MAX = { title: 200, body: 20_000, categories: 10, note: 1000 } as const;

interface Draft extends Omit<ArticleFields, 'expiresOn' | 'reviewBy'> {
  expiresOn: string;
  reviewBy: string;
  note: string;
}

const draftOf = (article: KnowledgeArticle | undefined, unitId: number, today: string): Draft => ({
  title: article?.title ?? '',
  body: article?.body ?? '',
  categoryIds: article?.categoryIds ?? [],
  keywords: article?.keywords ?? [],
  synonyms: article?.synonyms ?? [],
  ownerUnitId: article?.ownerUnitId ?? unitId,
  audience: article?.audience ?? 'internal',
  effectiveFrom: article?.effectiveFrom ?? today,
  expiresOn: article?.expiresOn ?? '',
  reviewBy: article?.reviewBy ?? '',
  note: '',
});

/**
 * An optional date as sent: the date; null only to clear one the article had; else left out
 * (a new article then gets the server's default).
 */
const dateOrClear = (typed: string, before: string | null | undefined): string | null | undefined =>
  typed || (before ? null : undefined);

/** Field names as the server sends them ("keywords[2]") → the form's field. */
const fieldOf = (name: string): string => name.replace(/\[\d+\]$/, '');

/**
 * Creates an article (no `article`) or changes one: a new version, sent with the version it was
 * based on, so that an edit over someone else's is refused instead of silently lost.
 */
export function ArticleForm({
  article,
  onSaved,
  onCancel,
  onReload,
}: {
  article?: KnowledgeArticle;
  onSaved: (article: KnowledgeArticle) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const t = useT();
  const user = useUser();
  const format = useFormat();
  const role = useKnowledgeRole();
  const units = useUnits();
  const [draft, setDraft] = useState<Draft>(() => draftOf(article, user.unitId, format.today()));
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(false);
  const errors = useServerErrors();
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const fieldError = (name: string) =>
    Object.entries(errors.fieldErrors).find(([field]) => fieldOf(field) === name)?.[1];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    errors.clear();
    setConflict(false);
    const body = {
      title: draft.title.trim(),
      body: draft.body,
      categoryIds: draft.categoryIds,
      keywords: draft.keywords,
      synonyms: draft.synonyms,
      ownerUnitId: draft.ownerUnitId,
      audience: draft.audience,
      effectiveFrom: draft.effectiveFrom || undefined,
      expiresOn: dateOrClear(draft.expiresOn, article?.expiresOn),
      // A new article without a review date gets the server's default (half a year).
      reviewBy: dateOrClear(draft.reviewBy, article?.reviewBy),
      note: draft.note.trim() || undefined,
    };
    try {
      const saved = article
        ? await api<KnowledgeArticle>('PUT', `/knowledge/articles/${article.id}`, {
            ...body,
            expectedVersion: article.version,
          })
        : await api<KnowledgeArticle>('POST', '/knowledge/articles', body);
      onSaved(saved);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) setConflict(true);
      else errors.capture(failure);
    } finally {
      setBusy(false);
    }
  };

  // Ctrl+S / Cmd+S saves, as in every editor.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  const ownerName =
    units?.find((unit) => unit.id === draft.ownerUnitId)?.name ?? article?.ownerUnitName;

  return (
    <form
      ref={formRef}
      className="kb-form"
      onSubmit={(event) => void submit(event)}
      onKeyDown={onKeyDown}
      aria-label={article ? t('kb.edit.title') : t('kb.new')}
    >
      {conflict ? <ConflictNotice onReload={onReload} /> : null}
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <Field label={t('kb.field.title')} required error={fieldError('title')}>
        <input
          value={draft.title}
          maxLength={MAX.title}
          autoFocus={!article}
          onChange={(event) => set('title', event.target.value)}
        />
      </Field>
      <MarkdownEditor
        value={draft.body}
        onChange={(body) => set('body', body)}
        error={fieldError('body')}
        maxLength={MAX.body}
      />
      <div className="form-row">
        <Field label={t('kb.field.categories')} error={fieldError('categoryIds')}>
          <CategoryPicker
            value={draft.categoryIds}
            onChange={(ids) => set('categoryIds', ids)}
            max={MAX.categories}
          />
        </Field>
      </div>
      <div className="form-row">
        <Field
          label={t('kb.field.keywords')}
          hint={t('kb.tokens.hint')}
          error={fieldError('keywords')}
        >
          <TokenInput value={draft.keywords} onChange={(tokens) => set('keywords', tokens)} />
        </Field>
        <Field
          label={t('kb.field.synonyms')}
          hint={t('kb.tokens.hint')}
          error={fieldError('synonyms')}
        >
          <TokenInput value={draft.synonyms} onChange={(tokens) => set('synonyms', tokens)} />
        </Field>
      </div>
      <div className="form-row">
        {role.centreEditor ? (
          <Field label={t('kb.field.ownerUnit')} error={fieldError('ownerUnitId')}>
            <select
              value={draft.ownerUnitId}
              onChange={(event) => set('ownerUnitId', Number(event.target.value))}
            >
              {(units ?? [])
                .filter((unit) => unit.active || unit.id === draft.ownerUnitId)
                .map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {unit.name}
                  </option>
                ))}
            </select>
          </Field>
        ) : (
          <Field label={t('kb.field.ownerUnit')} hint={t('kb.owner.fixed')}>
            <input value={ownerName ?? ''} readOnly />
          </Field>
        )}
        <fieldset className="kb-radios">
          <legend>{t('kb.field.audience')}</legend>
          {AUDIENCES.map((audience: Audience) => (
            <label key={audience}>
              <input
                type="radio"
                name="audience"
                value={audience}
                checked={draft.audience === audience}
                onChange={() => set('audience', audience)}
              />
              {t(`kb.audience.${audience}`)}
            </label>
          ))}
          {fieldError('audience') ? (
            <div className="field-error" role="alert">
              {fieldError('audience')}
            </div>
          ) : null}
        </fieldset>
      </div>
      <div className="form-row">
        <Field label={t('kb.field.effectiveFrom')} error={fieldError('effectiveFrom')}>
          <input
            type="date"
            value={draft.effectiveFrom}
            onChange={(event) => set('effectiveFrom', event.target.value)}
          />
        </Field>
        <Field
          label={t('kb.field.expiresOn')}
          hint={t('kb.hint.expiresOn')}
          error={fieldError('expiresOn')}
        >
          <input
            type="date"
            value={draft.expiresOn}
            min={draft.effectiveFrom || undefined}
            onChange={(event) => set('expiresOn', event.target.value)}
          />
        </Field>
        <Field
          label={t('kb.field.reviewBy')}
          hint={article ? undefined : t('kb.hint.reviewBy')}
          error={fieldError('reviewBy')}
        >
          <input
            type="date"
            value={draft.reviewBy}
            onChange={(event) => set('reviewBy', event.target.value)}
          />
        </Field>
      </div>
      <Field label={t('kb.field.note')} hint={t('kb.hint.note')} error={fieldError('note')}>
        <input
          value={draft.note}
          maxLength={MAX.note}
          onChange={(event) => set('note', event.target.value)}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : t('form.save')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('form.cancel')}
        </button>
        <span className="muted kb-small">
          <kbd>Ctrl</kbd>+<kbd>S</kbd> {t('form.save')}
          {article ? ` · ${t('kb.edit.backToDraft')}` : null}
        </span>
      </div>
    </form>
  );
}

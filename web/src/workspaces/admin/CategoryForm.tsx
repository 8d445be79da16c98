import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { Field, Notice } from '../../ui/forms';
import { splitList, useAdminErrors } from './admin-api';
import type { Category } from './types';

/** A new category under a parent (or at the top), or changes to one; deactivation by its button. */
export function CategoryForm({
  category,
  descendants = 0,
  parentId,
  onSaved,
  onCancel,
}: {
  category?: Category | undefined;
  /** How many categories lie below this one (all deactivated with it). */
  descendants?: number;
  parentId?: number | null;
  onSaved: (category: Category) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const creating = !category;
  const [name, setName] = useState(category?.name ?? '');
  const [nameEn, setNameEn] = useState(category?.nameEn ?? '');
  const [keywords, setKeywords] = useState((category?.keywords ?? []).join('、'));
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { fieldErrors, formError, clear, capture } = useAdminErrors({ name: name.trim(), code });

  const send = async (body: Record<string, unknown>, message: string) => {
    clear();
    setNotice(null);
    setBusy(true);
    try {
      const saved = creating
        ? await api<Category>('POST', '/categories', body)
        : await api<Category>('PATCH', `/categories/${category.id}`, body);
      setNotice(message);
      onSaved(saved);
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      nameEn: nameEn.trim() || null,
      keywords: splitList(keywords),
      ...(creating
        ? { parentId: parentId ?? null, ...(code.trim() ? { code: code.trim() } : {}) }
        : {}),
    };
    void send(body, t('form.saved'));
  };

  return (
    <form onSubmit={submit} noValidate className="adm-form">
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      {notice && !creating ? <Notice kind="success">{notice}</Notice> : null}
      {fieldErrors.parentId ? <Notice kind="error">{fieldErrors.parentId}</Notice> : null}
      <div className="form-row">
        <Field label={t('adm.category.name')} error={fieldErrors.name} required>
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t('adm.category.nameEn')} error={fieldErrors.nameEn}>
          <input name="nameEn" value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
        </Field>
      </div>
      <Field
        label={t('adm.category.keywords')}
        error={fieldErrors.keywords}
        hint={t('adm.category.keywordsHint')}
      >
        <input name="keywords" value={keywords} onChange={(e) => setKeywords(e.target.value)} />
      </Field>
      {creating ? (
        <Field
          label={t('adm.category.code')}
          error={fieldErrors.code}
          hint={t('adm.category.codeHint')}
        >
          <input name="code" value={code} onChange={(e) => setCode(e.target.value)} />
        </Field>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : creating ? t('adm.category.create') : t('form.save')}
        </button>
        {!creating ? (
          category.active ? (
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => setConfirming(true)}
            >
              {t('adm.category.deactivate')}
            </button>
          ) : (
            <button
              type="button"
              disabled={busy}
              onClick={() => void send({ active: true }, t('adm.category.reactivated'))}
            >
              {t('adm.category.reactivate')}
            </button>
          )
        ) : null}
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        ) : null}
      </div>
      {!creating && category.active && confirming ? (
        <div className="notice notice-error adm-confirm" role="alert">
          <p>{t('adm.category.confirmDeactivate', { name: category.name, count: descendants })}</p>
          <div className="form-actions">
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                void send({ active: false }, t('adm.category.deactivated'));
              }}
            >
              {t('adm.category.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('form.cancel')}
            </button>
          </div>
        </div>
      ) : !creating && category.active ? (
        <p className="field-hint">{t('adm.category.deactivateHint')}</p>
      ) : null}
    </form>
  );
}

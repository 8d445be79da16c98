import { useRef, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { useFormat } from '../../settings';
import { Field, Notice } from '../../ui/forms';
import type { ImportResult } from './types';

/**
 * Articles in and out as files: Markdown with front matter or CSV. An import is all or nothing,
 * so a refused one lists every problem by file and line and changes nothing.
 */
export function ImportPanel() {
  const t = useT();
  const format = useFormat();
  const files = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = Array.from(files.current?.files ?? []);
    if (!chosen.length) return;
    const form = new FormData();
    for (const file of chosen) form.append('files', file, file.name);
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api<ImportResult>('POST', '/knowledge/import', form));
      if (files.current) files.current.value = '';
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel kb-report" aria-labelledby="kb-import-title">
      <div className="panel-head">
        <h2 id="kb-import-title">{t('kb.import.title')}</h2>
        <a className="button" href="/api/v1/knowledge/export.csv" download>
          {t('kb.export')}
        </a>
      </div>
      <form onSubmit={(event) => void submit(event)}>
        <Field label={t('kb.import.files')} hint={t('kb.import.hint')}>
          <input ref={files} type="file" multiple accept=".md,.csv,text/markdown,text/csv" />
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('kb.import.running') : t('kb.import.submit')}
          </button>
        </div>
      </form>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {result && result.errors.length === 0 ? (
        <Notice kind="success">
          {t('kb.import.done', {
            created: format.number(result.created),
            updated: format.number(result.updated),
          })}
        </Notice>
      ) : null}
      {result && result.errors.length > 0 ? (
        <>
          <Notice kind="error">{t('kb.import.refused', { count: result.errors.length })}</Notice>
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th>{t('kb.import.file')}</th>
                  <th className="num">{t('kb.import.line')}</th>
                  <th>{t('kb.diff.field')}</th>
                  <th>{t('kb.import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((problem, index) => (
                  <tr key={index}>
                    <td>{problem.file}</td>
                    <td className="num">{problem.line ?? ''}</td>
                    <td>{problem.field}</td>
                    <td>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

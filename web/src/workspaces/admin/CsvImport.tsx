import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useT } from '../../i18n';
import { Field, Notice } from '../../ui/forms';
import { ImportError, readTextFile, type CsvProblem } from './admin-api';

/**
 * A CSV file in: all or nothing on the server, so a refused file lists every problem by row and
 * column and changes nothing. `extra` adds fields (a version note) before the file.
 */
export function CsvImport<T>({
  id,
  title,
  hint,
  submitLabel,
  send,
  describe,
  extra,
}: {
  id: string;
  title: string;
  hint: ReactNode;
  submitLabel: string;
  send: (csv: string) => Promise<T>;
  describe: (result: T) => string;
  extra?: ReactNode;
}) {
  const t = useT();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [problems, setProblems] = useState<CsvProblem[]>([]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setError(null);
    setFileError(undefined);
    setProblems([]);
    const chosen = file.current?.files?.[0];
    if (!chosen) return setFileError(t('adm.csv.chooseFile'));
    setBusy(true);
    try {
      const result = await send(await readTextFile(chosen));
      setDone(describe(result));
      if (file.current) file.current.value = '';
    } catch (failure) {
      if (failure instanceof ImportError && failure.problems.length > 0) {
        setError(t('adm.csv.refused', { count: failure.problems.length }));
        setProblems(failure.problems);
      } else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="adm-import" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <form onSubmit={(event) => void submit(event)} noValidate>
        {extra}
        <Field label={t('adm.csv.file')} hint={hint} error={fileError}>
          <input ref={file} name="file" type="file" accept=".csv,text/csv" />
        </Field>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? t('adm.csv.running') : submitLabel}
          </button>
        </div>
      </form>
      {done ? <Notice kind="success">{done}</Notice> : null}
      {error ? <Notice kind="error">{error}</Notice> : null}
      {problems.length > 0 ? (
        <div className="adm-scroll adm-problems">
          <table className="data">
            <thead>
              <tr>
                <th className="num">{t('adm.csv.row')}</th>
                <th>{t('adm.csv.column')}</th>
                <th>{t('adm.csv.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((problem, index) => (
                <tr key={index}>
                  <td className="num">{problem.row}</td>
                  <td>
                    <code>{problem.field}</code>
                  </td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

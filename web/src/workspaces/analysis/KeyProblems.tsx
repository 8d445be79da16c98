import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { LoadState, useLoad } from '../../ui/data';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import { useNames } from '../tickets/reference';
import './analysis.css';

export interface HotIssue {
  rank: number;
  label: string;
  places: string[];
  appeals: number;
  likes: number;
  activeDays: number;
  heat: number;
  districtId: number | null;
  categoryId: number | null;
  appealsList: Array<{ ticketId: number; number: string; title: string }>;
}

export interface KeyProblem {
  id: number;
  month: string;
  title: string;
  leadUnitId: number;
  measures: string;
  version: number;
  counts: {
    weeks: number;
    before: number;
    after: number;
    afterComplete: boolean;
    weekly: Array<{ weekStart: string; count: number; after: boolean }>;
  };
}

const today = () => new Date().toISOString().slice(0, 10);

/** The key problems the user may see: all for analysts and supervisors, else the unit's own. */
const useKeyProblems = () =>
  useLoad(
    (signal) =>
      api<{ items: KeyProblem[] }>('GET', '/analysis/key-problems', undefined, { signal }),
    [],
  );

/** A small bar chart of the weekly counts: grey before the start, red after. */
function WeeklyBars({ weekly, label }: { weekly: KeyProblem['counts']['weekly']; label: string }) {
  const max = Math.max(1, ...weekly.map((w) => w.count));
  return (
    <svg width={weekly.length * 14} height={40} role="img" aria-label={label}>
      {weekly.map((w, i) => {
        const h = Math.round((w.count / max) * 36);
        return (
          <rect
            key={w.weekStart}
            x={i * 14}
            y={40 - h}
            width={10}
            height={h}
            fill={w.after ? '#b4232c' : '#9aa3af'}
          >
            <title>{`${w.weekStart}: ${w.count}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

/** The monthly key problems (每月一题): list, before/after counts, and the form to make one. */
export function KeyProblems({
  fromIssue,
  onDone,
}: {
  fromIssue: HotIssue | null;
  onDone: () => void;
}) {
  const t = useT();
  const names = useNames();
  const list = useKeyProblems();
  const [leadUnitId, setLeadUnitId] = useState('');
  const [measures, setMeasures] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const { fieldErrors, formError, clear, capture } = useServerErrors();
  const units = (names.reference?.units ?? []).filter((u) => u.type !== 'centre' && u.active);
  const issueTitle = fromIssue?.label ?? '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!fromIssue) return;
    clear();
    setBusy(true);
    try {
      await api('POST', '/analysis/key-problems', {
        month: today().slice(0, 7),
        title: title || issueTitle,
        leadUnitId: Number(leadUnitId),
        categoryId: fromIssue.categoryId,
        districtId: fromIssue.districtId,
        keywords: fromIssue.places.slice(0, 3),
        measures,
        startDate: today(),
        weeks: 4,
        source: { label: fromIssue.label, ticketIds: fromIssue.appealsList.map((a) => a.ticketId) },
      });
      setMeasures('');
      setTitle('');
      onDone();
      list.reload();
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel an-key-panel" aria-labelledby="an-key">
      <div className="panel-head">
        <h2 id="an-key">{t('an.key')}</h2>
      </div>
      {fromIssue && (
        <form className="an-key-form" onSubmit={(e) => void submit(e)} aria-label={t('an.key.new')}>
          <h3>{t('an.key.new')}</h3>
          {formError ? <Notice kind="error">{formError}</Notice> : null}
          <div className="form-row">
            <Field label={t('an.key.title')} error={fieldErrors.title}>
              <input value={title || issueTitle} onChange={(e) => setTitle(e.target.value)} />
            </Field>
            <Field label={t('an.key.lead')} error={fieldErrors.leadUnitId}>
              <select required value={leadUnitId} onChange={(e) => setLeadUnitId(e.target.value)}>
                <option value="" />
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {names.unit(u.id)}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field label={t('an.key.measures')} error={fieldErrors.measures}>
            <textarea value={measures} onChange={(e) => setMeasures(e.target.value)} />
          </Field>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('an.key.save')}
            </button>
            <button type="button" onClick={onDone}>
              {t('an.key.cancel')}
            </button>
          </div>
        </form>
      )}
      <LoadState state={list} />
      {list.data?.items.length === 0 && <p className="muted">{t('an.key.none')}</p>}
      <ul className="list-plain an-key">
        {list.data?.items.map((k) => (
          <KeyProblemCard key={k.id} problem={k} onChanged={list.reload} />
        ))}
      </ul>
    </section>
  );
}

/**
 * One key problem: its lead unit, the before/after counts with the weekly bars, and the measures
 * taken, which its editors (analysts, supervisors and the lead unit's staff) update in place.
 */
export function KeyProblemCard({
  problem,
  onChanged,
}: {
  problem: KeyProblem;
  onChanged: () => void;
}) {
  const t = useT();
  const names = useNames();
  const [editing, setEditing] = useState(false);
  const [measures, setMeasures] = useState(problem.measures);
  const [busy, setBusy] = useState(false);
  const { fieldErrors, formError, clear, capture } = useServerErrors();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setBusy(true);
    try {
      await api('PATCH', `/analysis/key-problems/${problem.id}`, {
        version: problem.version,
        measures: measures.trim(),
      });
      setEditing(false);
      onChanged();
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="an-key-card">
      <div className="an-key-title">
        <strong>{problem.title}</strong>
        <span className="badge">{problem.month}</span>
      </div>
      <div className="muted">
        {t('an.key.lead')}: {names.unit(problem.leadUnitId)}
      </div>
      <div className="an-key-counts">
        {t('an.key.counts', {
          weeks: problem.counts.weeks,
          before: problem.counts.before,
          after: problem.counts.after,
        })}
        {!problem.counts.afterComplete && <span className="muted"> {t('an.key.pending')}</span>}
      </div>
      <WeeklyBars weekly={problem.counts.weekly} label={t('an.key.chart')} />
      {editing ? (
        <form
          className="an-key-edit"
          aria-label={t('an.key.editMeasures')}
          onSubmit={(e) => void save(e)}
        >
          {formError ? <Notice kind="error">{formError}</Notice> : null}
          <Field label={t('an.key.measures')} error={fieldErrors.measures}>
            <textarea value={measures} onChange={(e) => setMeasures(e.target.value)} />
          </Field>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('an.key.save')}
            </button>
            <button
              type="button"
              onClick={() => {
                clear();
                setMeasures(problem.measures);
                setEditing(false);
              }}
            >
              {t('an.key.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          {problem.measures && <p className="an-key-measures">{problem.measures}</p>}
          <div>
            <button
              type="button"
              className="link"
              onClick={() => {
                setMeasures(problem.measures);
                setEditing(true);
              }}
            >
              {t('an.key.editMeasures')}
            </button>
          </div>
        </>
      )}
    </li>
  );
}

/** The key problems the user's unit leads, for its staff; nothing when it leads none. */
export function UnitKeyProblems() {
  const t = useT();
  const list = useKeyProblems();
  if (!list.data || list.data.items.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="unit-key-problems">
      <div className="panel-head">
        <h2 id="unit-key-problems">{t('an.key.ours')}</h2>
      </div>
      <ul className="list-plain an-key">
        {list.data.items.map((k) => (
          <KeyProblemCard key={k.id} problem={k} onChanged={list.reload} />
        ))}
      </ul>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n';
import { LoadState, useLoad } from '../../ui/data';
import { useNames } from '../tickets/reference';

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

interface KeyProblem {
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
  const list = useLoad(
    (signal) =>
      api<{ items: KeyProblem[] }>('GET', '/analysis/key-problems', undefined, { signal }),
    [],
  );
  const [leadUnitId, setLeadUnitId] = useState('');
  const [measures, setMeasures] = useState('');
  const [title, setTitle] = useState('');
  const units = (names.reference?.units ?? []).filter((u) => u.type !== 'centre' && u.active);
  const issueTitle = fromIssue?.label ?? '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!fromIssue) return;
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
  };

  return (
    <section className="panel an-key-panel" aria-labelledby="an-key">
      <div className="panel-head">
        <h2 id="an-key">{t('an.key')}</h2>
      </div>
      {fromIssue && (
        <form className="an-key-form" onSubmit={(e) => void submit(e)} aria-label={t('an.key.new')}>
          <h3>{t('an.key.new')}</h3>
          <div className="form-row">
            <div className="field">
              <label htmlFor="an-key-title">{t('an.key.title')}</label>
              <input
                id="an-key-title"
                value={title || issueTitle}
                onChange={(e) => setTitle(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="an-key-lead">{t('an.key.lead')}</label>
              <select
                id="an-key-lead"
                required
                value={leadUnitId}
                onChange={(e) => setLeadUnitId(e.target.value)}
              >
                <option value="" />
                {units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {names.unit(u.id)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="field">
            <label htmlFor="an-key-measures">{t('an.key.measures')}</label>
            <textarea
              id="an-key-measures"
              value={measures}
              onChange={(e) => setMeasures(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="primary">
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
          <li key={k.id} className="an-key-card">
            <div className="an-key-title">
              <strong>{k.title}</strong>
              <span className="badge">{k.month}</span>
            </div>
            <div className="muted">
              {t('an.key.lead')}: {names.unit(k.leadUnitId)}
            </div>
            <div className="an-key-counts">
              {t('an.key.counts', {
                weeks: k.counts.weeks,
                before: k.counts.before,
                after: k.counts.after,
              })}
              {!k.counts.afterComplete && <span className="muted"> {t('an.key.pending')}</span>}
            </div>
            <WeeklyBars weekly={k.counts.weekly} label={t('an.key.chart')} />
            {k.measures && <p className="an-key-measures">{k.measures}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

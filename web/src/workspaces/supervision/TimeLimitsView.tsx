import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Notice, useServerErrors } from '../../ui/forms';
import { useNames } from '../tickets/reference';

type Unit = 'minutes' | 'hours' | 'working_days';
type Urgency = 'normal' | 'urgent' | 'emergency';
type Stage = 'sign_for' | 'feedback' | 'callback';
interface Limit {
  unit: Unit;
  amount: number;
}
interface TimeLimitsView {
  defaults: { signFor: Record<Urgency, Limit>; feedback: Record<Urgency, Limit>; callback: Limit };
  rules: Array<{
    categoryId: number;
    urgency: Urgency;
    stage: Stage;
    limit: Limit;
    updatedAt: string;
  }>;
}

const STAGES: Stage[] = ['sign_for', 'feedback', 'callback'];
const URGENCIES: Urgency[] = ['normal', 'urgent', 'emergency'];
const UNITS: Unit[] = ['minutes', 'hours', 'working_days'];
const cell = (stage: Stage, urgency: Urgency) => `${stage}:${urgency}`;

function defaultOf(view: TimeLimitsView, stage: Stage, urgency: Urgency): Limit {
  if (stage === 'sign_for') return view.defaults.signFor[urgency];
  if (stage === 'feedback') return view.defaults.feedback[urgency];
  return view.defaults.callback;
}

/**
 * Time limits by category (时限规则): a category's own sign-for, feedback and callback limits per
 * urgency, which the categories below it inherit; an empty cell keeps the inherited limit.
 */
export function TimeLimitsView() {
  const t = useT();
  const names = useNames();
  const state = useLoad(
    (signal) => api<TimeLimitsView>('GET', '/time-limits', undefined, { signal }),
    [],
  );
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // The tree in its path order (城乡建设 › 市政设施 › 路灯): a parent comes before its children.
  const categories = useMemo(
    () =>
      [...(names.reference?.categories ?? [])]
        .filter((category) => category.active)
        .sort((a, b) => a.path.join('\u0000').localeCompare(b.path.join('\u0000'))),
    [names.reference],
  );
  const withRules = [...new Set((state.data?.rules ?? []).map((rule) => rule.categoryId))];
  return (
    <section className="panel adm-time-limits" aria-labelledby="adm-tl-title">
      <div className="panel-head">
        <h2 id="adm-tl-title">{t('adm.tl.title')}</h2>
      </div>
      <p className="muted">{t('adm.tl.intro')}</p>
      <LoadState state={state} />
      {message ? <Notice kind="success">{message}</Notice> : null}
      {withRules.length > 0 ? (
        <p>
          {t('adm.tl.withRules')}{' '}
          {withRules.map((id) => (
            <button
              key={id}
              type="button"
              className="link sv-chip"
              onClick={() => setCategoryId(id)}
            >
              {names.category(id)}
            </button>
          ))}
        </p>
      ) : null}
      <label className="field">
        {t('adm.tl.category')}{' '}
        <select
          value={categoryId ?? ''}
          onChange={(event) => setCategoryId(Number(event.target.value) || null)}
        >
          <option value="">{t('form.select')}</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {names.category(category.id)}
            </option>
          ))}
        </select>
      </label>
      {state.data && categoryId !== null ? (
        <CategoryLimits
          key={`${categoryId}:${state.data.rules.length}`}
          view={state.data}
          categoryId={categoryId}
          onSaved={(text) => {
            setMessage(text);
            state.reload();
          }}
        />
      ) : null}
    </section>
  );
}

function CategoryLimits({
  view,
  categoryId,
  onSaved,
}: {
  view: TimeLimitsView;
  categoryId: number;
  onSaved: (message: string) => void;
}) {
  const t = useT();
  const format = useFormat();
  const names = useNames();
  const own = view.rules.filter((rule) => rule.categoryId === categoryId);
  const [cells, setCells] = useState<Record<string, { amount: string; unit: Unit }>>(() =>
    Object.fromEntries(
      own.map((rule) => [
        cell(rule.stage, rule.urgency),
        { amount: String(rule.limit.amount), unit: rule.limit.unit },
      ]),
    ),
  );
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();
  const limitText = (limit: Limit) =>
    `${limit.amount} ${t(`adm.tl.unit.${limit.unit}` as MessageKey)}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    setBusy(true);
    try {
      const rules = STAGES.flatMap((stage) =>
        URGENCIES.flatMap((urgency) => {
          const value = cells[cell(stage, urgency)];
          if (!value || value.amount.trim() === '') return [];
          return [{ stage, urgency, limit: { unit: value.unit, amount: Number(value.amount) } }];
        }),
      );
      await api('PUT', `/time-limits/${categoryId}`, { rules });
      onSaved(t('adm.tl.saved', { category: names.category(categoryId) }));
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };
  const latest = own.reduce<string | null>(
    (last, rule) => (last === null || rule.updatedAt > last ? rule.updatedAt : last),
    null,
  );
  return (
    <form
      onSubmit={(event) => void submit(event)}
      aria-label={t('adm.tl.formTitle', { category: names.category(categoryId) })}
    >
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <table className="data adm-tl-table">
        <thead>
          <tr>
            <th>
              <span className="visually-hidden">{t('adm.tl.stage')}</span>
            </th>
            {URGENCIES.map((urgency) => (
              <th key={urgency} scope="col">
                {t(`urgency.${urgency}` as MessageKey)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {STAGES.map((stage) => (
            <tr key={stage}>
              <th scope="row">{t(`adm.tl.stage.${stage}` as MessageKey)}</th>
              {URGENCIES.map((urgency) => {
                const key = cell(stage, urgency);
                const value = cells[key] ?? {
                  amount: '',
                  unit: defaultOf(view, stage, urgency).unit,
                };
                const label = `${t(`adm.tl.stage.${stage}` as MessageKey)} · ${t(`urgency.${urgency}` as MessageKey)}`;
                return (
                  <td key={urgency}>
                    <input
                      type="number"
                      min={1}
                      aria-label={label}
                      placeholder={String(defaultOf(view, stage, urgency).amount)}
                      title={limitText(defaultOf(view, stage, urgency))}
                      value={value.amount}
                      onChange={(event) =>
                        setCells({ ...cells, [key]: { ...value, amount: event.target.value } })
                      }
                    />{' '}
                    <select
                      aria-label={t('adm.tl.unitOf', { what: label })}
                      value={value.unit}
                      onChange={(event) =>
                        setCells({
                          ...cells,
                          [key]: { ...value, unit: event.target.value as Unit },
                        })
                      }
                    >
                      {UNITS.map((unit) => (
                        <option key={unit} value={unit}>
                          {t(`adm.tl.unit.${unit}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {t('adm.tl.hint')}
        {latest ? ` ${t('adm.sv.updatedAt', { at: format.dateTime(latest) })}` : ''}
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : t('form.save')}
        </button>
        <button type="button" className="ghost" onClick={() => setCells({})}>
          {t('adm.tl.clear')}
        </button>
      </div>
    </form>
  );
}

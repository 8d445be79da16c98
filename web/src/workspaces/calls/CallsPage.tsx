import { useState, type FormEvent } from 'react';
import { api, qs, type Page } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { navigate, useLocation } from '../../router';
import { useUser } from '../../session';
import { useFormat } from '../../settings';
import { ChannelFigures } from './ChannelFigures';
import { LoadState, useLoad } from '../../ui/data';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import { SwitchSettings } from './SwitchSettings';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Figures {
  offered: number;
  answered: number;
  answeredInTime: number;
  inTimeRate: number | null;
  connectionRate: number | null;
  abandoned: number;
  missed: number;
  averageHandlingSeconds: number | null;
}

interface Measures {
  from: string;
  to: string;
  answerTargetSeconds: number;
  total: Figures;
  days: Array<Figures & { date: string }>;
  operators: Array<{
    userId: number;
    displayName: string;
    extension: string | null;
    answered: number;
    answeredInTime: number;
    averageHandlingSeconds: number | null;
  }>;
}

interface CallRow {
  id: number;
  callerNumber: string | null;
  calledNumber: string | null;
  agentExtension: string | null;
  operatorName: string | null;
  offeredAt: string;
  outcome: 'answered' | 'abandoned' | 'missed' | null;
  waitSeconds: number | null;
  handlingSeconds: number | null;
  recordingUrl: string | null;
}

interface Extension {
  extension: string;
  userId: number;
  username: string;
  displayName: string;
}

const RECENT_CALLS = 50;

/**
 * /calls: the phone's intake measures for supervisors and admins (话务统计): calls offered,
 * answered within 15 s, connection rate, abandoned calls and handling time, per day and per
 * operator, the call records with their recordings; and, for the admin, who sits at which
 * extension and the connection to the switch.
 */
export default function CallsPage() {
  const t = useT();
  const format = useFormat();
  const user = useUser();
  const { query } = useLocation();
  const today = format.today();
  const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const from = DATE.test(query.get('from') ?? '') ? query.get('from')! : weekAgo;
  const to = DATE.test(query.get('to') ?? '') ? query.get('to')! : today;
  const setRange = (next: { from?: string; to?: string }) =>
    navigate(`/calls${qs({ from, to, ...next })}`, { replace: true });
  const range = qs({ from, to });
  const measures = useLoad(
    (signal) => api<Measures>('GET', `/cti/measures${range}`, undefined, { signal }),
    [range],
  );
  const calls = useLoad(
    (signal) =>
      api<Page<CallRow>>('GET', `/cti/calls${range}&pageSize=${RECENT_CALLS}`, undefined, {
        signal,
      }),
    [range],
  );
  const data = measures.data;
  const seconds = data?.answerTargetSeconds ?? 15;
  const rate = (value: number | null) => (value === null ? '—' : format.percent(value));
  const duration = (value: number | null) =>
    value === null ? '—' : t('cti.calls.seconds', { value: format.number(value) });
  const figureCells = (row: Figures) => (
    <>
      <td className="num">{format.number(row.offered)}</td>
      <td className="num">{format.number(row.answered)}</td>
      <td className="num">{rate(row.inTimeRate)}</td>
      <td className="num">{rate(row.connectionRate)}</td>
      <td className="num">{format.number(row.abandoned)}</td>
      <td className="num">{format.number(row.missed)}</td>
      <td className="num">{duration(row.averageHandlingSeconds)}</td>
    </>
  );
  const figureHeads = (
    <>
      <th className="num">{t('cti.calls.offered')}</th>
      <th className="num">{t('cti.calls.answered')}</th>
      <th className="num">{t('cti.calls.inTimeRate', { seconds })}</th>
      <th className="num">{t('cti.calls.connectionRate')}</th>
      <th className="num">{t('cti.calls.abandoned')}</th>
      <th className="num">{t('cti.calls.missed')}</th>
      <th className="num">{t('cti.calls.handling')}</th>
    </>
  );

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('cti.calls.title')}</h1>
      </div>
      <form
        className="kb-range"
        aria-label={t('cti.calls.range')}
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          <span>{t('cti.calls.from')}</span>
          <input
            type="date"
            value={from}
            max={to}
            onChange={(event) => event.target.value && setRange({ from: event.target.value })}
          />
        </label>
        <label>
          <span>{t('cti.calls.to')}</span>
          <input
            type="date"
            value={to}
            min={from}
            onChange={(event) => event.target.value && setRange({ to: event.target.value })}
          />
        </label>
      </form>
      <ChannelFigures range={range} />
      <LoadState state={measures} />
      {data ? (
        <>
          <section className="panel" aria-labelledby="cti-days">
            <div className="panel-head">
              <h2 id="cti-days">{t('cti.calls.days')}</h2>
            </div>
            <div className="table-scroll">
              <table className="data">
                <thead>
                  <tr>
                    <th>{t('cti.calls.date')}</th>
                    {figureHeads}
                  </tr>
                </thead>
                <tbody>
                  {data.days.map((day) => (
                    <tr key={day.date}>
                      <td>{day.date}</td>
                      {figureCells(day)}
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('cti.calls.total')}</th>
                    {figureCells(data.total)}
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
          <section className="panel" aria-labelledby="cti-operators">
            <div className="panel-head">
              <h2 id="cti-operators">{t('cti.calls.operators')}</h2>
            </div>
            {data.operators.length === 0 ? (
              <p className="muted">{t('list.empty')}</p>
            ) : (
              <div className="table-scroll">
                <table className="data">
                  <thead>
                    <tr>
                      <th>{t('cti.calls.operator')}</th>
                      <th>{t('cti.calls.extension')}</th>
                      <th className="num">{t('cti.calls.answered')}</th>
                      <th className="num">{t('cti.calls.inTime', { seconds })}</th>
                      <th className="num">{t('cti.calls.handling')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.operators.map((row) => (
                      <tr key={row.userId}>
                        <td>{row.displayName}</td>
                        <td>{row.extension ?? '—'}</td>
                        <td className="num">{format.number(row.answered)}</td>
                        <td className="num">{format.number(row.answeredInTime)}</td>
                        <td className="num">{duration(row.averageHandlingSeconds)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : null}
      <section className="panel" aria-labelledby="cti-records">
        <div className="panel-head">
          <h2 id="cti-records">{t('cti.calls.records')}</h2>
          {calls.data && calls.data.total > calls.data.items.length ? (
            <span className="muted">
              {t('cti.calls.more', { total: calls.data.total, shown: calls.data.items.length })}
            </span>
          ) : null}
        </div>
        <LoadState state={calls} />
        {calls.data && calls.data.items.length === 0 ? (
          <p className="muted">{t('list.empty')}</p>
        ) : null}
        {calls.data?.items.length ? (
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th>{t('cti.calls.time')}</th>
                  <th>{t('cti.calls.caller')}</th>
                  <th>{t('cti.calls.operator')}</th>
                  <th className="num">{t('cti.calls.wait')}</th>
                  <th className="num">{t('cti.calls.talk')}</th>
                  <th>{t('cti.calls.outcome')}</th>
                  <th>{t('cti.calls.recording')}</th>
                </tr>
              </thead>
              <tbody>
                {calls.data.items.map((call) => (
                  <tr key={call.id}>
                    <td>{format.dateTime(call.offeredAt)}</td>
                    <td>{call.callerNumber ?? '—'}</td>
                    <td>
                      {call.operatorName ?? '—'}
                      {call.agentExtension ? (
                        <span className="muted"> ({call.agentExtension})</span>
                      ) : null}
                    </td>
                    <td className="num">{duration(call.waitSeconds)}</td>
                    <td className="num">{duration(call.handlingSeconds)}</td>
                    <td>
                      <span
                        className={`badge${call.outcome === 'answered' ? ' badge-ok' : call.outcome ? ' badge-warn' : ''}`}
                      >
                        {t(
                          call.outcome
                            ? (`cti.outcome.${call.outcome}` as MessageKey)
                            : 'cti.outcome.inProgress',
                        )}
                      </span>
                    </td>
                    <td>
                      {call.recordingUrl ? (
                        <a href={call.recordingUrl} target="_blank" rel="noreferrer noopener">
                          {t('cti.calls.listen')}
                        </a>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {user.roles.includes('admin') ? (
        <>
          <ExtensionsPanel />
          <SwitchSettings />
        </>
      ) : null}
    </div>
  );
}

/** The admin's seating plan: which operator sits at which extension. */
function ExtensionsPanel() {
  const t = useT();
  const errors = useServerErrors();
  const extensions = useLoad(
    (signal) => api<{ items: Extension[] }>('GET', '/cti/extensions', undefined, { signal }),
    [],
  );
  const operators = useLoad(
    (signal) =>
      api<Page<{ id: number; displayName: string; username: string }>>(
        'GET',
        '/users?role=operator&active=true&pageSize=500',
        undefined,
        { signal },
      ),
    [],
  );
  const [extension, setExtension] = useState('');
  const [userId, setUserId] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    errors.clear();
    try {
      await action();
      extensions.reload();
      return true;
    } catch (error) {
      errors.capture(error);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const assign = async (event: FormEvent) => {
    event.preventDefault();
    const done = await run(() =>
      api('PUT', `/cti/extensions/${encodeURIComponent(extension.trim())}`, {
        userId: Number(userId),
      }),
    );
    if (done) {
      setExtension('');
      setUserId('');
    }
  };
  const items = extensions.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="cti-extensions">
      <div className="panel-head">
        <h2 id="cti-extensions">{t('cti.ext.title')}</h2>
      </div>
      <p className="muted">{t('cti.ext.hint')}</p>
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <LoadState state={extensions} />
      {extensions.data && items.length === 0 ? <p className="muted">{t('cti.ext.none')}</p> : null}
      {items.length ? (
        <table className="data">
          <thead>
            <tr>
              <th>{t('cti.ext.extension')}</th>
              <th>{t('cti.ext.operator')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((row) => (
              <tr key={row.extension}>
                <td>{row.extension}</td>
                <td>
                  {row.displayName} <span className="muted">({row.username})</span>
                </td>
                <td>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() =>
                      void run(() =>
                        api('DELETE', `/cti/extensions/${encodeURIComponent(row.extension)}`),
                      )
                    }
                  >
                    {t('cti.ext.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form className="form-row" onSubmit={(event) => void assign(event)} noValidate>
        <Field label={t('cti.ext.extension')} error={errors.fieldErrors.extension}>
          <input
            value={extension}
            inputMode="numeric"
            onChange={(event) => setExtension(event.target.value)}
          />
        </Field>
        <Field label={t('cti.ext.operator')} error={errors.fieldErrors.userId}>
          <select value={userId} onChange={(event) => setUserId(event.target.value)}>
            <option value="">{t('cti.ext.choose')}</option>
            {(operators.data?.items ?? []).map((operator) => (
              <option key={operator.id} value={operator.id}>
                {operator.displayName} ({operator.username})
              </option>
            ))}
          </select>
        </Field>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !extension.trim() || !userId}>
            {t('cti.ext.assign')}
          </button>
        </div>
      </form>
    </section>
  );
}

import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { LoadState, useLoad, useReloadWhile } from '../../ui/data';
import { Field, Notice } from '../../ui/forms';
import { useAdminErrors } from './admin-api';

export interface ChannelSetting {
  key: string;
  description: string;
  secret: boolean;
  value: string | null;
  set: boolean;
  updatedAt: string | null;
}

export interface ChannelView {
  channel: string;
  settings: ChannelSetting[];
}

/** Every channel's settings, as the server keeps them. */
export function useChannelViews() {
  return useLoad(
    (signal) => api<{ items: ChannelView[] }>('GET', '/admin/channels', undefined, { signal }),
    [],
  );
}

/** Changes whenever a setting is saved: a form keyed by it is rebuilt from the saved values. */
export const savedVersion = (view: ChannelView): string =>
  view.settings.map((s) => `${s.key}:${s.updatedAt ?? ''}`).join('|');

/** A setting with a few allowed values, offered as a choice ('' keeps the default). */
export interface SettingChoice {
  values: readonly string[];
  label?: (value: string) => string;
  /** The default's value, to name it even while another value is set. */
  fallback?: string;
}

/**
 * One channel's settings form. A plain setting shows its value, or its default as a placeholder;
 * a secret is write-only: only whether it is set shows, typing replaces it, "clear" removes it.
 */
export function ChannelSettingsForm({
  channel,
  title,
  intro,
  settings,
  savedText,
  saved,
  onSaved,
  label,
  hint,
  choices = {},
}: {
  /** The path segment of PUT /admin/channels/<channel>. */
  channel: string;
  title: string;
  intro: ReactNode;
  settings: ChannelSetting[];
  savedText: string;
  saved: boolean;
  onSaved: () => void;
  label: (key: string) => string;
  /** A format hint the channel's console dictates, if any. */
  hint?: (key: string) => string | null;
  choices?: Record<string, SettingChoice>;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(settings.map((s) => [s.key, !s.secret && s.set ? (s.value ?? '') : ''])),
  );
  const [cleared, setCleared] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const { fieldErrors, formError, clear, capture } = useAdminErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setBusy(true);
    try {
      // Every plain setting as shown ('' = the default); a secret only when typed or cleared.
      const body: Record<string, string | null> = {};
      for (const setting of settings) {
        const typed = values[setting.key]?.trim() ?? '';
        if (!setting.secret) body[setting.key] = typed || null;
        else if (typed) body[setting.key] = typed;
        else if (cleared.has(setting.key)) body[setting.key] = null;
      }
      await api('PUT', `/admin/channels/${channel}`, body);
      onSaved();
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby={`channel-${channel}-title`}>
      <div className="panel-head">
        <h2 id={`channel-${channel}-title`}>{title}</h2>
      </div>
      {intro}
      <form className="adm-form" noValidate onSubmit={(e) => void submit(e)}>
        {formError ? <Notice kind="error">{formError}</Notice> : null}
        {saved && !formError ? <Notice kind="success">{savedText}</Notice> : null}
        {settings.map((setting) => {
          const onChange = (e: { target: { value: string } }) =>
            setValues((current) => ({ ...current, [setting.key]: e.target.value }));
          const formatHint = hint?.(setting.key) ?? null;
          if (setting.secret) {
            const isSet = setting.set && !cleared.has(setting.key);
            return (
              <Field
                key={setting.key}
                label={label(setting.key)}
                error={fieldErrors[setting.key]}
                hint={
                  <>
                    {formatHint ? <>{formatHint} · </> : null}
                    {isSet
                      ? t('msg.secret.set', { at: format.dateTime(setting.updatedAt) })
                      : t('msg.secret.unset')}{' '}
                    {isSet ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() => setCleared((s) => new Set(s).add(setting.key))}
                      >
                        {t('msg.secret.clear')}
                      </button>
                    ) : null}
                  </>
                }
              >
                <input
                  type="password"
                  name={setting.key}
                  autoComplete="new-password"
                  value={values[setting.key] ?? ''}
                  placeholder={t('msg.secret.placeholder')}
                  onChange={onChange}
                />
              </Field>
            );
          }
          const fallback = !setting.set ? setting.value : null;
          const choice = choices[setting.key];
          if (choice) {
            const name = (value: string) => (choice.label ? choice.label(value) : value);
            const byDefault = fallback ?? choice.fallback;
            return (
              <Field
                key={setting.key}
                label={label(setting.key)}
                error={fieldErrors[setting.key]}
                hint={formatHint ?? undefined}
              >
                <select name={setting.key} value={values[setting.key] ?? ''} onChange={onChange}>
                  <option value="">
                    {t('msg.default', { value: byDefault ? name(byDefault) : '' })}
                  </option>
                  {choice.values.map((value) => (
                    <option key={value} value={value}>
                      {name(value)}
                    </option>
                  ))}
                </select>
              </Field>
            );
          }
          return (
            <Field
              key={setting.key}
              label={label(setting.key)}
              error={fieldErrors[setting.key]}
              hint={formatHint ?? (fallback ? t('msg.default', { value: fallback }) : undefined)}
            >
              <input
                name={setting.key}
                value={values[setting.key] ?? ''}
                placeholder={fallback ?? ''}
                onChange={onChange}
              />
            </Field>
          );
        })}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('form.saving') : t('form.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** One message of an outbox, as its table shows it: no recipient, no content. */
export interface OutboxRow {
  id: number;
  /** The cells before the ticket's: what kind of message, on which channel. */
  lead: string[];
  ticketId: number | null;
  ticketNumber: string | null;
  status: string;
  /** Still waiting or being sent: the list looks again every few seconds. */
  unsettled: boolean;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** When the next try is due, while one is. */
  nextAttemptAt: string | null;
}

/**
 * What a channel's outbox sent, is retrying or gave up on, filtered to the unsent by default.
 * `row` turns an item into its cells when it is shown, so a language switch applies at once.
 */
export function OutboxPanel<T>({
  id,
  title,
  note,
  leadHeaders,
  load,
  row: toRow,
}: {
  id: string;
  title: string;
  note?: string;
  leadHeaders: string[];
  load: (filter: 'unsent' | 'all', signal: AbortSignal) => Promise<T[]>;
  row: (item: T) => OutboxRow;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const [filter, setFilter] = useState<'unsent' | 'all'>('unsent');
  const outbox = useLoad((signal) => load(filter, signal), [filter]);
  const rows = (outbox.data ?? []).map(toRow);
  // While something is still waiting or being sent, look again every few seconds: the page then
  // shows each message reaching "sent" or "failed" without the administrator reloading it.
  useReloadWhile(
    rows.some((row) => row.unsettled),
    outbox,
  );
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <div className="panel-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <div className="adm-inline-label">
          <label className="adm-inline-label">
            {t('msg.outbox.filter')}
            <select
              name={`${id}-filter`}
              value={filter}
              onChange={(e) => setFilter(e.target.value as 'unsent' | 'all')}
            >
              <option value="unsent">{t('msg.outbox.problems')}</option>
              <option value="all">{t('msg.outbox.all')}</option>
            </select>
          </label>
          <button type="button" onClick={outbox.reload}>
            {t('msg.outbox.refresh')}
          </button>
        </div>
      </div>
      {note ? <p className="muted">{note}</p> : null}
      <LoadState state={outbox} />
      {outbox.data && rows.length === 0 ? <p className="muted">{t('msg.outbox.none')}</p> : null}
      {rows.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              {leadHeaders.map((header) => (
                <th key={header}>{header}</th>
              ))}
              <th>{t('msg.outbox.ticket')}</th>
              <th>{t('msg.outbox.status')}</th>
              <th>{t('msg.outbox.attempts')}</th>
              <th>{t('msg.outbox.error')}</th>
              <th>{t('msg.outbox.created')}</th>
              <th>{t('msg.outbox.next')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {row.lead.map((cell, i) => (
                  <td key={leadHeaders[i]}>{cell}</td>
                ))}
                <td>
                  {row.ticketId !== null ? (
                    <Link to={`/tickets/${row.ticketId}`}>
                      {row.ticketNumber ?? `#${row.ticketId}`}
                    </Link>
                  ) : null}
                </td>
                <td>{row.status}</td>
                <td>{row.attempts}</td>
                <td>{row.lastError ?? ''}</td>
                <td>{format.dateTime(row.createdAt)}</td>
                <td>{row.nextAttemptAt ? format.dateTime(row.nextAttemptAt) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

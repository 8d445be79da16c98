import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { Link } from '../../router';
import { useFormat } from '../../settings';
import { LoadState, useLoad, useReloadWhile } from '../../ui/data';
import { Field, Notice } from '../../ui/forms';
import { useAdminErrors } from './admin-api';

interface ChannelSetting {
  key: string;
  description: string;
  secret: boolean;
  value: string | null;
  set: boolean;
  updatedAt: string | null;
}

interface ChannelView {
  channel: string;
  settings: ChannelSetting[];
}

interface OutboxItem {
  id: number;
  kind: 'push' | 'photo';
  ticketId: number;
  ticketNumber: string | null;
  state: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  doneAt: string | null;
}

const MODES = ['safe', 'compatible', 'plain'] as const;
/** Format hints for the settings whose format the console dictates. */
const HINTS: Record<string, MessageKey> = {
  token: 'wx.hint.token',
  encodingAESKey: 'wx.hint.encodingAESKey',
  appSecret: 'wx.hint.appSecret',
};

/**
 * The WeChat official account: the server URL to give the WeChat console, the same token, key
 * and mode here (secrets write-only: only whether one is set shows), and what the outbox sent.
 */
export function WechatView() {
  const { t } = useI18n();
  const channels = useLoad(
    (signal) => api<{ items: ChannelView[] }>('GET', '/admin/channels', undefined, { signal }),
    [],
  );
  const [saved, setSaved] = useState(false);
  const view = channels.data?.items.find((c) => c.channel === 'wechat');
  return (
    <div className="msg-admin">
      <LoadState state={channels} />
      {view ? (
        <SettingsForm
          // Rebuilt from the saved values after each save.
          key={view.settings.map((s) => `${s.key}:${s.updatedAt ?? ''}`).join('|')}
          settings={view.settings}
          saved={saved}
          onSaved={() => {
            setSaved(true);
            channels.reload();
          }}
        />
      ) : null}
      {view ? <Outbox /> : null}
      {!view && channels.data ? <p className="muted">{t('wx.outbox.none')}</p> : null}
    </div>
  );
}

function SettingsForm({
  settings,
  saved,
  onSaved,
}: {
  settings: ChannelSetting[];
  saved: boolean;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const format = useFormat();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(settings.map((s) => [s.key, !s.secret && s.set ? (s.value ?? '') : ''])),
  );
  const [cleared, setCleared] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const { fieldErrors, formError, clear, capture } = useAdminErrors();
  const serverUrl = `${window.location.origin}/api/v1/channels/wechat`;

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
      await api('PUT', '/admin/channels/wechat', body);
      onSaved();
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  const label = (key: string) => {
    const messageKey = `wx.setting.${key}`;
    const text = t(messageKey as MessageKey);
    return text === messageKey ? key : text;
  };

  return (
    <section className="panel" aria-labelledby="wx-settings-title">
      <div className="panel-head">
        <h2 id="wx-settings-title">{t('wx.title')}</h2>
      </div>
      <p className="muted">{t('wx.intro')}</p>
      <p>
        <code>{t('wx.serverUrl', { url: serverUrl })}</code>
      </p>
      <form className="adm-form" noValidate onSubmit={(e) => void submit(e)}>
        {formError ? <Notice kind="error">{formError}</Notice> : null}
        {saved && !formError ? <Notice kind="success">{t('wx.saved')}</Notice> : null}
        {settings.map((setting) => {
          const onChange = (e: { target: { value: string } }) =>
            setValues((current) => ({ ...current, [setting.key]: e.target.value }));
          const hint = HINTS[setting.key] ? t(HINTS[setting.key]!) : null;
          if (setting.secret) {
            const isSet = setting.set && !cleared.has(setting.key);
            return (
              <Field
                key={setting.key}
                label={label(setting.key)}
                error={fieldErrors[setting.key]}
                hint={
                  <>
                    {hint ? <>{hint} · </> : null}
                    {isSet
                      ? t('wx.secret.set', { at: format.dateTime(setting.updatedAt) })
                      : t('wx.secret.unset')}{' '}
                    {isSet ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() => setCleared((s) => new Set(s).add(setting.key))}
                      >
                        {t('wx.secret.clear')}
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
                  placeholder={t('wx.secret.placeholder')}
                  onChange={onChange}
                />
              </Field>
            );
          }
          const fallback = !setting.set ? setting.value : null;
          return (
            <Field
              key={setting.key}
              label={label(setting.key)}
              error={fieldErrors[setting.key]}
              hint={
                hint ??
                (fallback && setting.key !== 'mode'
                  ? t('wx.default', { value: fallback })
                  : undefined)
              }
            >
              {setting.key === 'mode' ? (
                <select name="mode" value={values.mode ?? ''} onChange={onChange}>
                  <option value="">
                    {t('wx.default', { value: t(`wx.mode.${fallback ?? 'safe'}` as MessageKey) })}
                  </option>
                  {MODES.map((mode) => (
                    <option key={mode} value={mode}>
                      {t(`wx.mode.${mode}`)}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  name={setting.key}
                  value={values[setting.key] ?? ''}
                  placeholder={fallback ?? ''}
                  onChange={onChange}
                />
              )}
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

/** Progress messages and photo downloads: done, retrying or given up, without whom to or what. */
function Outbox() {
  const { t } = useI18n();
  const format = useFormat();
  const [filter, setFilter] = useState<'unsent' | 'all'>('unsent');
  const outbox = useLoad(
    (signal) =>
      api<{ items: OutboxItem[] }>(
        'GET',
        `/admin/channels/wechat/outbox?status=${filter}`,
        undefined,
        { signal },
      ),
    [filter],
  );
  const items = outbox.data?.items ?? [];
  useReloadWhile(
    items.some((item) => item.state === 'pending'),
    outbox,
  );
  return (
    <section className="panel" aria-labelledby="wx-outbox-title">
      <div className="panel-head">
        <h2 id="wx-outbox-title">{t('wx.outbox.title')}</h2>
        <label>
          {t('wx.outbox.filter')}{' '}
          <select
            name="wechat-outbox-filter"
            value={filter}
            onChange={(e) => setFilter(e.target.value as 'unsent' | 'all')}
          >
            <option value="unsent">{t('wx.outbox.problems')}</option>
            <option value="all">{t('wx.outbox.all')}</option>
          </select>
        </label>
      </div>
      <p className="muted">{t('wx.outbox.window')}</p>
      <LoadState state={outbox} />
      {outbox.data && items.length === 0 ? <p className="muted">{t('wx.outbox.none')}</p> : null}
      {items.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              <th>{t('wx.outbox.kind')}</th>
              <th>{t('wx.outbox.ticket')}</th>
              <th>{t('wx.outbox.status')}</th>
              <th>{t('wx.outbox.attempts')}</th>
              <th>{t('wx.outbox.error')}</th>
              <th>{t('wx.outbox.created')}</th>
              <th>{t('wx.outbox.next')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>{t(`wx.kind.${item.kind}`)}</td>
                <td>
                  <Link to={`/tickets/${item.ticketId}`}>
                    {item.ticketNumber ?? `#${item.ticketId}`}
                  </Link>
                </td>
                <td>{t(`wx.status.${item.state}` as MessageKey)}</td>
                <td>{item.attempts}</td>
                <td>{item.lastError ?? ''}</td>
                <td>{format.dateTime(item.createdAt)}</td>
                <td>{item.state === 'pending' ? format.dateTime(item.nextAttemptAt) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

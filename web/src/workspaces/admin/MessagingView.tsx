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
  channel: string;
  kind: string;
  ticketId: number | null;
  ticketNumber: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
}

// staff_notices: where the links in staff notices by e-mail and SMS point.
const CHANNELS = ['sms', 'weibo', 'email', 'staff_notices'] as const;
type Channel = (typeof CHANNELS)[number];

/** Settings with a few allowed values, offered as a choice ('' keeps the default). */
const CHOICES: Record<string, string[]> = { smtp_security: ['starttls', 'tls', 'none'] };

/**
 * The SMS, Weibo and e-mail channels: where their webhooks are, their gateways' endpoints, keys
 * and secrets (write-only: a secret shows only whether it is set), and what was sent or failed.
 */
export function MessagingView() {
  const { t } = useI18n();
  const channels = useLoad(
    (signal) => api<{ items: ChannelView[] }>('GET', '/admin/channels', undefined, { signal }),
    [],
  );
  const origin = window.location.origin;
  // Which channel was just saved: its form is rebuilt from the saved values, the notice stays.
  const [saved, setSaved] = useState<Channel | null>(null);
  return (
    <div className="msg-admin">
      <p className="muted">{t('msg.intro')}</p>
      <LoadState state={channels} />
      {CHANNELS.map((channel) => {
        const view = channels.data?.items.find((c) => c.channel === channel);
        if (!view) return null;
        return (
          <ChannelForm
            key={`${channel}:${view.settings.map((s) => `${s.key}:${s.updatedAt ?? ''}`).join('|')}`}
            channel={channel}
            settings={view.settings}
            inbound={
              channel === 'email' || channel === 'staff_notices'
                ? t(`msg.inbound.${channel}`)
                : t(`msg.inbound.${channel}`, {
                    url:
                      channel === 'sms'
                        ? `${origin}/api/v1/channels/sms/inbound`
                        : `${origin}/api/v1/channels/weibo/webhook`,
                  })
            }
            saved={saved === channel}
            onSaved={() => {
              setSaved(channel);
              channels.reload();
            }}
          />
        );
      })}
      <Outbox />
    </div>
  );
}

function ChannelForm({
  channel,
  settings,
  inbound,
  saved,
  onSaved,
}: {
  channel: Channel;
  settings: ChannelSetting[];
  inbound: string;
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
  const name = t(`msg.channel.${channel}`);

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
    <section className="panel" aria-labelledby={`msg-${channel}-title`}>
      <div className="panel-head">
        <h2 id={`msg-${channel}-title`}>{name}</h2>
      </div>
      <p className="muted">{inbound}</p>
      <form className="adm-form" noValidate onSubmit={(e) => void submit(e)}>
        {formError ? <Notice kind="error">{formError}</Notice> : null}
        {saved && !formError ? (
          <Notice kind="success">{t('msg.saved', { channel: name })}</Notice>
        ) : null}
        {settings.map((setting) => {
          const labelKey = `msg.setting.${channel}.${setting.key}`;
          const label = t(labelKey as MessageKey);
          const fallback = !setting.secret && !setting.set ? setting.value : null;
          const onChange = (e: { target: { value: string } }) =>
            setValues((current) => ({ ...current, [setting.key]: e.target.value }));
          if (setting.secret)
            return (
              <Field
                key={setting.key}
                label={label === labelKey ? setting.key : label}
                error={fieldErrors[setting.key]}
                hint={
                  <>
                    {setting.set && !cleared.has(setting.key)
                      ? t('msg.secret.set', { at: format.dateTime(setting.updatedAt) })
                      : t('msg.secret.unset')}{' '}
                    {setting.set && !cleared.has(setting.key) ? (
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
          return (
            <Field
              key={setting.key}
              label={label === labelKey ? setting.key : label}
              error={fieldErrors[setting.key]}
              hint={fallback ? t('msg.default', { value: fallback }) : undefined}
            >
              {CHOICES[setting.key] ? (
                <select name={setting.key} value={values[setting.key] ?? ''} onChange={onChange}>
                  <option value="">{t('msg.default', { value: fallback ?? '' })}</option>
                  {CHOICES[setting.key]!.map((choice) => (
                    <option key={choice} value={choice}>
                      {choice}
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

/** What the channels sent, are retrying or gave up on: no recipients, no content. */
function Outbox() {
  const { t } = useI18n();
  const format = useFormat();
  const [filter, setFilter] = useState<'unsent' | 'all'>('unsent');
  const outbox = useLoad(
    (signal) =>
      api<{ items: OutboxItem[] }>(
        'GET',
        `/admin/channels/outbox${filter === 'unsent' ? '?status=unsent' : ''}`,
        undefined,
        { signal },
      ),
    [filter],
  );
  const items = outbox.data?.items ?? [];
  // While something is still waiting or being sent, look again every few seconds: the page then
  // shows each message reaching "sent" or "failed" without the administrator reloading it.
  const unsettled = items.some((item) => item.status === 'pending' || item.status === 'sending');
  useReloadWhile(unsettled, outbox);
  return (
    <section className="panel" aria-labelledby="msg-outbox-title">
      <div className="panel-head">
        <h2 id="msg-outbox-title">{t('msg.outbox.title')}</h2>
        <label>
          {t('msg.outbox.filter')}{' '}
          <select
            name="outbox-filter"
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
      <LoadState state={outbox} />
      {outbox.data && items.length === 0 ? <p className="muted">{t('msg.outbox.none')}</p> : null}
      {items.length > 0 ? (
        <table className="data">
          <thead>
            <tr>
              <th>{t('msg.outbox.channel')}</th>
              <th>{t('msg.outbox.kind')}</th>
              <th>{t('msg.outbox.ticket')}</th>
              <th>{t('msg.outbox.status')}</th>
              <th>{t('msg.outbox.attempts')}</th>
              <th>{t('msg.outbox.error')}</th>
              <th>{t('msg.outbox.created')}</th>
              <th>{t('msg.outbox.next')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>{t(`msg.channel.${item.channel}` as MessageKey)}</td>
                <td>
                  {item.kind.startsWith('staff_')
                    ? t('msg.kind.staff')
                    : t(`msg.kind.${item.kind}` as MessageKey)}
                </td>
                <td>
                  {item.ticketId !== null ? (
                    <Link to={`/tickets/${item.ticketId}`}>{item.ticketNumber}</Link>
                  ) : null}
                </td>
                <td>{t(`msg.status.${item.status}` as MessageKey)}</td>
                <td>{item.attempts}</td>
                <td>{item.lastError ?? ''}</td>
                <td>{format.dateTime(item.createdAt)}</td>
                <td>{item.status === 'pending' ? format.dateTime(item.nextAttemptAt) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

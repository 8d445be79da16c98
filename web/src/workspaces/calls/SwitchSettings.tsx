import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT, type MessageKey } from '../../i18n';
import { LoadState, useLoad } from '../../ui/data';
import { Field, Notice, useServerErrors } from '../../ui/forms';

interface ChannelSetting {
  key: string;
  description: string;
  secret: boolean;
  value: string | null;
  set: boolean;
}

interface ChannelView {
  channel: string;
  settings: ChannelSetting[];
}

/** The settings each kind of switch uses, in the order of the form. */
const FIELDS: Record<string, string[]> = {
  asterisk: ['ari_url', 'ari_app', 'ari_user', 'ari_password'],
  freeswitch: ['esl_host', 'esl_port', 'esl_password'],
  off: [],
};
const COMMON = ['numbers', 'recording_url_template'];
const KINDS = ['off', 'asterisk', 'freeswitch'] as const;

/**
 * The admin's connection to the phone switch (channel settings `cti`): which switch, where, and
 * its credentials. A password is never shown again: an empty password field keeps the stored one.
 */
export function SwitchSettings() {
  const t = useT();
  const errors = useServerErrors();
  const channels = useLoad(
    (signal) => api<{ items: ChannelView[] }>('GET', '/admin/channels', undefined, { signal }),
    [],
  );
  const settings = channels.data?.items.find((c) => c.channel === 'cti')?.settings;
  return (
    <section className="panel" aria-labelledby="cti-switch">
      <div className="panel-head">
        <h2 id="cti-switch">{t('cti.set.title')}</h2>
      </div>
      <LoadState state={channels} />
      {settings ? (
        <SwitchForm settings={settings} errors={errors} onSaved={channels.reload} />
      ) : null}
    </section>
  );
}

function SwitchForm({
  settings,
  errors,
  onSaved,
}: {
  settings: ChannelSetting[];
  errors: ReturnType<typeof useServerErrors>;
  onSaved: () => void;
}) {
  const t = useT();
  const byKey = new Map(settings.map((s) => [s.key, s]));
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(settings.map((s) => [s.key, s.secret ? '' : (s.value ?? '')])),
  );
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const kind = values.kind || 'off';
  const shown = [...(FIELDS[kind] ?? []), ...COMMON];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    errors.clear();
    try {
      const body: Record<string, string | null> = { kind };
      for (const key of shown) {
        const setting = byKey.get(key);
        const value = values[key]?.trim() ?? '';
        // An empty password keeps the one stored.
        if (setting?.secret && !value) continue;
        body[key] = value || null;
      }
      await api('PUT', '/admin/channels/cti', body);
      setValues((current) => {
        const next = { ...current };
        for (const setting of settings) if (setting.secret) next[setting.key] = '';
        return next;
      });
      setSaved(true);
      onSaved();
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };

  const input = (key: string) => {
    const setting = byKey.get(key);
    if (!setting) return null;
    return (
      <Field
        key={key}
        label={t(`cti.set.${key}` as MessageKey)}
        error={errors.fieldErrors[key]}
        hint={setting.secret && setting.set ? t('cti.set.secretKept') : undefined}
      >
        <input
          name={key}
          type={setting.secret ? 'password' : 'text'}
          autoComplete={setting.secret ? 'new-password' : 'off'}
          value={values[key] ?? ''}
          onChange={(event) => setValues((current) => ({ ...current, [key]: event.target.value }))}
        />
      </Field>
    );
  };

  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      {saved ? <Notice kind="success">{t('cti.set.saved')}</Notice> : null}
      <div className="form-row">
        <Field label={t('cti.set.kind')} error={errors.fieldErrors.kind}>
          <select
            name="kind"
            value={kind}
            onChange={(event) => setValues((current) => ({ ...current, kind: event.target.value }))}
          >
            {KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`cti.set.kind.${value}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        {(FIELDS[kind] ?? []).map(input)}
      </div>
      <div className="form-row">{COMMON.map(input)}</div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : t('form.save')}
        </button>
      </div>
    </form>
  );
}

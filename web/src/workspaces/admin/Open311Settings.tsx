import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { Field, Notice } from '../../ui/forms';
import { useAdminErrors } from './admin-api';
import type { ChannelSetting } from './ChannelSettings';

/** Settings that read better in a larger box. */
const LONG = new Set(['serviceNotice', 'contact', 'keyService']);

/** Settings with a few allowed values, offered as a choice ('' keeps the default). */
const CHOICES: Record<string, string[]> = {
  locale: ['zh-CN', 'en'],
  publicRequests: ['open311', 'all'],
  publishReplies: ['false', 'true'],
};

/**
 * The Open311 channel's settings (jurisdiction, discovery fields, default rate, what the public
 * may read), saved through the admin's channel settings; an empty field means the default.
 */
export function Open311Settings({
  settings,
  onSaved,
}: {
  settings: ChannelSetting[];
  onSaved: (settings: ChannelSetting[]) => void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(settings.map((s) => [s.key, s.set ? (s.value ?? '') : ''])),
  );
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { fieldErrors, formError, clear, capture } = useAdminErrors();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setNotice(null);
    setBusy(true);
    try {
      const body = Object.fromEntries(
        settings.filter((s) => !s.secret).map((s) => [s.key, values[s.key]?.trim() || null]),
      );
      const saved = await api<{ settings: ChannelSetting[] }>(
        'PUT',
        '/admin/channels/open311',
        body,
      );
      setNotice(t('o311.settings.saved'));
      onSaved(saved.settings);
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="o311-settings-title">
      <div className="panel-head">
        <h2 id="o311-settings-title">{t('o311.settings.title')}</h2>
      </div>
      <form className="adm-form" noValidate onSubmit={(e) => void submit(e)}>
        {formError ? <Notice kind="error">{formError}</Notice> : null}
        {notice ? <Notice kind="success">{notice}</Notice> : null}
        {settings
          .filter((s) => !s.secret)
          .map((setting) => {
            const hint = t(`o311.settings.${setting.key}Hint` as MessageKey);
            const fallback = setting.set ? null : setting.value;
            const label = t(`o311.settings.${setting.key}` as MessageKey);
            const input = {
              name: setting.key,
              value: values[setting.key] ?? '',
              placeholder: fallback ?? '',
              onChange: (e: { target: { value: string } }) =>
                setValues((current) => ({ ...current, [setting.key]: e.target.value })),
            };
            return (
              <Field
                key={setting.key}
                label={label.startsWith('o311.') ? setting.key : label}
                error={fieldErrors[setting.key]}
                hint={
                  <>
                    {hint.startsWith('o311.') ? setting.description : hint}
                    {fallback && !CHOICES[setting.key]
                      ? t('o311.settings.default', { value: fallback })
                      : ''}
                  </>
                }
              >
                {CHOICES[setting.key] ? (
                  <select name={input.name} value={input.value} onChange={input.onChange}>
                    <option value="">
                      {t('o311.settings.useDefault', { value: fallback ?? '' })}
                    </option>
                    {CHOICES[setting.key]!.map((choice) => (
                      <option key={choice} value={choice}>
                        {t(`o311.choice.${setting.key}.${choice}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                ) : LONG.has(setting.key) ? (
                  <textarea rows={2} {...input} />
                ) : (
                  <input {...input} />
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

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useT, type MessageKey } from '../i18n';
import { LoadState, useLoad } from '../ui/data';
import { Field, Notice, useServerErrors } from '../ui/forms';
import './notice-settings.css';

type Topic = 'near' | 'overdue' | 'reminder' | 'escalation' | 'order' | 'evaluation';
type Language = 'zh-CN' | 'en';

interface TopicChoice {
  topic: Topic;
  email: boolean;
  sms: boolean;
}

/** GET /notice-settings: the user's own contact (set by an admin) and choices. */
interface NoticeSettings {
  email: string | null;
  mobile: string | null;
  language: Language;
  topics: TopicChoice[];
}

/**
 * A modal dialog where the user chooses which supervision notices reach them by e-mail and SMS
 * (the in-app notices always show), and the language of those messages. Escape or Close shuts it.
 */
export function NoticeSettingsDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const state = useLoad(
    (signal) => api<NoticeSettings>('GET', '/notice-settings', undefined, { signal }),
    [],
  );
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    const closed = () => onClose();
    element.addEventListener('close', closed);
    return () => element.removeEventListener('close', closed);
  }, [onClose]);

  return (
    <dialog ref={dialog} className="sn-dialog" aria-labelledby="sn-settings-title">
      <h2 id="sn-settings-title">{t('sn.settings.title')}</h2>
      <p className="muted">{t('sn.settings.intro')}</p>
      {state.data ? (
        <SettingsForm settings={state.data} onClose={() => dialog.current?.close()} />
      ) : (
        <>
          <LoadState state={state} />
          <div className="form-actions">
            <button type="button" onClick={() => dialog.current?.close()}>
              {t('sn.settings.close')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

function SettingsForm({ settings, onClose }: { settings: NoticeSettings; onClose: () => void }) {
  const t = useT();
  const [topics, setTopics] = useState(settings.topics);
  const [language, setLanguage] = useState<Language>(settings.language);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const { fieldErrors, formError, clear, capture } = useServerErrors();
  const none = t('sn.settings.none');

  const toggle = (topic: Topic, channel: 'email' | 'sms', on: boolean) => {
    setSaved(false);
    setTopics((current) =>
      current.map((choice) => (choice.topic === topic ? { ...choice, [channel]: on } : choice)),
    );
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setBusy(true);
    try {
      const next = await api<NoticeSettings>('PUT', '/notice-settings', { language, topics });
      setTopics(next.topics);
      setLanguage(next.language);
      setSaved(true);
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <p>
        {t('sn.settings.contact', {
          email: settings.email ?? none,
          mobile: settings.mobile ?? none,
        })}
      </p>
      {settings.email === null && settings.mobile === null ? (
        <Notice kind="info">{t('sn.settings.noContact')}</Notice>
      ) : null}
      {saved ? <Notice kind="success">{t('sn.settings.saved')}</Notice> : null}
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      <table className="sn-topics">
        <thead>
          <tr>
            <th scope="col">{t('sn.settings.topic')}</th>
            <th scope="col">{t('sn.settings.email')}</th>
            <th scope="col">{t('sn.settings.sms')}</th>
          </tr>
        </thead>
        <tbody>
          {topics.map((choice) => {
            const name = t(`sn.topic.${choice.topic}` as MessageKey);
            return (
              <tr key={choice.topic}>
                <th scope="row">{name}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${name} · ${t('sn.settings.email')}`}
                    checked={choice.email}
                    onChange={(e) => toggle(choice.topic, 'email', e.target.checked)}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${name} · ${t('sn.settings.sms')}`}
                    checked={choice.sms}
                    onChange={(e) => toggle(choice.topic, 'sms', e.target.checked)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Field label={t('sn.settings.language')} error={fieldErrors.language}>
        <select
          name="language"
          value={language}
          onChange={(e) => {
            setSaved(false);
            setLanguage(e.target.value as Language);
          }}
        >
          <option value="zh-CN">{t('sn.language.zh-CN')}</option>
          <option value="en">{t('sn.language.en')}</option>
        </select>
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : t('sn.settings.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('sn.settings.close')}
        </button>
      </div>
    </form>
  );
}

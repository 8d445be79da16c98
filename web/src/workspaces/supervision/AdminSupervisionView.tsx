import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import { supervisionApi, type SettingsView, type SupervisionSettings } from './supervision-api';
import { TimeLimitsView } from './TimeLimitsView';

/**
 * The admin's supervision rules (督办规则) and, below them, the time limits by category: when a deadline turns "near", which reminders go out
 * by themselves, and after how many hours overdue a ticket is escalated to the district's
 * coordinators and then to the centre. An empty threshold switches that level off.
 */
export function AdminSupervisionView() {
  const state = useLoad((signal) => supervisionApi.settings(signal), []);
  return (
    <>
      <section className="panel adm-supervision" aria-labelledby="adm-sv-title">
        <LoadState state={state} />
        {state.data ? (
          <SettingsForm
            key={state.data.updatedAt ?? 'defaults'}
            view={state.data}
            onSaved={state.reload}
          />
        ) : null}
      </section>
      <TimeLimitsView />
    </>
  );
}

const hoursText = (value: number | null) => (value === null ? '' : String(value));

function SettingsForm({ view, onSaved }: { view: SettingsView; onSaved: () => void }) {
  const t = useT();
  const format = useFormat();
  const [percent, setPercent] = useState(String(Math.round(view.nearShare * 100)));
  const [remindOnNear, setRemindOnNear] = useState(view.remindOnNear);
  const [remindOnOverdue, setRemindOnOverdue] = useState(view.remindOnOverdue);
  const [district, setDistrict] = useState(hoursText(view.escalateDistrictAfterHours));
  const [centre, setCentre] = useState(hoursText(view.escalateCentreAfterHours));
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const errors = useServerErrors();
  const hours = (text: string) => (text.trim() === '' ? null : Number(text));
  const fill = (settings: SupervisionSettings) => {
    setPercent(String(Math.round(settings.nearShare * 100)));
    setRemindOnNear(settings.remindOnNear);
    setRemindOnOverdue(settings.remindOnOverdue);
    setDistrict(hoursText(settings.escalateDistrictAfterHours));
    setCentre(hoursText(settings.escalateCentreAfterHours));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    setSaved(false);
    setBusy(true);
    try {
      await supervisionApi.saveSettings({
        nearShare: Number(percent) / 100,
        remindOnNear,
        remindOnOverdue,
        escalateDistrictAfterHours: hours(district),
        escalateCentreAfterHours: hours(centre),
      });
      setSaved(true);
      onSaved();
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (name: string) =>
    errors.fieldErrors[name] ?? errors.fieldErrors[`body.${name}`];
  return (
    <form
      className="sv-settings"
      onSubmit={(event) => void submit(event)}
      aria-labelledby="adm-sv-title"
    >
      <div className="panel-head">
        <h2 id="adm-sv-title">{t('adm.sv.title')}</h2>
      </div>
      <p className="muted">{t('adm.sv.intro')}</p>
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      {saved ? <Notice kind="success">{t('form.saved')}</Notice> : null}
      <Field
        label={t('adm.sv.nearShare')}
        hint={t('adm.sv.nearShareHint')}
        error={fieldError('nearShare')}
        required
      >
        <input
          type="number"
          min={50}
          max={95}
          value={percent}
          onChange={(event) => setPercent(event.target.value)}
        />
      </Field>
      <div className="field">
        <label>
          <input
            type="checkbox"
            checked={remindOnNear}
            onChange={(event) => setRemindOnNear(event.target.checked)}
          />{' '}
          {t('adm.sv.remindOnNear')}
        </label>
      </div>
      <div className="field">
        <label>
          <input
            type="checkbox"
            checked={remindOnOverdue}
            onChange={(event) => setRemindOnOverdue(event.target.checked)}
          />{' '}
          {t('adm.sv.remindOnOverdue')}
        </label>
      </div>
      <Field
        label={t('adm.sv.district')}
        hint={t('adm.sv.districtHint')}
        error={fieldError('escalateDistrictAfterHours')}
      >
        <input
          type="number"
          min={0}
          max={2160}
          value={district}
          onChange={(event) => setDistrict(event.target.value)}
        />
      </Field>
      <Field
        label={t('adm.sv.centre')}
        hint={t('adm.sv.centreHint')}
        error={fieldError('escalateCentreAfterHours')}
      >
        <input
          type="number"
          min={0}
          max={2160}
          value={centre}
          onChange={(event) => setCentre(event.target.value)}
        />
      </Field>
      <p className="muted">
        {view.updatedAt
          ? t('adm.sv.updatedAt', { at: format.dateTime(view.updatedAt) })
          : t('adm.sv.defaultsInForce')}
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : t('form.save')}
        </button>
        <button type="button" className="ghost" onClick={() => fill(view.defaults)}>
          {t('adm.sv.defaults')}
        </button>
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import { LoadState, useLoad } from '../../ui/data';
import { CategoryCombobox } from '../operator/CategoryCombobox';
import { loadReferenceData } from '../operator/reference-data';
import type { TicketView } from './types';

type Mode = 'accept' | 'answer' | 'refer' | 'invalidate' | null;

const REFERRALS = ['110', '119', '120', '122', 'other'] as const;
const URGENCIES = ['normal', 'urgent', 'emergency'] as const;

/**
 * An operator's decisions on an appeal that citizens filed themselves (portal, app, WeChat…):
 * accept it for dispatch (classified and placed), answer it directly, refer it, or mark it
 * invalid. Offered while the ticket is 'received'.
 */
export function IntakeActions({ ticket, onDone }: { ticket: TicketView; onDone: () => void }) {
  const { t, locale } = useI18n();
  const [mode, setMode] = useState<Mode>(null);
  const [message, setMessage] = useState<string | null>(null);
  const errors = useServerErrors();
  const reference = useLoad((signal) => loadReferenceData(signal), []);
  const [categoryId, setCategoryId] = useState<number | null>(ticket.categoryId);
  const [districtId, setDistrictId] = useState<number | null>(ticket.districtId);
  const [streetId, setStreetId] = useState<number | null>(ticket.streetId);
  const [urgency, setUrgency] = useState(ticket.urgency);
  const [text, setText] = useState('');
  const [target, setTarget] = useState<(typeof REFERRALS)[number]>('110');
  const [busy, setBusy] = useState(false);

  const data = reference.data;
  const district = districtId !== null ? data?.districtById.get(districtId) : undefined;
  const name = (entry: { name: string; nameEn: string }) =>
    locale === 'en' ? entry.nameEn : entry.name;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!mode) return;
    errors.clear();
    setBusy(true);
    const base = `/tickets/${ticket.id}`;
    const expectedVersion = ticket.version;
    try {
      if (mode === 'accept')
        await api('POST', `${base}/accept`, {
          categoryId,
          districtId,
          streetId,
          urgency,
          expectedVersion,
        });
      else if (mode === 'answer')
        await api('POST', `${base}/direct-answer`, { answer: text, expectedVersion });
      else if (mode === 'refer')
        await api('POST', `${base}/refer`, { target, reason: text, expectedVersion });
      else await api('POST', `${base}/invalidate`, { reason: text, expectedVersion });
      setMessage(t(`tk.intake.done.${mode}`));
      setMode(null);
      setText('');
      onDone();
    } catch (failure) {
      errors.capture(failure);
    } finally {
      setBusy(false);
    }
  };

  const choose = (next: Mode) => {
    errors.clear();
    setMessage(null);
    setText('');
    setMode(mode === next ? null : next);
  };

  return (
    <div className="tk-actions">
      {message ? <Notice kind="success">{message}</Notice> : null}
      <div className="form-actions">
        {(['accept', 'answer', 'refer', 'invalidate'] as const).map((key) => (
          <button
            key={key}
            type="button"
            className={mode === key ? 'primary' : undefined}
            aria-expanded={mode === key}
            onClick={() => choose(key)}
          >
            {t(`tk.intake.${key}`)}
          </button>
        ))}
      </div>
      {mode ? (
        <form className="tk-intake-form" onSubmit={(event) => void submit(event)}>
          {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
          {mode === 'accept' ? (
            <>
              <LoadState state={reference} />
              {data ? (
                <>
                  <Field label={t('tk.intake.category')} error={errors.fieldErrors.categoryId}>
                    <CategoryCombobox
                      categories={data.categories}
                      value={
                        categoryId !== null ? (data.categoryById.get(categoryId) ?? null) : null
                      }
                      onChange={(entry) => setCategoryId(entry?.id ?? null)}
                    />
                  </Field>
                  <div className="form-row">
                    <Field label={t('tk.intake.district')} error={errors.fieldErrors.districtId}>
                      <select
                        value={districtId ?? ''}
                        onChange={(event) => {
                          setDistrictId(event.target.value ? Number(event.target.value) : null);
                          setStreetId(null);
                        }}
                      >
                        <option value="">{t('form.select')}</option>
                        {data.districts.map((d) => (
                          <option key={d.id} value={d.id}>
                            {name(d)}
                          </option>
                        ))}
                      </select>
                    </Field>
                    <Field label={t('tk.intake.street')} error={errors.fieldErrors.streetId}>
                      <select
                        value={streetId ?? ''}
                        disabled={!district}
                        onChange={(event) =>
                          setStreetId(event.target.value ? Number(event.target.value) : null)
                        }
                      >
                        <option value="">{t('form.select')}</option>
                        {district?.streets.map((s) => (
                          <option key={s.id} value={s.id}>
                            {name(s)}
                          </option>
                        ))}
                      </select>
                    </Field>
                    <Field label={t('tk.intake.urgency')} error={errors.fieldErrors.urgency}>
                      <select value={urgency} onChange={(event) => setUrgency(event.target.value)}>
                        {URGENCIES.map((u) => (
                          <option key={u} value={u}>
                            {t(`urgency.${u}`)}
                          </option>
                        ))}
                      </select>
                    </Field>
                  </div>
                </>
              ) : null}
            </>
          ) : null}
          {mode === 'refer' ? (
            <Field label={t('tk.intake.target')} error={errors.fieldErrors.target}>
              <select
                value={target}
                onChange={(event) => setTarget(event.target.value as (typeof REFERRALS)[number])}
              >
                {REFERRALS.map((r) => (
                  <option key={r} value={r}>
                    {t(`tk.intake.referral.${r}`)}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          {mode !== 'accept' ? (
            <Field
              label={t(mode === 'answer' ? 'tk.intake.answerText' : 'tk.intake.reason')}
              error={errors.fieldErrors[mode === 'answer' ? 'answer' : 'reason']}
              required
            >
              <textarea value={text} onChange={(event) => setText(event.target.value)} autoFocus />
            </Field>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t(`tk.intake.confirm.${mode}`)}
            </button>
            <button type="button" onClick={() => choose(null)}>
              {t('form.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { Field, Notice, useServerErrors } from '../../ui/forms';
import { useNames, type TicketListItem, type UnitRow } from '../handling/handling-data';
import { submitOnCtrlEnter } from '../handling/ReplyForm';

/** Units a coordinator may dispatch to: active handling units of their district. */
function districtUnits(units: Map<number, UnitRow>, districtId: number): UnitRow[] {
  return [...units.values()].filter(
    (unit) => unit.active && unit.districtId === districtId && unit.type !== 'centre',
  );
}

/**
 * Redistribution (改派) inside the district: another street, town or the district itself takes
 * the ticket over, with a reason; new time limits start. The version read guards against a
 * change made meanwhile (the server then refuses and the list reloads).
 */
export function ReassignForm({
  ticket,
  districtId,
  onDone,
  onCancel,
}: {
  ticket: TicketListItem;
  districtId: number;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const names = useNames();
  const [leadUnitId, setLeadUnitId] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useServerErrors();
  const units = districtUnits(names.units, districtId).filter(
    (unit) => unit.id !== ticket.leadUnitId,
  );
  const label = (unit: UnitRow) => (locale === 'en' ? (unit.nameEn ?? unit.name) : unit.name);
  const groups: Array<[string, UnitRow[]]> = [
    [t('co.reassign.streets'), units.filter((unit) => unit.type !== 'community')],
    [t('co.reassign.communities'), units.filter((unit) => unit.type === 'community')],
  ];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    errors.clear();
    setBusy(true);
    try {
      await api('POST', `/tickets/${ticket.id}/reassign`, {
        leadUnitId: Number(leadUnitId),
        reason,
        expectedVersion: ticket.version,
      });
      onDone(
        t('co.reassign.done', { number: ticket.number, unit: names.unit(Number(leadUnitId)) }),
      );
    } catch (error) {
      errors.capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="co-reassign"
      onSubmit={(event) => void submit(event)}
      aria-label={t('co.reassign.title', { number: ticket.number })}
    >
      <h3>{t('co.reassign.title', { number: ticket.number })}</h3>
      {errors.formError ? <Notice kind="error">{errors.formError}</Notice> : null}
      <div className="form-row">
        <Field
          label={t('co.reassign.unit')}
          error={errors.fieldErrors.leadUnitId}
          hint={t('co.reassign.current', { unit: names.unit(ticket.leadUnitId) || '—' })}
          required
        >
          <select value={leadUnitId} onChange={(event) => setLeadUnitId(event.target.value)}>
            <option value="">{t('form.select')}</option>
            {groups.map(([title, members]) =>
              members.length > 0 ? (
                <optgroup key={title} label={title}>
                  {members.map((unit) => (
                    <option key={unit.id} value={unit.id}>
                      {label(unit)}
                    </option>
                  ))}
                </optgroup>
              ) : null,
            )}
          </select>
        </Field>
      </div>
      <Field label={t('co.reassign.reason')} error={errors.fieldErrors.reason} required>
        <textarea
          rows={2}
          value={reason}
          maxLength={2000}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={submitOnCtrlEnter}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : t('co.reassign.submit')}
        </button>
        <button type="button" className="ghost" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

import type { ReactNode, RefObject } from 'react';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/forms';
import { CategoryCombobox } from './CategoryCombobox';
import { CategorySuggestion } from './CategorySuggestion';
import type { ReferenceData } from './reference-data';
import { APPEAL_TYPES, URGENCIES, type AppealDraft, type AppealType, type Urgency } from './types';

/**
 * The appeal's fields, in the order an operator asks: what happened, what kind, where, who.
 * `errors` holds the server's messages by field name.
 */
export function AppealFields({
  draft,
  onChange,
  reference,
  errors,
  descriptionRef,
  afterAddress,
}: {
  draft: AppealDraft;
  onChange: (patch: Partial<AppealDraft>) => void;
  reference: ReferenceData | undefined;
  errors: Record<string, string>;
  descriptionRef: RefObject<HTMLTextAreaElement | null>;
  /** Shown under the address (the suggested place). */
  afterAddress?: ReactNode;
}) {
  const { t, locale } = useI18n();
  const nameOf = (unit: { name: string; nameEn: string }) =>
    locale === 'en' ? unit.nameEn : unit.name;
  const districts = reference?.districts ?? [];
  const district =
    draft.districtId !== null ? reference?.districtById.get(draft.districtId) : undefined;
  const category =
    draft.categoryId !== null ? (reference?.categoryById.get(draft.categoryId) ?? null) : null;

  const chooseStreet = (value: string) => {
    const streetId = value ? Number(value) : null;
    if (streetId === null || district) return onChange({ streetId });
    // A street chosen before its district brings its district along.
    const owner = districts.find((d) => d.streets.some((s) => s.id === streetId));
    onChange({ streetId, districtId: owner?.id ?? null });
  };

  return (
    <>
      {/* Required, shown by a CSS marker that stays out of the label's text and accessible name */}
      <Field
        label={t('op.form.description')}
        error={errors.description}
        className="op-field-required"
      >
        <textarea
          ref={descriptionRef}
          name="description"
          rows={5}
          aria-required="true"
          value={draft.description}
          onChange={(event) => onChange({ description: event.target.value })}
        />
      </Field>
      <div className="op-grid op-grid-3">
        <Field label={t('op.form.title')} error={errors.title}>
          <input
            value={draft.title}
            placeholder={t('op.form.titlePlaceholder')}
            onChange={(event) => onChange({ title: event.target.value })}
          />
        </Field>
        <Field label={t('op.form.appealType')} error={errors.appealType}>
          <select
            value={draft.appealType}
            onChange={(event) => onChange({ appealType: event.target.value as AppealType })}
          >
            {APPEAL_TYPES.map((value) => (
              <option key={value} value={value}>
                {t(`appealType.${value}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('op.form.urgency')} error={errors.urgency}>
          <select
            value={draft.urgency}
            className={draft.urgency === 'emergency' ? 'op-emergency' : undefined}
            onChange={(event) => onChange({ urgency: event.target.value as Urgency })}
          >
            {URGENCIES.map((value) => (
              <option key={value} value={value}>
                {t(`urgency.${value}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="op-grid op-grid-category">
        <Field label={t('op.form.category')} error={errors.categoryId}>
          <CategoryCombobox
            categories={reference?.categories ?? []}
            value={category}
            disabled={!reference}
            onChange={(entry) => onChange({ categoryId: entry?.id ?? null })}
          />
        </Field>
        <Field label={t('op.form.district')} error={errors.districtId}>
          <select
            value={draft.districtId ?? ''}
            disabled={!reference}
            onChange={(event) => {
              const districtId = event.target.value ? Number(event.target.value) : null;
              const keepStreet =
                districtId !== null &&
                reference?.districtById
                  .get(districtId)
                  ?.streets.some((s) => s.id === draft.streetId);
              onChange({ districtId, streetId: keepStreet ? draft.streetId : null });
            }}
          >
            <option value="">{t('form.select')}</option>
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {nameOf(d)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('op.form.street')} error={errors.streetId}>
          <select
            value={draft.streetId ?? ''}
            disabled={!reference}
            onChange={(event) => chooseStreet(event.target.value)}
          >
            <option value="">{t('form.select')}</option>
            {district
              ? district.streets.map((s) => (
                  <option key={s.id} value={s.id}>
                    {nameOf(s)}
                  </option>
                ))
              : districts.map((d) => (
                  <optgroup key={d.id} label={nameOf(d)}>
                    {d.streets.map((s) => (
                      <option key={s.id} value={s.id}>
                        {nameOf(s)}
                      </option>
                    ))}
                  </optgroup>
                ))}
          </select>
        </Field>
      </div>
      <CategorySuggestion
        title={draft.title}
        description={draft.description}
        categories={reference?.categoryById}
        value={draft.categoryId}
        onTake={(categoryId) => onChange({ categoryId })}
      />
      <Field label={t('op.form.address')} error={errors.address}>
        <input
          value={draft.address}
          autoComplete="off"
          onChange={(event) => onChange({ address: event.target.value })}
        />
      </Field>
      {afterAddress}
      <div className="op-grid op-grid-citizen">
        <Field label={t('op.form.citizenName')} error={errors.citizenName}>
          <input
            value={draft.citizenName}
            autoComplete="off"
            onChange={(event) => onChange({ citizenName: event.target.value })}
          />
        </Field>
        <Field label={t('op.form.citizenPhone')} error={errors.citizenPhone}>
          <input
            type="tel"
            value={draft.citizenPhone}
            autoComplete="off"
            onChange={(event) => onChange({ citizenPhone: event.target.value })}
          />
        </Field>
        <div className="field op-check">
          <label>
            <input
              type="checkbox"
              checked={draft.confidential}
              onChange={(event) => onChange({ confidential: event.target.checked })}
            />{' '}
            {t('op.form.confidential')}
          </label>
          {errors.confidential ? (
            <div className="field-error" role="alert">
              {errors.confidential}
            </div>
          ) : null}
        </div>
      </div>
    </>
  );
}

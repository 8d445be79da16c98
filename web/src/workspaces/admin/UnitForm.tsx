import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { Field, Notice } from '../../ui/forms';
import { localName, splitList, useAdminErrors } from './admin-api';
import { indent, type Tree } from './reference';
import { ALLOWED_PARENTS, UNIT_TYPES, type Unit, type UnitNode, type UnitType } from './types';

/** A new unit (with a parent chosen beforehand) or changes to an existing one. */
export function UnitForm({
  tree,
  unit,
  parentId,
  onSaved,
  onCancel,
}: {
  tree: Tree<UnitNode>;
  /** The unit to change; undefined creates one. */
  unit?: Unit | undefined;
  /** The parent of a new unit. */
  parentId?: number | null;
  onSaved: (unit: Unit) => void;
  onCancel?: () => void;
}) {
  const { t, locale } = useI18n();
  const creating = !unit;
  const parent = parentId ? tree.byId.get(parentId) : undefined;
  const firstType: UnitType =
    unit?.type ??
    UNIT_TYPES.find((type) => parent && ALLOWED_PARENTS[type].includes(parent.type)) ??
    'department';
  const [type, setType] = useState<UnitType>(firstType);
  const [code, setCode] = useState(unit?.code ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [nameEn, setNameEn] = useState(unit?.nameEn ?? '');
  const [parent_, setParent] = useState<string>(String(unit?.parentId ?? parentId ?? ''));
  const [adcode, setAdcode] = useState(unit?.adcode ?? '');
  const [aliases, setAliases] = useState((unit?.aliases ?? []).join('\n'));
  const [active, setActive] = useState(unit?.active ?? true);
  const [jurisdiction, setJurisdiction] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const { fieldErrors, formError, clear, capture, setFieldErrors } = useAdminErrors({ code });

  const allowed = ALLOWED_PARENTS[type];
  // Parents a unit of this type may hang under; a unit never under itself or its subtree.
  const below = new Set<number>();
  const mark = (node: UnitNode) => {
    below.add(node.id);
    node.children.forEach(mark);
  };
  if (unit) {
    const self = tree.byId.get(unit.id);
    if (self) mark(self);
  }
  const parentOptions = tree.flat.filter(
    ({ node }) =>
      allowed.includes(node.type) &&
      !below.has(node.id) &&
      (node.active || String(node.id) === parent_),
  );

  const readJurisdiction = async (file: File | undefined) => {
    setFieldErrors({});
    if (!file) return setJurisdiction(undefined);
    try {
      const json = JSON.parse(await file.text()) as {
        type?: string;
        geometry?: unknown;
        features?: Array<{ geometry?: unknown }>;
      };
      // A GeoJSON Feature or a one-feature collection carries the polygon in its geometry.
      const geometry =
        json.type === 'Feature'
          ? json.geometry
          : json.type === 'FeatureCollection' && json.features?.length === 1
            ? json.features[0]?.geometry
            : json;
      setJurisdiction(geometry);
    } catch {
      setJurisdiction(undefined);
      setFieldErrors({ jurisdiction: t('adm.unit.jurisdictionNotJson') });
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setSaved(false);
    setBusy(true);
    const body = {
      code: code.trim(),
      name: name.trim(),
      nameEn: nameEn.trim() || null,
      parentId: parent_ ? Number(parent_) : null,
      adcode: adcode.trim() || null,
      aliases: splitList(aliases),
      ...(jurisdiction !== undefined ? { jurisdiction } : {}),
    };
    try {
      const result = creating
        ? await api<Unit>('POST', '/units', { ...body, type })
        : await api<Unit>('PATCH', `/units/${unit.id}`, { ...body, active });
      setSaved(true);
      onSaved(result);
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="adm-form">
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      {saved && !creating ? <Notice kind="success">{t('form.saved')}</Notice> : null}
      <div className="form-row">
        <Field label={t('adm.unit.name')} error={fieldErrors.name} required>
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label={t('adm.unit.nameEn')} error={fieldErrors.nameEn}>
          <input name="nameEn" value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
        </Field>
      </div>
      <div className="form-row">
        <Field
          label={t('adm.unit.code')}
          error={fieldErrors.code}
          hint={t('adm.unit.codeHint')}
          required
        >
          <input name="code" value={code} onChange={(e) => setCode(e.target.value)} />
        </Field>
        <Field
          label={t('adm.unit.type')}
          error={fieldErrors.type}
          hint={creating ? undefined : t('adm.unit.typeFixed')}
          required
        >
          <select
            name="type"
            value={type}
            disabled={!creating}
            onChange={(e) => setType(e.target.value as UnitType)}
          >
            {UNIT_TYPES.map((value) => (
              <option key={value} value={value}>
                {t(`adm.unitType.${value}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {type !== 'centre' ? (
        <Field
          label={t('adm.unit.parent')}
          error={fieldErrors.parentId}
          hint={t('adm.unit.parentHint', {
            types: allowed.map((value) => t(`adm.unitType.${value}`)).join(t('adm.listSeparator')),
          })}
          required
        >
          <select name="parentId" value={parent_} onChange={(e) => setParent(e.target.value)}>
            <option value="">{t('form.select')}</option>
            {parentOptions.map(({ node, depth }) => (
              <option key={node.id} value={node.id}>
                {indent(depth, localName(node, locale))}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <div className="form-row">
        <Field
          label={t('adm.unit.adcode')}
          error={fieldErrors.adcode}
          hint={t('adm.unit.adcodeHint')}
        >
          <input
            name="adcode"
            inputMode="numeric"
            value={adcode}
            onChange={(e) => setAdcode(e.target.value)}
          />
        </Field>
        <Field
          label={t('adm.unit.jurisdiction')}
          error={fieldErrors.jurisdiction}
          hint={
            unit?.hasJurisdiction ? t('adm.unit.jurisdictionKept') : t('adm.unit.jurisdictionHint')
          }
        >
          <input
            name="jurisdiction"
            type="file"
            accept=".json,.geojson,application/geo+json,application/json"
            onChange={(e) => void readJurisdiction(e.target.files?.[0])}
          />
        </Field>
      </div>
      <Field
        label={t('adm.unit.aliases')}
        error={fieldErrors.aliases}
        hint={t('adm.unit.aliasesHint')}
      >
        <textarea
          name="aliases"
          rows={2}
          value={aliases}
          onChange={(e) => setAliases(e.target.value)}
        />
      </Field>
      {!creating ? (
        <div className={`field${fieldErrors.active ? ' field-invalid' : ''}`}>
          <label className="adm-check">
            <input
              type="checkbox"
              name="active"
              checked={active}
              onChange={(e) => setActive(e.target.checked)}
            />
            {t('adm.unit.active')}
          </label>
          {fieldErrors.active ? (
            <div className="field-error" role="alert">
              {fieldErrors.active}
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : creating ? t('adm.unit.create') : t('form.save')}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

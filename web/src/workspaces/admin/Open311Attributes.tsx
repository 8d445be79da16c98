import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useI18n, type MessageKey } from '../../i18n';
import { LoadState, useLoad } from '../../ui/data';
import { Field, Notice } from '../../ui/forms';
import { localName, useAdminErrors } from './admin-api';

const DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
type Datatype = (typeof DATATYPES)[number];
const isList = (datatype: Datatype) =>
  datatype === 'singlevaluelist' || datatype === 'multivaluelist';

interface Service {
  categoryId: number;
  code: string;
  name: string;
  nameEn: string | null;
  group: string;
  groupEn: string | null;
  attributeCount: number;
}

interface Attribute {
  code: string;
  variable: boolean;
  datatype: Datatype;
  required: boolean;
  description: string;
  datatypeDescription: string | null;
  order: number;
  values: Array<{ key: string; name: string }>;
}

interface ServiceAttributes {
  service: Service;
  attributes: Attribute[];
  updatedAt: string | null;
}

/** One question as the form holds it: the choices as text, one "key=name" a line. */
interface Row {
  id: number;
  code: string;
  variable: boolean;
  datatype: Datatype;
  required: boolean;
  description: string;
  datatypeDescription: string;
  values: string;
}

let nextRowId = 1;
const toRow = (attribute: Attribute): Row => ({
  id: nextRowId++,
  code: attribute.code,
  variable: attribute.variable,
  datatype: attribute.datatype,
  required: attribute.required,
  description: attribute.description,
  datatypeDescription: attribute.datatypeDescription ?? '',
  values: attribute.values.map((v) => `${v.key}=${v.name}`).join('\n'),
});

/** "dark=不亮" → { key: 'dark', name: '不亮' }; a line without "=" is both key and name. */
const parseValues = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.search(/[=＝]/);
      return at < 0
        ? { key: line, name: line }
        : { key: line.slice(0, at).trim(), name: line.slice(at + 1).trim() };
    });

/** The questions of one service, edited as a whole list and saved at once. */
function AttributeEditor({
  loaded,
  onSaved,
}: {
  loaded: ServiceAttributes;
  onSaved: (saved: ServiceAttributes) => void;
}) {
  const { t, locale } = useI18n();
  const [rows, setRows] = useState<Row[]>(() => loaded.attributes.map(toRow));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { fieldErrors, formError, clear, capture } = useAdminErrors();
  const serviceName = localName(loaded.service, locale);

  const change = (id: number, patch: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  const move = (index: number, step: number) =>
    setRows((current) => {
      const next = [...current];
      const [row] = next.splice(index, 1);
      next.splice(index + step, 0, row!);
      return next;
    });
  /** The server names a field as attributes.<n>.<column>[.…]: its message goes to that cell. */
  const errorAt = (index: number, column: string) =>
    Object.entries(fieldErrors).find(
      ([field]) =>
        field === `attributes.${index}.${column}` ||
        field.startsWith(`attributes.${index}.${column}.`),
    )?.[1];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    setNotice(null);
    setBusy(true);
    try {
      const saved = await api<ServiceAttributes>(
        'PUT',
        `/admin/open311/services/${loaded.service.categoryId}/attributes`,
        {
          attributes: rows.map((row) => ({
            code: row.code.trim(),
            variable: row.variable,
            datatype: row.datatype,
            required: row.variable && row.required,
            description: row.description,
            datatypeDescription: row.datatypeDescription.trim() || null,
            ...(isList(row.datatype) ? { values: parseValues(row.values) } : {}),
          })),
        },
      );
      setRows(saved.attributes.map(toRow));
      setNotice(t('o311.attr.saved', { name: serviceName }));
      onSaved(saved);
    } catch (error) {
      capture(error);
    } finally {
      setBusy(false);
    }
  };

  const rowErrors = Object.keys(fieldErrors).some((field) => field.startsWith('attributes.'));
  return (
    <form className="adm-form o311-attributes" noValidate onSubmit={(e) => void submit(e)}>
      {formError ? <Notice kind="error">{formError}</Notice> : null}
      {fieldErrors.attributes && !rowErrors ? (
        <Notice kind="error">{fieldErrors.attributes}</Notice>
      ) : null}
      {notice ? <Notice kind="success">{notice}</Notice> : null}
      {rows.length === 0 ? <p className="muted">{t('o311.attr.none')}</p> : null}
      <ol className="o311-attribute-list">
        {rows.map((row, index) => (
          <li key={row.id} className="o311-attribute">
            <fieldset>
              <legend>{t('o311.attr.number', { n: index + 1 })}</legend>
              <div className="form-row">
                <Field
                  label={t('o311.attr.code')}
                  hint={t('o311.attr.codeHint')}
                  error={errorAt(index, 'code')}
                  required
                >
                  <input
                    value={row.code}
                    maxLength={64}
                    onChange={(e) => change(row.id, { code: e.target.value })}
                  />
                </Field>
                <Field label={t('o311.attr.datatype')} error={errorAt(index, 'datatype')}>
                  <select
                    value={row.datatype}
                    onChange={(e) => change(row.id, { datatype: e.target.value as Datatype })}
                  >
                    {DATATYPES.map((datatype) => (
                      <option key={datatype} value={datatype}>
                        {t(`o311.datatype.${datatype}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </Field>
              </div>
              <Field
                label={t('o311.attr.description')}
                error={errorAt(index, 'description')}
                required
              >
                <input
                  value={row.description}
                  maxLength={500}
                  onChange={(e) => change(row.id, { description: e.target.value })}
                />
              </Field>
              <Field
                label={t('o311.attr.datatypeDescription')}
                error={errorAt(index, 'datatypeDescription')}
              >
                <input
                  value={row.datatypeDescription}
                  maxLength={500}
                  onChange={(e) => change(row.id, { datatypeDescription: e.target.value })}
                />
              </Field>
              {isList(row.datatype) ? (
                <Field
                  label={t('o311.attr.values')}
                  hint={t('o311.attr.valuesHint')}
                  error={errorAt(index, 'values')}
                  required
                >
                  <textarea
                    rows={4}
                    value={row.values}
                    onChange={(e) => change(row.id, { values: e.target.value })}
                  />
                </Field>
              ) : errorAt(index, 'values') ? (
                <Notice kind="error">{errorAt(index, 'values')}</Notice>
              ) : null}
              <div className="o311-checks">
                <label className="adm-check">
                  <input
                    type="checkbox"
                    checked={row.variable}
                    onChange={(e) => change(row.id, { variable: e.target.checked })}
                  />
                  {t('o311.attr.variable')}
                </label>
                <label className="adm-check">
                  <input
                    type="checkbox"
                    checked={row.variable && row.required}
                    disabled={!row.variable}
                    onChange={(e) => change(row.id, { required: e.target.checked })}
                  />
                  {t('o311.attr.required')}
                </label>
                {errorAt(index, 'required') ? (
                  <span className="field-error" role="alert">
                    {errorAt(index, 'required')}
                  </span>
                ) : null}
              </div>
              <div className="form-actions">
                <button type="button" disabled={index === 0} onClick={() => move(index, -1)}>
                  {t('o311.attr.up')}
                </button>
                <button
                  type="button"
                  disabled={index === rows.length - 1}
                  onClick={() => move(index, 1)}
                >
                  {t('o311.attr.down')}
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={() => setRows((current) => current.filter((r) => r.id !== row.id))}
                >
                  {t('o311.attr.remove')}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <button
          type="button"
          onClick={() =>
            setRows((current) => [
              ...current,
              {
                id: nextRowId++,
                code: '',
                variable: true,
                datatype: 'string',
                required: false,
                description: '',
                datatypeDescription: '',
                values: '',
              },
            ])
          }
        >
          {t('o311.attr.add')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : t('o311.attr.save')}
        </button>
      </div>
    </form>
  );
}

/** The Open311 services (our leaf categories) and the questions each asks. */
export function Open311Attributes() {
  const { t, locale } = useI18n();
  const services = useLoad(
    (signal) => api<{ items: Service[] }>('GET', '/admin/open311/services', undefined, { signal }),
    [],
  );
  const [picked, setPicked] = useState<number | null>(null);
  const categoryId = picked ?? services.data?.items[0]?.categoryId ?? null;
  const attributes = useLoad(
    (signal) =>
      categoryId === null
        ? Promise.resolve(null)
        : api<ServiceAttributes>(
            'GET',
            `/admin/open311/services/${categoryId}/attributes`,
            undefined,
            {
              signal,
            },
          ),
    [categoryId],
  );
  const loaded = attributes.data?.service.categoryId === categoryId ? attributes.data : null;

  return (
    <section className="panel" aria-labelledby="o311-services-title">
      <div className="panel-head">
        <h2 id="o311-services-title">{t('o311.services.title')}</h2>
      </div>
      <p className="muted">{t('o311.services.intro')}</p>
      <LoadState state={services} />
      {services.data ? (
        <label className="adm-inline-label">
          {t('o311.services.pick')}
          <select value={categoryId ?? ''} onChange={(e) => setPicked(Number(e.target.value))}>
            {services.data.items.map((service) => (
              <option key={service.categoryId} value={service.categoryId}>
                {service.code}{' '}
                {locale === 'en' ? (service.groupEn ?? service.group) : service.group} ›{' '}
                {localName(service, locale)}
                {service.attributeCount > 0
                  ? ` (${t('o311.services.count', { count: service.attributeCount })})`
                  : ''}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <LoadState state={attributes} />
      {loaded ? (
        <AttributeEditor
          key={`${loaded.service.categoryId}-${loaded.updatedAt ?? ''}`}
          loaded={loaded}
          onSaved={() => services.reload()}
        />
      ) : null}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { api, ApiError, qs } from '../../api';
import { useI18n } from '../../i18n';
import { useFormat } from '../../settings';
import { LoadState, useLoad } from '../../ui/data';
import { Field, Notice } from '../../ui/forms';
import { localName, postCsv } from './admin-api';
import { CsvImport } from './CsvImport';
import { categoryPath, indent, loadCategoryTree, loadUnitTree } from './reference';
import type { CatalogueVersion, CatalogueVersionWithRules, Explanation } from './types';

async function loadReference(signal: AbortSignal) {
  const [units, categories] = await Promise.all([loadUnitTree(signal), loadCategoryTree(signal)]);
  return { units, categories };
}
type Reference = Awaited<ReturnType<typeof loadReference>>;

/** The dispatch catalogue (派单目录): the rules of a version, a new version from CSV, and why. */
export function CatalogueView() {
  const { t } = useI18n();
  const format = useFormat();
  const reference = useLoad(loadReference, []);
  const versions = useLoad(
    (signal) =>
      api<{ items: CatalogueVersion[] }>('GET', '/catalogue/versions', undefined, { signal }),
    [],
  );
  const [chosen, setChosen] = useState<number | null>(null);
  const versionId = chosen ?? versions.data?.items[0]?.id ?? null;
  const version = useLoad(
    (signal) =>
      versionId === null
        ? Promise.resolve(null)
        : api<CatalogueVersionWithRules>('GET', `/catalogue/versions/${versionId}`, undefined, {
            signal,
          }),
    [versionId],
  );
  const [note, setNote] = useState('');
  const current = versions.data?.items[0];

  return (
    <div className="adm-catalogue">
      <section className="panel" aria-labelledby="adm-catalogue-title">
        <div className="panel-head">
          <h2 id="adm-catalogue-title">{t('adm.catalogue.title')}</h2>
          {versions.data && versions.data.items.length > 0 ? (
            <label className="adm-inline-label">
              {t('adm.catalogue.version')}
              <select
                value={versionId ?? ''}
                onChange={(event) => setChosen(Number(event.target.value))}
              >
                {versions.data.items.map((item) => (
                  <option key={item.id} value={item.id}>
                    {t('adm.catalogue.versionOption', {
                      id: item.id,
                      date: format.date(item.createdAt),
                      count: item.ruleCount,
                    })}
                    {item.id === current?.id ? ` · ${t('adm.catalogue.inForce')}` : ''}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        <LoadState state={versions} />
        {versions.data?.items.length === 0 ? (
          <Notice kind="info">{t('adm.catalogue.empty')}</Notice>
        ) : null}
        {version.data ? (
          <>
            <p className="adm-version-note">
              {version.data.id === current?.id ? (
                <span className="badge badge-ok">{t('adm.catalogue.inForce')}</span>
              ) : (
                <span className="badge">{t('adm.catalogue.past')}</span>
              )}{' '}
              {version.data.note ?? t('form.none')} ·{' '}
              <span className="muted">{format.dateTime(version.data.createdAt)}</span>{' '}
              <a href={`/api/v1/catalogue/versions/${version.data.id}/rules.csv`} download>
                {t('adm.csv.export')}
              </a>
            </p>
            {reference.data ? (
              <RulesTable version={version.data} reference={reference.data} />
            ) : (
              <LoadState state={reference} />
            )}
          </>
        ) : (
          <LoadState state={version} />
        )}
      </section>
      <div className="adm-catalogue-side">
        {reference.data ? <ExplainPanel reference={reference.data} versionId={versionId} /> : null}
        <div className="panel">
          <CsvImport
            id="adm-catalogue-import"
            title={t('adm.catalogue.import')}
            hint={t('adm.catalogue.importHint')}
            submitLabel={t('adm.catalogue.publish')}
            extra={
              <Field label={t('adm.catalogue.note')}>
                <input
                  name="note"
                  maxLength={500}
                  value={note}
                  onChange={(event) => setNote(event.target.value)}
                />
              </Field>
            }
            send={(csv) =>
              postCsv<CatalogueVersionWithRules>(
                `/catalogue/import${qs({ note: note.trim() })}`,
                csv,
              ).then((published) => {
                setNote('');
                setChosen(published.id);
                versions.reload();
                return published;
              })
            }
            describe={(published) =>
              t('adm.catalogue.published', { id: published.id, count: published.rules.length })
            }
          />
        </div>
      </div>
    </div>
  );
}

/** The rules of one version, filtered by category words and district. */
function RulesTable({
  version,
  reference,
}: {
  version: CatalogueVersionWithRules;
  reference: Reference;
}) {
  const { t, locale } = useI18n();
  const [text, setText] = useState('');
  const [district, setDistrict] = useState('');
  const unit = (id: number | null) => {
    if (id === null) return '';
    const found = reference.units.byId.get(id);
    return found ? localName(found, locale) : `#${id}`;
  };
  const pathOf = (id: number) => categoryPath(reference.categories, id, locale);
  const needle = text.trim().toLowerCase();
  const rows = version.rules.filter((rule) => {
    if (
      district === 'city'
        ? rule.districtId !== null
        : district && rule.districtId !== Number(district)
    )
      return false;
    if (!needle) return true;
    const category = reference.categories.byId.get(rule.categoryId);
    return [category?.code ?? '', pathOf(rule.categoryId), category?.name ?? '']
      .join(' ')
      .toLowerCase()
      .includes(needle);
  });
  const districts = reference.units.flat.filter(({ node }) => node.type === 'district');
  return (
    <>
      <div className="adm-filters">
        <label>
          {t('adm.catalogue.filterCategory')}
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <label>
          {t('adm.catalogue.district')}
          <select value={district} onChange={(event) => setDistrict(event.target.value)}>
            <option value="">{t('adm.all')}</option>
            <option value="city">{t('adm.catalogue.cityWide')}</option>
            {districts.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {localName(node, locale)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted adm-count">
          {t('adm.catalogue.ruleCount', { shown: rows.length, total: version.rules.length })}
        </span>
      </div>
      <div className="adm-scroll adm-rules">
        <table className="data">
          <thead>
            <tr>
              <th>{t('adm.catalogue.category')}</th>
              <th>{t('adm.catalogue.district')}</th>
              <th>{t('adm.catalogue.lead')}</th>
              <th>{t('adm.catalogue.co')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((rule) => (
              <tr key={rule.id}>
                <td>
                  <code className="adm-code">
                    {reference.categories.byId.get(rule.categoryId)?.code}
                  </code>{' '}
                  {pathOf(rule.categoryId)}
                </td>
                <td>
                  {rule.districtId === null ? (
                    <span className="muted">{t('adm.catalogue.cityWide')}</span>
                  ) : (
                    unit(rule.districtId)
                  )}
                </td>
                <td>{unit(rule.leadUnitId)}</td>
                <td>{rule.coUnitIds.map(unit).join(t('adm.listSeparator')) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Which rule routes a category in a district, and why (the category's own, or an ancestor's). */
function ExplainPanel({
  reference,
  versionId,
}: {
  reference: Reference;
  versionId: number | null;
}) {
  const { t, locale } = useI18n();
  const [categoryId, setCategoryId] = useState('');
  const [districtId, setDistrictId] = useState('');
  const [result, setResult] = useState<Explanation | null>(null);
  const [fieldError, setFieldError] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const unit = (id: number) => {
    const found = reference.units.byId.get(id);
    return found ? localName(found, locale) : `#${id}`;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    setError(null);
    setFieldError({});
    if (!categoryId) return setFieldError({ categoryId: t('adm.catalogue.chooseCategory') });
    const query = qs({ categoryId, districtId });
    try {
      setResult(
        await api<Explanation>(
          'GET',
          versionId
            ? `/catalogue/versions/${versionId}/explain${query}`
            : `/catalogue/suggest${query}`,
        ),
      );
    } catch (failure) {
      if (failure instanceof ApiError && failure.field)
        setFieldError({ [failure.field]: failure.message });
      else setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const distance = result?.ancestorDistance ?? null;
  return (
    <section className="panel" aria-labelledby="adm-explain-title">
      <h2 id="adm-explain-title">{t('adm.explain.title')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('adm.catalogue.category')} error={fieldError.categoryId} required>
          <select
            name="categoryId"
            value={categoryId}
            onChange={(event) => setCategoryId(event.target.value)}
          >
            <option value="">{t('form.select')}</option>
            {reference.categories.flat
              .filter(({ node }) => node.active)
              .map(({ node, depth }) => (
                <option key={node.id} value={node.id}>
                  {indent(depth, localName(node, locale))}
                </option>
              ))}
          </select>
        </Field>
        <Field label={t('adm.catalogue.district')} error={fieldError.districtId}>
          <select
            name="districtId"
            value={districtId}
            onChange={(event) => setDistrictId(event.target.value)}
          >
            <option value="">{t('adm.catalogue.cityWide')}</option>
            {reference.units.flat
              .filter(({ node }) => node.type === 'district')
              .map(({ node }) => (
                <option key={node.id} value={node.id}>
                  {localName(node, locale)}
                </option>
              ))}
          </select>
        </Field>
        <div className="form-actions">
          <button type="submit">{t('adm.explain.submit')}</button>
        </div>
      </form>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {result ? (
        result.suggestion && result.rule ? (
          <div className="adm-explain" role="status">
            <dl className="adm-facts">
              <dt>{t('adm.catalogue.lead')}</dt>
              <dd>
                <strong>{unit(result.suggestion.leadUnitId)}</strong>
              </dd>
              <dt>{t('adm.catalogue.co')}</dt>
              <dd>
                {result.suggestion.coUnitIds.map(unit).join(t('adm.listSeparator')) ||
                  t('form.none')}
              </dd>
              <dt>{t('adm.explain.basis')}</dt>
              <dd>
                {t('adm.explain.rule', {
                  rule: result.rule.id,
                  version: result.suggestion.versionId,
                })}
                {' · '}
                {distance === 0
                  ? t('adm.explain.own')
                  : distance === 1
                    ? t('adm.explain.parent')
                    : t('adm.explain.grandparent')}
                {' · '}
                {result.districtSpecific
                  ? t('adm.explain.districtRule')
                  : t('adm.explain.cityRule')}
              </dd>
            </dl>
          </div>
        ) : (
          <Notice kind="info">{t('adm.explain.none')}</Notice>
        )
      ) : null}
    </section>
  );
}

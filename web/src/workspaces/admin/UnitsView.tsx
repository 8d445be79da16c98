import { useState } from 'react';
import { useI18n } from '../../i18n';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { localName } from './admin-api';
import { loadUnitTree } from './reference';
import { TreeList } from './TreeList';
import type { Unit, UnitNode } from './types';
import { UnitForm } from './UnitForm';

type Mode = { kind: 'edit'; id: number } | { kind: 'create'; parentId: number | null } | null;

/** The organisation tree (组织机构): browse it, add a unit under any node, change a unit. */
export function UnitsView() {
  const { t, locale } = useI18n();
  const tree = useLoad(loadUnitTree, []);
  const [mode, setMode] = useState<Mode>(null);
  const [filter, setFilter] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const needle = filter.trim().toLowerCase();
  const matches = needle
    ? (node: UnitNode) =>
        [node.name, node.nameEn ?? '', node.code, ...node.aliases].some((text) =>
          text.toLowerCase().includes(needle),
        )
    : undefined;

  const data = tree.data;
  const selected = mode?.kind === 'edit' ? data?.byId.get(mode.id) : undefined;
  const saved = (unit: Unit) => {
    if (mode?.kind === 'create') setCreated(localName(unit, locale));
    setMode({ kind: 'edit', id: unit.id });
    tree.reload();
  };

  return (
    <div className="adm-split">
      <section className="panel adm-tree-panel" aria-labelledby="adm-units-title">
        <div className="panel-head">
          <h2 id="adm-units-title">{t('adm.units.title')}</h2>
          <button type="button" onClick={() => setMode({ kind: 'create', parentId: null })}>
            {t('adm.units.add')}
          </button>
        </div>
        <input
          type="search"
          className="adm-filter"
          aria-label={t('adm.units.filter')}
          placeholder={t('adm.units.filter')}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <LoadState state={tree} />
        {data ? (
          <TreeList
            roots={data.roots}
            label={t('adm.units.title')}
            selectedId={selected?.id ?? null}
            onSelect={(node) => {
              setCreated(null);
              setMode({ kind: 'edit', id: node.id });
            }}
            nameOf={(node) => localName(node, locale)}
            matches={matches}
            render={(node) => (
              <>
                <span className={node.active ? undefined : 'adm-inactive'}>
                  {localName(node, locale)}
                </span>
                <span className="adm-tree-meta">{t(`adm.unitType.${node.type}`)}</span>
                {!node.active ? <span className="badge">{t('adm.inactive')}</span> : null}
              </>
            )}
          />
        ) : null}
      </section>
      <section className="panel adm-detail" aria-labelledby="adm-unit-title">
        {created ? (
          <Notice kind="success">{t('adm.unit.created', { name: created })}</Notice>
        ) : null}
        {data && mode?.kind === 'create' ? (
          <>
            <h2 id="adm-unit-title">
              {mode.parentId
                ? t('adm.unit.newUnder', {
                    parent: localName(
                      data.byId.get(mode.parentId) ?? { name: '', nameEn: null },
                      locale,
                    ),
                  })
                : t('adm.unit.new')}
            </h2>
            <UnitForm
              key={`new-${mode.parentId}`}
              tree={data}
              parentId={mode.parentId}
              onSaved={saved}
              onCancel={() => setMode(null)}
            />
          </>
        ) : data && selected ? (
          <>
            <div className="panel-head">
              <h2 id="adm-unit-title">{localName(selected, locale)}</h2>
              {selected.type !== 'community' ? (
                <button
                  type="button"
                  onClick={() => {
                    setCreated(null);
                    setMode({ kind: 'create', parentId: selected.id });
                  }}
                >
                  {t('adm.units.addChild')}
                </button>
              ) : null}
            </div>
            <dl className="adm-facts">
              <dt>{t('adm.unit.type')}</dt>
              <dd>{t(`adm.unitType.${selected.type}`)}</dd>
              <dt>{t('adm.unit.district')}</dt>
              <dd>
                {selected.districtId
                  ? localName(data.byId.get(selected.districtId) ?? selected, locale)
                  : t('adm.unit.cityLevel')}
              </dd>
              <dt>{t('adm.unit.children')}</dt>
              <dd>{selected.children.length}</dd>
              <dt>{t('adm.unit.jurisdiction')}</dt>
              <dd>{selected.hasJurisdiction ? t('adm.unit.hasJurisdiction') : t('form.none')}</dd>
            </dl>
            <UnitForm key={`edit-${selected.id}`} tree={data} unit={selected} onSaved={saved} />
          </>
        ) : (
          <>
            <h2 id="adm-unit-title" className="visually-hidden">
              {t('adm.units.title')}
            </h2>
            <p className="muted">{t('adm.units.pick')}</p>
          </>
        )}
      </section>
    </div>
  );
}

import { useState } from 'react';
import { useI18n } from '../../i18n';
import { LoadState, useLoad } from '../../ui/data';
import { Notice } from '../../ui/forms';
import { localName, postCsv } from './admin-api';
import { CategoryForm } from './CategoryForm';
import { CsvImport } from './CsvImport';
import { categoryPath, loadCategoryTree } from './reference';
import { TreeList } from './TreeList';
import type { Category, CategoryNode } from './types';

/** The deepest level of the category tree (城乡建设 > 市政设施 > 路灯). */
const MAX_LEVEL = 3;

type Mode = { kind: 'edit'; id: number } | { kind: 'create'; parentId: number | null } | null;

const countBelow = (node: CategoryNode): number =>
  node.children.reduce((sum, child) => sum + 1 + countBelow(child), 0);

/** Categories (诉求分类): the tree, add/edit/deactivate, and CSV in and out. */
export function CategoriesView() {
  const { t, locale } = useI18n();
  const tree = useLoad(loadCategoryTree, []);
  const [mode, setMode] = useState<Mode>(null);
  const [filter, setFilter] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const needle = filter.trim().toLowerCase();
  const matches = needle
    ? (node: CategoryNode) =>
        [node.name, node.nameEn ?? '', node.code, ...node.keywords].some((text) =>
          text.toLowerCase().includes(needle),
        )
    : undefined;
  const data = tree.data;
  const pathOf = (id: number) => (data ? categoryPath(data, id, locale) : '');
  const selected = mode?.kind === 'edit' ? data?.byId.get(mode.id) : undefined;
  const parent =
    mode?.kind === 'create' && mode.parentId ? data?.byId.get(mode.parentId) : undefined;
  const saved = (category: Category) => {
    if (mode?.kind === 'create') setCreated(localName(category, locale));
    setMode({ kind: 'edit', id: category.id });
    tree.reload();
  };

  return (
    <div className="adm-split">
      <section className="panel adm-tree-panel" aria-labelledby="adm-categories-title">
        <div className="panel-head">
          <h2 id="adm-categories-title">{t('adm.categories.title')}</h2>
          <button
            type="button"
            onClick={() => {
              setCreated(null);
              setMode({ kind: 'create', parentId: null });
            }}
          >
            {t('adm.categories.addTop')}
          </button>
        </div>
        <input
          type="search"
          className="adm-filter"
          aria-label={t('adm.categories.filter')}
          placeholder={t('adm.categories.filter')}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <LoadState state={tree} />
        {data ? (
          <TreeList
            roots={data.roots}
            label={t('adm.categories.title')}
            selectedId={selected?.id ?? null}
            initiallyOpen={0}
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
                <span className="adm-tree-meta">{node.code}</span>
                {!node.active ? <span className="badge">{t('adm.inactive')}</span> : null}
              </>
            )}
          />
        ) : null}
      </section>
      <div className="adm-detail-col">
        <section className="panel adm-detail" aria-labelledby="adm-category-title">
          {created ? (
            <Notice kind="success">{t('adm.category.created', { name: created })}</Notice>
          ) : null}
          {mode?.kind === 'create' ? (
            <>
              <h2 id="adm-category-title">
                {parent
                  ? t('adm.category.newUnder', { parent: pathOf(parent.id) })
                  : t('adm.category.newTop')}
              </h2>
              <CategoryForm
                key={`new-${mode.parentId}`}
                parentId={mode.parentId}
                onSaved={saved}
                onCancel={() => setMode(null)}
              />
            </>
          ) : selected ? (
            <>
              <div className="panel-head">
                <h2 id="adm-category-title">{localName(selected, locale)}</h2>
                {selected.level < MAX_LEVEL && selected.active ? (
                  <button
                    type="button"
                    onClick={() => {
                      setCreated(null);
                      setMode({ kind: 'create', parentId: selected.id });
                    }}
                  >
                    {t('adm.categories.addChild')}
                  </button>
                ) : null}
              </div>
              <dl className="adm-facts">
                <dt>{t('adm.category.code')}</dt>
                <dd>
                  <code>{selected.code}</code>
                </dd>
                <dt>{t('adm.category.path')}</dt>
                <dd>{pathOf(selected.id)}</dd>
                <dt>{t('adm.category.level')}</dt>
                <dd>{t('adm.category.levelN', { level: selected.level })}</dd>
              </dl>
              <CategoryForm
                key={`edit-${selected.id}`}
                category={selected}
                descendants={countBelow(selected)}
                onSaved={saved}
              />
            </>
          ) : (
            <>
              <h2 id="adm-category-title" className="visually-hidden">
                {t('adm.categories.title')}
              </h2>
              <p className="muted">{t('adm.categories.pick')}</p>
            </>
          )}
        </section>
        <section className="panel" aria-labelledby="adm-categories-csv">
          <div className="panel-head">
            <h2 id="adm-categories-csv">{t('adm.csv.title')}</h2>
            <a
              className="button"
              href="/api/v1/categories/export.csv?includeInactive=true"
              download
            >
              {t('adm.csv.export')}
            </a>
          </div>
          <CsvImport
            id="adm-category-import"
            title={t('adm.categories.import')}
            hint={t('adm.categories.importHint')}
            submitLabel={t('adm.csv.import')}
            send={(csv) =>
              postCsv<{ created: number; updated: number; unchanged: number }>(
                '/categories/import',
                csv,
              ).then((result) => {
                tree.reload();
                return result;
              })
            }
            describe={(result) => t('adm.categories.imported', result)}
          />
        </section>
      </div>
    </div>
  );
}

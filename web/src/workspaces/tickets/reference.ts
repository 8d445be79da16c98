import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';

/** A unit of the organisation tree, flattened for names and type-to-search. */
export interface UnitEntry {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  type: 'centre' | 'district' | 'street' | 'community' | 'department' | 'enterprise';
  parentId: number | null;
  districtId: number | null;
  active: boolean;
  /** Names of the ancestors below the centre ("江阳区"), for telling same-named units apart. */
  path: string[];
  pathEn: string[];
  /** Lower-cased names, aliases, code and path: what a query is matched against. */
  haystack: string;
}

export interface CategoryEntry {
  id: number;
  level: number;
  name: string;
  nameEn: string;
  path: string[];
  pathEn: string[];
  active: boolean;
}

/** The organisation and the category tree, indexed, as every ticket screen needs them. */
export interface Reference {
  units: UnitEntry[];
  unitById: Map<number, UnitEntry>;
  districts: UnitEntry[];
  categories: CategoryEntry[];
  categoryById: Map<number, CategoryEntry>;
}

interface UnitNode extends Omit<UnitEntry, 'path' | 'pathEn' | 'haystack' | 'nameEn'> {
  nameEn: string | null;
  aliases: string[];
  children: UnitNode[];
}

interface CategoryNode {
  id: number;
  level: number;
  name: string;
  nameEn: string | null;
  path: string[];
  active: boolean;
  children?: CategoryNode[];
}

function flattenUnits(nodes: UnitNode[], path: string[], pathEn: string[], into: UnitEntry[]) {
  for (const node of nodes) {
    const nameEn = node.nameEn ?? node.name;
    into.push({
      id: node.id,
      code: node.code,
      name: node.name,
      nameEn,
      type: node.type,
      parentId: node.parentId,
      districtId: node.districtId,
      active: node.active,
      path,
      pathEn,
      haystack: [node.name, nameEn, node.code, ...node.aliases, ...path, ...pathEn]
        .join('\u0000')
        .toLowerCase(),
    });
    // The centre is the root of everything: leave it out of its descendants' paths.
    const below =
      node.type === 'centre'
        ? [path, pathEn]
        : [
            [...path, node.name],
            [...pathEn, nameEn],
          ];
    flattenUnits(node.children, below[0]!, below[1]!, into);
  }
}

function flattenCategories(nodes: CategoryNode[], parentEn: string[], into: CategoryEntry[]) {
  for (const node of nodes) {
    const nameEn = node.nameEn ?? node.name;
    const pathEn = [...parentEn, nameEn];
    into.push({
      id: node.id,
      level: node.level,
      name: node.name,
      nameEn,
      path: node.path.length ? node.path : [node.name],
      pathEn,
      active: node.active,
    });
    flattenCategories(node.children ?? [], pathEn, into);
  }
}

let loading: Promise<Reference> | null = null;

/** Loads both trees once per page load (inactive entries too: old tickets still name them). */
export function loadReference(): Promise<Reference> {
  loading ??= Promise.all([
    api<{ items: UnitNode[] }>('GET', '/units/tree?includeInactive=true'),
    api<{ items: CategoryNode[] }>('GET', '/categories/tree?includeInactive=true'),
  ])
    .then(([unitTree, categoryTree]) => {
      const units: UnitEntry[] = [];
      flattenUnits(unitTree.items, [], [], units);
      const categories: CategoryEntry[] = [];
      flattenCategories(categoryTree.items, [], categories);
      return {
        units,
        unitById: new Map(units.map((unit) => [unit.id, unit])),
        districts: units.filter((unit) => unit.type === 'district'),
        categories,
        categoryById: new Map(categories.map((category) => [category.id, category])),
      };
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

/** The reference data, or undefined until it has loaded. */
export function useReference(): Reference | undefined {
  const [reference, setReference] = useState<Reference | undefined>(undefined);
  useEffect(() => {
    let live = true;
    loadReference()
      .then((value) => live && setReference(value))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return reference;
}

/** Names of units and categories in the current language; "#12" until the trees have loaded. */
export function useNames() {
  const reference = useReference();
  const { locale } = useI18n();
  const en = locale === 'en';
  const unit = (id: number | null | undefined): string => {
    if (id === null || id === undefined) return '';
    const entry = reference?.unitById.get(id);
    return entry ? (en ? entry.nameEn : entry.name) : `#${id}`;
  };
  const category = (id: number | null | undefined): string => {
    if (id === null || id === undefined) return '';
    const entry = reference?.categoryById.get(id);
    if (!entry) return `#${id}`;
    return (en ? entry.pathEn : entry.path).join(' › ');
  };
  /** The last level of a category only, for dense tables (the full path in the tooltip). */
  const categoryShort = (id: number | null | undefined): string => {
    if (id === null || id === undefined) return '';
    const entry = reference?.categoryById.get(id);
    return entry ? (en ? entry.nameEn : entry.name) : `#${id}`;
  };
  const unitPath = (entry: UnitEntry): string => (en ? entry.pathEn : entry.path).join(' › ');
  return { reference, unit, category, categoryShort, unitPath, en };
}

import { api } from '../../api';
import type { CategoryNode, UnitNode } from './types';

/** A category flattened for type-to-search: its names from the root, in both languages. */
export interface CategoryEntry {
  id: number;
  code: string;
  level: number;
  name: string;
  nameEn: string;
  path: string[];
  pathEn: string[];
  keywords: string[];
  leaf: boolean;
  /** Lower-cased name, English name, keywords, path and code: what a query is matched against. */
  haystack: string;
}

export interface District {
  id: number;
  name: string;
  nameEn: string;
  hasJurisdiction: boolean;
  streets: Array<{ id: number; name: string; nameEn: string }>;
}

/** What the screen needs before the operator can classify an appeal. */
export interface ReferenceData {
  categories: CategoryEntry[];
  categoryById: Map<number, CategoryEntry>;
  districts: District[];
  districtById: Map<number, District>;
  /** Every unit's name (districts, streets, departments, utilities), for "routes to …". */
  unitNames: Map<number, { name: string; nameEn: string }>;
}

function flattenCategories(nodes: CategoryNode[], parentEn: string[] = []): CategoryEntry[] {
  const entries: CategoryEntry[] = [];
  for (const node of nodes) {
    if (!node.active) continue;
    const nameEn = node.nameEn ?? node.name;
    const pathEn = [...parentEn, nameEn];
    const children = node.children.filter((child) => child.active);
    entries.push({
      id: node.id,
      code: node.code,
      level: node.level,
      name: node.name,
      nameEn,
      path: node.path,
      pathEn,
      keywords: node.keywords,
      leaf: children.length === 0,
      haystack: [node.name, nameEn, ...node.keywords, ...node.path, node.code]
        .join('\u0000')
        .toLowerCase(),
    });
    entries.push(...flattenCategories(children, pathEn));
  }
  return entries;
}

function collectUnits(nodes: UnitNode[], into: ReferenceData['unitNames'], districts: District[]) {
  for (const node of nodes) {
    if (!node.active) continue;
    into.set(node.id, { name: node.name, nameEn: node.nameEn ?? node.name });
    if (node.type === 'district') {
      districts.push({
        id: node.id,
        name: node.name,
        nameEn: node.nameEn ?? node.name,
        hasJurisdiction: node.hasJurisdiction,
        streets: node.children
          .filter((child) => child.type === 'street' && child.active)
          .map((child) => ({ id: child.id, name: child.name, nameEn: child.nameEn ?? child.name })),
      });
    }
    collectUnits(node.children, into, districts);
  }
}

/** The category tree and the organisation tree, loaded together and indexed for the form. */
export async function loadReferenceData(signal: AbortSignal): Promise<ReferenceData> {
  const [categoryTree, unitTree] = await Promise.all([
    api<{ items: CategoryNode[] }>('GET', '/categories/tree', undefined, { signal }),
    api<{ items: UnitNode[] }>('GET', '/units/tree', undefined, { signal }),
  ]);
  const categories = flattenCategories(categoryTree.items);
  const unitNames: ReferenceData['unitNames'] = new Map();
  const districts: District[] = [];
  collectUnits(unitTree.items, unitNames, districts);
  return {
    categories,
    categoryById: new Map(categories.map((entry) => [entry.id, entry])),
    districts,
    districtById: new Map(districts.map((district) => [district.id, district])),
    unitNames,
  };
}

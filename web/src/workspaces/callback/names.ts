import { api } from '../../api';
import type { Locale } from '../../i18n';

interface NamedNode {
  id: number;
  name: string;
  nameEn: string | null;
  children: NamedNode[];
}

interface CategoryNode extends NamedNode {
  path: string[];
  children: CategoryNode[];
}

/** Unit and category names, in both languages, for the ids a queue item carries. */
export interface Names {
  unit: (id: number | null, locale: Locale) => string;
  category: (id: number | null, locale: Locale) => string;
}

const pick = (node: { name: string; nameEn: string | null }, locale: Locale) =>
  locale === 'en' && node.nameEn ? node.nameEn : node.name;

export async function loadNames(signal: AbortSignal): Promise<Names> {
  const [units, categories] = await Promise.all([
    api<{ items: NamedNode[] }>('GET', '/units/tree?includeInactive=true', undefined, { signal }),
    api<{ items: CategoryNode[] }>('GET', '/categories/tree?includeInactive=true', undefined, {
      signal,
    }),
  ]);
  const unitById = new Map<number, NamedNode>();
  const walkUnits = (nodes: NamedNode[]) =>
    nodes.forEach((node) => {
      unitById.set(node.id, node);
      walkUnits(node.children);
    });
  walkUnits(units.items);
  const categoryPath = new Map<number, { zh: string; en: string }>();
  const walkCategories = (nodes: CategoryNode[], zh: string[], en: string[]) =>
    nodes.forEach((node) => {
      const pathZh = [...zh, node.name];
      const pathEn = [...en, node.nameEn ?? node.name];
      categoryPath.set(node.id, { zh: pathZh.join(' › '), en: pathEn.join(' › ') });
      walkCategories(node.children, pathZh, pathEn);
    });
  walkCategories(categories.items, [], []);
  return {
    unit: (id, locale) => {
      if (id === null) return '';
      const unit = unitById.get(id);
      return unit ? pick(unit, locale) : `#${id}`;
    },
    category: (id, locale) => {
      if (id === null) return '';
      const path = categoryPath.get(id);
      return path ? (locale === 'en' ? path.en : path.zh) : `#${id}`;
    },
  };
}

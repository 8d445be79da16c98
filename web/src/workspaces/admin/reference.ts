import { api } from '../../api';
import type { CategoryNode, UnitNode } from './types';

/** A tree flattened in display order, each node with its depth (for indented selects). */
export interface Flat<N> {
  node: N;
  depth: number;
}

export interface Tree<N extends { id: number; children: N[] }> {
  roots: N[];
  byId: Map<number, N>;
  flat: Flat<N>[];
}

function indexTree<N extends { id: number; children: N[] }>(roots: N[]): Tree<N> {
  const byId = new Map<number, N>();
  const flat: Flat<N>[] = [];
  const walk = (nodes: N[], depth: number) =>
    nodes.forEach((node) => {
      byId.set(node.id, node);
      flat.push({ node, depth });
      walk(node.children, depth + 1);
    });
  walk(roots, 0);
  return { roots, byId, flat };
}

/** The whole organisation, deactivated units included (admins see and can reactivate them). */
export async function loadUnitTree(signal: AbortSignal): Promise<Tree<UnitNode>> {
  const { items } = await api<{ items: UnitNode[] }>(
    'GET',
    '/units/tree?includeInactive=true',
    undefined,
    { signal },
  );
  return indexTree(items);
}

/** The whole category tree, deactivated categories included. */
export async function loadCategoryTree(signal: AbortSignal): Promise<Tree<CategoryNode>> {
  const { items } = await api<{ items: CategoryNode[] }>(
    'GET',
    '/categories/tree?includeInactive=true',
    undefined,
    { signal },
  );
  return indexTree(items);
}

/** Indents an option's label by its depth in the tree (full-width spaces keep CJK aligned). */
export const indent = (depth: number, label: string) => `${'\u3000'.repeat(depth)}${label}`;

/** A category's names from the root in the screen's language (城乡建设 › 市政设施 › 路灯). */
export function categoryPath(tree: Tree<CategoryNode>, id: number, locale: string): string {
  const names: string[] = [];
  for (let node = tree.byId.get(id); node;) {
    names.unshift(locale === 'en' && node.nameEn ? node.nameEn : node.name);
    node = node.parentId === null ? undefined : tree.byId.get(node.parentId);
  }
  return names.length ? names.join(' › ') : `#${id}`;
}

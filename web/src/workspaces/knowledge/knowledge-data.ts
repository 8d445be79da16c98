import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { useUser, type Role } from '../../session';
import type { CategoryNode, KnowledgeArticle, Unit } from './types';

/** Who may see the reports (the API checks the same roles). */
export const REPORT_ROLES: readonly Role[] = ['supervisor', 'analyst', 'kb_editor', 'admin'];
/** Roles whose list is the editors' list (GET /knowledge/articles), not the search. */
const LIST_ROLES: readonly Role[] = ['kb_editor', 'supervisor', 'admin'];

// Reference data every knowledge screen shares, loaded once per page load.
let unitsPromise: Promise<Unit[]> | null = null;
let categoriesPromise: Promise<FlatCategory[]> | null = null;

const loadUnits = (): Promise<Unit[]> =>
  (unitsPromise ??= api<{ items: Unit[] }>('GET', '/units?pageSize=1000')
    .then((page) => page.items)
    .catch((error: unknown) => {
      unitsPromise = null;
      throw error;
    }));

/** A category with the names of its ancestors, for pickers and labels. */
export interface FlatCategory {
  id: number;
  name: string;
  nameEn: string | null;
  path: string[];
  active: boolean;
}

const flatten = (nodes: CategoryNode[], into: FlatCategory[] = []): FlatCategory[] => {
  for (const node of nodes) {
    into.push({
      id: node.id,
      name: node.name,
      nameEn: node.nameEn,
      path: node.path,
      active: node.active,
    });
    flatten(node.children ?? [], into);
  }
  return into;
};

const loadCategories = (): Promise<FlatCategory[]> =>
  (categoriesPromise ??= api<{ items: CategoryNode[] }>('GET', '/categories/tree')
    .then((tree) => flatten(tree.items))
    .catch((error: unknown) => {
      categoriesPromise = null;
      throw error;
    }));

function useShared<T>(load: () => Promise<T>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    load()
      .then((result) => live && setValue(result))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [load]);
  return value;
}

export const useUnits = (): Unit[] | undefined => useShared(loadUnits);
export const useCategories = (): FlatCategory[] | undefined => useShared(loadCategories);

/** The category's path in the current language ("城乡建设 › 市政设施 › 路灯"). */
export function useCategoryLabel(): (category: FlatCategory) => string {
  const { locale } = useI18n();
  return (category) =>
    locale === 'en' && category.nameEn
      ? category.nameEn
      : (category.path.length ? category.path : [category.name]).join(' › ');
}

export interface KnowledgeRole {
  isEditor: boolean;
  /** A kb_editor whose unit is the centre: edits any article, approves and rejects. */
  centreEditor: boolean;
  /** Reads the editors' list (working copies) rather than the search. */
  usesList: boolean;
  seesReports: boolean;
  /** Sees working copies and history of every unit's articles (admins, supervisors). */
  overseer: boolean;
  canEdit: (article: Pick<KnowledgeArticle, 'ownerUnitId'>) => boolean;
}

/** What the logged-in user may do in the knowledge base (the server checks it again). */
export function useKnowledgeRole(): KnowledgeRole {
  const user = useUser();
  const units = useUnits();
  const isEditor = user.roles.includes('kb_editor');
  const ownUnit = units?.find((unit) => unit.id === user.unitId);
  const centreEditor = isEditor && ownUnit?.type === 'centre';
  return {
    isEditor,
    centreEditor,
    usesList: user.roles.some((role) => LIST_ROLES.includes(role)),
    seesReports: user.roles.some((role) => REPORT_ROLES.includes(role)),
    overseer: user.roles.some((role) => role === 'admin' || role === 'supervisor'),
    canEdit: (article) => isEditor && (centreEditor || article.ownerUnitId === user.unitId),
  };
}

/** Splits typed tokens on commas (ASCII or Chinese), 、 and new lines. */
export const splitTokens = (text: string): string[] =>
  text
    .split(/[,，、\n]/)
    .map((token) => token.trim())
    .filter(Boolean);

import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from './session';

/** A staff page: its path pattern ('/tickets/:id'), who may open it, and its screen. */
export interface StaffRoute {
  pattern: string;
  roles: readonly Role[];
  page: LazyExoticComponent<ComponentType<{ params: Record<string, string> }>>;
}

const KNOWLEDGE_READERS: Role[] = [
  'kb_editor',
  'operator',
  'dispatcher',
  'supervisor',
  'analyst',
  'admin',
];

// Each workspace is its own chunk, loaded when first opened.
const OperatorPage = lazy(() => import('./workspaces/operator/OperatorPage'));
const KnowledgePage = lazy(() => import('./workspaces/knowledge/KnowledgePage'));
const ArticlePage = lazy(() => import('./workspaces/knowledge/ArticlePage'));

export const STAFF_ROUTES: readonly StaffRoute[] = [
  { pattern: '/operator', roles: ['operator'], page: OperatorPage },
  { pattern: '/knowledge', roles: KNOWLEDGE_READERS, page: KnowledgePage },
  { pattern: '/knowledge/:id', roles: KNOWLEDGE_READERS, page: ArticlePage },
];

/** The citizen portal: public, no login, phone-sized first. */
export const PortalApp = lazy(() => import('./portal/PortalApp'));

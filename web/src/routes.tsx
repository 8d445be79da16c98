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

const STAFF: Role[] = [
  'operator',
  'dispatcher',
  'coordinator',
  'handler',
  'callback_agent',
  'supervisor',
  'analyst',
  'kb_editor',
  'admin',
];

// Each workspace is its own chunk, loaded when first opened.
const TicketListPage = lazy(() => import('./workspaces/tickets/TicketListPage'));
const TicketPage = lazy(() => import('./workspaces/tickets/TicketPage'));
const DispatchPage = lazy(() => import('./workspaces/dispatch/DispatchPage'));
const HandlingPage = lazy(() => import('./workspaces/handling/HandlingPage'));
const CoordinationPage = lazy(() => import('./workspaces/coordination/CoordinationPage'));
const CallbackPage = lazy(() => import('./workspaces/callback/CallbackPage'));
const AdminPage = lazy(() => import('./workspaces/admin/AdminPage'));
const OperatorPage = lazy(() => import('./workspaces/operator/OperatorPage'));
const KnowledgePage = lazy(() => import('./workspaces/knowledge/KnowledgePage'));
const ArticlePage = lazy(() => import('./workspaces/knowledge/ArticlePage'));
const NewArticlePage = lazy(() => import('./workspaces/knowledge/NewArticlePage'));
const KnowledgeReportsPage = lazy(() => import('./workspaces/knowledge/ReportsPage'));
const CallsPage = lazy(() => import('./workspaces/calls/CallsPage'));
const SupervisionPage = lazy(() => import('./workspaces/supervision/SupervisionPage'));
const AnalysisPage = lazy(() => import('./workspaces/analysis/AnalysisPage'));

export const STAFF_ROUTES: readonly StaffRoute[] = [
  { pattern: '/operator', roles: ['operator'], page: OperatorPage },
  { pattern: '/dispatch', roles: ['dispatcher', 'coordinator'], page: DispatchPage },
  { pattern: '/handling', roles: ['handler'], page: HandlingPage },
  { pattern: '/coordination', roles: ['coordinator'], page: CoordinationPage },
  { pattern: '/callback', roles: ['callback_agent'], page: CallbackPage },
  { pattern: '/admin', roles: ['admin'], page: AdminPage },
  { pattern: '/calls', roles: ['supervisor', 'admin'], page: CallsPage },
  { pattern: '/supervision', roles: ['supervisor'], page: SupervisionPage },
  { pattern: '/analysis', roles: ['analyst', 'supervisor'], page: AnalysisPage },
  { pattern: '/tickets', roles: STAFF, page: TicketListPage },
  { pattern: '/tickets/:id', roles: STAFF, page: TicketPage },
  { pattern: '/knowledge', roles: KNOWLEDGE_READERS, page: KnowledgePage },
  // Before '/knowledge/:id', which would also match these.
  { pattern: '/knowledge/new', roles: ['kb_editor'], page: NewArticlePage },
  {
    pattern: '/knowledge/reports',
    roles: ['supervisor', 'analyst', 'kb_editor', 'admin'],
    page: KnowledgeReportsPage,
  },
  { pattern: '/knowledge/:id', roles: KNOWLEDGE_READERS, page: ArticlePage },
];

/** The citizen portal: public, no login, phone-sized first. */
export const PortalApp = lazy(() => import('./portal/PortalApp'));

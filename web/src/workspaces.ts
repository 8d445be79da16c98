import type { MessageKey } from './i18n';
import type { Role } from './session';

/** The staff workspaces, in the order of the navigation, with the roles that open each. */
export interface Workspace {
  path: string;
  label: MessageKey;
  roles: readonly Role[];
}

export const WORKSPACES: readonly Workspace[] = [
  { path: '/operator', label: 'nav.operator', roles: ['operator'] },
  // A coordinator starts on their district and also dispatches inside it.
  { path: '/coordination', label: 'nav.coordination', roles: ['coordinator'] },
  { path: '/dispatch', label: 'nav.dispatch', roles: ['dispatcher', 'coordinator'] },
  { path: '/handling', label: 'nav.handling', roles: ['handler'] },
  { path: '/callback', label: 'nav.callback', roles: ['callback_agent'] },
  { path: '/supervision', label: 'nav.supervision', roles: ['supervisor'] },
  { path: '/analysis', label: 'nav.analysis', roles: ['analyst', 'supervisor'] },
  {
    path: '/tickets',
    label: 'nav.tickets',
    roles: [
      'supervisor',
      'analyst',
      'operator',
      'dispatcher',
      'coordinator',
      'handler',
      'callback_agent',
      'admin',
    ],
  },
  {
    path: '/knowledge',
    label: 'nav.knowledge',
    roles: ['kb_editor', 'operator', 'dispatcher', 'supervisor', 'analyst', 'admin'],
  },
  { path: '/admin', label: 'nav.admin', roles: ['admin'] },
  // The phone's intake measures (and, for the admin, the extensions).
  { path: '/calls', label: 'nav.calls', roles: ['supervisor', 'admin'] },
];

export const workspacesFor = (roles: readonly Role[]): Workspace[] =>
  WORKSPACES.filter((workspace) => workspace.roles.some((role) => roles.includes(role)));

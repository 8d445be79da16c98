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
  {
    path: '/knowledge',
    label: 'nav.knowledge',
    roles: ['kb_editor', 'operator', 'dispatcher', 'supervisor', 'analyst', 'admin'],
  },
];

export const workspacesFor = (roles: readonly Role[]): Workspace[] =>
  WORKSPACES.filter((workspace) => workspace.roles.some((role) => roles.includes(role)));

import type { Role } from '../../platform/actor.js';

/** The intake desk: operators take contacts and create tickets. */
export const INTAKE_ROLES: Role[] = ['operator'];

/** Closing a ticket at intake is also open to the dispatch desk, from its pending queue. */
export const CLOSE_AT_INTAKE_ROLES: Role[] = ['operator', 'dispatcher'];

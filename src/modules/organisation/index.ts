// The organisation module: the tree of units (centre, districts/counties, streets/towns,
// communities; city departments and utilities beside it), their types and jurisdictions.
import type { Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import { organisationRoutes } from './organisation.routes.js';
import { OrganisationServiceImpl } from './organisation.service.js';
import type {
  Jurisdiction,
  Unit,
  UnitFilter,
  UnitInput,
  UnitNode,
  UnitPatch,
  UnitType,
} from './unit.js';

export {
  UNIT_TYPES,
  isUnitType,
  type Jurisdiction,
  type Position,
  type Unit,
  type UnitFilter,
  type UnitInput,
  type UnitNode,
  type UnitPatch,
  type UnitType,
} from './unit.js';
export { ALLOWED_PARENTS, parseJurisdiction } from './unit-rules.js';

export interface OrganisationService {
  /** One unit; NotFoundError UNIT_NOT_FOUND. */
  getUnit(id: number): Promise<Unit>;
  /** Several units by id (missing ids are absent from the map). */
  getUnits(ids: readonly number[]): Promise<Map<number, Unit>>;
  /** Units matching the filter (active ones unless includeInactive), ordered by id. */
  listUnits(filter?: {
    type?: UnitType;
    parentId?: number;
    districtId?: number;
    includeInactive?: boolean;
    q?: string;
  }): Promise<Unit[]>;
  /** One page of units matching the filter, and how many match in all. */
  searchUnits(
    filter: UnitFilter,
    page: { page: number; pageSize: number },
  ): Promise<{ items: Unit[]; total: number }>;
  /** The nested tree (roots, or the subtree under rootId). */
  getTree(options?: { includeInactive?: boolean; rootId?: number }): Promise<UnitNode[]>;
  /** The unit's area polygon (GeoJSON), or null when none is recorded. */
  getJurisdiction(id: number): Promise<Jurisdiction | null>;
  /** Admin: creates a unit; its district is derived from its place in the tree. */
  createUnit(actor: Actor, input: UnitInput): Promise<Unit>;
  /** Admin: changes a unit; a move re-derives the district of the unit and everything below it. */
  updateUnit(actor: Actor, id: number, patch: UnitPatch): Promise<Unit>;
  /** Admin: deactivates a unit that has no active units below it. */
  deactivateUnit(actor: Actor, id: number): Promise<Unit>;
}

export interface OrganisationModule {
  service: OrganisationService;
  routes: RouteRegistrar;
}

/** Builds the organisation module: its service and its /units routes. */
export function createOrganisationModule(
  deps: ModuleDeps,
  extra: { audit: AuditLog },
): OrganisationModule {
  const service = new OrganisationServiceImpl(deps.database, deps.clock, extra.audit);
  return { service, routes: organisationRoutes(service) };
}

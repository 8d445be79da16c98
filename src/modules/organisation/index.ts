// CONTRACT (to be implemented by the organisation module): other modules rely on these names.
import type { AuditLog } from '../../platform/audit.js';
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';

export const UNIT_TYPES = [
  'centre',
  'district',
  'street',
  'community',
  'department',
  'enterprise',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export interface Unit {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  type: UnitType;
  parentId: number | null;
  /** The district/county (区/县) this unit lies in; a district is its own; null for city-level units. */
  districtId: number | null;
  adcode: string | null;
  aliases: string[];
  active: boolean;
}

export interface OrganisationService {
  /** One unit; NotFoundError UNIT_NOT_FOUND. */
  getUnit(id: number): Promise<Unit>;
  /** Several units by id (missing ids are absent from the map). */
  getUnits(ids: readonly number[]): Promise<Map<number, Unit>>;
  listUnits(filter?: {
    type?: UnitType;
    parentId?: number;
    districtId?: number;
    includeInactive?: boolean;
  }): Promise<Unit[]>;
}

export interface OrganisationModule {
  service: OrganisationService;
  routes: RouteRegistrar;
}

export declare function createOrganisationModule(
  deps: ModuleDeps,
  extra: { audit: AuditLog },
): OrganisationModule;

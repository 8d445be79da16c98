// The shapes the admin workspace reads from /api/v1 (as the server sends them).
import type { Role } from '../../session';

export const UNIT_TYPES = [
  'centre',
  'district',
  'street',
  'community',
  'department',
  'enterprise',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** Where each kind of unit may hang in the tree (mirrors the server's unit rules). */
export const ALLOWED_PARENTS: Readonly<Record<UnitType, readonly UnitType[]>> = {
  centre: [],
  district: ['centre'],
  street: ['district'],
  community: ['street'],
  department: ['centre', 'department'],
  enterprise: ['centre', 'enterprise'],
};

export interface Unit {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  type: UnitType;
  parentId: number | null;
  districtId: number | null;
  adcode: string | null;
  aliases: string[];
  active: boolean;
  hasJurisdiction: boolean;
}
export interface UnitNode extends Unit {
  children: UnitNode[];
}

/** The roles an administrator gives to staff (citizens register on the portal). */
export const STAFF_ROLES: readonly Role[] = [
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

export interface User {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  roles: Role[];
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Category {
  id: number;
  code: string;
  parentId: number | null;
  level: number;
  name: string;
  nameEn: string | null;
  keywords: string[];
  active: boolean;
  path: string[];
}
export interface CategoryNode extends Category {
  children: CategoryNode[];
}

export interface CatalogueRule {
  id: number;
  versionId: number;
  categoryId: number;
  districtId: number | null;
  leadUnitId: number;
  coUnitIds: number[];
}
export interface CatalogueVersion {
  id: number;
  createdAt: string;
  createdBy: number | null;
  note: string | null;
  ruleCount: number;
}
export interface CatalogueVersionWithRules extends CatalogueVersion {
  rules: CatalogueRule[];
}
export interface Explanation {
  versionId: number | null;
  categoryId: number;
  districtId: number | null;
  suggestion: { versionId: number; ruleId: number; leadUnitId: number; coUnitIds: number[] } | null;
  rule: CatalogueRule | null;
  ancestorDistance: number | null;
  districtSpecific: boolean | null;
}

export type DayKind = 'holiday' | 'workday';
export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string | null;
}

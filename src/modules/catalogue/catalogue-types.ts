// The catalogue module's domain types; index.ts re-exports them.

export interface Category {
  id: number;
  code: string;
  parentId: number | null;
  level: 1 | 2 | 3;
  name: string;
  nameEn: string | null;
  keywords: string[];
  active: boolean;
  /** Names from the root, e.g. ['城乡建设', '市政设施', '路灯']. */
  path: string[];
}

/** A category with its children: the tree has three levels. */
export interface CategoryNode extends Category {
  children: CategoryNode[];
}

export interface NewCategory {
  parentId: number | null;
  name: string;
  nameEn?: string | null;
  keywords?: string[];
  /** Generated from the parent's code + 2 digits when absent. */
  code?: string;
}

export interface CategoryPatch {
  name?: string;
  nameEn?: string | null;
  keywords?: string[];
  active?: boolean;
}

/** What a category CSV import changed. */
export interface CategoryImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

/** What the dispatch catalogue (派单目录) says for a category in a district, and which version said it. */
export interface DispatchSuggestion {
  versionId: number;
  ruleId: number;
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

export interface CatalogueRule {
  id: number;
  versionId: number;
  categoryId: number;
  /** null: the rule holds city-wide. */
  districtId: number | null;
  leadUnitId: number;
  coUnitIds: number[];
}

export interface NewCatalogueRule {
  categoryId: number;
  districtId: number | null;
  leadUnitId: number;
  coUnitIds: number[];
}

/** Why a version routes a category in a district where it does. */
export interface DispatchExplanation {
  versionId: number | null;
  categoryId: number;
  districtId: number | null;
  suggestion: DispatchSuggestion | null;
  /** The rule that applies, or null when no rule of the version covers the category. */
  rule: CatalogueRule | null;
  /** 0: a rule of the category itself, 1: of its parent, 2: of its grandparent. */
  ancestorDistance: number | null;
  /** True when the rule is specific to the district, false when it is city-wide. */
  districtSpecific: boolean | null;
}

export type DayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string | null;
}

/** The shape of data/cn-public-holidays.json, also accepted by the calendar import. */
export interface HolidayFile {
  country?: string;
  description?: string;
  years: Record<
    string,
    {
      source?: string;
      holidays: { name: string; days: string[] }[];
      makeup_workdays: string[];
    }
  >;
}

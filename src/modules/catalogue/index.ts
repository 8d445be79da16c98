// CONTRACT (to be implemented by the catalogue module): other modules rely on these names.
import type { RouteRegistrar } from '../../platform/http/routes.js';
import type { ModuleDeps } from '../../platform/module.js';
import type { OrganisationService } from '../organisation/index.js';

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

export interface CategoryService {
  /** One category; NotFoundError CATEGORY_NOT_FOUND. */
  getCategory(id: number): Promise<Category>;
  listCategories(options?: { includeInactive?: boolean }): Promise<Category[]>;
}

/** What the dispatch catalogue (派单目录) says for a category in a district, and which version said it. */
export interface DispatchSuggestion {
  versionId: number;
  ruleId: number;
  leadUnitId: number;
  coUnitIds: number[];
}

export interface DispatchCatalogueService {
  /** The rule of the version in force now: the most specific (category, then its ancestors; district rule before city-wide). */
  suggest(categoryId: number, districtId: number | null): Promise<DispatchSuggestion | null>;
}

export type Urgency = 'normal' | 'urgent' | 'emergency';

/** Time limits (../shared/DOMAIN.md), on the working-day calendar. All results are ISO UTC strings. */
export interface DeadlineService {
  /** Sign-for and feedback deadlines of a dispatch made at `at`. */
  atDispatch(input: {
    urgency: Urgency;
    categoryId: number | null;
    at: Date;
  }): Promise<{ signDueAt: string; replyDueAt: string }>;
  /** The callback deadline of a reply made at `at` (1 working day by default). */
  callbackDue(at: Date): Promise<string>;
  /** A feedback deadline moved by `workingDays` from `from` (approved extensions). */
  addWorkingDays(from: Date, workingDays: number): Promise<string>;
}

export interface CatalogueModule {
  categories: CategoryService;
  catalogue: DispatchCatalogueService;
  deadlines: DeadlineService;
  routes: RouteRegistrar;
}

export declare function createCatalogueModule(
  deps: ModuleDeps,
  extra: { organisation: OrganisationService },
): CatalogueModule;

import type { Actor } from '../../platform/actor.js';
import { recordAuditIn } from '../../platform/audit.js';
import { writeCsv } from '../../platform/csv.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { assertAdmin } from './admin-audit.js';
import type {
  Category,
  CategoryImportResult,
  CategoryNode,
  CategoryPatch,
  NewCategory,
} from './catalogue-types.js';
import {
  allCategoryCodes,
  deactivateSubtree,
  findCategoryWithAncestors,
  findSiblingByName,
  insertCategory,
  listCategoryRecords,
  updateCategoryRow,
  type Executor,
} from './categories.repository.js';
import { planCategoryImport, type PlannedCategory } from './category-import.js';
import {
  buildTree,
  CATEGORY_CSV_COLUMNS,
  categoryCsvRecords,
  codeProblem,
  keywordsProblem,
  MAX_LEVEL,
  nameProblem,
  nextChildCode,
  normaliseKeywords,
  withPaths,
} from './category-rules.js';
import { CsvImportError, readCsvUpload } from './csv-import.js';

/** The category tree (诉求分类): reads for everyone, changes by administrators. */
export class CategoryService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** One category with its path; NotFoundError CATEGORY_NOT_FOUND. */
  async getCategory(id: number): Promise<Category> {
    return this.load(this.database.db, id);
  }

  async listCategories(options: { includeInactive?: boolean } = {}): Promise<Category[]> {
    const all = withPaths(await listCategoryRecords(this.database.db, { includeInactive: true }));
    return options.includeInactive ? all : all.filter((c) => c.active);
  }

  async tree(options: { includeInactive?: boolean } = {}): Promise<CategoryNode[]> {
    return buildTree(await this.listCategories(options));
  }

  async createCategory(actor: Actor, input: NewCategory): Promise<Category> {
    assertAdmin(actor, 'change categories');
    const name = input.name.trim();
    const keywords = normaliseKeywords(input.keywords ?? []);
    checkFields({ name, keywords, code: input.code });
    const id = await this.database.write(async (trx) => {
      const parent =
        input.parentId === null ? null : await this.load(trx, input.parentId, 'parentId');
      if (parent && parent.level >= MAX_LEVEL) {
        throw new ValidationError('parentId', `a category has at most ${MAX_LEVEL} levels`);
      }
      if (parent && !parent.active) {
        throw new ConflictError('CATEGORY_PARENT_INACTIVE', `${parent.name} is deactivated`);
      }
      await this.assertNameFree(trx, input.parentId, name, null);
      const codes = await allCategoryCodes(trx);
      const code = input.code ?? nextChildCode(parent?.code ?? '', (c) => codes.has(c));
      if (code === null)
        throw new ConflictError('CATEGORY_CODES_EXHAUSTED', 'no free code left here');
      if (codes.has(code)) throw new ConflictError('CATEGORY_CODE_TAKEN', `code ${code} is in use`);
      const values = {
        code,
        parentId: input.parentId,
        level: (parent?.level ?? 0) + 1,
        name,
        nameEn: input.nameEn?.trim() || null,
        keywords,
        active: true,
      };
      const newId = await insertCategory(trx, values);
      await this.audit(trx, actor, 'category.create', newId, values);
      return newId;
    });
    return this.getCategory(id);
  }

  async updateCategory(actor: Actor, id: number, patch: CategoryPatch): Promise<Category> {
    assertAdmin(actor, 'change categories');
    const name = patch.name?.trim();
    const keywords = patch.keywords && normaliseKeywords(patch.keywords);
    checkFields({ name, keywords });
    await this.database.write(async (trx) => {
      const current = await this.load(trx, id);
      if (name !== undefined && name !== current.name) {
        await this.assertNameFree(trx, current.parentId, name, id);
      }
      if (patch.active === true && !current.active && current.parentId !== null) {
        const parent = await this.load(trx, current.parentId);
        if (!parent.active)
          throw new ConflictError('CATEGORY_PARENT_INACTIVE', `${parent.name} is deactivated`);
      }
      const values = {
        name,
        keywords,
        ...(patch.nameEn !== undefined && { nameEn: patch.nameEn?.trim() || null }),
        ...(patch.active === true && { active: true }),
      };
      await updateCategoryRow(trx, id, values);
      const deactivated = patch.active === false ? await deactivateSubtree(trx, id) : undefined;
      await this.audit(trx, actor, 'category.update', id, { ...values, deactivated });
    });
    return this.getCategory(id);
  }

  /** Deactivates a category and its descendants: kept for history, no longer offered. */
  async deactivate(actor: Actor, id: number): Promise<Category> {
    assertAdmin(actor, 'change categories');
    await this.database.write(async (trx) => {
      await this.load(trx, id);
      const count = await deactivateSubtree(trx, id);
      await this.audit(trx, actor, 'category.deactivate', id, { deactivated: count });
    });
    return this.getCategory(id);
  }

  /** The tree as CSV (code,level1,level2,level3,name_en,keywords), without a BOM. */
  async exportCsv(options: { includeInactive?: boolean } = {}): Promise<string> {
    return writeCsv(categoryCsvRecords(await this.listCategories(options)));
  }

  /** Upserts categories from CSV by code; any problem refuses the whole file (CSV_INVALID). */
  async importCsv(actor: Actor, text: string): Promise<CategoryImportResult> {
    assertAdmin(actor, 'import categories');
    const rows = readCsvUpload(text, CATEGORY_CSV_COLUMNS);
    return this.database.write(async (trx) => {
      const existing = await listCategoryRecords(trx, { includeInactive: true });
      const result = planCategoryImport(existing, rows);
      if (result.plan === null) throw new CsvImportError(result.problems);
      const { creates, updates, unchanged } = result.plan;
      const ids = new Map<string, number>();
      const idOf = (ref: string | null) =>
        ref === null ? null : (ids.get(ref) ?? Number(ref.slice('id:'.length)));
      for (const node of creates) ids.set(node.ref, await insertCategory(trx, values(node, idOf)));
      for (const node of updates) await updateCategoryRow(trx, node.id!, values(node, idOf));
      const summary = { created: creates.length, updated: updates.length, unchanged };
      await this.audit(trx, actor, 'category.import', 'csv', summary);
      return summary;
    });
  }

  private async load(db: Executor, id: number, field?: string): Promise<Category> {
    const found = await findCategoryWithAncestors(db, id);
    if (!found) {
      if (field)
        throw new ValidationError(field, `category ${id} does not exist`, 'CATEGORY_NOT_FOUND');
      throw new NotFoundError('Category', id, 'CATEGORY_NOT_FOUND');
    }
    const path = [...found.ancestors.map((a) => a.name).reverse(), found.category.name];
    return { ...found.category, path };
  }

  private async assertNameFree(
    db: Executor,
    parentId: number | null,
    name: string,
    self: number | null,
  ): Promise<void> {
    const clash = await findSiblingByName(db, parentId, name);
    if (clash && clash.id !== self) {
      throw new ConflictError(
        'CATEGORY_NAME_TAKEN',
        `"${name}" already exists here (code ${clash.code})`,
      );
    }
  }

  private audit(
    db: Executor,
    actor: Actor,
    action: string,
    id: number | string,
    detail: Record<string, unknown>,
  ) {
    return recordAuditIn(db, this.clock.now().toISOString(), {
      actorId: actor.userId,
      action,
      subjectType: 'category',
      subjectId: id,
      detail,
    });
  }
}

function checkFields(fields: { name?: string; keywords?: string[]; code?: string }): void {
  const nameIssue = fields.name === undefined ? null : nameProblem(fields.name);
  if (nameIssue) throw new ValidationError('name', `name ${nameIssue}`);
  const keywordIssue = fields.keywords === undefined ? null : keywordsProblem(fields.keywords);
  if (keywordIssue) throw new ValidationError('keywords', keywordIssue);
  const codeIssue = fields.code === undefined ? null : codeProblem(fields.code);
  if (codeIssue) throw new ValidationError('code', `code ${codeIssue}`);
}

function values(node: PlannedCategory, idOf: (ref: string | null) => number | null) {
  return {
    code: node.code,
    parentId: idOf(node.parentRef),
    level: node.level,
    name: node.name,
    nameEn: node.nameEn,
    keywords: node.keywords,
    active: node.active,
  };
}

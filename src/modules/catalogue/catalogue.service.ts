import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import { recordAuditIn } from '../../platform/audit.js';
import { writeCsv } from '../../platform/csv.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import type { OrganisationService } from '../organisation/index.js';
import { assertAdmin } from './admin-audit.js';
import {
  candidateRules,
  categoryFacts,
  currentVersionId,
  findVersion,
  insertVersion,
  listRules,
  listVersions,
} from './catalogue.repository.js';
import type {
  CatalogueRule,
  CatalogueVersion,
  DispatchExplanation,
  DispatchSuggestion,
  NewCatalogueRule,
} from './catalogue-types.js';
import { findCategoryWithAncestors, listCategoryRecords } from './categories.repository.js';
import { catalogueCsvRecords, rulesFromCsv, type UnitCodes } from './catalogue-csv.js';
import { readCsvUpload, CsvImportError } from './csv-import.js';
import { CATALOGUE_CSV_COLUMNS, pickRule, validateRules, type RuleFacts } from './routing-rules.js';

export interface CatalogueVersionWithRules extends CatalogueVersion {
  rules: CatalogueRule[];
}

/** The dispatch catalogue (派单目录): immutable versions; the newest is in force. */
export class DispatchCatalogueService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly organisation: OrganisationService,
  ) {}

  /** The rule of the version in force for a category in a district; null when none applies. */
  async suggest(categoryId: number, districtId: number | null): Promise<DispatchSuggestion | null> {
    const versionId = await currentVersionId(this.database.db);
    if (versionId === null) return null;
    const chain = await this.categoryChain(categoryId);
    return chain ? (await this.match(versionId, chain, districtId)).suggestion : null;
  }

  /** Which rule of a given (possibly past) version applies, and why. */
  async explain(
    versionId: number,
    categoryId: number,
    districtId: number | null,
  ): Promise<DispatchExplanation> {
    if (!(await findVersion(this.database.db, versionId))) {
      throw new NotFoundError('Catalogue version', versionId, 'CATALOGUE_VERSION_NOT_FOUND');
    }
    const chain = await this.categoryChain(categoryId);
    if (!chain) throw new NotFoundError('Category', categoryId, 'CATEGORY_NOT_FOUND');
    return { categoryId, districtId, ...(await this.match(versionId, chain, districtId)) };
  }

  /** `explain` for the version in force now (versionId null when no version exists yet). */
  async explainCurrent(
    categoryId: number,
    districtId: number | null,
  ): Promise<DispatchExplanation> {
    const versionId = await currentVersionId(this.database.db);
    if (versionId !== null) return this.explain(versionId, categoryId, districtId);
    if (!(await this.categoryChain(categoryId))) {
      throw new NotFoundError('Category', categoryId, 'CATEGORY_NOT_FOUND');
    }
    const none = { suggestion: null, rule: null, ancestorDistance: null, districtSpecific: null };
    return { versionId: null, categoryId, districtId, ...none };
  }

  /** Every version, newest (in force) first. */
  async listVersions(): Promise<CatalogueVersion[]> {
    return listVersions(this.database.db);
  }

  async getVersion(id: number): Promise<CatalogueVersionWithRules> {
    const version = await findVersion(this.database.db, id);
    if (!version) throw new NotFoundError('Catalogue version', id, 'CATALOGUE_VERSION_NOT_FOUND');
    return { ...version, rules: await listRules(this.database.db, id) };
  }

  /** The version in force, or null before the first one is published. */
  async currentVersion(): Promise<CatalogueVersionWithRules | null> {
    const id = await currentVersionId(this.database.db);
    return id === null ? null : this.getVersion(id);
  }

  /** Publishes a new version (it is in force at once); the rules are checked as a whole. */
  async publish(
    actor: Actor,
    input: { note: string | null; rules: NewCatalogueRule[] },
  ): Promise<CatalogueVersionWithRules> {
    assertAdmin(actor, 'publish the dispatch catalogue');
    if (input.rules.length === 0)
      throw new ValidationError('rules', 'a version needs at least one rule');
    const units = await this.unitFacts(input.rules);
    const id = await this.database.write(async (trx) => {
      const categories = await categoryFacts(trx, [
        ...new Set(input.rules.map((r) => r.categoryId)),
      ]);
      const problem = validateRules(input.rules, { categories, units })[0];
      if (problem) {
        const field = `rules.${problem.index}.${problem.field}`;
        throw new ValidationError(field, `${field}: ${problem.message}`, 'CATALOGUE_INVALID');
      }
      return this.insert(trx, actor, input.note, input.rules);
    });
    return this.getVersion(id);
  }

  /** A version's rules as CSV (category_code, district_code, lead_unit_code, co_unit_codes). */
  async exportCsv(versionId: number): Promise<string> {
    const { rules } = await this.getVersion(versionId);
    const categories = await categoryFacts(
      this.database.db,
      rules.map((r) => r.categoryId),
    );
    const unitIds = rules.flatMap((r) => [
      r.leadUnitId,
      ...r.coUnitIds,
      ...(r.districtId ? [r.districtId] : []),
    ]);
    const units = await this.organisation.getUnits([...new Set(unitIds)]);
    return writeCsv(catalogueCsvRecords(rules, categories, units));
  }

  /** Publishes a new version from CSV; any problem refuses the whole file (CSV_INVALID). */
  async importCsv(
    actor: Actor,
    text: string,
    note: string | null,
  ): Promise<CatalogueVersionWithRules> {
    assertAdmin(actor, 'publish the dispatch catalogue');
    const rows = readCsvUpload(text, CATALOGUE_CSV_COLUMNS);
    const units = await this.organisation.listUnits({ includeInactive: true });
    const unitCodes: UnitCodes = new Map(units.map((u) => [u.code, u]));
    const id = await this.database.write(async (trx) => {
      const categories = await listCategoryRecords(trx, { includeInactive: true });
      const categoryCodes = new Map(
        categories.map((c) => [c.code, { id: c.id, active: c.active }]),
      );
      const facts: RuleFacts = {
        categories: new Map(categories.map((c) => [c.id, { active: c.active }])),
        units: new Map(units.map((u) => [u.id, u])),
      };
      const result = rulesFromCsv(rows, categoryCodes, unitCodes, facts);
      if (result.problems.length > 0) throw new CsvImportError(result.problems);
      return this.insert(trx, actor, note ?? 'imported from CSV', result.rules);
    });
    return this.getVersion(id);
  }

  private async insert(
    trx: Transaction<DB>,
    actor: Actor,
    note: string | null,
    rules: NewCatalogueRule[],
  ): Promise<number> {
    const at = this.clock.now().toISOString();
    const id = await insertVersion(trx, { createdAt: at, createdBy: actor.userId, note }, rules);
    await recordAuditIn(trx, at, {
      actorId: actor.userId,
      action: 'catalogue.publish',
      subjectType: 'catalogue_version',
      subjectId: id,
      detail: { note, rules: rules.length },
    });
    return id;
  }

  private async unitFacts(rules: readonly NewCatalogueRule[]): Promise<RuleFacts['units']> {
    const ids = rules.flatMap((r) => [
      r.leadUnitId,
      ...r.coUnitIds,
      ...(r.districtId ? [r.districtId] : []),
    ]);
    return this.organisation.getUnits([...new Set(ids)]);
  }

  /** [category, parent, grandparent], or null when the category does not exist. */
  private async categoryChain(categoryId: number): Promise<number[] | null> {
    const found = await findCategoryWithAncestors(this.database.db, categoryId);
    return found ? [found.category.id, ...found.ancestors.map((a) => a.id)] : null;
  }

  private async match(versionId: number, chain: number[], districtId: number | null) {
    const rules = await candidateRules(this.database.db, versionId, chain, districtId);
    const match = pickRule(rules, chain, districtId);
    if (!match) {
      return {
        versionId,
        suggestion: null,
        rule: null,
        ancestorDistance: null,
        districtSpecific: null,
      };
    }
    const { rule } = match;
    const suggestion = {
      versionId,
      ruleId: rule.id,
      leadUnitId: rule.leadUnitId,
      coUnitIds: rule.coUnitIds,
    };
    return {
      versionId,
      suggestion,
      rule,
      ancestorDistance: match.ancestorDistance,
      districtSpecific: match.districtSpecific,
    };
  }
}

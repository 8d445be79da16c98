import type { Transaction, Updateable } from 'kysely';
import { requireRoles, type Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import type { DB, UnitTable } from '../../platform/db/schema.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import * as repo from './organisation.repository.js';
import {
  checkParent,
  districtIdFor,
  normaliseAdcode,
  normaliseAliases,
  normaliseCode,
  normaliseName,
  parseJurisdiction,
} from './unit-rules.js';
import {
  isUnitType,
  UNIT_TYPES,
  type Jurisdiction,
  type Unit,
  type UnitFilter,
  type UnitInput,
  type UnitNode,
  type UnitPatch,
} from './unit.js';

const requireAdmin = (actor: Actor): void => {
  requireRoles(actor, ['admin'], 'Only an admin can change the organisation');
};

const codeTaken = (code: string) =>
  new ConflictError('UNIT_CODE_TAKEN', `Another unit already has the code ${code}`);

/** The organisation tree: reads for every module, changes for admins (each one audited). */
export class OrganisationServiceImpl {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async getUnit(id: number): Promise<Unit> {
    const unit = await repo.findUnit(this.database.db, id);
    if (!unit) throw new NotFoundError('Unit', id, 'UNIT_NOT_FOUND');
    return unit;
  }

  async getUnits(ids: readonly number[]): Promise<Map<number, Unit>> {
    const units = await repo.findUnits(this.database.db, ids);
    return new Map(units.map((unit) => [unit.id, unit]));
  }

  async listUnits(filter: UnitFilter = {}): Promise<Unit[]> {
    return repo.listUnits(this.database.db, filter);
  }

  /** One page of units (ordered by id) and the total matching the filter. */
  async searchUnits(
    filter: UnitFilter,
    page: { page: number; pageSize: number },
  ): Promise<{ items: Unit[]; total: number }> {
    const [items, total] = await Promise.all([
      repo.listUnits(this.database.db, filter, {
        limit: page.pageSize,
        offset: (page.page - 1) * page.pageSize,
      }),
      repo.countUnits(this.database.db, filter),
    ]);
    return { items, total };
  }

  /** The nested tree: the roots (or the subtree under `rootId`), children in creation order. */
  async getTree(options: { includeInactive?: boolean; rootId?: number } = {}): Promise<UnitNode[]> {
    const units = await repo.listUnits(this.database.db, {
      includeInactive: options.includeInactive ?? false,
    });
    const nodes = new Map<number, UnitNode>(units.map((u) => [u.id, { ...u, children: [] }]));
    const roots: UnitNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    if (options.rootId === undefined) return roots;
    const root = nodes.get(options.rootId);
    if (!root) throw new NotFoundError('Unit', options.rootId, 'UNIT_NOT_FOUND');
    return [root];
  }

  /** The unit's area polygon, or null when none is recorded. */
  async getJurisdiction(id: number): Promise<Jurisdiction | null> {
    await this.getUnit(id);
    return repo.findJurisdiction(this.database.db, id);
  }

  async createUnit(actor: Actor, input: UnitInput): Promise<Unit> {
    requireAdmin(actor);
    if (!isUnitType(input.type)) {
      throw new ValidationError('type', `The type must be one of ${UNIT_TYPES.join(', ')}`);
    }
    const type = input.type;
    const values = {
      code: normaliseCode(input.code),
      name: normaliseName(input.name, 'name'),
      name_en: input.nameEn ? normaliseName(input.nameEn, 'nameEn') : null,
      adcode: normaliseAdcode(input.adcode ?? null),
      aliases: normaliseAliases(input.aliases ?? []),
      jurisdiction: input.jurisdiction == null ? null : parseJurisdiction(input.jurisdiction),
    };
    const id = await this.write(async (trx) => {
      const parent = await this.parentFor(trx, input.parentId ?? null);
      checkParent(type, parent);
      if (await repo.findUnitByCode(trx, values.code)) throw codeTaken(values.code);
      const created = await repo.insertUnit(trx, {
        ...values,
        type,
        parent_id: parent?.id ?? null,
        district_id: null,
        created_at: this.clock.now().toISOString(),
      });
      const districtId = districtIdFor(type, created, parent);
      if (districtId !== null) await repo.setDistrictOf(trx, [created], districtId);
      await this.audit.recordIn(trx, {
        actorId: actor.userId,
        action: 'unit.create',
        subjectType: 'unit',
        subjectId: created,
        detail: { code: values.code, name: values.name, type, parentId: input.parentId ?? null },
      });
      return created;
    }, values.code);
    return this.getUnit(id);
  }

  async updateUnit(actor: Actor, id: number, patch: UnitPatch): Promise<Unit> {
    requireAdmin(actor);
    const fields = normalisePatch(patch);
    await this.write(async (trx) => {
      const current = await repo.findUnit(trx, id);
      if (!current) throw new NotFoundError('Unit', id, 'UNIT_NOT_FOUND');
      if (fields.code !== undefined && fields.code !== current.code) {
        if (await repo.findUnitByCode(trx, fields.code)) throw codeTaken(fields.code);
      }
      if (patch.parentId !== undefined && patch.parentId !== current.parentId) {
        await this.move(trx, current, patch.parentId);
      }
      if (patch.active !== undefined && patch.active !== current.active) {
        await this.checkActivation(trx, current, patch.active);
        fields.active = patch.active ? 1 : 0;
      }
      await repo.updateUnitRow(trx, id, fields);
      if (Object.keys(patch).length > 0) {
        await this.audit.recordIn(trx, {
          actorId: actor.userId,
          action: patch.active === false ? 'unit.deactivate' : 'unit.update',
          subjectType: 'unit',
          subjectId: id,
          detail: auditValues(patch),
        });
      }
    }, fields.code);
    return this.getUnit(id);
  }

  /** Deactivates a unit with no active children (its history stays; it gets no new work). */
  async deactivateUnit(actor: Actor, id: number): Promise<Unit> {
    return this.updateUnit(actor, id, { active: false });
  }

  private async write<T>(work: (trx: Transaction<DB>) => Promise<T>, code?: string): Promise<T> {
    try {
      return await this.database.write(work);
    } catch (error) {
      // Two admins creating the same code at once: the unique index decides.
      if (code && isUniqueViolation(error)) throw codeTaken(code);
      throw error;
    }
  }

  private async parentFor(trx: Transaction<DB>, parentId: number | null): Promise<Unit | null> {
    if (parentId === null) return null;
    const parent = await repo.findUnit(trx, parentId);
    if (!parent) {
      throw new ValidationError('parentId', `There is no unit ${parentId}`, 'PARENT_NOT_FOUND');
    }
    return parent;
  }

  /** Re-parents a unit; it and everything below it take the district of the new place. */
  private async move(trx: Transaction<DB>, unit: Unit, parentId: number | null): Promise<void> {
    const parent = await this.parentFor(trx, parentId);
    const below = await repo.descendantIds(trx, unit.id);
    if (parent && (parent.id === unit.id || below.includes(parent.id))) {
      throw new ValidationError(
        'parentId',
        'A unit cannot be moved under itself or a unit below it',
        'INVALID_PARENT',
      );
    }
    checkParent(unit.type, parent);
    await repo.updateUnitRow(trx, unit.id, { parent_id: parent?.id ?? null });
    const districtId = districtIdFor(unit.type, unit.id, parent);
    if (districtId !== unit.districtId)
      await repo.setDistrictOf(trx, [unit.id, ...below], districtId);
  }

  private async checkActivation(trx: Transaction<DB>, unit: Unit, active: boolean): Promise<void> {
    if (!active && (await repo.hasActiveChildren(trx, unit.id))) {
      throw new ConflictError(
        'UNIT_HAS_ACTIVE_CHILDREN',
        `${unit.name} still has active units below it: deactivate or move them first`,
      );
    }
    if (active && unit.parentId !== null) {
      const parent = await repo.findUnit(trx, unit.parentId);
      if (!parent?.active) {
        throw new ConflictError('PARENT_INACTIVE', 'Reactivate the parent unit first');
      }
    }
  }
}

function normalisePatch(patch: UnitPatch): Updateable<UnitTable> {
  const fields: Updateable<UnitTable> = {};
  if (patch.code !== undefined) fields.code = normaliseCode(patch.code);
  if (patch.name !== undefined) fields.name = normaliseName(patch.name, 'name');
  if (patch.nameEn !== undefined) {
    fields.name_en = patch.nameEn ? normaliseName(patch.nameEn, 'nameEn') : null;
  }
  if (patch.adcode !== undefined) fields.adcode = normaliseAdcode(patch.adcode);
  if (patch.aliases !== undefined) {
    fields.aliases = repo.aliasesColumn(normaliseAliases(patch.aliases));
  }
  if (patch.jurisdiction !== undefined) {
    fields.jurisdiction =
      patch.jurisdiction === null ? null : JSON.stringify(parseJurisdiction(patch.jurisdiction));
  }
  return fields;
}

/** What the audit log keeps of a change: the values, except the (large) polygon itself. */
function auditValues(patch: UnitPatch): Record<string, unknown> {
  const { jurisdiction, ...rest } = patch;
  if (jurisdiction === undefined) return rest;
  return { ...rest, jurisdiction: jurisdiction === null ? 'cleared' : 'set' };
}

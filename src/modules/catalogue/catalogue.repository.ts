import type { Selectable } from 'kysely';
import type { CatalogueRuleTable } from '../../platform/db/schema.js';
import type { Executor } from './categories.repository.js';
import type { CatalogueRule, CatalogueVersion, NewCatalogueRule } from './catalogue-types.js';

function toRule(row: Selectable<CatalogueRuleTable>): CatalogueRule {
  return {
    id: row.id,
    versionId: row.version_id,
    categoryId: row.category_id,
    districtId: row.district_id,
    leadUnitId: row.lead_unit_id,
    coUnitIds: JSON.parse(row.co_unit_ids) as number[],
  };
}

export async function listVersions(db: Executor): Promise<CatalogueVersion[]> {
  const rows = await db
    .selectFrom('catalogue_versions as v')
    .leftJoin('catalogue_rules as r', 'r.version_id', 'v.id')
    .select(['v.id', 'v.created_at', 'v.created_by', 'v.note'])
    .select((eb) => eb.fn.count<string | number>('r.id').as('rule_count'))
    .groupBy(['v.id', 'v.created_at', 'v.created_by', 'v.note'])
    .orderBy('v.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    note: row.note,
    ruleCount: Number(row.rule_count),
  }));
}

export async function findVersion(db: Executor, id: number): Promise<CatalogueVersion | null> {
  const row = await db
    .selectFrom('catalogue_versions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const count = await db
    .selectFrom('catalogue_rules')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('version_id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    note: row.note,
    ruleCount: Number(count.n),
  };
}

/** The version in force: the newest one. */
export async function currentVersionId(db: Executor): Promise<number | null> {
  const row = await db
    .selectFrom('catalogue_versions')
    .select('id')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function listRules(db: Executor, versionId: number): Promise<CatalogueRule[]> {
  const rows = await db
    .selectFrom('catalogue_rules')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('id')
    .execute();
  return rows.map(toRule);
}

/** The rules of a version that could apply to these categories in this district. */
export async function candidateRules(
  db: Executor,
  versionId: number,
  categoryIds: readonly number[],
  districtId: number | null,
): Promise<CatalogueRule[]> {
  const rows = await db
    .selectFrom('catalogue_rules')
    .selectAll()
    .where('version_id', '=', versionId)
    .where('category_id', 'in', [...categoryIds])
    .where((eb) =>
      districtId === null
        ? eb('district_id', 'is', null)
        : eb.or([eb('district_id', 'is', null), eb('district_id', '=', districtId)]),
    )
    .execute();
  return rows.map(toRule);
}

export async function insertVersion(
  trx: Executor,
  version: { createdAt: string; createdBy: number; note: string | null },
  rules: readonly NewCatalogueRule[],
): Promise<number> {
  const { id } = await trx
    .insertInto('catalogue_versions')
    .values({ created_at: version.createdAt, created_by: version.createdBy, note: version.note })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Chunks keep each statement under SQLite's and PostgreSQL's bound-parameter limits.
  for (let start = 0; start < rules.length; start += 500) {
    await trx
      .insertInto('catalogue_rules')
      .values(
        rules.slice(start, start + 500).map((rule) => ({
          version_id: id,
          category_id: rule.categoryId,
          district_id: rule.districtId,
          lead_unit_id: rule.leadUnitId,
          co_unit_ids: JSON.stringify(rule.coUnitIds),
        })),
      )
      .execute();
  }
  return id;
}

/** Active flags of categories by id, to check a version's rules. */
export async function categoryFacts(
  db: Executor,
  ids: readonly number[],
): Promise<Map<number, { active: boolean; code: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('categories')
    .select(['id', 'active', 'code'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, { active: r.active === 1, code: r.code }]));
}

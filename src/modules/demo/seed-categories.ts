import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { CITY_CATEGORIES } from './data/categories-city.js';
import { PEOPLE_CATEGORIES } from './data/categories-people.js';
import { SERVICE_CATEGORIES } from './data/categories-services.js';
import type { LeafSeed, TopSeed } from './data/category-types.js';
import type { SeededOrganisation } from './seed-organisation.js';

/** The demo's three-level 12345 category tree (诉求分类). */
export const CATEGORY_TREE: readonly TopSeed[] = [
  ...CITY_CATEGORIES,
  ...PEOPLE_CATEGORIES,
  ...SERVICE_CATEGORIES,
];

export interface SeededLeaf {
  id: number;
  code: string;
  seed: LeafSeed;
  /** Names from the root: [first level, second level, leaf]. */
  path: [string, string, string];
}

/** A rule of the dispatch catalogue (派单目录) as the catalogue service publishes it. */
export interface CatalogueRuleInput {
  categoryId: number;
  districtId: number | null;
  leadUnitId: number;
  coUnitIds: number[];
}

const code = (index: number): string => String(index + 1).padStart(2, '0');

/** Writes the category tree; codes are two digits per level ('01', '0101', '010101'). */
export async function seedCategories(trx: Transaction<DB>): Promise<SeededLeaf[]> {
  const insert = async (
    values: { code: string; name: string; nameEn: string; keywords: string[] },
    level: number,
    parentId: number | null,
  ): Promise<number> => {
    const row = await trx
      .insertInto('categories')
      .values({
        code: values.code,
        parent_id: parentId,
        level,
        name: values.name,
        name_en: values.nameEn,
        keywords: JSON.stringify(values.keywords),
        active: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const leaves: SeededLeaf[] = [];
  for (const [i, top] of CATEGORY_TREE.entries()) {
    const topCode = code(i);
    const topId = await insert({ ...top, code: topCode, keywords: top.keywords ?? [] }, 1, null);
    for (const [j, group] of top.groups.entries()) {
      const groupCode = topCode + code(j);
      const groupId = await insert(
        { ...group, code: groupCode, keywords: group.keywords ?? [] },
        2,
        topId,
      );
      for (const [k, leaf] of group.leaves.entries()) {
        const leafCode = groupCode + code(k);
        const id = await insert({ ...leaf, code: leafCode }, 3, groupId);
        leaves.push({ id, code: leafCode, seed: leaf, path: [top.name, group.name, leaf.name] });
      }
    }
  }
  return leaves;
}

/**
 * Version 1 of the catalogue: a local matter goes to the district or county where it happens
 * (which hands it on to the street or town); a city-wide matter to its department or utility,
 * with the district as co-handler where the district must act too.
 */
export function catalogueRules(
  leaves: readonly SeededLeaf[],
  org: SeededOrganisation,
): CatalogueRuleInput[] {
  const unit = (unitCode: string): number => {
    const id = org.cityUnits.get(unitCode);
    if (id === undefined) throw new Error(`the catalogue names an unknown unit ${unitCode}`);
    return id;
  };
  const rules: CatalogueRuleInput[] = [];
  for (const leaf of leaves) {
    const route = leaf.seed.route;
    if (route.lead === 'local') {
      for (const district of org.districts)
        rules.push({
          categoryId: leaf.id,
          districtId: district.id,
          leadUnitId: district.id,
          coUnitIds: [],
        });
      continue;
    }
    const co = (route.co ?? []).map(unit);
    rules.push({
      categoryId: leaf.id,
      districtId: null,
      leadUnitId: unit(route.lead),
      coUnitIds: co,
    });
    if (route.coLocal) {
      for (const district of org.districts)
        rules.push({
          categoryId: leaf.id,
          districtId: district.id,
          leadUnitId: unit(route.lead),
          coUnitIds: [...co, district.id],
        });
    }
  }
  return rules;
}

// Rules of the dispatch catalogue (派单目录). Pure: no I/O.
import type { CatalogueRule, NewCatalogueRule } from './catalogue-types.js';

export interface RuleMatch {
  rule: CatalogueRule;
  /** 0: the category's own rule, 1: its parent's, 2: its grandparent's. */
  ancestorDistance: number;
  districtSpecific: boolean;
}

/**
 * The most specific rule for a category in a district: the category itself, then its parent,
 * then its grandparent; at each level a rule for the district beats a city-wide one.
 * `categoryChain` is [category, parent, grandparent] (as far as it goes).
 */
export function pickRule(
  rules: readonly CatalogueRule[],
  categoryChain: readonly number[],
  districtId: number | null,
): RuleMatch | null {
  for (const [ancestorDistance, categoryId] of categoryChain.entries()) {
    const own = rules.filter((r) => r.categoryId === categoryId);
    const local = districtId === null ? undefined : own.find((r) => r.districtId === districtId);
    if (local) return { rule: local, ancestorDistance, districtSpecific: true };
    const cityWide = own.find((r) => r.districtId === null);
    if (cityWide) return { rule: cityWide, ancestorDistance, districtSpecific: false };
  }
  return null;
}

/** What a version's rules are checked against. */
export interface RuleFacts {
  categories: ReadonlyMap<number, { active: boolean }>;
  units: ReadonlyMap<number, { type: string; active: boolean }>;
}

export interface RuleProblem {
  /** Index of the rule in the list. */
  index: number;
  field: 'categoryId' | 'districtId' | 'leadUnitId' | 'coUnitIds';
  message: string;
  /** For a repeated (category, district) pair: the index of the rule it repeats. */
  duplicateOf?: number;
}

function unitProblem(
  facts: RuleFacts,
  unitId: number,
  what: string,
  mustBeDistrict = false,
): string | null {
  const unit = facts.units.get(unitId);
  if (!unit) return `${what} ${unitId} does not exist`;
  if (!unit.active) return `${what} ${unitId} is deactivated`;
  if (mustBeDistrict && unit.type !== 'district') return `unit ${unitId} is not a district`;
  return null;
}

function ruleProblems(rule: NewCatalogueRule, facts: RuleFacts): Omit<RuleProblem, 'index'>[] {
  const problems: Omit<RuleProblem, 'index'>[] = [];
  const category = facts.categories.get(rule.categoryId);
  if (!category)
    problems.push({ field: 'categoryId', message: `category ${rule.categoryId} does not exist` });
  else if (!category.active)
    problems.push({ field: 'categoryId', message: `category ${rule.categoryId} is deactivated` });
  const district =
    rule.districtId === null ? null : unitProblem(facts, rule.districtId, 'district', true);
  if (district) problems.push({ field: 'districtId', message: district });
  const lead = unitProblem(facts, rule.leadUnitId, 'unit');
  if (lead) problems.push({ field: 'leadUnitId', message: lead });
  const coProblems = rule.coUnitIds
    .map((id) => unitProblem(facts, id, 'unit'))
    .filter((p) => p !== null);
  if (coProblems[0]) problems.push({ field: 'coUnitIds', message: coProblems[0] });
  if (rule.coUnitIds.includes(rule.leadUnitId))
    problems.push({ field: 'coUnitIds', message: 'the lead unit cannot also be a co-handler' });
  if (new Set(rule.coUnitIds).size !== rule.coUnitIds.length)
    problems.push({ field: 'coUnitIds', message: 'a co-handler is listed twice' });
  return problems;
}

/** Every problem of a new version's rules; an empty list means the version can be published. */
export function validateRules(rules: readonly NewCatalogueRule[], facts: RuleFacts): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const pairs = new Map<string, number>();
  rules.forEach((rule, index) => {
    for (const problem of ruleProblems(rule, facts)) problems.push({ index, ...problem });
    const pair = `${rule.categoryId}/${rule.districtId ?? 'city'}`;
    const earlier = pairs.get(pair);
    if (earlier === undefined) pairs.set(pair, index);
    else
      problems.push({
        index,
        field: 'districtId',
        message: `rules.${earlier} already covers this category in this area`,
        duplicateOf: earlier,
      });
  });
  return problems;
}

export const CATALOGUE_CSV_COLUMNS = [
  'category_code',
  'district_code',
  'lead_unit_code',
  'co_unit_codes',
];

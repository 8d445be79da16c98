// The dispatch catalogue as CSV: category_code, district_code, lead_unit_code, co_unit_codes
// (co-handlers separated by "|"; an empty district_code means city-wide). Pure: no I/O.
import type { CatalogueRule, NewCatalogueRule } from './catalogue-types.js';
import type { CsvProblem } from './csv-import.js';
import { CATALOGUE_CSV_COLUMNS, validateRules, type RuleFacts } from './routing-rules.js';

export type UnitCodes = ReadonlyMap<string, { id: number }>;
type Coded = ReadonlyMap<number, { code: string }>;

/** The header and one row per rule, ordered by category code then district code. */
export function catalogueCsvRecords(
  rules: readonly CatalogueRule[],
  categories: Coded,
  units: Coded,
): string[][] {
  const code = (map: Coded, id: number | null) =>
    id === null ? '' : (map.get(id)?.code ?? String(id));
  const rows = rules.map((rule) => [
    code(categories, rule.categoryId),
    code(units, rule.districtId),
    code(units, rule.leadUnitId),
    rule.coUnitIds.map((id) => code(units, id)).join('|'),
  ]);
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => compare(a[0]!, b[0]!) || compare(a[1]!, b[1]!));
  return [CATALOGUE_CSV_COLUMNS, ...rows];
}

const FIELD_OF_COLUMN = {
  categoryId: 'category_code',
  districtId: 'district_code',
  leadUnitId: 'lead_unit_code',
  coUnitIds: 'co_unit_codes',
} as const;

/** The rules a CSV describes, or every problem it has (by row and column). */
export function rulesFromCsv(
  rows: readonly { row: number; cells: Record<string, string> }[],
  categoryCodes: ReadonlyMap<string, { id: number }>,
  unitCodes: UnitCodes,
  facts: RuleFacts,
): { rules: NewCatalogueRule[]; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const rules: NewCatalogueRule[] = [];
  const rowOfRule: number[] = [];
  for (const { row, cells } of rows) {
    const problem = (field: string, message: string) => problems.push({ row, field, message });
    const lookup = (field: string, value: string, map: ReadonlyMap<string, { id: number }>) => {
      const found = map.get(value);
      if (!found) problem(field, value === '' ? 'must not be empty' : `no such code: ${value}`);
      return found?.id;
    };
    const before = problems.length;
    const categoryId = lookup('category_code', (cells.category_code ?? '').trim(), categoryCodes);
    const districtCode = (cells.district_code ?? '').trim();
    const districtId =
      districtCode === '' ? null : lookup('district_code', districtCode, unitCodes);
    const leadUnitId = lookup('lead_unit_code', (cells.lead_unit_code ?? '').trim(), unitCodes);
    const coCodes = (cells.co_unit_codes ?? '')
      .split('|')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    const coUnitIds = coCodes.map((c) => lookup('co_unit_codes', c, unitCodes));
    if (problems.length > before) continue;
    rules.push({
      categoryId: categoryId!,
      districtId: districtId ?? null,
      leadUnitId: leadUnitId!,
      coUnitIds: coUnitIds as number[],
    });
    rowOfRule.push(row);
  }
  for (const p of validateRules(rules, facts)) {
    const message =
      p.duplicateOf === undefined
        ? p.message
        : `row ${rowOfRule[p.duplicateOf]} already covers this category in this area`;
    problems.push({ row: rowOfRule[p.index]!, field: FIELD_OF_COLUMN[p.field], message });
  }
  if (rows.length === 0) problems.push({ row: 2, field: 'csv', message: 'no rules' });
  return { rules, problems: problems.sort((a, b) => a.row - b.row) };
}

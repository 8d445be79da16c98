// Plans a category CSV import against the current tree, without touching it. Pure: no I/O.
// Rows are upserts by code; ancestors are found by name along the row's path (created when
// missing); rows are taken level by level, so a parent's own row is seen before its children's.
import type { CsvProblem } from './csv-import.js';
import {
  codeProblem,
  keywordsProblem,
  nameProblem,
  nextChildCode,
  normaliseKeywords,
  type CategoryRecord,
} from './category-rules.js';

export interface ImportRow {
  row: number;
  cells: Record<string, string>;
}

interface ParsedRow {
  row: number;
  code: string;
  names: string[];
  nameEn: string | null;
  keywords: string[];
}

/** A category as the import will leave it; `ref` is 'id:<id>' for stored ones, 'new:<n>' otherwise. */
export interface PlannedCategory {
  ref: string;
  id: number | null;
  code: string;
  parentRef: string | null;
  level: 1 | 2 | 3;
  name: string;
  nameEn: string | null;
  keywords: string[];
  active: boolean;
}

export interface ImportPlan {
  /** New categories, parents before children. */
  creates: PlannedCategory[];
  /** Stored categories whose fields change. */
  updates: PlannedCategory[];
  unchanged: number;
}

const LEVEL_FIELDS = ['level1', 'level2', 'level3'] as const;

function parseRow({ row, cells }: ImportRow, problems: CsvProblem[]): ParsedRow | null {
  const before = problems.length;
  const problem = (field: string, message: string) => problems.push({ row, field, message });
  const code = (cells.code ?? '').trim();
  if (code !== '') {
    const codeIssue = codeProblem(code);
    if (codeIssue) problem('code', codeIssue);
  }
  const levels = LEVEL_FIELDS.map((field) => (cells[field] ?? '').trim());
  const depth = levels.findLastIndex((name) => name !== '') + 1;
  if (depth === 0) problem('level1', 'a category needs at least its level-1 name');
  for (let i = 0; i < depth; i++) {
    const issue = nameProblem(levels[i]!);
    if (issue) problem(LEVEL_FIELDS[i]!, issue);
  }
  const nameEn = (cells.name_en ?? '').trim();
  if ([...nameEn].length > 200) problem('name_en', 'must be at most 200 characters');
  const keywords = normaliseKeywords((cells.keywords ?? '').split('|'));
  const keywordIssue = keywordsProblem(keywords);
  if (keywordIssue) problem('keywords', keywordIssue);
  if (problems.length > before) return null;
  return { row, code, names: levels.slice(0, depth), nameEn: nameEn || null, keywords };
}

class TreeSimulation {
  readonly nodes: PlannedCategory[];
  private readonly original = new Map<string, string>();
  private readonly reserved: Set<string>;
  private created = 0;

  constructor(existing: readonly CategoryRecord[], reservedCodes: Set<string>) {
    this.reserved = reservedCodes;
    this.nodes = existing.map((c) => ({
      ref: `id:${c.id}`,
      id: c.id,
      code: c.code,
      parentRef: c.parentId === null ? null : `id:${c.parentId}`,
      level: c.level,
      name: c.name,
      nameEn: c.nameEn,
      keywords: c.keywords,
      active: c.active,
    }));
    for (const node of this.nodes) this.original.set(node.ref, JSON.stringify(node));
  }

  byCode(code: string): PlannedCategory | undefined {
    return this.nodes.find((n) => n.code === code);
  }

  child(parentRef: string | null, name: string): PlannedCategory | undefined {
    return this.nodes.find((n) => n.parentRef === parentRef && n.name === name);
  }

  create(parent: PlannedCategory | null, name: string, code: string | null): PlannedCategory {
    const generated =
      code ??
      nextChildCode(
        parent?.code ?? '',
        (c) => this.reserved.has(c) || this.byCode(c) !== undefined,
      );
    if (generated === null) throw new Error(`no free code under ${parent?.code ?? 'the root'}`);
    const node: PlannedCategory = {
      ref: `new:${++this.created}`,
      id: null,
      code: generated,
      parentRef: parent?.ref ?? null,
      level: ((parent?.level ?? 0) + 1) as 1 | 2 | 3,
      name,
      nameEn: null,
      keywords: [],
      active: true,
    };
    this.nodes.push(node);
    return node;
  }

  plan(): ImportPlan {
    const creates = this.nodes.filter((n) => n.id === null);
    const stored = this.nodes.filter((n) => n.id !== null);
    const updates = stored.filter((n) => this.original.get(n.ref) !== JSON.stringify(n));
    return { creates, updates, unchanged: stored.length - updates.length };
  }
}

/** Finds (or creates) the ancestors named on a row, level 1 first. */
function resolveParent(sim: TreeSimulation, names: readonly string[]): PlannedCategory | null {
  let parent: PlannedCategory | null = null;
  for (const name of names) {
    const found: PlannedCategory | undefined = sim.child(parent?.ref ?? null, name);
    const node: PlannedCategory = found ?? sim.create(parent, name, null);
    node.active = true;
    parent = node;
  }
  return parent;
}

function applyRow(sim: TreeSimulation, row: ParsedRow, problems: CsvProblem[]): void {
  const level = row.names.length as 1 | 2 | 3;
  const name = row.names[level - 1]!;
  const field = LEVEL_FIELDS[level - 1]!;
  const problem = (f: string, message: string): void => {
    problems.push({ row: row.row, field: f, message });
  };
  const parent = resolveParent(sim, row.names.slice(0, -1));
  const sibling = sim.child(parent?.ref ?? null, name);
  const byCode = row.code ? sim.byCode(row.code) : undefined;
  let target: PlannedCategory;
  if (byCode) {
    if (byCode.level !== level) {
      return problem(
        'code',
        `${row.code} is a level-${byCode.level} category; this row is level ${level}`,
      );
    }
    if (sibling && sibling !== byCode) {
      return problem(field, `"${name}" already exists here with code ${sibling.code}`);
    }
    target = byCode;
  } else if (sibling) {
    if (row.code && sibling.code !== row.code) {
      return problem('code', `"${name}" already exists here with code ${sibling.code}`);
    }
    target = sibling;
  } else {
    try {
      target = sim.create(parent, name, row.code || null);
    } catch (error) {
      return problem('code', (error as Error).message);
    }
  }
  Object.assign(target, {
    name,
    parentRef: parent?.ref ?? null,
    nameEn: row.nameEn,
    keywords: row.keywords,
    active: true,
  });
}

/** The changes a category CSV makes, or every problem it has (row and column). */
export function planCategoryImport(
  existing: readonly CategoryRecord[],
  rows: readonly ImportRow[],
): { plan: ImportPlan; problems: [] } | { plan: null; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  const isFirstWithItsCode = (row: ParsedRow): boolean => {
    const earlier = row.code ? seen.get(row.code) : undefined;
    if (earlier === undefined) {
      if (row.code) seen.set(row.code, row.row);
      return true;
    }
    problems.push({
      row: row.row,
      field: 'code',
      message: `${row.code} is also on row ${earlier}`,
    });
    return false;
  };
  const parsed = rows.flatMap((row) => parseRow(row, problems) ?? []).filter(isFirstWithItsCode);
  if (rows.length === 0) problems.push({ row: 2, field: 'csv', message: 'no category rows' });
  // Well-formed rows are still tried against the tree, so one pass reports every problem.
  const sim = new TreeSimulation(existing, new Set(seen.keys()));
  const byLevel = [...parsed].sort((a, b) => a.names.length - b.names.length || a.row - b.row);
  for (const row of byLevel) applyRow(sim, row, problems);
  if (problems.length > 0) {
    return { plan: null, problems: problems.sort((a, b) => a.row - b.row) };
  }
  return { plan: sim.plan(), problems: [] };
}

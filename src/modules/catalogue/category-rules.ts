// Rules of the three-level category tree (诉求分类). Pure: no I/O.
import type { Category, CategoryNode } from './catalogue-types.js';

/** A category as stored, before its path is known. */
export type CategoryRecord = Omit<Category, 'path'>;

export const MAX_LEVEL = 3;
const CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/;
const MAX_NAME_LENGTH = 100;
const MAX_KEYWORDS = 50;
const MAX_KEYWORD_LENGTH = 50;

/** Why a category code is unacceptable, or null. */
export function codeProblem(code: string): string | null {
  return CODE.test(code)
    ? null
    : 'must be 1 to 32 letters, digits, ".", "_" or "-", starting with a letter or digit';
}

/** Why a category name is unacceptable, or null. */
export function nameProblem(name: string): string | null {
  if (name.trim() === '') return 'must not be empty';
  if ([...name].length > MAX_NAME_LENGTH) return `must be at most ${MAX_NAME_LENGTH} characters`;
  if (/[\r\n]/.test(name)) return 'must be on one line';
  return null;
}

/** Why a list of keywords is unacceptable, or null ("|" separates keywords in CSV files). */
export function keywordsProblem(keywords: readonly string[]): string | null {
  if (keywords.length > MAX_KEYWORDS) return `at most ${MAX_KEYWORDS} keywords`;
  for (const keyword of keywords) {
    if (keyword.includes('|')) return `keyword "${keyword}" must not contain "|"`;
    if ([...keyword].length > MAX_KEYWORD_LENGTH)
      return `keyword "${keyword}" is longer than ${MAX_KEYWORD_LENGTH} characters`;
  }
  return null;
}

/** Keywords trimmed, without blanks or repeats, in their first order. */
export function normaliseKeywords(keywords: readonly string[]): string[] {
  return [...new Set(keywords.map((k) => k.trim()).filter((k) => k !== ''))];
}

/** The code of a new child: the parent's code + the next free 2 digits; null when 01–99 are taken. */
export function nextChildCode(
  parentCode: string,
  isTaken: (code: string) => boolean,
): string | null {
  for (let n = 1; n <= 99; n++) {
    const code = parentCode + String(n).padStart(2, '0');
    if (!isTaken(code)) return code;
  }
  return null;
}

/** Adds each category's path of names from the root. */
export function withPaths(records: readonly CategoryRecord[]): Category[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const pathOf = (record: CategoryRecord): string[] => {
    const names = [record.name];
    let parentId = record.parentId;
    for (let depth = 0; parentId !== null && depth < MAX_LEVEL; depth++) {
      const parent = byId.get(parentId);
      if (!parent) break;
      names.unshift(parent.name);
      parentId = parent.parentId;
    }
    return names;
  };
  return records.map((record) => ({ ...record, path: pathOf(record) }));
}

const byCode = (a: { code: string }, b: { code: string }): number =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

/** The categories as a tree, each level ordered by code; orphans (parent absent) are left out. */
export function buildTree(categories: readonly Category[]): CategoryNode[] {
  const nodes = new Map(categories.map((c) => [c.id, { ...c, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const node of [...nodes.values()].sort(byCode)) {
    if (node.parentId === null) roots.push(node);
    else nodes.get(node.parentId)?.children.push(node);
  }
  return roots;
}

/** Every node of a tree, parents before their children. */
export function flattenTree(nodes: readonly CategoryNode[]): CategoryNode[] {
  return nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
}

export const CATEGORY_CSV_COLUMNS = ['code', 'level1', 'level2', 'level3', 'name_en', 'keywords'];

/** The records of a category CSV: the header, then one row per category in tree order. */
export function categoryCsvRecords(categories: readonly Category[]): string[][] {
  const rows = flattenTree(buildTree(categories)).map((c) => [
    c.code,
    c.path[0] ?? '',
    c.path[1] ?? '',
    c.path[2] ?? '',
    c.nameEn ?? '',
    c.keywords.join('|'),
  ]);
  return [CATEGORY_CSV_COLUMNS, ...rows];
}

// Articles as files: Markdown with front matter (one article a file) and CSV (one a row). Both
// name categories and the owner unit by code, so a file moves between installations. Pure.
import type { ArticleContent } from './article.js';
import {
  FrontMatterError,
  parseFrontMatter,
  writeFrontMatter,
  type FrontMatterValue,
} from './front-matter.js';

/** An article read from a file, before its codes are resolved and its fields checked. */
export interface ArticleRecord {
  /** The file and, where it helps, the line (front matter field) or row (CSV) of each field. */
  file: string;
  lineOf(field: string): number | undefined;
  id: number | null;
  title?: string;
  body?: string;
  categoryCodes?: string[];
  keywords?: string[];
  synonyms?: string[];
  ownerCode?: string;
  audience?: string;
  effectiveFrom?: string;
  expiresOn?: string | null;
  reviewBy?: string | null;
}

export interface FileProblem {
  file: string;
  line?: number;
  field: string;
  message: string;
}

/** An article with its codes, ready to write out. */
export interface ExportedArticle extends ArticleContent {
  id: number;
  state: string;
  version: number;
  publishedVersion: number | null;
  updatedAt: string;
  categoryCodes: string[];
  ownerCode: string;
}

/** The front matter keys, in the order they are written. */
export const FRONT_MATTER_KEYS = [
  'id',
  'title',
  'categories',
  'keywords',
  'synonyms',
  'owner',
  'audience',
  'effective_from',
  'expires_on',
  'review_by',
] as const;

/** The CSV columns an import reads; an export adds state, version, published_version, updated_at. */
export const CSV_COLUMNS = [
  'id',
  'title',
  'owner',
  'audience',
  'categories',
  'keywords',
  'synonyms',
  'effective_from',
  'expires_on',
  'review_by',
  'body',
] as const;
export const CSV_EXPORT_COLUMNS = [
  ...CSV_COLUMNS,
  'state',
  'version',
  'published_version',
  'updated_at',
] as const;

/** The file's name for an API field, in error messages about a file. */
export const FILE_FIELD: Record<string, string> = {
  categoryIds: 'categories',
  ownerUnitId: 'owner',
  effectiveFrom: 'effective_from',
  expiresOn: 'expires_on',
  reviewBy: 'review_by',
};

export const fileFieldOf = (field: string): string => {
  const base = field.replace(/\[\d+\]$/, '');
  return (FILE_FIELD[base] ?? base) + field.slice(base.length);
};

/** A record's id: empty means a new article. */
function parseId(value: string | null | undefined): number | null | 'invalid' {
  if (value === null || value === undefined || value.trim() === '') return null;
  const id = Number(value.trim());
  return Number.isInteger(id) && id >= 1 ? id : 'invalid';
}

const BAD_ID = 'id must be a positive whole number (or empty for a new article)';

const asList = (value: FrontMatterValue): string[] =>
  value === null ? [] : Array.isArray(value) ? value : [value];

const asText = (value: FrontMatterValue, field: string): string | null => {
  if (Array.isArray(value)) throw new Error(`${field} must be a single value, not a list`);
  return value;
};

/** Reads one Markdown file: its front matter (the fields) and its body. */
export function readMarkdownArticle(
  file: string,
  text: string,
): { record: ArticleRecord } | { problems: FileProblem[] } {
  let document: ReturnType<typeof parseFrontMatter>;
  try {
    document = parseFrontMatter(text);
  } catch (error) {
    if (error instanceof FrontMatterError)
      return { problems: [{ file, line: error.line, field: error.field, message: error.message }] };
    throw error;
  }
  const problems: FileProblem[] = [];
  const known = new Set<string>(FRONT_MATTER_KEYS);
  for (const [key, { line }] of document.fields) {
    if (!known.has(key))
      problems.push({
        file,
        line,
        field: key,
        message: `unknown field ${key} (known: ${FRONT_MATTER_KEYS.join(', ')})`,
      });
  }
  const get = (key: string) => document.fields.get(key);
  const lineOf = (field: string) => get(fileFieldOf(field).replace(/\[\d+\]$/, ''))?.line;
  const scalar = (key: string): string | null | undefined => {
    const entry = get(key);
    if (!entry) return undefined;
    try {
      return asText(entry.value, key);
    } catch (error) {
      problems.push({ file, line: entry.line, field: key, message: (error as Error).message });
      return undefined;
    }
  };
  const list = (key: string) => {
    const entry = get(key);
    return entry ? asList(entry.value) : undefined;
  };
  const id = parseId(scalar('id'));
  if (id === 'invalid')
    problems.push({ file, line: get('id')?.line, field: 'id', message: BAD_ID });
  const record: ArticleRecord = {
    file,
    lineOf,
    id: id === 'invalid' ? null : id,
    title: scalar('title') ?? undefined,
    body: document.body,
    categoryCodes: list('categories'),
    keywords: list('keywords'),
    synonyms: list('synonyms'),
    ownerCode: scalar('owner') ?? undefined,
    audience: scalar('audience') ?? undefined,
    effectiveFrom: scalar('effective_from') ?? undefined,
    expiresOn: scalar('expires_on'),
    reviewBy: scalar('review_by'),
  };
  return problems.length > 0 ? { problems } : { record };
}

/** One article as a Markdown file with front matter. */
export function writeMarkdownArticle(article: ExportedArticle): string {
  return writeFrontMatter(
    [
      ['id', article.id],
      ['title', article.title],
      ['categories', article.categoryCodes],
      ['keywords', article.keywords],
      ['synonyms', article.synonyms],
      ['owner', article.ownerCode],
      ['audience', article.audience],
      ['effective_from', article.effectiveFrom],
      ['expires_on', article.expiresOn],
      ['review_by', article.reviewBy],
    ],
    article.body,
  );
}

const splitList = (cell: string | undefined): string[] | undefined =>
  cell === undefined
    ? undefined
    : cell
        .split('|')
        .map((item) => item.trim())
        .filter((item) => item !== '');

const dateCell = (cell: string | undefined): string | null | undefined =>
  cell === undefined ? undefined : cell.trim() === '' ? null : cell.trim();

/** One CSV row (cells keyed by lower-case header) as an article record; lists are separated by "|". */
export function readCsvArticle(
  file: string,
  row: number,
  cells: Record<string, string>,
): { record: ArticleRecord } | { problems: FileProblem[] } {
  const id = parseId(cells.id);
  if (id === 'invalid') return { problems: [{ file, line: row, field: 'id', message: BAD_ID }] };
  const effective = dateCell(cells.effective_from);
  return {
    record: {
      file,
      lineOf: () => row,
      id,
      title: cells.title ?? '',
      body: cells.body ?? '',
      categoryCodes: splitList(cells.categories),
      keywords: splitList(cells.keywords),
      synonyms: splitList(cells.synonyms),
      ownerCode: cells.owner?.trim() || undefined,
      audience: cells.audience?.trim() || undefined,
      effectiveFrom: effective ?? undefined,
      expiresOn: dateCell(cells.expires_on),
      reviewBy: dateCell(cells.review_by),
    },
  };
}

/** One article as a CSV record, in CSV_EXPORT_COLUMNS order. */
export function csvRecordOf(article: ExportedArticle): string[] {
  return [
    String(article.id),
    article.title,
    article.ownerCode,
    article.audience,
    article.categoryCodes.join('|'),
    article.keywords.join('|'),
    article.synonyms.join('|'),
    article.effectiveFrom,
    article.expiresOn ?? '',
    article.reviewBy ?? '',
    article.body,
    article.state,
    String(article.version),
    article.publishedVersion === null ? '' : String(article.publishedVersion),
    article.updatedAt,
  ];
}

// Pure rules of the knowledge base: what valid content is, what each step may start from. No I/O.
import { ConflictError, ValidationError } from '../../platform/errors.js';
import {
  AUDIENCES,
  type ArticleContent,
  type ArticleInput,
  type ArticleState,
  type Audience,
} from './article.js';

export const LIMITS = {
  title: 200,
  body: 20_000,
  categories: 10,
  terms: 30,
  term: 40,
  note: 1000,
  reason: 1000,
  gapText: 2000,
} as const;

/**
 * A new article is due for review half a year after it takes effect unless the editor says
 * otherwise: the owner unit keeps its answers current (DOMAIN.md, kb_editor).
 */
export const DEFAULT_REVIEW_DAYS = 180;

const length = (text: string): number => Array.from(text).length;

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The calendar date `days` after `date` (both YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Trimmed text of 1..max characters (code points: 𠮷 is one), or a ValidationError naming the field. */
export function requireText(field: string, value: string | null | undefined, max: number): string {
  const text = (value ?? '').trim();
  if (text === '' || length(text) > max) {
    throw new ValidationError(
      field,
      `${field} must be 1 to ${max} characters`,
      'VALIDATION_FAILED',
      text === '' ? { rule: 'required' } : { rule: 'maxLength', limit: max },
    );
  }
  return text;
}

export function optionalText(field: string, value: string | null | undefined, max: number) {
  return value === null || value === undefined || value.trim() === ''
    ? null
    : requireText(field, value, max);
}

function date(field: string, value: string): string {
  if (!isCalendarDate(value))
    throw new ValidationError(field, `${field} must be a date YYYY-MM-DD`, 'VALIDATION_FAILED', {
      rule: 'format',
    });
  return value;
}

/** Keywords or synonyms: each trimmed, 1..40 characters, no "|" (the CSV separator); duplicates dropped. */
function terms(field: string, values: readonly string[]): string[] {
  const out: string[] = [];
  values.forEach((raw, index) => {
    const term = raw.trim();
    if (term === '' || length(term) > LIMITS.term || term.includes('|')) {
      throw new ValidationError(
        `${field}[${index}]`,
        `${field}[${index}] must be 1 to ${LIMITS.term} characters without "|"`,
      );
    }
    if (!out.includes(term)) out.push(term);
  });
  if (out.length > LIMITS.terms) {
    throw new ValidationError(
      field,
      `${field} may hold at most ${LIMITS.terms} entries`,
      'VALIDATION_FAILED',
      {
        rule: 'maxItems',
        limit: LIMITS.terms,
      },
    );
  }
  return out;
}

function categoryIds(values: readonly number[]): number[] {
  const ids = [...new Set(values)];
  if (ids.some((id) => !Number.isInteger(id) || id < 1)) {
    throw new ValidationError('categoryIds', 'categoryIds must be category ids');
  }
  if (ids.length > LIMITS.categories) {
    throw new ValidationError(
      'categoryIds',
      `categoryIds may hold at most ${LIMITS.categories}`,
      'VALIDATION_FAILED',
      { rule: 'maxItems', limit: LIMITS.categories },
    );
  }
  return ids;
}

function audience(value: string): Audience {
  if (!(AUDIENCES as readonly string[]).includes(value)) {
    throw new ValidationError(
      'audience',
      `audience must be one of ${AUDIENCES.join(', ')}`,
      'VALIDATION_FAILED',
      {
        rule: 'enum',
        allowed: [...AUDIENCES],
      },
    );
  }
  return value as Audience;
}

/** Markdown as stored: line ends as LF, no blank lines or spaces at either end. */
export const normaliseBody = (body: string): string => body.replace(/\r\n?/g, '\n').trim();

/**
 * The content an input leads to: over `base` (an update: absent fields keep their value, null
 * clears) or over the defaults of a new article. Each error names its field; references (units,
 * categories) are checked by the caller.
 */
export function buildContent(
  input: ArticleInput,
  base: ArticleContent | null,
  defaults: { ownerUnitId: number; today: string },
): ArticleContent {
  const title = input.title ?? base?.title;
  const body = input.body ?? base?.body;
  const effectiveFrom =
    input.effectiveFrom !== undefined
      ? date('effectiveFrom', input.effectiveFrom)
      : (base?.effectiveFrom ?? defaults.today);
  const expiresOn =
    input.expiresOn !== undefined
      ? input.expiresOn === null
        ? null
        : date('expiresOn', input.expiresOn)
      : (base?.expiresOn ?? null);
  const reviewBy =
    input.reviewBy !== undefined
      ? input.reviewBy === null
        ? null
        : date('reviewBy', input.reviewBy)
      : base
        ? base.reviewBy
        : addDays(effectiveFrom, DEFAULT_REVIEW_DAYS);
  if (expiresOn !== null && expiresOn <= effectiveFrom) {
    throw new ValidationError('expiresOn', 'expiresOn must be after effectiveFrom');
  }
  if (reviewBy !== null && reviewBy < effectiveFrom) {
    throw new ValidationError('reviewBy', 'reviewBy must not be before effectiveFrom');
  }
  const ownerUnitId = input.ownerUnitId ?? base?.ownerUnitId ?? defaults.ownerUnitId;
  if (!Number.isInteger(ownerUnitId) || ownerUnitId < 1) {
    throw new ValidationError('ownerUnitId', 'ownerUnitId must be a unit id');
  }
  return {
    title: requireText('title', title, LIMITS.title),
    body: normaliseBody(requireText('body', body, LIMITS.body)),
    categoryIds: categoryIds(input.categoryIds ?? base?.categoryIds ?? []),
    keywords: terms('keywords', input.keywords ?? base?.keywords ?? []),
    synonyms: terms('synonyms', input.synonyms ?? base?.synonyms ?? []),
    ownerUnitId,
    audience: audience(input.audience ?? base?.audience ?? 'internal'),
    effectiveFrom,
    expiresOn,
    reviewBy,
  };
}

/** The fields compared between versions, in the order a reader expects them. */
export const CONTENT_FIELDS = [
  'title',
  'categoryIds',
  'keywords',
  'synonyms',
  'ownerUnitId',
  'audience',
  'effectiveFrom',
  'expiresOn',
  'reviewBy',
  'body',
] as const satisfies readonly (keyof ArticleContent)[];

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Every field (the body included) whose value differs between two versions. */
export function changedFields(before: ArticleContent, after: ArticleContent): FieldChange[] {
  return CONTENT_FIELDS.filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  ).map((field) => ({ field, before: before[field], after: after[field] }));
}

export type ArticleStep = 'submit' | 'approve' | 'reject' | 'retire';

const STARTS: Record<ArticleStep, readonly ArticleState[]> = {
  submit: ['draft'],
  approve: ['in_review'],
  reject: ['in_review'],
  retire: ['draft', 'in_review', 'published'],
};

/** Refuses (KNOWLEDGE_STATE_CONFLICT) a step the article's state does not allow. */
export function assertStep(state: ArticleState, step: ArticleStep): void {
  if (!STARTS[step].includes(state)) {
    throw new ConflictError(
      'KNOWLEDGE_STATE_CONFLICT',
      `A ${state} article cannot be ${step === 'submit' ? 'submitted' : `${step}d`}; it must be ${STARTS[step].join(' or ')}`,
    );
  }
}

/** Refuses (KNOWLEDGE_ARTICLE_CHANGED) a write based on a version that is no longer current. */
export function assertVersion(current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw new ConflictError(
      'KNOWLEDGE_ARTICLE_CHANGED',
      `The article changed meanwhile (now version ${current}, you had ${expected}); reload it`,
    );
  }
}

// The knowledge base API as the screens use it (/tmp/kb-contract.md, src/modules/knowledge).

export const ARTICLE_STATES = ['draft', 'in_review', 'published', 'retired'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];
export const AUDIENCES = ['internal', 'public'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** What an editor writes; dates are calendar dates (YYYY-MM-DD) in the centre's time zone. */
export interface ArticleFields {
  title: string;
  body: string;
  categoryIds: number[];
  keywords: string[];
  synonyms: string[];
  ownerUnitId: number;
  audience: Audience;
  effectiveFrom: string;
  expiresOn: string | null;
  reviewBy: string | null;
}

export interface KnowledgeArticle extends ArticleFields {
  id: number;
  state: ArticleState;
  version: number;
  publishedVersion: number | null;
  bodyHtml: string;
  ownerUnitName: string;
  reviewDue: boolean;
  expired: boolean;
  createdAt: string;
  updatedAt: string;
  updatedByName: string;
  publishedAt: string | null;
  useCount: number;
  rejection: { reason: string; byName: string; at: string } | null;
}

export interface SearchHit {
  id: number;
  title: string;
  /** Escaped, with <mark> around the matches. */
  titleHtml: string;
  snippetHtml: string;
  score: number;
  categoryIds: number[];
  ownerUnitName: string;
  audience: Audience;
  updatedAt: string;
}

export interface ArticleVersion {
  version: number;
  title: string;
  state: string;
  changedByName: string;
  changedAt: string;
  note: string | null;
}

export interface ArticleDiff {
  from: number;
  to: number;
  fields: { field: string; before: unknown; after: unknown }[];
  body: { op: 'equal' | 'insert' | 'delete'; text: string }[];
}

export interface Notification {
  id: number;
  kind: string;
  message: string;
  subjectType: string | null;
  subjectId: number | null;
  createdAt: string;
  readAt: string | null;
}

export interface ImportProblem {
  file: string;
  line?: number;
  field: string;
  message: string;
}
export interface ImportResult {
  created: number;
  updated: number;
  errors: ImportProblem[];
}

export interface UsageRow {
  articleId: number;
  title: string;
  ownerUnitName: string;
  uses: number;
}
export interface GapRow {
  categoryId: number | null;
  categoryName: string | null;
  gaps: number;
  examples: string[];
}
export interface DirectAnswerRow {
  categoryId: number;
  categoryName: string;
  tickets: number;
  directAnswers: number;
  withArticle: number;
  rate: number;
}
export interface FreshnessRow {
  unitId: number;
  unitName: string;
  published: number;
  reviewDue: number;
  expired: number;
  stale: number;
}
export interface UpdatesRow {
  unitId: number;
  unitName: string;
  created: number;
  updated: number;
  published: number;
  retired: number;
}

/** A unit of the organisation, as /units returns it. */
export interface Unit {
  id: number;
  name: string;
  nameEn: string | null;
  type: 'centre' | 'district' | 'street' | 'community' | 'department' | 'enterprise';
  parentId: number | null;
  active: boolean;
}

/** A node of /categories/tree. */
export interface CategoryNode {
  id: number;
  name: string;
  nameEn: string | null;
  level: number;
  active: boolean;
  path: string[];
  children: CategoryNode[];
}

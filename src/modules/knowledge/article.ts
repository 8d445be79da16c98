// The knowledge article as the rest of the platform sees it. Pure types and small rules.

/** draft → in_review → published → retired; an edit of a live article goes back to draft. */
export const ARTICLE_STATES = ['draft', 'in_review', 'published', 'retired'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];

/** internal: staff only; public: also on the citizens' portal. */
export const AUDIENCES = ['internal', 'public'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** What an editor writes: the content of one version. Dates are calendar dates (YYYY-MM-DD). */
export interface ArticleContent {
  title: string;
  /** Markdown. */
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

/** The editable fields as a client sends them: absent keeps (update) or defaults (create). */
export interface ArticleInput {
  title?: string;
  body?: string;
  categoryIds?: number[];
  keywords?: string[];
  synonyms?: string[];
  ownerUnitId?: number;
  audience?: string;
  effectiveFrom?: string;
  expiresOn?: string | null;
  reviewBy?: string | null;
  /** Why the change was made (kept with the version). */
  note?: string | null;
}

export interface Rejection {
  reason: string;
  byName: string;
  at: string;
}

/** An article as the API shows it (the working copy to its editors, the live version to others). */
export interface KnowledgeArticle extends ArticleContent {
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
  rejection: Rejection | null;
}

export interface ArticleVersionSummary {
  version: number;
  title: string;
  /** The article's state for its working version; published / superseded / draft for earlier ones. */
  state: string;
  changedByName: string;
  changedAt: string;
  note: string | null;
}

/** An expired article leaves the operators' search: it is valid through its expiry date. */
export const isExpired = (content: Pick<ArticleContent, 'expiresOn'>, today: string): boolean =>
  content.expiresOn !== null && content.expiresOn < today;

export const isReviewDue = (content: Pick<ArticleContent, 'reviewBy'>, today: string): boolean =>
  content.reviewBy !== null && content.reviewBy <= today;

/** In force today: effective already and not expired. */
export const isInForce = (
  content: Pick<ArticleContent, 'effectiveFrom' | 'expiresOn'>,
  today: string,
): boolean => content.effectiveFrom <= today && !isExpired(content, today);

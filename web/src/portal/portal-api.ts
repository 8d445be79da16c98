// The public API the portal uses (no login): src/modules/intake (appeals) and
// src/modules/knowledge (public answers).
import { ApiError } from '../api';
import type { Translate } from '../i18n';

export const APPEAL_TYPES = [
  'enquiry',
  'help',
  'complaint',
  'report',
  'suggestion',
  'praise',
] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

/** POST /public/appeals (PublicAppealBody). */
export interface PublicAppeal {
  description: string;
  appealType?: AppealType;
  address?: string | null;
  categoryId?: number | null;
  districtId?: number | null;
  lat?: number | null;
  lng?: number | null;
  citizenName?: string | null;
  citizenPhone: string;
  confidential?: boolean;
  channel: 'web';
}

export interface Receipt {
  number: string;
  /** Shown once: the server keeps only its hash. */
  queryCode: string;
}

export type TicketStatus =
  | 'received'
  | 'pending_dispatch'
  | 'dispatched'
  | 'in_progress'
  | 'return_review'
  | 'replied'
  | 'closed'
  | 'merged';

/** GET /public/appeals/:number?code= */
export interface AppealStatus {
  number: string;
  status: TicketStatus;
  category: { id: number; name: string; path: string[] } | null;
  createdAt: string;
  replyText: string | null;
  repliedAt: string | null;
  /** Replied and waiting for the citizen's evaluation. */
  canEvaluate: boolean;
}

/** POST /public/appeals/:number/evaluation (the callback questions, asked of the citizen). */
export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export interface Evaluation {
  code: string;
  contacted: boolean;
  resolved: boolean;
  satisfaction: Satisfaction;
  comment?: string;
}

/** While handled, the citizen may still add photos (src/modules/tickets/attachments.service.ts). */
export const PHOTO_STATUSES: readonly TicketStatus[] = [
  'received',
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'return_review',
];

export interface PublicHit {
  id: number;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  updatedAt: string;
}

export interface PublicArticle {
  id: number;
  title: string;
  bodyHtml: string;
  updatedAt: string;
}

/** The receipt just shown, so that "follow it" opens the tracking with the code filled in. */
let lastReceipt: Receipt | null = null;
export const rememberReceipt = (receipt: Receipt) => {
  lastReceipt = receipt;
};
export const rememberedCode = (number: string): string =>
  lastReceipt && lastReceipt.number === number ? lastReceipt.queryCode : '';

/** A failure in words a citizen understands. */
export function failureText(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429) return t('portal.error.rateLimited');
    if (error.status >= 500) return t('portal.error.server');
    return error.message;
  }
  if (error instanceof TypeError) return t('portal.error.offline');
  return error instanceof Error ? error.message : String(error);
}

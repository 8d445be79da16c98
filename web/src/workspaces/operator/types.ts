// The shapes the operator workspace reads from /api/v1 (the fields it uses, as the server sends them).

export const CHANNELS = [
  'phone',
  'wechat',
  'web',
  'app',
  'weibo',
  'sms',
  'email',
  'walk_in',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const APPEAL_TYPES = [
  'enquiry',
  'help',
  'complaint',
  'report',
  'suggestion',
  'praise',
] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const REFERRAL_TARGETS = ['110', '119', '120', '122', 'other'] as const;
export type ReferralTarget = (typeof REFERRAL_TARGETS)[number];

export type TicketStatus =
  | 'received'
  | 'pending_dispatch'
  | 'dispatched'
  | 'in_progress'
  | 'return_review'
  | 'replied'
  | 'closed'
  | 'merged';

/** The statuses of a ticket still being worked on: a repeat call about it joins it. */
export const OPEN_STATUSES: readonly TicketStatus[] = [
  'received',
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'return_review',
  'replied',
];

export type ContactOutcome =
  'pending' | 'ticket' | 'direct_answer' | 'referral' | 'invalid' | 'abandoned';

export interface CategoryNode {
  id: number;
  code: string;
  parentId: number | null;
  level: number;
  name: string;
  nameEn: string | null;
  keywords: string[];
  active: boolean;
  path: string[];
  children: CategoryNode[];
}

export interface UnitNode {
  id: number;
  name: string;
  nameEn: string | null;
  type: 'centre' | 'district' | 'street' | 'community' | 'department' | 'enterprise';
  parentId: number | null;
  districtId: number | null;
  active: boolean;
  hasJurisdiction: boolean;
  children: UnitNode[];
}

export interface TicketListItem {
  id: number;
  number: string;
  status: TicketStatus;
  categoryId: number | null;
  urgency: Urgency;
  title: string;
  channel: Channel;
  address: string | null;
  districtId: number | null;
  streetId: number | null;
  citizenName: string | null;
  citizenPhone: string | null;
  citizenVisibility: 'full' | 'masked' | 'hidden';
  createdAt: string;
}

export interface Contact {
  id: number;
  channel: Channel;
  callerNumber: string | null;
  callerName: string | null;
  startedAt: string;
  outcome: ContactOutcome;
  ticketId: number | null;
  referralTarget: string | null;
}

export interface CallerHistory {
  callerNumber: string;
  contacts: Contact[];
  tickets: TicketListItem[];
}

export interface CreatedTicket {
  id: number;
  number: string;
  status: TicketStatus;
}

/** A knowledge-base hit: `titleHtml` and `snippetHtml` are escaped by the server, with <mark>. */
export interface KnowledgeHit {
  id: number;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  score: number;
  categoryIds: number[];
  ownerUnitName: string;
  updatedAt: string;
}

export interface KnowledgeArticleView {
  id: number;
  title: string;
  bodyHtml: string;
  ownerUnitName: string;
  updatedAt: string;
}

/** What the operator types about the appeal, before it is sent. */
export interface AppealDraft {
  description: string;
  title: string;
  appealType: AppealType;
  urgency: Urgency;
  citizenName: string;
  citizenPhone: string;
  confidential: boolean;
  address: string;
  districtId: number | null;
  streetId: number | null;
  categoryId: number | null;
}

export const EMPTY_DRAFT: AppealDraft = {
  description: '',
  title: '',
  appealType: 'enquiry',
  urgency: 'normal',
  citizenName: '',
  citizenPhone: '',
  confidential: false,
  address: '',
  districtId: null,
  streetId: null,
  categoryId: null,
};

// The shapes of the tickets and dispatch routes' answers (src/modules/tickets/tickets.schemas.ts,
// src/modules/dispatch/dispatch.routes.ts).

export const TICKET_STATUSES = [
  'received',
  'pending_dispatch',
  'dispatched',
  'in_progress',
  'return_review',
  'replied',
  'closed',
  'merged',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses of a ticket still being worked on (the "open" filter). */
export const OPEN_STATUSES: readonly TicketStatus[] = TICKET_STATUSES.filter(
  (status) => status !== 'closed' && status !== 'merged',
);

export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export const CHANNELS = [
  'phone',
  'web',
  'app',
  'wechat',
  'weibo',
  'sms',
  'email',
  'walk_in',
] as const;
export const APPEAL_TYPES = [
  'enquiry',
  'help',
  'complaint',
  'report',
  'suggestion',
  'praise',
] as const;
export const TICKET_SORTS = [
  'createdAt',
  'updatedAt',
  'replyDueAt',
  'signDueAt',
  'number',
] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

export type CitizenVisibility = 'full' | 'masked' | 'hidden';

export interface TicketListItem {
  id: number;
  number: string;
  status: TicketStatus;
  appealType: string;
  categoryId: number | null;
  urgency: string;
  title: string;
  channel: string;
  address: string | null;
  districtId: number | null;
  streetId: number | null;
  citizenName: string | null;
  citizenPhone: string | null;
  citizenVisibility: CitizenVisibility;
  confidential: boolean;
  contactRequired: boolean;
  leadUnitId: number | null;
  parentId: number | null;
  signDueAt: string | null;
  replyDueAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Assignment {
  id: number;
  unitId: number;
  role: 'lead' | 'co';
  state: 'dispatched' | 'signed' | 'replied' | 'withdrawn';
  dispatchedAt: string;
  dispatchedBy: number | null;
  signedAt: string | null;
  signedBy: number | null;
  repliedAt: string | null;
  repliedBy: number | null;
  replyText: string | null;
}

export interface TicketView extends TicketListItem {
  description: string;
  lat: number | null;
  lng: number | null;
  catalogueVersionId: number | null;
  catalogueRuleId: number | null;
  dispatchedAt: string | null;
  signedAt: string | null;
  replyText: string | null;
  callbackDueAt: string | null;
  resolution: string | null;
  reopenCount: number;
  returnCount: number;
  createdBy: number | null;
  assignments: Assignment[];
}

export type Changes = Record<string, unknown> | null;

export interface TicketEvent {
  id: number;
  seq: number;
  type: string;
  actorId: number | null;
  actorUnitId: number | null;
  actorName: string | null;
  actorUnitName: string | null;
  at: string;
  reason: string | null;
  before: Changes;
  after: Changes;
  data: Changes;
}

export interface Attachment {
  id: number;
  ticketId: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  purpose: 'appeal' | 'reply';
  uploadedBy: number | null;
  createdAt: string;
}

export interface Suggestion {
  versionId: number;
  ruleId: number;
  leadUnitId: number;
  coUnitIds: number[];
}

export interface QueueItem {
  id: number;
  number: string;
  title: string;
  urgency: string;
  categoryId: number | null;
  districtId: number | null;
  version: number;
  channel: string;
  createdAt: string;
  returnCount: number;
  suggestion: Suggestion | null;
}

export interface RequestItem {
  id: number;
  ticketId: number;
  ticketNumber: string;
  ticketStatus: string;
  ticketTitle: string;
  kind: 'return' | 'extension';
  unitId: number;
  unitName: string;
  requestedBy: number;
  reason: string;
  requestedDueAt: string | null;
  replyDueAt: string | null;
  state: 'pending' | 'accepted' | 'approved' | 'refused' | 'cancelled';
  decidedBy: number | null;
  decidedAt: string | null;
  decisionReason: string | null;
  createdAt: string;
}

/** What the workflow steps answer with (src/modules/dispatch/ticket-summary.ts). */
export interface TicketSummary {
  id: number;
  number: string;
  status: TicketStatus;
  version: number;
  leadUnitId: number | null;
}

export interface BulkResult {
  ticketId: number;
  ok: boolean;
  ticket?: TicketSummary;
  error?: { code: string; message: string };
}

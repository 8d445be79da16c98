import type { TicketStatus } from './ticket-status.js';

export const APPEAL_TYPES = [
  'enquiry',
  'help',
  'complaint',
  'report',
  'suggestion',
  'praise',
] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];

/** Urgency drives the time limits (../shared/DOMAIN.md "Time limits"). */
export const URGENCIES = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

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
export type Channel = (typeof CHANNELS)[number];

/** A work order (工单) as the services see it. */
export interface Ticket {
  id: number;
  number: string;
  status: TicketStatus;
  appealType: AppealType;
  categoryId: number | null;
  urgency: Urgency;
  title: string;
  description: string;
  channel: Channel;
  address: string | null;
  districtId: number | null;
  streetId: number | null;
  lat: number | null;
  lng: number | null;
  citizenName: string | null;
  citizenPhone: string | null;
  confidential: boolean;
  contactRequired: boolean;
  leadUnitId: number | null;
  parentId: number | null;
  catalogueVersionId: number | null;
  catalogueRuleId: number | null;
  dispatchedAt: string | null;
  signDueAt: string | null;
  signedAt: string | null;
  replyDueAt: string | null;
  repliedAt: string | null;
  replyText: string | null;
  callbackDueAt: string | null;
  closedAt: string | null;
  resolution: string | null;
  reopenCount: number;
  returnCount: number;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface TicketAssignment {
  id: number;
  ticketId: number;
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

export interface TicketEvent {
  id: number;
  ticketId: number;
  seq: number;
  type: string;
  actorId: number | null;
  actorUnitId: number | null;
  at: string;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  data: Record<string, unknown> | null;
}

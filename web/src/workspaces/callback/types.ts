// The shapes the callback desk reads from /api/v1 (the fields it uses, as the server sends them).

/** A replied ticket waiting for its callback (GET /callback/queue). */
export interface QueueItem {
  id: number;
  number: string;
  title: string;
  urgency: string;
  categoryId: number | null;
  districtId: number | null;
  version: number;
  leadUnitId: number | null;
  parentId: number | null;
  repliedAt: string | null;
  replyText: string | null;
  callbackDueAt: string | null;
  overdue: boolean;
}

export interface Assignment {
  id: number;
  unitId: number;
  role: 'lead' | 'co';
  state: 'dispatched' | 'signed' | 'replied' | 'withdrawn';
  repliedAt: string | null;
  replyText: string | null;
}

/** One ticket (GET /tickets/:id): the callback desk sees the citizen in full. */
export interface TicketView {
  id: number;
  number: string;
  status: string;
  appealType: string;
  categoryId: number | null;
  urgency: string;
  title: string;
  description: string;
  channel: string;
  address: string | null;
  districtId: number | null;
  citizenName: string | null;
  citizenPhone: string | null;
  citizenVisibility: 'full' | 'masked' | 'hidden';
  confidential: boolean;
  leadUnitId: number | null;
  parentId: number | null;
  repliedAt: string | null;
  replyText: string | null;
  callbackDueAt: string | null;
  reopenCount: number;
  createdAt: string;
  version: number;
  assignments: Assignment[];
}

/** What a callback, close or reopen answers with. */
export interface TicketSummary {
  id: number;
  number: string;
  status: string;
  leadUnitId: number | null;
  parentId: number | null;
  version: number;
}

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

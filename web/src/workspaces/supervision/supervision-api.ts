import { api, qs, type Page } from '../../api';

// The supervision API (督办): watch lists, reminders, orders, exemption and objection requests.

export type DeadlineKind = 'sign' | 'reply' | 'order';
export type Stage = 'near' | 'overdue' | 'district' | 'centre';
export type ReminderStage = Stage | 'manual';

/** A deadline near or overdue, as GET /supervision/watch lists it. */
export interface WatchItem {
  ticketId: number;
  number: string;
  title: string;
  status: string;
  urgency: string;
  districtId: number | null;
  unitId: number;
  role: 'lead' | 'co' | null;
  kind: DeadlineKind;
  orderId: number | null;
  startAt: string;
  dueAt: string;
  state: 'near' | 'overdue';
  secondsLeft: number;
  used: number;
  reminders: number;
  lastReminderAt: string | null;
  level: Stage | null;
}

export interface Reminder {
  id: number;
  ticketId: number;
  ticketNumber: string;
  ticketTitle: string;
  unitId: number;
  deadlineKind: DeadlineKind;
  dueAt: string | null;
  stage: ReminderStage;
  orderId: number | null;
  actorId: number | null;
  actorName: string | null;
  note: string | null;
  notified: number;
  createdAt: string;
}

export interface OrderStep {
  id: number;
  action: 'issue' | 'reply' | 'send_back' | 'close';
  actorId: number | null;
  actorName: string | null;
  actorUnitId: number | null;
  at: string;
  text: string | null;
  dueAt: string | null;
}

export interface SupervisionOrder {
  id: number;
  ticketId: number;
  ticketNumber: string;
  ticketTitle: string;
  ticketDistrictId: number | null;
  ticketStatus: string;
  unitId: number;
  state: 'open' | 'replied' | 'closed';
  reason: string;
  requirement: string;
  startedAt: string;
  dueAt: string;
  issuedBy: number;
  issuedByName: string | null;
  issuedAt: string;
  replyText: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  closeNote: string | null;
  rounds: number;
  version: number;
  steps: OrderStep[];
}

export type RequestKind = 'exemption' | 'objection';
export type Aspect = 'all' | 'satisfaction' | 'timeliness' | 'reopen';
export const OBJECTION_ASPECTS = ['satisfaction', 'timeliness', 'reopen'] as const;

export interface EvaluationRequest {
  id: number;
  kind: RequestKind;
  ticketId: number;
  ticketNumber: string;
  ticketTitle: string;
  unitId: number;
  aspect: Aspect;
  reason: string;
  attachmentId: number | null;
  requestedBy: number;
  requestedByName: string | null;
  createdAt: string;
  state: 'pending' | 'approved' | 'refused';
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

export interface Adjustment {
  ticketId: number;
  unitId: number;
  aspect: Aspect;
  requestId: number;
  at: string;
}

export interface TicketSupervision {
  reminders: Reminder[];
  orders: SupervisionOrder[];
  requests: EvaluationRequest[];
  adjustments: Adjustment[];
}

export interface SupervisionSettings {
  nearShare: number;
  remindOnNear: boolean;
  remindOnOverdue: boolean;
  escalateDistrictAfterHours: number | null;
  escalateCentreAfterHours: number | null;
}

export interface SettingsView extends SupervisionSettings {
  defaults: SupervisionSettings;
  updatedAt: string | null;
}

/** An order's deadline: working days or hours from now. */
export type OrderDeadline = { workingDays: number } | { hours: number };

export const supervisionApi = {
  watch: (
    query: {
      state: 'near' | 'overdue';
      kind?: DeadlineKind;
      unitId?: number;
      districtId?: number;
      page?: number;
      pageSize?: number;
    },
    signal?: AbortSignal,
  ) => api<Page<WatchItem>>('GET', `/supervision/watch${qs(query)}`, undefined, { signal }),
  ticket: (ticketId: number, signal?: AbortSignal) =>
    api<TicketSupervision>('GET', `/tickets/${ticketId}/supervision`, undefined, { signal }),
  remind: (ticketId: number, body: { unitId?: number; note?: string }) =>
    api<Reminder>('POST', `/tickets/${ticketId}/reminders`, body),
  reminders: (query: { unitId?: number; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    api<Page<Reminder>>('GET', `/supervision/reminders${qs(query)}`, undefined, { signal }),
  orders: (
    query: { states?: Array<SupervisionOrder['state']>; page?: number; pageSize?: number },
    signal?: AbortSignal,
  ) => {
    const search = new URLSearchParams();
    for (const state of query.states ?? []) search.append('state', state);
    if (query.page) search.set('page', String(query.page));
    if (query.pageSize) search.set('pageSize', String(query.pageSize));
    const text = search.toString();
    return api<Page<SupervisionOrder>>(
      'GET',
      `/supervision/orders${text ? `?${text}` : ''}`,
      undefined,
      { signal },
    );
  },
  issue: (ticketId: number, body: { reason: string; requirement: string } & OrderDeadline) =>
    api<SupervisionOrder>('POST', `/tickets/${ticketId}/supervision-orders`, body),
  reply: (orderId: number, text: string) =>
    api<SupervisionOrder>('POST', `/supervision/orders/${orderId}/reply`, { text }),
  sendBack: (orderId: number, body: { reason: string } & Partial<OrderDeadline>) =>
    api<SupervisionOrder>('POST', `/supervision/orders/${orderId}/send-back`, body),
  close: (orderId: number, note: string) =>
    api<SupervisionOrder>('POST', `/supervision/orders/${orderId}/close`, note ? { note } : {}),
  requests: (
    query: {
      kind?: RequestKind;
      state?: EvaluationRequest['state'];
      page?: number;
      pageSize?: number;
    },
    signal?: AbortSignal,
  ) =>
    api<Page<EvaluationRequest>>('GET', `/supervision/evaluation-requests${qs(query)}`, undefined, {
      signal,
    }),
  ask: (
    ticketId: number,
    body: { kind: RequestKind; aspect?: Aspect; reason: string; attachmentId?: number },
  ) => api<EvaluationRequest>('POST', `/tickets/${ticketId}/evaluation-requests`, body),
  decide: (requestId: number, body: { decision: 'approve' | 'refuse'; reason: string }) =>
    api<EvaluationRequest>('POST', `/supervision/evaluation-requests/${requestId}/decision`, body),
  settings: (signal?: AbortSignal) =>
    api<SettingsView>('GET', '/admin/supervision', undefined, { signal }),
  saveSettings: (body: Partial<SupervisionSettings>) =>
    api<SettingsView>('PUT', '/admin/supervision', body),
};

/** Ticket states in which a unit owes a sign-for or a reply (chasing makes sense). */
export const CHASEABLE = ['dispatched', 'in_progress'];

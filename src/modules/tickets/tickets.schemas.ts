import { Type } from 'typebox';
import { Nullable } from '../../platform/http/routes.js';
import { TICKET_STATUSES } from './ticket-status.js';
import { APPEAL_TYPES, CHANNELS, URGENCIES } from './ticket.js';

// Response schemas of the tickets routes. A response schema drops every undeclared field, so a
// column added later (or the query code hash) cannot leak through these routes by accident.

const Time = Nullable(Type.String({ format: 'date-time' }));
const Id = Nullable(Type.Integer());
const FreeObject = Nullable(Type.Record(Type.String(), Type.Unknown()));

export const TicketStatusSchema = Type.Enum(TICKET_STATUSES);
export const UrgencySchema = Type.Enum(URGENCIES);
export const ChannelSchema = Type.Enum(CHANNELS);
export const AppealTypeSchema = Type.Enum(APPEAL_TYPES);
export const VisibilitySchema = Type.Enum(['full', 'masked', 'hidden']);

export const AssignmentSchema = Type.Object({
  id: Type.Integer(),
  unitId: Type.Integer(),
  role: Type.Enum(['lead', 'co']),
  state: Type.Enum(['dispatched', 'signed', 'replied', 'withdrawn']),
  dispatchedAt: Type.String({ format: 'date-time' }),
  dispatchedBy: Id,
  signedAt: Time,
  signedBy: Id,
  repliedAt: Time,
  repliedBy: Id,
  replyText: Nullable(Type.String()),
});

/** The fields a list row shows: the citizen always masked (or hidden), so lists need no audit. */
const listFields = {
  id: Type.Integer(),
  number: Type.String(),
  status: TicketStatusSchema,
  appealType: AppealTypeSchema,
  categoryId: Id,
  urgency: UrgencySchema,
  title: Type.String(),
  channel: ChannelSchema,
  address: Nullable(Type.String()),
  districtId: Id,
  streetId: Id,
  citizenName: Nullable(Type.String()),
  citizenPhone: Nullable(Type.String()),
  citizenVisibility: VisibilitySchema,
  confidential: Type.Boolean(),
  contactRequired: Type.Boolean(),
  leadUnitId: Id,
  parentId: Id,
  signDueAt: Time,
  replyDueAt: Time,
  repliedAt: Time,
  closedAt: Time,
  overdue: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  version: Type.Integer(),
};

export const TicketListItemSchema = Type.Object(listFields);

export const TicketViewSchema = Type.Object({
  ...listFields,
  description: Type.String(),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  catalogueVersionId: Id,
  catalogueRuleId: Id,
  dispatchedAt: Time,
  signedAt: Time,
  replyText: Nullable(Type.String()),
  callbackDueAt: Time,
  resolution: Nullable(Type.String()),
  reopenCount: Type.Integer(),
  returnCount: Type.Integer(),
  createdBy: Id,
  assignments: Type.Array(AssignmentSchema),
});

export const TicketEventSchema = Type.Object({
  id: Type.Integer(),
  seq: Type.Integer(),
  type: Type.String(),
  actorId: Id,
  actorUnitId: Id,
  /** The staff member's display name; null for steps the system took by itself. */
  actorName: Nullable(Type.String()),
  actorUnitName: Nullable(Type.String()),
  at: Type.String({ format: 'date-time' }),
  reason: Nullable(Type.String()),
  before: FreeObject,
  after: FreeObject,
  data: FreeObject,
});

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: Id,
  actorName: Nullable(Type.String()),
  action: Type.String(),
  detail: FreeObject,
});

export const AttachmentSchema = Type.Object({
  id: Type.Integer(),
  ticketId: Type.Integer(),
  name: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  purpose: Type.Enum(['appeal', 'reply']),
  /** null: the citizen added it from the portal or the app. */
  uploadedBy: Nullable(Id),
  createdAt: Type.String({ format: 'date-time' }),
});

import { Type, type Static, type TSchema } from 'typebox';
import { errorResponses, IdParams, Nullable } from '../../platform/http/routes.js';
import type { Ticket, TicketAssignment } from '../tickets/index.js';

const Time = Nullable(Type.String({ format: 'date-time' }));

export const AssignmentSummarySchema = Type.Object({
  unitId: Type.Integer(),
  role: Type.Union([Type.Literal('lead'), Type.Literal('co')]),
  state: Type.Union([
    Type.Literal('dispatched'),
    Type.Literal('signed'),
    Type.Literal('replied'),
    Type.Literal('withdrawn'),
  ]),
  signedAt: Time,
  repliedAt: Time,
});

/** The fields every queue and step answer starts with: which ticket, about what, where. */
export const TicketHeadingFields = {
  id: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  urgency: Type.String(),
  categoryId: Nullable(Type.Integer()),
  districtId: Nullable(Type.Integer()),
  version: Type.Integer(),
};

/**
 * What the dispatch, handling and callback routes answer with: the ticket's workflow state, never
 * the citizen (a response schema drops undeclared fields, so a name or a phone cannot slip out).
 */
export const TicketSummarySchema = Type.Object({
  ...TicketHeadingFields,
  status: Type.String(),
  leadUnitId: Nullable(Type.Integer()),
  parentId: Nullable(Type.Integer()),
  catalogueVersionId: Nullable(Type.Integer()),
  catalogueRuleId: Nullable(Type.Integer()),
  dispatchedAt: Time,
  signDueAt: Time,
  signedAt: Time,
  replyDueAt: Time,
  repliedAt: Time,
  replyText: Nullable(Type.String()),
  callbackDueAt: Time,
  closedAt: Time,
  resolution: Nullable(Type.String()),
  reopenCount: Type.Integer(),
  returnCount: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
  /** The current (not withdrawn) dispatches: the lead unit first, then co-handlers. */
  assignments: Type.Array(AssignmentSummarySchema),
});
export type TicketSummary = Static<typeof TicketSummarySchema>;

/** The route options of a workflow step on /tickets/:id/…: its body in, the ticket summary out. */
export const ticketStepRoute = <B extends TSchema>(tag: string, summary: string, body: B) => ({
  schema: {
    tags: [tag],
    summary,
    params: IdParams,
    body,
    response: { 200: TicketSummarySchema, ...errorResponses },
  },
});

/** A ticket and its current dispatches, as the workflow routes show them. */
export function toTicketSummary(
  ticket: Ticket,
  assignments: readonly TicketAssignment[],
): TicketSummary {
  const current = assignments
    .filter((a) => a.state !== 'withdrawn')
    .sort((a, b) => (a.role === b.role ? a.id - b.id : a.role === 'lead' ? -1 : 1));
  return {
    id: ticket.id,
    number: ticket.number,
    status: ticket.status,
    version: ticket.version,
    title: ticket.title,
    urgency: ticket.urgency,
    categoryId: ticket.categoryId,
    districtId: ticket.districtId,
    leadUnitId: ticket.leadUnitId,
    parentId: ticket.parentId,
    catalogueVersionId: ticket.catalogueVersionId,
    catalogueRuleId: ticket.catalogueRuleId,
    dispatchedAt: ticket.dispatchedAt,
    signDueAt: ticket.signDueAt,
    signedAt: ticket.signedAt,
    replyDueAt: ticket.replyDueAt,
    repliedAt: ticket.repliedAt,
    replyText: ticket.replyText,
    callbackDueAt: ticket.callbackDueAt,
    closedAt: ticket.closedAt,
    resolution: ticket.resolution,
    reopenCount: ticket.reopenCount,
    returnCount: ticket.returnCount,
    updatedAt: ticket.updatedAt,
    assignments: current.map((a) => ({
      unitId: a.unitId,
      role: a.role,
      state: a.state,
      signedAt: a.signedAt,
      repliedAt: a.repliedAt,
    })),
  };
}

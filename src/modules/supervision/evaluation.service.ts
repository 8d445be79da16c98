import { requireRoles, type Actor } from '../../platform/actor.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/errors.js';
import { noticeLine, noticesTo, recordOnTicket, sendNotices } from './notices.js';
import {
  attachmentOfTicket,
  decideEvaluationRequest,
  getEvaluationRequest,
  hasPendingEvaluationRequest,
  insertAdjustment,
  insertEvaluationRequest,
  listAdjustments,
  listEvaluationRequests,
  OBJECTION_ASPECTS,
  type EvaluationAdjustment,
  type EvaluationAspect,
  type EvaluationRequest,
  type EvaluationRequestKind,
  type EvaluationRequestState,
  type ObjectionAspect,
} from './evaluation.repository.js';
import { requiredText, watchScopeOf, type SupervisionDeps } from './supervision-context.js';
import { centreSupervisors, currentAssignmentOf } from './supervision.repository.js';

/** A reason must say something: at least this many characters, at most the other. */
export const MIN_REASON_CHARS = 5;
export const MAX_REASON_CHARS = 2000;

export interface EvaluationRequestInput {
  kind: EvaluationRequestKind;
  /** For an objection: what it contests (satisfaction, timeliness, reopen). */
  aspect?: ObjectionAspect;
  reason: string;
  /** A file of the ticket as evidence (uploaded to the ticket first). */
  attachmentId?: number | null;
}

export interface EvaluationDecision {
  decision: 'approve' | 'refuse';
  reason: string;
}

/**
 * Exemption (核减) and objection (申诉): a handler of a unit asks, for a ticket the unit handled;
 * a supervisor approves or refuses, always with a reason. An approved exemption takes the ticket
 * out of the unit's evaluation; an approved objection takes out the one result it contested.
 * Requests are never edited or deleted: each one is the record of its decision.
 */
export class EvaluationService {
  constructor(private readonly deps: SupervisionDeps) {}

  async request(
    actor: Actor,
    ticketId: number,
    input: EvaluationRequestInput,
  ): Promise<EvaluationRequest> {
    requireRoles(actor, ['handler'], 'Only staff of a handling unit ask for this');
    const reason = requiredText(input.reason, 'reason', {
      min: MIN_REASON_CHARS,
      max: MAX_REASON_CHARS,
    });
    const aspect = aspectOf(input);
    const { database, clock, tickets, senders } = this.deps;
    const db = database.db;
    const ticket = await tickets.query.getVisibleTicket(actor, ticketId);
    const assignment = await currentAssignmentOf(db, ticketId, actor.unitId);
    if (!assignment)
      throw new ForbiddenError(
        `Ticket ${ticket.number} is not one your unit handles`,
        'NOT_ASSIGNED',
      );
    const attachmentId = input.attachmentId ?? null;
    if (attachmentId !== null && !(await attachmentOfTicket(db, ticketId, attachmentId)))
      throw new ValidationError(
        'attachmentId',
        `Attachment ${attachmentId} does not belong to this ticket`,
        'ATTACHMENT_NOT_FOUND',
      );
    const done = await listAdjustments(db, { ticketIds: [ticketId], unitId: actor.unitId });
    if (done.some((a) => a.aspect === 'all' || a.aspect === aspect))
      throw new ConflictError(
        'ALREADY_ADJUSTED',
        input.kind === 'exemption'
          ? `Ticket ${ticket.number} is already exempted from your unit's evaluation`
          : `This result of ticket ${ticket.number} is already taken out of your unit's evaluation`,
      );
    const pending = { ticketId, unitId: actor.unitId, kind: input.kind, aspect };
    if (await hasPendingEvaluationRequest(db, pending))
      throw new ConflictError(
        'REQUEST_PENDING',
        'Your unit already asked this for this ticket; wait for the decision',
      );
    const id = await database.write(async (trx) => {
      const at = clock.now().toISOString();
      const requestId = await insertEvaluationRequest(trx, {
        ...pending,
        reason,
        attachmentId,
        by: actor.userId,
        at,
      });
      const detail = { requestId, kind: input.kind, aspect, unitId: actor.unitId };
      await sendNotices(
        trx,
        senders,
        noticesTo(await centreSupervisors(trx), {
          kind: 'sv_evaluation_requested',
          ticket,
          message: noticeLine(ticket),
          dedupeKey: null,
          detail,
        }),
      );
      await recordOnTicket(trx, database.dialect, {
        ticketId,
        type: input.kind === 'exemption' ? 'exemption_requested' : 'objection_requested',
        actor,
        at,
        reason,
        data: { ...detail, attachmentId },
      });
      return requestId;
    });
    return getEvaluationRequest(db, id);
  }

  /** A supervisor's decision, with a reason; approving records the adjustment at once. */
  async decide(
    actor: Actor,
    requestId: number,
    input: EvaluationDecision,
  ): Promise<EvaluationRequest> {
    requireRoles(actor, ['supervisor'], 'Only a supervisor decides exemptions and objections');
    if (input.decision !== 'approve' && input.decision !== 'refuse')
      throw new ValidationError('decision', 'Approve or refuse', 'VALIDATION_FAILED', {
        rule: 'enum',
        allowed: ['approve', 'refuse'],
      });
    const reason = requiredText(input.reason, 'reason', { max: MAX_REASON_CHARS });
    const { database, clock, tickets, senders } = this.deps;
    const request = await getEvaluationRequest(database.db, requestId);
    if (request.state !== 'pending') throw alreadyDecided(request);
    const ticket = await tickets.query.getVisibleTicket(actor, request.ticketId);
    const approve = input.decision === 'approve';
    await database.write(async (trx) => {
      const at = clock.now().toISOString();
      const decided = await decideEvaluationRequest(trx, {
        id: requestId,
        state: approve ? 'approved' : 'refused',
        by: actor.userId,
        at,
        reason,
      });
      if (!decided) throw alreadyDecided(request);
      if (approve)
        await insertAdjustment(trx, {
          ticketId: request.ticketId,
          unitId: request.unitId,
          aspect: request.aspect,
          requestId,
          at,
        });
      const detail = {
        requestId,
        kind: request.kind,
        aspect: request.aspect,
        unitId: request.unitId,
        decision: input.decision,
      };
      await sendNotices(
        trx,
        senders,
        noticesTo([{ unitId: request.unitId, userId: null }], {
          kind: 'sv_evaluation_decided',
          ticket,
          message: noticeLine(ticket, reason),
          dedupeKey: null,
          detail,
        }),
      );
      await recordOnTicket(trx, database.dialect, {
        ticketId: request.ticketId,
        type: request.kind === 'exemption' ? 'exemption_decided' : 'objection_decided',
        actor,
        at,
        reason,
        data: detail,
      });
    });
    return getEvaluationRequest(database.db, requestId);
  }

  /**
   * Requests: a handler sees the own unit's, a coordinator those on the district's tickets,
   * supervisors and the dispatch desk all.
   */
  async list(
    actor: Actor,
    filter: {
      kind?: EvaluationRequestKind;
      state?: EvaluationRequestState;
      unitId?: number;
      ticketId?: number;
      page?: number;
      pageSize?: number;
    } = {},
  ): Promise<{ items: EvaluationRequest[]; total: number; page: number; pageSize: number }> {
    const scope = watchScopeOf(actor);
    const page = filter.page ?? 1;
    const pageSize = Math.min(filter.pageSize ?? 50, 200);
    const { items, total } = await listEvaluationRequests(this.deps.database.db, {
      ...filter,
      unitId: scope.kind === 'unit' ? scope.unitId : filter.unitId,
      districtId: scope.kind === 'district' ? scope.districtId : undefined,
      page,
      pageSize,
    });
    return { items, total, page, pageSize };
  }

  /** Whether the ticket is exempted (核减) from the unit's evaluation. */
  async isExempted(ticketId: number, unitId: number): Promise<boolean> {
    const adjustments = await listAdjustments(this.deps.database.db, {
      ticketIds: [ticketId],
      unitId,
      aspect: 'all',
    });
    return adjustments.length > 0;
  }

  /**
   * What approved requests took out of evaluations (for the measures): of some tickets, of a
   * unit, or of one aspect ('all' = exempted tickets).
   */
  adjustments(filter: {
    ticketIds?: readonly number[];
    unitId?: number;
    aspect?: EvaluationAspect;
  }): Promise<EvaluationAdjustment[]> {
    return listAdjustments(this.deps.database.db, filter);
  }
}

function aspectOf(input: EvaluationRequestInput): EvaluationAspect {
  if (input.kind === 'exemption') return 'all';
  if (input.kind !== 'objection')
    throw new ValidationError('kind', 'Ask for an exemption or an objection', 'VALIDATION_FAILED', {
      rule: 'enum',
      allowed: ['exemption', 'objection'],
    });
  if (!input.aspect || !(OBJECTION_ASPECTS as readonly string[]).includes(input.aspect))
    throw new ValidationError(
      'aspect',
      'Say which result the objection contests',
      'VALIDATION_FAILED',
      { rule: 'enum', allowed: [...OBJECTION_ASPECTS] },
    );
  return input.aspect;
}

const alreadyDecided = (request: EvaluationRequest) =>
  new ConflictError(
    'REQUEST_ALREADY_DECIDED',
    `Request ${request.id} was already ${request.state}`,
  );

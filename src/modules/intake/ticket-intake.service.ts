import { requireRoles, type Actor } from '../../platform/actor.js';
import {
  APPEAL_TYPES,
  getTicketRow,
  toTicket,
  URGENCIES,
  type AppealType,
  type TicketPatch,
  type TicketStatus,
  type Urgency,
} from '../tickets/index.js';
import {
  hashQueryCode,
  LIMITS,
  newQueryCode,
  requireText,
  toDispositionStep,
  type DispositionStep,
} from './appeal-rules.js';
import { oneOf, type AppealInput, type AppealValidator } from './appeal-validation.js';
import { settleContactsOfTicket } from './contacts.repository.js';
import { CLOSE_AT_INTAKE_ROLES, INTAKE_ROLES } from './intake-access.js';
import { applyDisposition, writeNewTicket, type WriterDeps } from './ticket-writer.js';

export interface CreateTicketInput extends AppealInput {
  /** The contact (call, message) the ticket comes from; recorded with the ticket when absent. */
  contactId?: number | null;
  disposition?: string;
  answer?: string | null;
  referralTarget?: string | null;
  referralReason?: string | null;
}

export interface CreatedTicket {
  id: number;
  number: string;
  status: TicketStatus;
  /** Returned once, for the citizen to follow the appeal online; only its hash is stored. */
  queryCode: string;
}

export interface StepOutcome {
  id: number;
  number: string;
  status: TicketStatus;
  version: number;
}

export interface AcceptInput {
  categoryId?: number | null;
  districtId?: number | null;
  streetId?: number | null;
  urgency?: Urgency;
  appealType?: AppealType;
  expectedVersion?: number;
}

/** Intake of work orders: an operator creates them; received ones are accepted or closed at intake. */
export class TicketIntakeService {
  constructor(
    private readonly deps: WriterDeps,
    private readonly validator: AppealValidator,
  ) {}

  /** One durable transaction; the number is returned only once it is committed. */
  async create(actor: Actor, input: CreateTicketInput): Promise<CreatedTicket> {
    requireRoles(actor, INTAKE_ROLES);
    const appeal = await this.validator.validate(input);
    const step = toDispositionStep(appeal.channel, input);
    const queryCode = newQueryCode();
    const startedAt = this.deps.clock.now().toISOString();
    const contactId = input.contactId ?? null;
    const created = await this.deps.database.write((trx) =>
      writeNewTicket(trx, this.deps, actor, {
        appeal,
        step,
        contact: contactId !== null ? { contactId } : { record: { startedAt } },
        queryCodeHash: hashQueryCode(queryCode),
      }),
    );
    return { id: created.id, number: created.number, status: created.status, queryCode };
  }

  /** received → pending_dispatch, with the classification the operator completed. */
  async accept(actor: Actor, ticketId: number, input: AcceptInput = {}): Promise<StepOutcome> {
    requireRoles(actor, INTAKE_ROLES);
    const patch = await this.classification(input);
    return this.deps.database.write(async (trx) => {
      const { after } = await this.deps.store.applyStep(trx, {
        ticketId,
        action: 'accept',
        actor,
        patch,
        expectedVersion: input.expectedVersion,
      });
      await settleContactsOfTicket(trx, ticketId, 'ticket');
      return { id: after.id, number: after.number, status: after.status, version: after.version };
    });
  }

  async directAnswer(
    actor: Actor,
    ticketId: number,
    input: { answer: string; expectedVersion?: number },
  ): Promise<StepOutcome> {
    const answer = requireText('answer', input.answer, LIMITS.answer);
    return this.close(actor, ticketId, { kind: 'direct_answer', answer }, input.expectedVersion);
  }

  async refer(
    actor: Actor,
    ticketId: number,
    input: { target: string; reason: string; expectedVersion?: number },
  ): Promise<StepOutcome> {
    const step = toDispositionStep('phone', {
      disposition: 'referral',
      referralTarget: input.target,
      referralReason: input.reason,
    });
    return this.close(actor, ticketId, step, input.expectedVersion);
  }

  /** Closes a pointless contact's ticket (a prank, a wrong number, an empty message), with a reason. */
  async invalidate(
    actor: Actor,
    ticketId: number,
    input: { reason: string; expectedVersion?: number },
  ): Promise<StepOutcome> {
    requireRoles(actor, CLOSE_AT_INTAKE_ROLES);
    const reason = requireText('reason', input.reason, LIMITS.reason);
    return this.deps.database.write(async (trx) => {
      const { after } = await this.deps.store.applyStep(trx, {
        ticketId,
        action: 'invalidate',
        actor,
        reason,
        patch: { closedAt: this.deps.clock.now().toISOString(), resolution: 'invalid' },
        expectedVersion: input.expectedVersion,
      });
      await settleContactsOfTicket(trx, ticketId, 'invalid');
      return { id: after.id, number: after.number, status: after.status, version: after.version };
    });
  }

  private async close(
    actor: Actor,
    ticketId: number,
    step: DispositionStep,
    expectedVersion: number | undefined,
  ): Promise<StepOutcome> {
    requireRoles(actor, CLOSE_AT_INTAKE_ROLES);
    const at = this.deps.clock.now().toISOString();
    return this.deps.database.write(async (trx) => {
      const result = await applyDisposition(trx, this.deps.store, actor, ticketId, step, {
        at,
        expectedVersion,
      });
      const after = result?.after ?? toTicket(await getTicketRow(trx, ticketId));
      return { id: after.id, number: after.number, status: after.status, version: after.version };
    });
  }

  /** The fields an operator may complete when accepting; a district without a street clears the street. */
  private async classification(input: AcceptInput): Promise<TicketPatch> {
    const patch: TicketPatch = {};
    if (input.urgency !== undefined) patch.urgency = oneOf('urgency', input.urgency, URGENCIES);
    if (input.appealType !== undefined)
      patch.appealType = oneOf('appealType', input.appealType, APPEAL_TYPES);
    if (input.categoryId !== undefined)
      patch.categoryId = await this.validator.category(input.categoryId);
    if (input.districtId !== undefined || input.streetId !== undefined) {
      Object.assign(
        patch,
        await this.validator.place(input.districtId ?? null, input.streetId ?? null),
      );
    }
    return patch;
  }
}

import type { Actor } from '../../platform/actor.js';
import { hasRole } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { ConflictError } from '../../platform/errors.js';
import { localDate } from '../../platform/time-zone.js';
import type { ContactService } from '../intake/index.js';
import type { CallEvent, SwitchKind } from './call-events.js';
import { isHotlineCall, msBetween, outcomeOf, recordingUrlOf } from './call-rules.js';
import {
  claimContact,
  findCall,
  getCall,
  insertCallEventOnce,
  insertCallOnce,
  operatorAtExtension,
  updateCall,
  usernameOf,
  type CallRecord,
} from './calls.repository.js';

/** What the adapter's settings add to each event: which calls count, where recordings are. */
export interface CallContext {
  switch: SwitchKind;
  /** The hotline's dialled numbers or queues; empty: every call. */
  numbers: readonly string[];
  recordingUrlTemplate: string | null;
}

/** An instance that took the job of recording a contact and died is replaced after this. */
const CONTACT_CLAIM_STALE_MS = 60_000;

/**
 * Records what the phone switch reports: each call once (however many times, and by however
 * many app instances, an event is delivered), with its ring, answer, end, outcome and recording
 * link; and the call's contact (来电) for the operator who took it, through the intake module.
 *
 * The contact is recorded when an operator answers (theirs), or when the call ends unanswered
 * after ringing at an operator's extension (an abandoned contact of the last one it rang for,
 * as every hang-up is recorded). A call that ended in the queue before any phone rang is a call
 * record only: it counts in the measures, but no operator had a contact.
 */
export class CallService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly contacts: ContactService,
    /** An active user as an actor (the auth module), for the contact recorded in their name. */
    private readonly actorOfUsername: (username: string) => Promise<Actor | null>,
  ) {}

  /** Records one event; returns the call it concerns, or null when it is not a hotline call. */
  async record(context: CallContext, event: CallEvent): Promise<CallRecord | null> {
    const result = await this.database.write(async (trx) => {
      if (event.kind === 'offered') {
        if (!isHotlineCall(event.calledNumber, context.numbers)) return null;
        await insertCallOnce(trx, {
          switch: context.switch,
          pbx_call_id: event.callId,
          caller_number: event.callerNumber,
          called_number: event.calledNumber,
          agent_extension: null,
          operator_id: null,
          offered_at: event.at,
          offered_day: localDate(new Date(event.at), this.timeZone),
          ringing_at: null,
          answered_at: null,
          ended_at: null,
          outcome: null,
          answer_wait_ms: null,
          handle_ms: null,
          recording_url: null,
          contact_id: null,
          contact_claimed_at: null,
          updated_at: this.clock.now().toISOString(),
        });
        return { call: await findCall(trx, context.switch, event.callId), fresh: false };
      }
      const call = await findCall(trx, context.switch, event.callId);
      // Not a hotline call, or one that began before the switch was connected.
      if (!call) return null;
      const extension = event.kind === 'ended' ? call.agentExtension : event.extension;
      const operator =
        event.kind === 'ended'
          ? call.operatorId
          : ((await operatorAtExtension(trx, event.extension))?.userId ?? null);
      const logged = await insertCallEventOnce(trx, {
        call_id: call.id,
        kind: event.kind,
        // A ring is its agent's leg (one call may ring several phones, or one twice); an answer
        // and an end happen once per call.
        dedupe_key: event.kind === 'ringing' || event.kind === 'ring_stopped' ? event.legId : '',
        extension,
        operator_id: operator,
        at: event.at,
      });
      if (logged === null) return { call, fresh: false };
      const updatedAt = this.clock.now().toISOString();
      switch (event.kind) {
        case 'ringing':
          if (call.answeredAt || call.endedAt) return { call, fresh: true };
          return {
            call: await updateCall(trx, call.id, {
              agent_extension: event.extension,
              operator_id: operator,
              ringing_at: call.ringingAt ?? event.at,
              updated_at: updatedAt,
            }),
            fresh: true,
          };
        case 'ring_stopped':
          return { call, fresh: true };
        case 'answered':
          return {
            call: await updateCall(trx, call.id, {
              agent_extension: event.extension,
              operator_id: operator,
              ringing_at: call.ringingAt ?? event.at,
              answered_at: event.at,
              answer_wait_ms: msBetween(call.offeredAt, event.at),
              updated_at: updatedAt,
            }),
            fresh: true,
          };
        case 'ended': {
          const answered = call.answeredAt !== null;
          return {
            call: await updateCall(trx, call.id, {
              ended_at: event.at,
              outcome: outcomeOf(answered, event.hungUpBy),
              handle_ms: answered ? msBetween(call.answeredAt!, event.at) : null,
              recording_url: answered
                ? recordingUrlOf(context.recordingUrlTemplate, {
                    callId: call.pbxCallId,
                    day: call.offeredDay,
                    switch: call.switch,
                  })
                : null,
              updated_at: updatedAt,
            }),
            fresh: true,
          };
        }
      }
    });
    if (!result?.call) return null;
    if (result.fresh && (event.kind === 'answered' || event.kind === 'ended'))
      await this.settleContact(result.call.id);
    return getCall(this.database.db, result.call.id);
  }

  /**
   * Brings the call's contact up to date with the call: records it (one instance claims the
   * job) once an operator answered or the call ended after ringing, then its answer and end.
   */
  private async settleContact(callId: number): Promise<void> {
    let call = await getCall(this.database.db, callId);
    if (!call) return;
    if (call.contactId === null) {
      if (call.operatorId === null || (!call.answeredAt && !call.endedAt)) return;
      const now = this.clock.now();
      const claimed = await this.database.write((trx) =>
        claimContact(
          trx,
          callId,
          now.toISOString(),
          new Date(now.getTime() - CONTACT_CLAIM_STALE_MS).toISOString(),
        ),
      );
      // Another instance records it, and brings it up to date once it has (below).
      if (!claimed) return;
      const actor = await this.operatorActor(call.operatorId);
      if (!actor) return;
      const contact = await this.contacts.record(actor, {
        channel: 'phone',
        callerNumber: call.callerNumber,
        startedAt: call.offeredAt,
        answeredAt: call.answeredAt,
        endedAt: call.endedAt,
        outcome: call.answeredAt || !call.endedAt ? 'pending' : 'abandoned',
      });
      const recorded = { answeredAt: call.answeredAt, endedAt: call.endedAt };
      call = await this.database.write(async (trx) => {
        const linked = await updateCall(trx, callId, {
          contact_id: contact.id,
          updated_at: this.clock.now().toISOString(),
        });
        await insertCallEventOnce(trx, {
          call_id: callId,
          kind: 'contact',
          dedupe_key: '',
          extension: linked.agentExtension,
          operator_id: linked.operatorId,
          at: this.clock.now().toISOString(),
        });
        return linked;
      });
      // The call may have ended while the contact was being recorded.
      if (call.endedAt && !recorded.endedAt) await this.endContact(call, actor);
      return;
    }
    if (call.endedAt && call.operatorId !== null) {
      const actor = await this.operatorActor(call.operatorId);
      if (actor) await this.endContact(call, actor);
    }
  }

  private async endContact(call: CallRecord, actor: Actor): Promise<void> {
    if (call.contactId === null || !call.endedAt) return;
    try {
      await this.contacts.update(actor, call.contactId, {
        endedAt: call.endedAt,
        ...(call.answeredAt ? {} : { outcome: 'abandoned' as const }),
      });
    } catch (error) {
      // The operator already linked the contact to a ticket: its outcome follows the ticket.
      if (!(error instanceof ConflictError)) throw error;
      await this.contacts.update(actor, call.contactId, { endedAt: call.endedAt });
    }
  }

  /** The operator as an actor, if still an active operator. */
  private async operatorActor(userId: number): Promise<Actor | null> {
    const username = await usernameOf(this.database.db, userId);
    const actor = username ? await this.actorOfUsername(username) : null;
    return actor && hasRole(actor, 'operator') ? actor : null;
  }
}

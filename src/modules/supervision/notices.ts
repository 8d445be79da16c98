import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { DialectName } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import { insertEvent, lockTicket, type Ticket } from '../tickets/index.js';
import type { Recipient } from './supervision.repository.js';

/** What a notice is about: the client picks its words (and a sender its template) by kind. */
export const NOTICE_KINDS = [
  'sv_near',
  'sv_overdue',
  'sv_escalation',
  'sv_reminder',
  'sv_order_issued',
  'sv_order_replied',
  'sv_order_sent_back',
  'sv_order_closed',
  'sv_evaluation_requested',
  'sv_evaluation_decided',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * One notice to one recipient (a unit, or one person in it). `message` is a short line that reads
 * the same in every language (the ticket's number and title, and a person's note); the kind and
 * `detail` carry the rest, so each channel words it its own way.
 */
export interface SupervisionNotice {
  kind: NoticeKind;
  recipient: Recipient;
  ticket: { id: number; number: string; title: string };
  message: string;
  /** Senders skip a notice whose key they have seen (the scanner runs on every instance). */
  dedupeKey: string | null;
  detail: Record<string, unknown>;
}

/**
 * Where notices go. Each sender is called inside the transaction of the change, so a sender
 * that delivers later (e-mail, SMS) enqueues there and delivers only what committed. The
 * in-app notification list is the first sender; the composition root may add others.
 */
export interface NoticeSender {
  /** True when the notice was taken (false: its dedupe key was used before). */
  send(trx: Transaction<DB>, notice: SupervisionNotice): Promise<boolean>;
}

/** Sends each notice to every sender; returns how many the first (in-app) sender took. */
export async function sendNotices(
  trx: Transaction<DB>,
  senders: readonly NoticeSender[],
  notices: readonly SupervisionNotice[],
): Promise<number> {
  let taken = 0;
  for (const notice of notices) {
    let first = true;
    for (const sender of senders) {
      const ok = await sender.send(trx, notice);
      if (first && ok) taken += 1;
      first = false;
    }
  }
  return taken;
}

/** The notices of one event to several recipients, each with its own dedupe key. */
export function noticesTo(
  recipients: readonly Recipient[],
  base: Omit<SupervisionNotice, 'recipient' | 'dedupeKey'> & { dedupeKey: string | null },
): SupervisionNotice[] {
  const seen = new Set<string>();
  const out: SupervisionNotice[] = [];
  for (const recipient of recipients) {
    const who = `${recipient.unitId}:${recipient.userId ?? ''}`;
    if (seen.has(who)) continue;
    seen.add(who);
    out.push({
      ...base,
      recipient,
      dedupeKey: base.dedupeKey === null ? null : `${base.dedupeKey}:${who}`,
    });
  }
  return out;
}

/** "20260302000001 · 路灯不亮", and a person's note after a dash. */
export function noticeLine(ticket: Pick<Ticket, 'number' | 'title'>, note?: string | null): string {
  const line = `${ticket.number} · ${ticket.title}`;
  return note ? `${line} — ${note}` : line;
}

/** The ticket events the supervision module writes (they change nothing on the ticket itself). */
export type SupervisionEventType =
  | 'reminder'
  | 'escalation'
  | 'supervision_order_issued'
  | 'supervision_order_replied'
  | 'supervision_order_sent_back'
  | 'supervision_order_closed'
  | 'exemption_requested'
  | 'exemption_decided'
  | 'objection_requested'
  | 'objection_decided';

/**
 * Appends a supervision step to the ticket's history (its timeline), under the ticket's row
 * lock so its sequence number is the ticket's next; the change feed then tells every screen.
 */
export async function recordOnTicket(
  trx: Transaction<DB>,
  dialect: DialectName,
  input: {
    ticketId: number;
    type: SupervisionEventType;
    actor: Actor | null;
    at: string;
    reason: string | null;
    data: Record<string, unknown>;
    /** The caller holds the ticket's row lock already. */
    locked?: boolean;
  },
): Promise<void> {
  if (!input.locked) await lockTicket(trx, dialect, input.ticketId);
  await insertEvent(trx, {
    ticketId: input.ticketId,
    type: input.type,
    actorId: input.actor?.userId ?? null,
    actorUnitId: input.actor?.unitId ?? null,
    at: input.at,
    reason: input.reason,
    before: null,
    after: null,
    data: input.data,
  });
}

import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../../platform/actor.js';
import type { DB } from '../../platform/db/schema.js';
import { ForbiddenError } from '../../platform/errors.js';

/** Categories, the dispatch catalogue and the calendar are kept by administrators (DOMAIN.md). */
export function assertAdmin(actor: Actor, what: string): void {
  if (!actor.roles.includes('admin')) {
    throw new ForbiddenError(`Only an administrator can ${what}`, 'ROLE_REQUIRED');
  }
}

/**
 * Writes an audit_log row (same shape as platform/audit.ts) inside the caller's transaction, so
 * an admin change and its record commit together or not at all.
 */
export async function recordAdminChange(
  trx: Kysely<DB> | Transaction<DB>,
  entry: {
    at: string;
    actor: Actor;
    action: string;
    subjectType: string;
    subjectId: string | number;
    detail?: unknown;
  },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_id: entry.actor.userId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: String(entry.subjectId),
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    })
    .execute();
}

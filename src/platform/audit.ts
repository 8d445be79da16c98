import type { Kysely, Transaction } from 'kysely';
import type { Clock } from './clock.js';
import type { Database } from './db/database.js';
import type { DB } from './db/schema.js';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | number;
  detail?: Record<string, unknown>;
}

/**
 * Writes an audit_log row with the caller's transaction, so that a change and its record commit
 * together or not at all.
 */
export async function recordAuditIn(
  trx: Transaction<DB> | Kysely<DB>,
  at: string,
  entry: AuditEntry,
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at,
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: String(entry.subjectId),
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
    })
    .execute();
}

/** Records who looked at or did something sensitive (unmasked citizen data, admin changes). */
export class AuditLog {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** Records in a write of its own: for an act that changes nothing else (a view of a citizen). */
  async record(entry: AuditEntry): Promise<void> {
    await this.database.write((trx) => this.recordIn(trx, entry));
  }

  /** Records inside the caller's write (see recordAuditIn), stamped with this log's clock. */
  async recordIn(trx: Transaction<DB>, entry: AuditEntry): Promise<void> {
    await recordAuditIn(trx, this.clock.now().toISOString(), entry);
  }

  async list(filter: {
    subjectType?: string;
    subjectId?: string;
    action?: string;
    limit?: number;
  }) {
    let query = this.database.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
    if (filter.subjectType) query = query.where('subject_type', '=', filter.subjectType);
    if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
    if (filter.action) query = query.where('action', '=', filter.action);
    return query.limit(filter.limit ?? 100).execute();
  }
}

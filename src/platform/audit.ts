import type { Database } from './db/database.js';
import type { Clock } from './clock.js';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  subjectType: string;
  subjectId: string | number;
  detail?: Record<string, unknown>;
}

/** Records who looked at or did something sensitive (unmasked citizen data, admin changes). */
export class AuditLog {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.database.write((trx) =>
      trx
        .insertInto('audit_log')
        .values({
          at: this.clock.now().toISOString(),
          actor_id: entry.actorId,
          action: entry.action,
          subject_type: entry.subjectType,
          subject_id: String(entry.subjectId),
          detail: entry.detail ? JSON.stringify(entry.detail) : null,
        })
        .execute(),
    );
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

import type { Database } from '../src/platform/db/database.js';
import { writeSearchTerms } from '../src/platform/db/dialect-sql.js';
import { indexTerms } from '../src/platform/text.js';
import { sql, type Kysely } from 'kysely';

const PLACES = [
  '江阳中路',
  '酒城大道',
  '蜀泸大道',
  '龙马大道',
  '佳乐世纪城',
  '万达广场',
  '南城街道',
  '小市街道',
];
const MATTERS = [
  '路灯不亮',
  '道路破损',
  '施工噪音扰民',
  '小区停水',
  '油烟污染',
  '违章停车',
  '拖欠工资',
  '物业不作为',
];

/** Bulk-loads `count` closed tickets (with a created event and search terms) for size benchmarks. */
export async function fillTickets(
  database: Database,
  count: number,
  onProgress?: (done: number) => void,
): Promise<void> {
  const batch = 5000;
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let done = 0; done < count; done += batch) {
    await database.write(async (trx) => {
      const n = Math.min(batch, count - done);
      const rows = Array.from({ length: n }, (_, i) => {
        const k = done + i;
        const at = new Date(start + k * 15_000).toISOString();
        const text = `${PLACES[k % PLACES.length]}${k % 97}号附近${MATTERS[k % MATTERS.length]}，已经持续${(k % 9) + 1}天，请尽快处理`;
        return {
          number: `B${String(k).padStart(13, '0')}`,
          status: 'closed',
          appeal_type: 'complaint',
          urgency: 'normal',
          title: text.slice(0, 30),
          description: text,
          channel: 'phone',
          citizen_phone: `138${String(k).padStart(8, '0')}`,
          confidential: 0,
          contact_required: 0,
          reopen_count: 0,
          return_count: 0,
          created_at: at,
          updated_at: at,
          closed_at: at,
          version: 1,
        };
      });
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500);
        const ids = await trx.insertInto('tickets').values(chunk).returning('id').execute();
        await trx
          .insertInto('ticket_events')
          .values(
            ids.map((r, j) => ({
              ticket_id: r.id,
              seq: 1,
              type: 'created',
              actor_id: null,
              actor_unit_id: null,
              at: chunk[j]!.created_at,
              reason: null,
              before: null,
              after: null,
              data: null,
            })),
          )
          .execute();
        for (const [j, r] of ids.entries()) {
          await writeSearchTerms(
            trx as unknown as Kysely<never>,
            database.dialect,
            r.id,
            indexTerms(chunk[j]!.description),
          );
        }
      }
    });
    onProgress?.(Math.min(done + batch, count));
  }
  // A bulk load leaves the full-text index in many small segments that later inserts would
  // merge bit by bit; a real import ends by merging them once, as this does.
  if (database.dialect === 'sqlite') {
    await database.write((trx) =>
      sql`INSERT INTO ticket_search(ticket_search) VALUES ('optimize')`.execute(trx),
    );
  }
}

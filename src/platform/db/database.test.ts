import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../../test-support/databases.js';
import { ticketMatchesTerms, writeSearchTerms } from './dialect-sql.js';
import { openDatabase } from './database.js';
import { indexTerms, queryTerms } from '../text.js';
import type { Kysely } from 'kysely';

describe.each(TEST_DIALECTS)('database on %s', (dialect) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await testDb.drop();
  });

  it('commits every write of a concurrent burst and refuses a failing one alone', async () => {
    const { database } = testDb;
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        database.write(async (trx) => {
          if (i === 7) {
            await trx
              .insertInto('calendar_days')
              .values({ date: 'x-7', kind: 'holiday', name: null })
              .execute();
            throw new Error('refused');
          }
          await trx
            .insertInto('calendar_days')
            .values({ date: `d-${String(i).padStart(2, '0')}`, kind: 'workday', name: '𠮷😀' })
            .execute();
          return i;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    const rows = await database.db
      .selectFrom('calendar_days')
      .selectAll()
      .where('date', 'like', 'd-%')
      .execute();
    expect(rows).toHaveLength(39);
    expect(rows.every((r) => r.name === '𠮷😀')).toBe(true);
    const refused = await database.db
      .selectFrom('calendar_days')
      .selectAll()
      .where('date', '=', 'x-7')
      .execute();
    expect(refused).toHaveLength(0);
  });

  it('hands out counter values without gaps or repeats under concurrency', async () => {
    const values = await Promise.all(
      Array.from({ length: 30 }, () =>
        testDb.database.write((trx) => testDb.database.nextCounterValue(trx, '20260301')),
      ),
    );
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('never gives two app instances on one database the same counter value', async () => {
    const other = openDatabase({ url: testDb.url, searchPath: testDb.searchPath, poolSize: 3 });
    try {
      const take = (database: typeof other) =>
        database.write((trx) => database.nextCounterValue(trx, '20260302'));
      const values = await Promise.all(
        Array.from({ length: 40 }, (_, i) => take(i % 2 === 0 ? testDb.database : other)),
      );
      expect(new Set(values).size).toBe(40);
    } finally {
      await other.close();
    }
  });

  it('finds Chinese two-character words and English words in the search index', async () => {
    const { database } = testDb;
    const texts = ['小区停水三天了', '路灯不亮 street light broken', '施工噪音扰民', '停车位被占'];
    await database.write(async (trx) => {
      for (const [i, text] of texts.entries()) {
        const id = i + 1;
        await trx
          .insertInto('tickets')
          .values({
            id,
            number: `N${id}`,
            status: 'received',
            appeal_type: 'complaint',
            urgency: 'normal',
            title: text,
            description: text,
            channel: 'phone',
            created_at: 'x',
            updated_at: 'x',
            confidential: 0,
            contact_required: 0,
            reopen_count: 0,
            return_count: 0,
            version: 0,
          })
          .execute();
        await writeSearchTerms(trx as unknown as Kysely<never>, dialect, id, indexTerms(text));
      }
    });
    const search = async (q: string) =>
      (
        await database.db
          .selectFrom('tickets')
          .select('title')
          .where(ticketMatchesTerms(dialect, queryTerms(q)))
          .orderBy('id')
          .execute()
      ).map((r) => r.title);
    expect(await search('停水')).toEqual(['小区停水三天了']);
    expect(await search('停')).toEqual(['小区停水三天了', '停车位被占']);
    expect(await search('路灯')).toEqual(['路灯不亮 street light broken']);
    expect(await search('Light')).toEqual(['路灯不亮 street light broken']);
    expect(await search('噪音扰民')).toEqual(['施工噪音扰民']);
    expect(await search('停电')).toEqual([]);
  });
});

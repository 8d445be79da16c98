import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../../test-support/databases.js';
import { seedTicket } from '../../test-support/tickets.js';
import { resolveFilter } from './ticket-filter.js';
import { listTicketRows } from './ticket-list.repository.js';

describe.each(TEST_DIALECTS)('ticket list on %s', (dialect) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    for (let i = 0; i < 30; i++) {
      const at = new Date(Date.UTC(2026, 2, 1, 0, i)).toISOString();
      const description = i % 3 === 0 ? `${i}号楼路灯不亮` : `${i}号楼门口停水`;
      await seedTicket(testDb.database, { description, created_at: at, updated_at: at });
    }
  });
  afterAll(async () => {
    await testDb.drop();
  });

  const list = (q: string, limits?: { countCap: number; broadSearch: number }) =>
    listTicketRows(
      testDb.database.db,
      dialect,
      { kind: 'all' },
      resolveFilter({ q, pageSize: 5 }, 'Asia/Shanghai'),
      '2026-03-02T00:00:00.000Z',
      limits,
    );

  it('gives the same newest-first page whether a search is treated as narrow or broad', async () => {
    const narrow = await list('停水', { countCap: 10_000, broadSearch: 1_000 });
    const broad = await list('停水', { countCap: 10_000, broadSearch: 3 });
    expect(narrow.total).toBe(20);
    expect(broad.rows.map((r) => r.description)).toEqual(narrow.rows.map((r) => r.description));
    expect(narrow.rows.map((r) => r.description)).toEqual([
      '29号楼门口停水',
      '28号楼门口停水',
      '26号楼门口停水',
      '25号楼门口停水',
      '23号楼门口停水',
    ]);
  });

  it('stops counting at the cap and says there are more', async () => {
    const capped = await list('停水', { countCap: 12, broadSearch: 1_000 });
    expect(capped).toMatchObject({ total: 12, totalCapped: true });
    const exact = await list('路灯');
    expect(exact).toMatchObject({ total: 10, totalCapped: false });
  });
});

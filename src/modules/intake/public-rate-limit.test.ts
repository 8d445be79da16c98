import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/app.js';

// The limiter is in memory, the same on every database: one dialect is enough here.
describe('public appeal endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t.close();
  });

  const file = (remoteAddress: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/public/appeals',
      remoteAddress,
      payload: { description: '小区门口路灯不亮', citizenPhone: '13800001111' },
    });

  it('refuse one address past the per-minute limit with 429, and nothing is filed', async () => {
    const limit = t.config.publicRateLimit;
    for (let i = 0; i < limit; i++) expect((await file('203.0.113.7')).statusCode).toBe(201);
    const before = await t.testDb.database.db.selectFrom('tickets').select('id').execute();
    const refused = await file('203.0.113.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('TOO_MANY_REQUESTS');
    const after = await t.testDb.database.db.selectFrom('tickets').select('id').execute();
    expect(after.length).toBe(before.length);
    expect((await file('198.51.100.9')).statusCode).toBe(201);
    t.clock.advance(60_000);
    expect((await file('203.0.113.7')).statusCode).toBe(201);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../platform/clock.js';
import { NotFoundError } from '../../platform/errors.js';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../../test-support/databases.js';
import { actorFor, createFixture, type Fixture } from '../../test-support/fixtures.js';
import { NotificationService } from './notifications.service.js';

describe.each(TEST_DIALECTS)('notifications on %s', (dialect) => {
  let testDb: TestDatabase;
  let fixture: Fixture;
  let clock: FakeClock;
  let service: NotificationService;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    fixture = await createFixture(testDb.database);
    clock = new FakeClock('2026-03-02T01:00:00.000Z');
    service = new NotificationService(testDb.database, clock);
  });
  afterAll(async () => {
    await testDb.drop();
  });

  const notify = (input: Parameters<NotificationService['notify']>[1]) =>
    testDb.database.write((trx) => service.notify(trx, input));

  it('writes a notification once per dedupe key, and shows it to its unit only', async () => {
    const reminder = {
      unitId: fixture.units.housingBureau,
      kind: 'kb_review_due',
      message: '请复核《𠮷野家😀》',
      subjectType: 'knowledge_article',
      subjectId: 7,
      dedupeKey: 'kb-review:7:2026-03-02',
    };
    expect(await notify(reminder)).toBe(true);
    clock.advance(60_000);
    expect(await notify(reminder)).toBe(false);
    expect(await notify({ ...reminder, dedupeKey: null, message: 'no key' })).toBe(true);
    expect(await notify({ ...reminder, dedupeKey: null, message: 'no key either' })).toBe(true);

    const housing = await actorFor(testDb.database, 'h-housing');
    const listed = await service.list(housing);
    expect(listed.map((n) => n.message)).toEqual(['no key either', 'no key', '请复核《𠮷野家😀》']);
    expect(listed[2]).toMatchObject({ kind: 'kb_review_due', subjectId: 7, readAt: null });
    expect(await service.list(await actorFor(testDb.database, 'h-nancheng'))).toEqual([]);
  });

  it('addresses one member when told to, and marks read for the whole unit', async () => {
    const handler = await actorFor(testDb.database, 'h-housing');
    await notify({
      unitId: fixture.units.housingBureau,
      userId: fixture.users.admin.id,
      kind: 'x',
      message: 'for someone else',
    });
    expect((await service.list(handler)).map((n) => n.message)).not.toContain('for someone else');

    const [first] = await service.list(handler, { unread: true });
    clock.set('2026-03-03T00:00:00.000Z');
    const read = await service.markRead(handler, first!.id);
    expect(read.readAt).toBe('2026-03-03T00:00:00.000Z');
    expect((await service.list(handler, { unread: true })).map((n) => n.id)).not.toContain(
      first!.id,
    );
    await expect(
      service.markRead(await actorFor(testDb.database, 'h-nancheng'), first!.id),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

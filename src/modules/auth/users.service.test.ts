import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { AuditLog } from '../../platform/audit.js';
import { FakeClock } from '../../platform/clock.js';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../../test-support/databases.js';
import { createFixture, type Fixture } from '../../test-support/fixtures.js';
import { createAuthModule, type AuthModule } from './index.js';

describe.each(TEST_DIALECTS)('user service for the CLI and the demo seed on %s', (dialect) => {
  let testDb: TestDatabase;
  let fixture: Fixture;
  let auth: AuthModule;
  let audit: AuditLog;
  let lockoutThreshold: number;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    const clock = new FakeClock('2026-03-02T01:00:00.000Z');
    const config = loadConfig({ LOG_LEVEL: 'silent', DATABASE_URL: testDb.url });
    lockoutThreshold = config.lockoutThreshold;
    audit = new AuditLog(testDb.database, clock);
    auth = createAuthModule({ database: testDb.database, config, clock }, { audit });
    fixture = await createFixture(testDb.database);
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it('creates a user and resets a password as the system, which unlocks the account', async () => {
    const user = await auth.users.createUser('system', {
      username: 'Wang.Wei',
      displayName: '王伟',
      password: 'first-password',
      unitId: fixture.units.waterCompany,
      roles: ['handler', 'handler'],
    });
    expect(user).toMatchObject({ username: 'wang.wei', roles: ['handler'], active: true });
    await expect(auth.service.login('wang.wei', 'first-password')).resolves.toMatchObject({
      user: { id: user.id, unitId: fixture.units.waterCompany, districtId: null },
    });

    for (let i = 0; i < lockoutThreshold; i++) {
      await auth.service.login('wang.wei', 'wrong-password').catch(() => undefined);
    }
    await expect(auth.service.login('wang.wei', 'first-password')).rejects.toMatchObject({
      code: 'ACCOUNT_LOCKED',
    });
    await auth.users.resetPassword('system', 'WANG.WEI', 'second-password');
    await expect(auth.service.login('wang.wei', 'second-password')).resolves.toBeTruthy();

    const entries = await audit.list({ subjectType: 'user', subjectId: String(user.id) });
    expect(entries.map((a) => [a.action, a.actor_id])).toEqual([
      ['user.password_reset', null],
      ['user.create', null],
    ]);
  });

  it('validates what the system creates just as for an admin', async () => {
    await expect(
      auth.users.createUser('system', {
        username: 'zhao',
        displayName: '赵',
        password: 'short',
        unitId: fixture.units.centre,
        roles: ['operator'],
      }),
    ).rejects.toMatchObject({ code: 'PASSWORD_TOO_SHORT', field: 'password' });
    await expect(
      auth.users.createUser('system', {
        username: 'zhao',
        displayName: '赵',
        password: 'long-enough',
        unitId: fixture.units.centre,
        roles: ['root'],
      }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_ROLE', field: 'roles' });
  });

  it('refuses an unknown username on reset', async () => {
    await expect(
      auth.users.resetPassword('system', 'nobody', 'whatever-pass'),
    ).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
  });

  it('builds the actor of a session with the district of the user unit', async () => {
    const { token } = await auth.service.login('h-nancheng', 'secret-pass-1');
    const actor = await auth.service.actorFromRequest(undefined, { oh_session: token });
    expect(actor).toEqual({
      userId: fixture.users.handler.id,
      username: 'h-nancheng',
      displayName: 'h-nancheng',
      unitId: fixture.units.nanchengStreet,
      districtId: fixture.units.jiangyang,
      roles: ['handler'],
      via: 'session',
    });
    // A proxy's Basic auth header leaves the session to decide; a bad Bearer token does not.
    const behindProxy = await auth.service.actorFromRequest('Basic abc', { oh_session: token });
    expect(behindProxy?.userId).toBe(fixture.users.handler.id);
    expect(await auth.service.actorFromRequest('Bearer nope', { oh_session: token })).toBeNull();
  });
});

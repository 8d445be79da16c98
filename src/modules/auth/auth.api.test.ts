import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { FIXTURE_PASSWORD } from '../../test-support/fixtures.js';
import { hashSecret } from './secrets.js';
import { buildApp } from '../../app.js';
import { createServices } from '../../composition.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { errorOf } from '../../test-support/http.js';

const MINUTE = 60_000;

describe.each(TEST_DIALECTS)('login, sessions and lockout on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  const me = (cookie?: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: cookie ? { cookie } : {} });

  it('logs in with the right password and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const response = await login('op1', FIXTURE_PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      user: {
        id: t.fixture.users.operator.id,
        username: 'op1',
        displayName: 'op1',
        unitId: t.fixture.units.centre,
        districtId: null,
        roles: ['operator'],
      },
    });
    const cookie = response.cookies.find((c) => c.name === 'oh_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    expect(cookie.secure).toBeUndefined();
    const expected = new Date(t.clock.now().getTime() + t.config.sessionTtlHours * 3_600_000);
    expect(cookie.expires?.toUTCString()).toBe(expected.toUTCString());
  });

  it('stores only a hash of the session token', async () => {
    const response = await login('disp1', FIXTURE_PASSWORD);
    const token = response.cookies.find((c) => c.name === 'oh_session')!.value;
    const rows = await t.testDb.database.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', t.fixture.users.dispatcher.id)
      .execute();
    expect(rows.map((r) => r.id)).toEqual([hashSecret(token)]);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('knows the user of a session at /me and gives their district', async () => {
    const cookie = await t.login('coord-jy');
    const response = await me(cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: { username: 'coord-jy', roles: ['coordinator'], districtId: t.fixture.units.jiangyang },
      via: 'session',
    });
    expect(errorOf(await me()).code).toBe('UNAUTHENTICATED');
    expect((await me('oh_session=made-up')).statusCode).toBe(401);
  });

  it('accepts the username in any letter case', async () => {
    expect((await login('  OP1 ', FIXTURE_PASSWORD)).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown user alike: 401 INVALID_CREDENTIALS', async () => {
    const wrong = await login('cb1', 'not-the-password');
    const unknown = await login('nobody-here', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(errorOf(wrong).code).toBe('INVALID_CREDENTIALS');
    expect(errorOf(unknown).message).toBe(errorOf(wrong).message);
    expect(wrong.cookies).toHaveLength(0);
  });

  it('names the missing field of a malformed login', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'op1' },
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'body.password',
    });
  });

  it('locks the account after the threshold of failures, then lets the user in after the lock', async () => {
    const { lockoutThreshold, lockoutMinutes } = t.config;
    for (let i = 1; i < lockoutThreshold; i++) {
      expect((await login('ana1', `wrong-${i}`)).statusCode).toBe(401);
    }
    const locking = await login('ana1', 'wrong-last');
    expect(locking.statusCode).toBe(429);
    expect(errorOf(locking).code).toBe('ACCOUNT_LOCKED');
    expect(errorOf(locking).lockedUntil).toBe(
      new Date(t.clock.now().getTime() + lockoutMinutes * MINUTE).toISOString(),
    );

    // Even the right password is refused while the lock lasts.
    expect(errorOf(await login('ana1', FIXTURE_PASSWORD)).code).toBe('ACCOUNT_LOCKED');
    t.clock.advance(lockoutMinutes * MINUTE - 1000);
    expect((await login('ana1', FIXTURE_PASSWORD)).statusCode).toBe(429);
    t.clock.advance(1000);
    expect((await login('ana1', FIXTURE_PASSWORD)).statusCode).toBe(200);
  });

  it('starts the count afresh after a successful login', async () => {
    const { lockoutThreshold } = t.config;
    for (let i = 1; i < lockoutThreshold; i++) await login('sup1', `wrong-${i}`);
    expect((await login('sup1', FIXTURE_PASSWORD)).statusCode).toBe(200);
    for (let i = 1; i < lockoutThreshold; i++) {
      expect((await login('sup1', `wrong-${i}`)).statusCode).toBe(401);
    }
    expect((await login('sup1', FIXTURE_PASSWORD)).statusCode).toBe(200);
  });

  it('logout ends the session and clears the cookie', async () => {
    const cookie = await t.login('kb1');
    expect((await me(cookie)).statusCode).toBe(200);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie },
    });
    expect(response.statusCode).toBe(204);
    const cleared = response.cookies.find((c) => c.name === 'oh_session')!;
    expect(cleared.value).toBe('');
    expect(cleared.expires!.getTime()).toBeLessThan(Date.parse('2000-01-01'));
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends a session after the configured number of hours', async () => {
    const cookie = await t.login('h-housing');
    t.clock.advance(t.config.sessionTtlHours * 3_600_000 - 1000);
    expect((await me(cookie)).statusCode).toBe(200);
    t.clock.advance(1000);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('refuses a deactivated user, and ends the sessions they had', async () => {
    const cookie = await t.login('h-anfu');
    const admin = await t.login('admin1');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${t.fixture.users.handlerNaxi.id}`,
      headers: { cookie: admin },
      payload: { active: false },
    });
    expect(patch.statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
    const response = await login('h-anfu', FIXTURE_PASSWORD);
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('ACCOUNT_INACTIVE');
  });
});

describe.each(TEST_DIALECTS)('secure session cookie on %s', (dialect) => {
  let t: TestApp;
  let secureApp: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    const config = { ...t.config, cookieSecure: true, sessionTtlHours: 2 };
    secureApp = await buildApp({
      config,
      services: createServices(t.testDb.database, config, t.clock),
    });
  });
  afterAll(async () => {
    await secureApp?.close();
    await t?.close();
  });

  it('marks the cookie Secure when configured, and lets it expire after sessionTtlHours', async () => {
    const response = await secureApp.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'op1', password: FIXTURE_PASSWORD },
    });
    const cookie = response.cookies.find((c) => c.name === 'oh_session')!;
    expect(cookie.secure).toBe(true);
    expect(cookie.expires!.toISOString()).toBe('2026-03-02T03:00:00.000Z');
  });
});

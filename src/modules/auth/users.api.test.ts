import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { FIXTURE_PASSWORD } from '../../test-support/fixtures.js';
import { AuditLog } from '../../platform/audit.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { errorOf, itemsOf, namesOf } from '../../test-support/http.js';

interface UserBody {
  id: number;
  username: string;
  lockedUntil: string | null;
}
const userOf = (response: { json<T>(): T }) => response.json<UserBody>();

const USER_KEYS = [
  'active',
  'createdAt',
  'displayName',
  'id',
  'lockedUntil',
  'roles',
  'unitId',
  'updatedAt',
  'username',
];

describe.each(TEST_DIALECTS)('user administration API on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let audit: AuditLog;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    audit = new AuditLog(t.testDb.database, t.clock);
    admin = await t.login('admin1');
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie }, payload });
  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  const newUser = (overrides: Record<string, unknown> = {}) => ({
    username: 'li.na',
    displayName: '李娜 𠮷',
    password: 'long-enough-1',
    unitId: t.fixture.units.nanchengStreet,
    roles: ['handler'],
    ...overrides,
  });
  const countUsers = async () =>
    Number(
      (
        await t.testDb.database.db
          .selectFrom('users')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('forbids the user routes to non-admins with 403', async () => {
    const operator = await t.login('op1');
    for (const [method, url, payload] of [
      ['GET', '/users', undefined],
      ['POST', '/users', newUser()],
      ['PATCH', `/users/${t.fixture.users.handler.id}`, { roles: ['admin'] }],
      ['POST', `/users/${t.fixture.users.handler.id}/unlock`, undefined],
      ['POST', `/users/${t.fixture.users.handler.id}/password`, { newPassword: 'x'.repeat(10) }],
    ] as const) {
      const response = await call(method, url, operator, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(errorOf(response).code).toBe('ROLE_REQUIRED');
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
  });

  it('creates a user who can then log in; no response carries a password hash', async () => {
    const created = await call('POST', '/users', admin, newUser());
    expect(created.statusCode).toBe(201);
    expect(Object.keys(created.json()).sort()).toEqual(USER_KEYS);
    expect(created.json()).toMatchObject({
      username: 'li.na',
      displayName: '李娜 𠮷',
      roles: ['handler'],
      active: true,
      lockedUntil: null,
    });
    expect(created.body).not.toMatch(/scrypt|long-enough-1|password/i);

    const listed = await call('GET', '/users?pageSize=500', admin);
    expect(listed.body).not.toMatch(/scrypt|password/i);
    for (const item of itemsOf(listed)) expect(Object.keys(item).sort()).toEqual(USER_KEYS);

    const loggedIn = await login('li.na', 'long-enough-1');
    expect(loggedIn.statusCode).toBe(200);
    expect(loggedIn.json<{ user: { districtId: number } }>().user.districtId).toBe(
      t.fixture.units.jiangyang,
    );

    const entries = await audit.list({ subjectType: 'user', action: 'user.create' });
    expect(entries[0]).toMatchObject({
      actor_id: t.fixture.users.admin.id,
      subject_id: String(userOf(created).id),
    });
  });

  it('refuses bad input naming the field, and creates nothing', async () => {
    const before = await countUsers();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ password: 'short' }, 'password', 'PASSWORD_TOO_SHORT'],
      [{ roles: ['handler', 'mayor'] }, 'roles', 'UNKNOWN_ROLE'],
      [{ roles: [] }, 'roles', 'VALIDATION_FAILED'],
      [{ username: 'a b' }, 'username', 'VALIDATION_FAILED'],
      [{ displayName: '   ' }, 'displayName', 'VALIDATION_FAILED'],
      [{ unitId: 99999 }, 'unitId', 'UNIT_NOT_FOUND'],
      [{ unitId: 'centre' }, 'body.unitId', 'VALIDATION_FAILED'],
      [{ username: 'op1' }, 'username', 'USERNAME_TAKEN'],
    ];
    for (const [overrides, field, code] of cases) {
      const response = await call(
        'POST',
        '/users',
        admin,
        newUser({ username: 'x.y', ...overrides }),
      );
      const expectedStatus = code === 'USERNAME_TAKEN' ? 409 : 400;
      expect(response.statusCode, JSON.stringify(overrides)).toBe(expectedStatus);
      expect(errorOf(response).code).toBe(code);
      if (expectedStatus === 400) expect(errorOf(response).field).toBe(field);
    }
    expect(await countUsers()).toBe(before);
  });

  it('filters the list by unit, role and text', async () => {
    const byRole = await call('GET', '/users?role=coordinator', admin);
    expect(namesOf(byRole, 'username')).toEqual(['coord-jy']);
    const byUnit = await call('GET', `/users?unitId=${t.fixture.units.housingBureau}`, admin);
    expect(namesOf(byUnit, 'username')).toEqual(['h-housing']);
    const byText = await call('GET', `/users?q=${encodeURIComponent('李娜')}`, admin);
    expect(namesOf(byText, 'username')).toEqual(['li.na']);
    const paged = await call('GET', '/users?pageSize=2&page=2', admin);
    expect(paged.json()).toMatchObject({ page: 2, pageSize: 2 });
    expect(itemsOf(paged)).toHaveLength(2);
    expect(paged.json<{ total: number }>().total).toBe(await countUsers());
  });

  it('changes roles and unit, which take effect on the next request', async () => {
    const cookie = await t.login('h-nancheng');
    const response = await call('PATCH', `/users/${t.fixture.users.handler.id}`, admin, {
      roles: ['handler', 'kb_editor'],
      unitId: t.fixture.units.anfuStreet,
      displayName: '南城 → 安富',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      roles: ['handler', 'kb_editor'],
      unitId: t.fixture.units.anfuStreet,
      displayName: '南城 → 安富',
    });
    const me = await call('GET', '/auth/me', cookie);
    expect(me.json<{ user: unknown }>().user).toMatchObject({
      roles: ['handler', 'kb_editor'],
      unitId: t.fixture.units.anfuStreet,
      districtId: t.fixture.units.naxi,
    });
    const bad = await call('PATCH', `/users/${t.fixture.users.handler.id}`, admin, {
      roles: ['boss'],
    });
    expect(errorOf(bad)).toMatchObject({ code: 'UNKNOWN_ROLE', field: 'roles' });
    expect((await call('GET', `/users/999999`, admin)).statusCode).toBe(404);
  });

  it('does not let an admin lock themself out', async () => {
    const id = t.fixture.users.admin.id;
    for (const payload of [{ active: false }, { roles: ['operator'] }]) {
      const response = await call('PATCH', `/users/${id}`, admin, payload);
      expect(response.statusCode).toBe(409);
      expect(errorOf(response).code).toBe('SELF_LOCKOUT');
    }
  });

  it('lets an admin reset a password: the old one and the old sessions stop working', async () => {
    const id = t.fixture.users.callback.id;
    const cookie = await t.login('cb1');
    const response = await call('POST', `/users/${id}/password`, admin, {
      newPassword: 'brand-new-pass',
    });
    expect(response.statusCode).toBe(204);
    expect((await call('GET', '/auth/me', cookie)).statusCode).toBe(401);
    expect((await login('cb1', FIXTURE_PASSWORD)).statusCode).toBe(401);
    expect((await login('cb1', 'brand-new-pass')).statusCode).toBe(200);
    const short = await call('POST', `/users/${id}/password`, admin, { newPassword: '1234567' });
    expect(errorOf(short)).toMatchObject({ code: 'PASSWORD_TOO_SHORT', field: 'newPassword' });
  });

  it('lets users change their own password only with the current one', async () => {
    const id = t.fixture.users.dispatcher.id;
    const cookie = await t.login('disp1');
    const wrong = await call('POST', `/users/${id}/password`, cookie, {
      newPassword: 'my-own-new-pass',
      currentPassword: 'guess-guess',
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong)).toMatchObject({ code: 'WRONG_PASSWORD', field: 'currentPassword' });
    const missing = await call('POST', `/users/${id}/password`, cookie, {
      newPassword: 'my-own-new-pass',
    });
    expect(errorOf(missing).field).toBe('currentPassword');
    const right = await call('POST', `/users/${id}/password`, cookie, {
      newPassword: 'my-own-new-pass',
      currentPassword: FIXTURE_PASSWORD,
    });
    expect(right.statusCode).toBe(204);
    expect((await login('disp1', 'my-own-new-pass')).statusCode).toBe(200);
    expect(userOf(await call('GET', `/users/${id}`, cookie)).username).toBe('disp1');
    expect((await call('GET', `/users/${t.fixture.users.admin.id}`, cookie)).statusCode).toBe(403);
  });

  it('unlocks a locked account at once', async () => {
    const id = t.fixture.users.supervisor.id;
    for (let i = 0; i < t.config.lockoutThreshold; i++) await login('sup1', `wrong-${i}`);
    expect((await login('sup1', FIXTURE_PASSWORD)).statusCode).toBe(429);
    expect(userOf(await call('GET', `/users/${id}`, admin)).lockedUntil).not.toBeNull();

    const unlocked = await call('POST', `/users/${id}/unlock`, admin);
    expect(unlocked.statusCode).toBe(200);
    expect(userOf(unlocked).lockedUntil).toBeNull();
    expect((await login('sup1', FIXTURE_PASSWORD)).statusCode).toBe(200);
    const entries = await audit.list({ subjectType: 'user', subjectId: String(id) });
    expect(entries.map((a) => a.action)).toContain('user.unlock');
  });
});

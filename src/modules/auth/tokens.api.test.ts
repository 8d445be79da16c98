import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { hashSecret } from './secrets.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { errorOf, itemsOf, namesOf } from '../../test-support/http.js';

interface Created {
  token: { id: number; name: string; userId: number };
  secret: string;
}

describe.each(TEST_DIALECTS)('API tokens on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  const createToken = async (cookie: string, name: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { cookie },
      payload: { name },
    });
  const meWith = (authorization: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization } });

  it('creates a token whose secret is shown once, acts as its user, and is stored hashed', async () => {
    const cookie = await t.login('op1');
    const created = await createToken(cookie, 'PBX adapter 呼叫中心');
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json<Created>();
    expect(secret).toMatch(/^oht_[\w-]{40,}$/);
    expect(token).toMatchObject({
      name: 'PBX adapter 呼叫中心',
      userId: t.fixture.users.operator.id,
      username: 'op1',
      revokedAt: null,
    });

    const response = await meWith(`Bearer ${secret}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      user: { username: 'op1', roles: ['operator'] },
      via: 'token',
    });

    const row = await t.testDb.database.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashSecret(secret));
    expect(row.last_used_at).toBe(t.clock.now().toISOString());

    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/tokens',
      headers: { cookie },
    });
    expect(listed.body).not.toContain(secret);
    expect(listed.body).not.toContain(row.token_hash);
    expect(itemsOf(listed)).toEqual([expect.objectContaining({ id: token.id })]);
  });

  it('refuses a revoked token and an unknown one', async () => {
    const cookie = await t.login('disp1');
    const { token, secret } = (await createToken(cookie, 'dashboard')).json<Created>();
    expect((await meWith(`Bearer ${secret}`)).statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/tokens/${token.id}`,
      headers: { cookie },
    });
    expect(revoked.statusCode).toBe(204);
    expect((await meWith(`Bearer ${secret}`)).statusCode).toBe(401);
    expect((await meWith('Bearer oht_not-a-real-token')).statusCode).toBe(401);
    // A bearer header that does not verify is not rescued by a cookie.
    const both = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${secret}`, cookie },
    });
    expect(both.statusCode).toBe(401);
  });

  it('lets only the owner or an admin revoke a token, and shows an admin every token', async () => {
    const owner = await t.login('cb1');
    const other = await t.login('ana1');
    const admin = await t.login('admin1');
    const { token, secret } = (await createToken(owner, 'callback robot')).json<Created>();

    const byOther = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/tokens/${token.id}`,
      headers: { cookie: other },
    });
    expect(byOther.statusCode).toBe(404);
    expect(errorOf(byOther).code).toBe('TOKEN_NOT_FOUND');
    const othersList = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/tokens',
      headers: { cookie: other },
    });
    expect(itemsOf(othersList)).toEqual([]);

    const adminList = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/tokens',
      headers: { cookie: admin },
    });
    expect(namesOf(adminList, 'username')).toContain('cb1');
    const byAdmin = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth/tokens/${token.id}`,
      headers: { cookie: admin },
    });
    expect(byAdmin.statusCode).toBe(204);
    expect((await meWith(`Bearer ${secret}`)).statusCode).toBe(401);
  });

  it('does not let a token create further tokens', async () => {
    const { secret } = (await createToken(await t.login('sup1'), 'reports')).json<Created>();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { authorization: `Bearer ${secret}` },
      payload: { name: 'another' },
    });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('SESSION_REQUIRED');
  });

  it('refuses a blank token name, naming the field', async () => {
    const response = await createToken(await t.login('op1'), '   ');
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
  });

  it('stops the tokens of a deactivated user', async () => {
    const { secret } = (await createToken(await t.login('kb1'), 'kb sync')).json<Created>();
    await t.services.auth.users.updateUser(adminActor(t), t.fixture.users.kbEditor.id, {
      active: false,
    });
    expect((await meWith(`Bearer ${secret}`)).statusCode).toBe(401);
  });
});

const adminActor = (t: TestApp) => ({
  userId: t.fixture.users.admin.id,
  username: 'admin1',
  displayName: 'admin1',
  unitId: t.fixture.units.centre,
  districtId: null,
  roles: ['admin' as const],
  via: 'session' as const,
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';

interface ErrorBody {
  error: { field?: string; rule?: string };
}

describe.each(TEST_DIALECTS)('channel settings on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  const channel = 'test-gateway';

  beforeAll(async () => {
    t = await createTestApp(dialect);
    t.services.channels.settings.register(channel, [
      {
        key: 'baseUrl',
        description: 'Gateway URL',
        default: 'https://gateway.example',
        pattern: /^https?:\/\//,
        patternRule: 'an http(s) URL',
      },
      { key: 'apiKey', description: 'API key', secret: true },
    ]);
    admin = await t.login('admin1');
  });
  afterAll(async () => {
    await t.close();
  });

  const put = (body: object, cookie = admin) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/channels/${channel}`,
      payload: body,
      headers: { cookie },
    });

  it('keeps secrets on the server: the admin sees only that one is set, the adapter reads it', async () => {
    const saved = await put({ apiKey: 's3cr3t-𠮷😀', baseUrl: 'https://sms.example/api' });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).not.toContain('s3cr3t');
    expect(saved.json<{ settings: unknown[] }>().settings).toEqual([
      expect.objectContaining({ key: 'baseUrl', value: 'https://sms.example/api', set: true }),
      expect.objectContaining({ key: 'apiKey', secret: true, value: null, set: true }),
    ]);
    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/channels',
      headers: { cookie: admin },
    });
    expect(listed.body).not.toContain('s3cr3t');
    expect(await t.services.channels.settings.values(channel)).toEqual({
      baseUrl: 'https://sms.example/api',
      apiKey: 's3cr3t-𠮷😀',
    });

    // The audit entry names the keys changed, never their values.
    const rows = await t.testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('subject_type', '=', 'channel')
      .execute();
    expect(rows.at(-1)?.action).toBe('channel_settings.update');
    expect(rows.at(-1)?.detail).not.toContain('s3cr3t');

    // Cleared: back to the default, the secret gone.
    await put({ baseUrl: null, apiKey: '' });
    expect(await t.services.channels.settings.values(channel)).toEqual({
      baseUrl: 'https://gateway.example',
      apiKey: null,
    });
  });

  it('refuses unknown keys, bad values and non-admins, changing nothing', async () => {
    await put({ baseUrl: 'https://kept.example' });
    const unknown = await put({ baseUrl: 'https://other.example', colour: 'red' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ErrorBody>().error).toMatchObject({ field: 'colour', rule: 'enum' });
    const bad = await put({ baseUrl: 'ftp://x' });
    expect(bad.json<ErrorBody>().error).toMatchObject({ field: 'baseUrl', rule: 'pattern' });
    const operator = await put({ baseUrl: 'https://op.example' }, await t.login('op1'));
    expect(operator.statusCode).toBe(403);
    const missing = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/channels/nope',
      payload: {},
      headers: { cookie: admin },
    });
    expect(missing.statusCode).toBe(404);
    expect((await t.services.channels.settings.values(channel)).baseUrl).toBe(
      'https://kept.example',
    );
  });
});

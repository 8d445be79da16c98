import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { form, STREET_LIGHT_ATTRIBUTES } from './open311-test-support.js';

interface ErrorBody {
  error: { code: string; field?: string; rule?: string };
}
interface Items<T> {
  items: T[];
}
interface Attributes {
  attributes: Array<{ code: string; order: number }>;
}

describe.each(TEST_DIALECTS)('Open311 administration on %s', (dialect) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin1');
  });
  afterAll(async () => {
    await t.close();
  });

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: object,
    cookie = admin,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie },
      ...(payload && { payload }),
    });
  const auditOf = (subjectType: string) =>
    t.testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id', 'detail'])
      .where('subject_type', '=', subjectType)
      .orderBy('id')
      .execute();

  it('issues a key shown once, lists it without the key, limits and revokes it; only admins, audited', async () => {
    const operator = await t.login('op1');
    expect((await call('GET', '/admin/open311/keys', undefined, operator)).statusCode).toBe(403);
    expect((await call('POST', '/admin/open311/keys', { name: 'x' }, operator)).statusCode).toBe(
      403,
    );

    // A new key takes the channel's default rate.
    expect(
      (await call('PUT', '/admin/channels/open311', { defaultRateLimit: '120' })).statusCode,
    ).toBe(200);
    const created = await call('POST', '/admin/open311/keys', { name: '市民通 App 𠮷😀' });
    expect(created.statusCode, created.body).toBe(201);
    const { key, apiKey } = created.json<{ key: Record<string, unknown>; apiKey: string }>();
    expect(apiKey).toMatch(/^o311_[A-Za-z0-9_-]{32}$/);
    expect(key).toMatchObject({
      name: '市民通 App 𠮷😀',
      prefix: apiKey.slice(0, 9),
      rateLimitPerMinute: 120,
      active: true,
      createdBy: { id: t.fixture.users.admin.id, name: 'admin1' },
      lastUsedAt: null,
      revokedAt: null,
    });

    const listed = await call('GET', '/admin/open311/keys');
    expect(listed.json<Items<unknown>>().items).toEqual([key]);
    expect(listed.body).not.toContain(apiKey);
    const stored = await t.testDb.database.db.selectFrom('open311_api_keys').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(apiKey);

    // In use: its last use is noted.
    t.clock.advance(1000);
    const used = await t.app.inject({
      method: 'GET',
      url: `/api/v1/open311/v2/services.json?api_key=${apiKey}`,
    });
    expect(used.statusCode).toBe(200);
    expect(
      (await call('GET', '/admin/open311/keys')).json<Items<{ lastUsedAt: string }>>().items[0]!
        .lastUsedAt,
    ).toBe(t.clock.now().toISOString());

    const patched = await call('PATCH', `/admin/open311/keys/${key.id as number}`, {
      name: '市民通',
      rateLimitPerMinute: 30,
    });
    expect(patched.json()).toMatchObject({ name: '市民通', rateLimitPerMinute: 30 });
    const tooFast = await call('PATCH', `/admin/open311/keys/${key.id as number}`, {
      rateLimitPerMinute: 0,
    });
    expect(tooFast.statusCode).toBe(400);
    expect(tooFast.json<ErrorBody>().error).toMatchObject({
      field: 'body.rateLimitPerMinute',
      rule: 'minimum',
    });
    const blank = await call('POST', '/admin/open311/keys', { name: '   ' });
    expect(blank.json<ErrorBody>().error).toMatchObject({ field: 'name', rule: 'required' });

    const revoked = await call('POST', `/admin/open311/keys/${key.id as number}/revoke`);
    expect(revoked.json()).toMatchObject({ active: false, revokedAt: t.clock.now().toISOString() });
    expect((await call('POST', `/admin/open311/keys/${key.id as number}/revoke`)).statusCode).toBe(
      409,
    );
    const refused = await t.app.inject({
      method: 'GET',
      url: `/api/v1/open311/v2/services.json?api_key=${apiKey}`,
    });
    expect(refused.statusCode).toBe(403);
    expect((await call('POST', '/admin/open311/keys/999/revoke')).statusCode).toBe(404);

    const audit = await auditOf('open311_api_key');
    expect(audit.map((a) => a.action)).toEqual([
      'open311.key.create',
      'open311.key.update',
      'open311.key.revoke',
    ]);
    expect(JSON.stringify(audit)).not.toContain(apiKey.slice(9));
  });

  it("sets a service's attributes, refusing a bad list by field and rule and changing nothing", async () => {
    const services = await call('GET', '/admin/open311/services');
    expect(services.json<Items<unknown>>().items).toEqual([
      expect.objectContaining({
        code: '010101',
        name: '路灯',
        group: '城乡建设',
        attributeCount: 0,
      }),
      expect.objectContaining({ code: '020101', name: '施工噪音', attributeCount: 0 }),
    ]);
    const url = `/admin/open311/services/${t.fixture.categories.streetLight}/attributes`;
    const saved = await call('PUT', url, { attributes: STREET_LIGHT_ATTRIBUTES });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<Attributes>().attributes.map((a) => [a.code, a.order])).toEqual(
      STREET_LIGHT_ATTRIBUTES.map((a, i) => [a.code, i + 1]),
    );

    const refusals: Array<[object, string, string]> = [
      [
        [
          { code: 'A', datatype: 'string', description: 'a' },
          { code: 'A', datatype: 'text', description: 'b' },
        ],
        'attributes.1.code',
        'unique',
      ],
      [[{ code: 'A B', datatype: 'string', description: 'a' }], 'attributes.0.code', 'pattern'],
      [[{ code: 'A', datatype: 'colour', description: 'a' }], 'attributes.0.datatype', 'enum'],
      [
        [{ code: 'A', datatype: 'singlevaluelist', description: 'a', values: [] }],
        'attributes.0.values',
        'minItems',
      ],
      [
        [{ code: 'A', datatype: 'number', description: 'a', values: [{ key: 'k', name: 'n' }] }],
        'attributes.0.values',
        'maxItems',
      ],
      [
        [
          {
            code: 'A',
            datatype: 'multivaluelist',
            description: 'a',
            values: [
              { key: 'k', name: 'n' },
              { key: 'k', name: 'm' },
            ],
          },
        ],
        'attributes.0.values.1.key',
        'unique',
      ],
      [
        [{ code: 'A', datatype: 'text', description: 'a', variable: false, required: true }],
        'attributes.0.required',
        'conflict',
      ],
      [
        [{ code: 'A', datatype: 'text', description: '  ' }],
        'attributes.0.description',
        'required',
      ],
    ];
    for (const [attributes, field, rule] of refusals) {
      const refused = await call('PUT', url, { attributes });
      expect(refused.statusCode, JSON.stringify(attributes)).toBe(400);
      expect(refused.json<ErrorBody>().error).toMatchObject({ field, rule });
    }
    const kept = await call('GET', url);
    expect(kept.json<Attributes>().attributes).toEqual(saved.json<Attributes>().attributes);

    // Only leaves are services; only admins set them.
    expect(
      (
        await call('PUT', `/admin/open311/services/${t.fixture.categories.municipal}/attributes`, {
          attributes: [],
        })
      ).statusCode,
    ).toBe(404);
    expect((await call('PUT', url, { attributes: [] }, await t.login('disp1'))).statusCode).toBe(
      403,
    );

    // Emptied: the service has no metadata any more.
    expect((await call('PUT', url, { attributes: [] })).json<Attributes>().attributes).toEqual([]);
    const open = await t.app.inject({ method: 'GET', url: '/api/v1/open311/v2/services.json' });
    expect(open.json<unknown[]>()[0]).toMatchObject({ service_code: '010101', metadata: false });
    expect(
      (await auditOf('category')).filter((a) => a.action === 'open311.attributes.replace'),
    ).toHaveLength(2);
  });

  it("keeps the channel's settings in the admin's channel list, checked by their rules", async () => {
    const channels = await call('GET', '/admin/channels');
    const open311 = channels
      .json<Items<{ channel: string; settings: Array<{ key: string }> }>>()
      .items.find((c) => c.channel === 'open311')!;
    expect(open311.settings.map((s) => s.key)).toEqual([
      'jurisdictionId',
      'endpointUrl',
      'contact',
      'keyService',
      'changeset',
      'defaultRateLimit',
      'locale',
      'publicRequests',
      'publishReplies',
      'serviceNotice',
    ]);
    for (const [key, value] of [
      ['jurisdictionId', 'luzhou 12345'],
      ['endpointUrl', 'ftp://x'],
      ['locale', 'fr'],
      ['publicRequests', 'everything'],
      ['changeset', '2026-03-02'],
    ]) {
      const refused = await call('PUT', '/admin/channels/open311', { [key!]: value });
      expect(refused.json<ErrorBody>().error, key).toMatchObject({ field: key, rule: 'pattern' });
    }
    await call('PUT', '/admin/channels/open311', {
      endpointUrl: 'https://12345.luzhou.gov.cn/api/v1/open311/v2/',
      contact: '泸州 12345 中心 0830-12345',
      changeset: '2026-03-01T08:00:00+08:00',
    });
    const discovery = await t.app.inject({
      method: 'GET',
      url: '/api/v1/open311/v2/discovery.json',
    });
    expect(discovery.json()).toMatchObject({
      changeset: '2026-03-01T08:00:00+08:00',
      contact: '泸州 12345 中心 0830-12345',
      endpoints: [{ url: 'https://12345.luzhou.gov.cn/api/v1/open311/v2', type: 'production' }],
    });
  });

  it('never logs an API key, nor what the citizen sent', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logged = await buildApp({
      config: { ...t.config, logLevel: 'info' },
      services: t.services,
      logStream,
    });
    try {
      const created = await call('POST', '/admin/open311/keys', { name: 'logged app' });
      const { apiKey } = created.json<{ apiKey: string }>();
      const query = new URLSearchParams({
        api_key: apiKey,
        jurisdiction_id: 'openhotline',
        phone: '13712345678',
        email: 'wangwu@example.cn',
        first_name: '王五',
      });
      const filed = await logged.inject({
        method: 'POST',
        url: `/api/v1/open311/v2/requests.json?${query.toString()}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form([
          ['service_code', '020101'],
          ['address_string', '江阳区大山坪路 12 号'],
          ['description', '路灯三天不亮了'],
        ]),
      });
      expect(filed.statusCode, filed.body).toBe(200);
      await logged.inject({
        method: 'GET',
        url: `/api/v1/open311/v2/requests.xml?api_key=${apiKey}&status=open`,
      });
      await logged.inject({
        method: 'GET',
        url: `/api/v1/open311/v2/nowhere.json?api_key=${apiKey}`,
      });
      const log = lines.join('');
      expect(log).toContain(
        '/api/v1/open311/v2/requests.json?api_key=[REDACTED]&jurisdiction_id=openhotline',
      );
      expect(log).toContain('status=open');
      for (const secret of [
        apiKey,
        apiKey.slice(5),
        '13712345678',
        'wangwu',
        '王五',
        '路灯三天不亮了',
      ]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await logged.close();
    }
  });
});

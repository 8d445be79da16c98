import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { FIXTURE_PASSWORD } from '../../test-support/fixtures.js';
import { formatInstant } from './open311-time.js';
import {
  form,
  JIANGYANG_AREA,
  loadConformance,
  STREET_LIGHT_ATTRIBUTES,
  streetLightForm,
  xmlAsJson,
  type DocumentName,
} from './open311-test-support.js';

const BASE = '/api/v1/open311/v2';
const JURISDICTION = 'luzhou.12345.gov.cn';
const conformance = loadConformance();

describe.each(TEST_DIALECTS)('Open311 GeoReport v2 on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  let apiKey: string;

  const url = (path: string, query: Record<string, string> = {}) => {
    const search = new URLSearchParams(query).toString();
    return `${BASE}${path}${search ? `?${search}` : ''}`;
  };
  const get = (path: string, query: Record<string, string> = {}, remoteAddress?: string) =>
    t.app.inject({ method: 'GET', url: url(path, query), ...(remoteAddress && { remoteAddress }) });
  const keyed = (query: Record<string, string> = {}) => ({ api_key: apiKey, ...query });
  const post = (
    path: string,
    entries: Array<[string, string]>,
    query: Record<string, string> = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: url(path, query),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form(entries),
    });

  /** A JSON answer: its status, its content type, and the document valid against `schema`. */
  function document<T = unknown>(
    response: LightMyRequestResponse,
    schema: DocumentName,
    status = 200,
  ): T {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = response.json<T>();
    conformance.check(schema, body);
    if (schema === 'requests.json')
      for (const item of body as unknown[]) conformance.check('request.json', item);
    if (schema === 'services.json')
      for (const item of body as unknown[]) conformance.check('service.json', item);
    return body;
  }

  /** The XML answer of the same call, read back into the JSON shape and checked the same way. */
  async function xmlDocument(
    path: string,
    query: Record<string, string>,
    root: string,
    item: string | undefined,
    schema: DocumentName,
    status = 200,
  ): Promise<unknown> {
    const response = await get(`${path}.xml`, query);
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
    const body = xmlAsJson(response.body, root, item);
    conformance.check(schema, body);
    return body;
  }

  const counts = async () => {
    const db = t.testDb.database.db;
    const count = async (
      table: 'tickets' | 'contacts' | 'open311_requests' | 'open311_request_attributes',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      tickets: await count('tickets'),
      contacts: await count('contacts'),
      requests: await count('open311_requests'),
      answers: await count('open311_request_attributes'),
    };
  };

  /** A session, taken anew once the fake clock has moved past the last one (it moves by months). */
  const sessions = new Map<string, { cookie: string; at: number }>();
  const login = async (username: string) => {
    const known = sessions.get(username);
    if (known && t.clock.now().getTime() - known.at < 3_600_000) return known.cookie;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: FIXTURE_PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = `oh_session=${response.cookies.find((c) => c.name === 'oh_session')!.value}`;
    sessions.set(username, { cookie, at: t.clock.now().getTime() });
    return cookie;
  };

  const setSettings = async (values: Record<string, string | null>) => {
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/channels/open311',
      headers: { cookie: await login('admin1') },
      payload: values,
    });
    expect(response.statusCode, response.body).toBe(200);
  };

  const newKey = async (name: string, rateLimitPerMinute?: number) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/open311/keys',
      headers: { cookie: await login('admin1') },
      payload: { name, ...(rateLimitPerMinute && { rateLimitPerMinute }) },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ key: { id: number }; apiKey: string }>();
  };

  const staff = async (username: string, path: string, payload: object = {}) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1${path}`,
      headers: { cookie: await login(username) },
      payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Record<string, unknown>>();
  };

  const ticketOf = (number: string) =>
    t.testDb.database.db
      .selectFrom('tickets')
      .selectAll()
      .where('number', '=', number)
      .executeTakeFirstOrThrow();

  const fileStreetLight = async (extra: Array<[string, string]> = []) => {
    const response = await post('/requests.json', streetLightForm(extra), {
      jurisdiction_id: JURISDICTION,
      api_key: apiKey,
    });
    return document<Array<{ service_request_id: string; token: string }>>(
      response,
      'created-requests.json',
    )[0]!;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin1');
    await setSettings({ jurisdictionId: JURISDICTION });
    apiKey = (await newKey('FixMyStreet 泸州', 1000)).apiKey;
    const attributes = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/open311/services/${t.fixture.categories.streetLight}/attributes`,
      headers: { cookie: admin },
      payload: { attributes: STREET_LIGHT_ATTRIBUTES },
    });
    expect(attributes.statusCode, attributes.body).toBe(200);
    const area = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/units/${t.fixture.units.jiangyang}`,
      headers: { cookie: admin },
      payload: { jurisdiction: JIANGYANG_AREA },
    });
    expect(area.statusCode, area.body).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('describes the endpoint, its services and their attributes in JSON and XML alike', async () => {
    const discovery = document<{ endpoints: Array<{ url: string }> }>(
      await get('/discovery.json'),
      'discovery.json',
    );
    expect(discovery.endpoints[0]!.url).toMatch(
      /^http:\/\/localhost(:\d+)?\/api\/v1\/open311\/v2$/,
    );
    expect(await xmlDocument('/discovery', {}, 'discovery', undefined, 'discovery.json')).toEqual(
      discovery,
    );

    const query = keyed({ jurisdiction_id: JURISDICTION });
    const services = document<Array<Record<string, unknown>>>(
      await get('/services.json', query),
      'services.json',
    );
    // Leaf categories only, grouped by their top-level category.
    expect(services).toEqual([
      {
        service_code: '010101',
        service_name: '路灯',
        description: '城乡建设 > 市政设施 > 路灯',
        metadata: true,
        type: 'realtime',
        keywords: null,
        group: '城乡建设',
      },
      expect.objectContaining({ service_code: '020101', metadata: false, group: '环境保护' }),
    ]);
    expect(await xmlDocument('/services', query, 'services', 'service', 'services.json')).toEqual(
      services,
    );

    const definition = document<{ attributes: Array<Record<string, unknown>> }>(
      await get('/services/010101.json', query),
      'service-definition.json',
    );
    expect(
      definition.attributes.map((a) => [a.code, a.datatype, a.order, a.variable, a.required]),
    ).toEqual([
      ['NOTE', 'text', 1, false, false],
      ['POLE', 'string', 2, true, true],
      ['COUNT', 'number', 3, true, false],
      ['SINCE', 'datetime', 4, true, false],
      ['DETAIL', 'text', 5, true, false],
      ['SIDE', 'singlevaluelist', 6, true, true],
      ['KIND', 'multivaluelist', 7, true, false],
    ]);
    expect(definition.attributes[1]).toMatchObject({
      datatype_description: '灯杆上白色标牌的编号，如 A-12',
      values: [],
    });
    expect(definition.attributes[6]!.values).toEqual([
      { key: 'dark', name: '不亮' },
      { key: 'flicker', name: '闪烁' },
      { key: 'damaged', name: '灯杆损坏' },
    ]);
    expect(
      await xmlDocument(
        '/services/010101',
        query,
        'service_definition',
        undefined,
        'service-definition.json',
      ),
    ).toEqual(definition);
    document(await get('/services/020101.json', query), 'service-definition.json');

    // Not found: an unknown service, another jurisdiction, an unknown path; each an errors document.
    const unknown = document<Array<{ code: number; description: string }>>(
      await get('/services/999999.json', query),
      'errors.json',
      404,
    );
    expect(unknown[0]).toEqual({ code: 404, description: 'service_code 999999 not found' });
    await xmlDocument('/services/999999', query, 'errors', 'error', 'errors.json', 404);
    const elsewhere = document<Array<{ description: string }>>(
      await get('/services.json', { jurisdiction_id: 'beijing' }),
      'errors.json',
      404,
    );
    expect(elsewhere[0]!.description).toContain('jurisdiction_id beijing');
    document(await get('/nothing-here.json'), 'errors.json', 404);
    await xmlDocument('/nothing-here', {}, 'errors', 'error', 'errors.json', 404);
  });

  it('files a request with every kind of attribute; its token and GET give it back without the citizen', async () => {
    const created = await fileStreetLight([
      ['attribute[COUNT]', '3'],
      ['attribute[SINCE]', '2026-03-01T20:30:00+08:00'],
      ['attribute[DETAIL]', '晚上 7 点以后整条路都是黑的'],
      ['attribute[NOTE]', 'ignored: a note takes no answer'],
      ['media_url', 'https://img.example.cn/路灯/1.jpg'],
      ['first_name', '三'],
      ['last_name', '张'],
      ['phone', '138 1234 5678'],
      ['email', 'zhangsan@example.cn'],
      ['device_id', 'device-42'],
    ]);
    expect(created.service_request_id).toMatch(/^\d{14}$/);

    const ticket = await ticketOf(created.service_request_id);
    expect(ticket).toMatchObject({
      status: 'received',
      channel: 'app',
      category_id: t.fixture.categories.streetLight,
      district_id: t.fixture.units.jiangyang,
      address: '江阳区大山坪路 12 号',
      citizen_name: '张三',
      citizen_phone: '13812345678',
      title: '路灯：路灯三天不亮了 𠮷😀',
    });
    // Staff read the answers and the picture in the ticket itself.
    expect(ticket.description).toBe(
      [
        '路灯三天不亮了 𠮷😀',
        '',
        '灯杆编号：A-12',
        '不亮的路灯数量：3',
        '发现时间：2026-03-01T20:30:00+08:00',
        '补充说明：晚上 7 点以后整条路都是黑的',
        '在道路哪一侧：路东',
        '问题：不亮、闪烁',
        '图片/媒体：https://img.example.cn/%E8%B7%AF%E7%81%AF/1.jpg',
      ].join('\n'),
    );
    const answers = await t.testDb.database.db
      .selectFrom('open311_request_attributes')
      .select(['code', 'value'])
      .orderBy('position')
      .execute();
    expect(answers).toEqual([
      { code: 'POLE', value: 'A-12' },
      { code: 'COUNT', value: '3' },
      { code: 'SINCE', value: '2026-03-01T20:30:00+08:00' },
      { code: 'DETAIL', value: '晚上 7 点以后整条路都是黑的' },
      { code: 'SIDE', value: 'east' },
      { code: 'KIND', value: 'dark' },
      { code: 'KIND', value: 'flicker' },
    ]);

    const token = document(
      await get(`/tokens/${created.token}.json`, { jurisdiction_id: JURISDICTION }),
      'tokens.json',
    );
    expect(token).toEqual([
      { service_request_id: created.service_request_id, token: created.token },
    ]);
    expect(
      await xmlDocument(
        `/tokens/${created.token}`,
        {},
        'service_requests',
        'request',
        'tokens.json',
      ),
    ).toEqual(token);
    document(await get('/tokens/no-such-token.json'), 'errors.json', 404);

    const response = await get(`/requests/${created.service_request_id}.json`);
    const [request] = document<Array<Record<string, unknown>>>(response, 'requests.json');
    expect(request).toEqual({
      service_request_id: created.service_request_id,
      status: 'open',
      status_notes: '已收到，等待受理',
      service_name: '路灯',
      service_code: '010101',
      description: '路灯三天不亮了 𠮷😀',
      agency_responsible: null,
      service_notice: expect.stringContaining('7 个工作日内答复') as unknown,
      requested_datetime: '2026-03-02T09:00:00+08:00',
      updated_datetime: '2026-03-02T09:00:00+08:00',
      expected_datetime: null,
      address: '江阳区大山坪路 12 号',
      address_id: null,
      zipcode: null,
      lat: 28.8712,
      long: 105.4423,
      media_url: 'https://img.example.cn/%E8%B7%AF%E7%81%AF/1.jpg',
    });
    // Public: no name, phone, e-mail or device anywhere in the answer, nor the query code.
    for (const secret of ['张三', '13812345678', 'zhangsan', 'device-42', '查询码']) {
      expect(response.body).not.toContain(secret);
    }
    expect(
      await xmlDocument(
        `/requests/${created.service_request_id}`,
        {},
        'service_requests',
        'request',
        'requests.json',
      ),
    ).toEqual([request]);
    document(await get('/requests/20990101000001.json'), 'errors.json', 404);

    // The answer to a POST in XML; the private notice tells the citizen their query code.
    const asXml = await post('/requests.xml', streetLightForm([['api_key', apiKey]]));
    expect(asXml.statusCode, asXml.body).toBe(200);
    const [createdXml] = xmlAsJson(asXml.body, 'service_requests', 'request') as Array<{
      service_request_id: string;
      service_notice: string;
    }>;
    conformance.check('created-requests.json', [createdXml]);
    expect(createdXml!.service_notice).toMatch(/查询码 [A-Z0-9]{10}/);
    expect((await ticketOf(createdXml!.service_request_id)).description).toContain(
      '路灯三天不亮了 𠮷😀',
    );
  });

  it('refuses bad input naming each parameter and rule, and changes nothing', async () => {
    const before = await counts();
    const bad = await post(
      '/requests.json',
      [
        ['api_key', apiKey],
        ['service_code', '010101'],
        ['lat', '95'],
        ['long', '105.4'],
        ['description', 'x'.repeat(4001)],
        ['attribute[COUNT]', 'three'],
        ['attribute[SINCE]', 'yesterday'],
        ['attribute[KIND][]', 'dark'],
        ['attribute[KIND][]', 'purple'],
        ['attribute[SIDE]', 'east'],
        ['attribute[SIDE]', 'west'],
        ['attribute[COLOUR]', 'red'],
        ['media_url', 'ftp://files.example/1.jpg'],
        ['phone', 'call me'],
        ['email', 'not-an-address'],
      ],
      { jurisdiction_id: JURISDICTION },
    );
    const errors = document<Array<{ code: number; description: string }>>(bad, 'errors.json', 400);
    expect(errors.every((e) => e.code === 400)).toBe(true);
    expect(errors.map((e) => e.description).sort()).toEqual(
      [
        'attribute[COLOUR]: is not an attribute of this service (rule: enum, allowed: POLE, COUNT, SINCE, DETAIL, SIDE, KIND)',
        'attribute[COUNT]: must be a number (rule: type)',
        'attribute[KIND]: has no value purple (rule: enum, allowed: dark, flicker, damaged)',
        'attribute[POLE]: is required (rule: required)',
        'attribute[SIDE]: takes one value (rule: maxItems, limit: 1)',
        'attribute[SINCE]: must be an ISO 8601 date and time (rule: format)',
        'description: must be at most 4000 characters (rule: maxLength, limit: 4000)',
        'email: must be an e-mail address (rule: format)',
        'lat: must be from -90 to 90 (rule: maximum, limit: 90)',
        'media_url: must be an http or https URL (rule: format)',
        "phone: must be 3 to 20 digits, '+', '-' or spaces (rule: pattern)",
      ].sort(),
    );

    const noPlace = document<Array<{ description: string }>>(
      await post('/requests.json', [
        ['api_key', apiKey],
        ['service_code', '020101'],
        ['address_id', 'A-99'],
      ]),
      'errors.json',
      400,
    );
    expect(noPlace[0]!.description).toMatch(/^address_id: .*\(rule: unsupported\)$/);
    const unknownService = document<Array<{ description: string }>>(
      await post('/requests.json', [
        ['api_key', apiKey],
        ['service_code', '01'],
        ['lat', '28.9'],
        ['long', '105.4'],
      ]),
      'errors.json',
      400,
    );
    expect(unknownService[0]!.description).toBe('service_code: has no service 01 (rule: enum)');
    const lonely = document<Array<{ description: string }>>(
      await post('/requests.json', [
        ['api_key', apiKey],
        ['service_code', '020101'],
        ['lat', '28.9'],
      ]),
      'errors.json',
      400,
    );
    expect(lonely[0]!.description).toBe('long: lat and long come together (rule: required)');
    const asXml = await post('/requests.xml', [
      ['api_key', apiKey],
      ['service_code', '020101'],
    ]);
    expect(asXml.statusCode).toBe(400);
    const xmlErrors = xmlAsJson(asXml.body, 'errors', 'error');
    conformance.check('errors.json', xmlErrors);
    expect(xmlErrors).toEqual([
      {
        code: 400,
        description:
          'lat: a location is required: lat and long, or address_string (rule: required)',
      },
    ]);

    // The key: missing, unknown, then revoked, each 403; another jurisdiction 404.
    const missing = document<Array<{ code: number; description: string }>>(
      await post('/requests.json', streetLightForm()),
      'errors.json',
      403,
    );
    expect(missing).toEqual([{ code: 403, description: 'api_key is required to file a request' }]);
    const wrongKey = document<Array<{ description: string }>>(
      await post('/requests.json', streetLightForm([['api_key', 'o311_not-a-key']])),
      'errors.json',
      403,
    );
    expect(wrongKey[0]!.description).toBe('api_key is not a valid key');
    const old = await newKey('old app');
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/open311/keys/${old.key.id}/revoke`,
      headers: { cookie: await login('admin1') },
    });
    expect(revoked.statusCode).toBe(200);
    const refused = document<Array<{ description: string }>>(
      await post('/requests.json', streetLightForm([['api_key', old.apiKey]])),
      'errors.json',
      403,
    );
    expect(refused[0]!.description).toBe('api_key has been revoked');
    const elsewhere = document<Array<{ code: number }>>(
      await post(
        '/requests.json',
        streetLightForm([
          ['api_key', apiKey],
          ['jurisdiction_id', 'shenzhen'],
        ]),
      ),
      'errors.json',
      404,
    );
    expect(elsewhere[0]!.code).toBe(404);

    expect(await counts()).toEqual(before);
  });

  it('takes multipart forms too, and refuses a file in place of media_url', async () => {
    const boundary = '----open311-boundary';
    const multipart = (parts: Array<[string, string, string?]>) =>
      parts
        .map(([name, value, file]) =>
          file
            ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file}"\r\nContent-Type: image/jpeg\r\n\r\n${value}\r\n`
            : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        )
        .join('') + `--${boundary}--\r\n`;
    const send = (parts: Array<[string, string, string?]>) =>
      t.app.inject({
        method: 'POST',
        url: url('/requests.json', { jurisdiction_id: JURISDICTION }),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: multipart(parts),
      });
    const fields = [
      ['api_key', apiKey],
      ...streetLightForm([['attribute[KIND][]', 'damaged']]),
    ] as Array<[string, string]>;
    const created = document<Array<{ service_request_id: string }>>(
      await send(fields),
      'created-requests.json',
    );
    expect((await ticketOf(created[0]!.service_request_id)).description).toContain(
      '问题：不亮、闪烁、灯杆损坏',
    );
    const before = await counts();
    const withFile = document<Array<{ description: string }>>(
      await send([...fields, ['media', 'JPEG…', 'light.jpg']]),
      'errors.json',
      400,
    );
    expect(withFile[0]!.description).toMatch(/^media: .*media_url \(rule: unsupported\)$/);
    expect(await counts()).toEqual(before);
  });

  it('lists requests with every filter, the default window of 90 days and at most 1000', async () => {
    await setSettings({ publicRequests: null });
    const start = t.clock.now();
    const r1 = await fileStreetLight();
    t.clock.advance(10 * 86_400_000);
    const r2Post = await post(
      '/requests.json',
      [
        ['api_key', apiKey],
        ['service_code', '020101'],
        ['address_string', '纳溪区安富街道工地'],
        ['description', '夜里 11 点还在施工 😀'],
      ],
      { jurisdiction_id: JURISDICTION },
    );
    const r2 = document<Array<{ service_request_id: string }>>(r2Post, 'created-requests.json')[0]!;
    // r1 turns out invalid and is closed at intake.
    await staff('op1', `/tickets/${(await ticketOf(r1.service_request_id)).id}/invalidate`, {
      reason: '重复提交',
    });
    t.clock.advance(85 * 86_400_000);
    const r3 = await fileStreetLight();
    const numbers = (body: Array<{ service_request_id: string }>) =>
      body.map((r) => r.service_request_id);
    const list = async (query: Record<string, string>) =>
      numbers(document(await get('/requests.json', keyed(query)), 'requests.json'));

    // Default: the last 90 days, newest first (r1 is 95 days old).
    const recent = await list({});
    expect(recent.indexOf(r3.service_request_id)).toBe(0);
    expect(recent).toContain(r2.service_request_id);
    expect(recent).not.toContain(r1.service_request_id);
    expect(
      numbers(
        (await xmlDocument(
          '/requests',
          keyed(),
          'service_requests',
          'request',
          'requests.json',
        )) as Array<{
          service_request_id: string;
        }>,
      ),
    ).toEqual(recent);

    const day = (days: number) =>
      formatInstant(new Date(start.getTime() + days * 86_400_000).toISOString(), 'Asia/Shanghai');
    // Earlier requests of this file share r1's time; r2 is the newest of the range, r1 next.
    const range = await list({ start_date: day(-1), end_date: day(30) });
    expect(range.slice(0, 2)).toEqual([r2.service_request_id, r1.service_request_id]);
    expect(await list({ start_date: day(4) })).toEqual([r2.service_request_id]);
    expect(await list({ end_date: day(1) })).toContain(r1.service_request_id);
    expect(await list({ end_date: day(1) })).not.toContain(r2.service_request_id);
    // Dates without a zone are the centre's wall clock.
    expect(await list({ start_date: day(4).slice(0, 10) })).toEqual([r2.service_request_id]);

    const window = { start_date: day(-1), end_date: day(30) };
    expect(await list({ ...window, status: 'closed' })).toEqual([r1.service_request_id]);
    expect(await list({ ...window, status: 'open' })).not.toContain(r1.service_request_id);
    expect(await list({ ...window, status: 'open,closed' })).toContain(r1.service_request_id);
    expect(await list({ service_code: '020101' })).toEqual([r2.service_request_id]);
    expect(await list({ service_code: '010101,020101', status: 'open' })).toContain(
      r2.service_request_id,
    );

    // Ids override every other filter, the window included.
    expect(
      (
        await list({
          service_request_id: `${r1.service_request_id},${r3.service_request_id}`,
          status: 'open',
        })
      ).sort(),
    ).toEqual([r1.service_request_id, r3.service_request_id].sort());

    const [closed] = document<Array<Record<string, unknown>>>(
      await get(`/requests/${r1.service_request_id}.json`),
      'requests.json',
    );
    expect(closed).toMatchObject({
      status: 'closed',
      status_notes: '经核实为无效诉求，已关闭',
      updated_datetime: day(10),
    });

    const problems = async (query: Record<string, string>) =>
      document<Array<{ description: string }>>(
        await get('/requests.json', keyed(query)),
        'errors.json',
        400,
      ).map((e) => e.description);
    expect(await problems({ start_date: day(0), end_date: day(91) })).toEqual([
      'end_date: may not be more than 90 days after start_date (rule: maxSpan, limit: 90)',
    ]);
    expect(await problems({ start_date: day(5), end_date: day(1) })).toEqual([
      'end_date: must not be before start_date (rule: minimum)',
    ]);
    expect(await problems({ start_date: 'last week', status: 'pending' })).toEqual([
      'status: has no status pending (rule: enum, allowed: open, closed)',
      'start_date: must be an ISO 8601 date and time, e.g. 2026-03-02T09:00:00+08:00 (rule: format)',
    ]);

    // At most 1000, the newest: 1001 categorised tickets of another channel, shown with scope "all".
    await setSettings({ publicRequests: 'all' });
    const at = t.clock.now().getTime();
    const rows = Array.from({ length: 1001 }, (_, i) => {
      const created = new Date(at - (i + 1) * 60_000).toISOString();
      return {
        number: `2099${String(i).padStart(10, '0')}`,
        status: 'received',
        appeal_type: 'complaint',
        urgency: 'normal',
        title: '噪音',
        description: `施工噪音 ${i}`,
        channel: 'phone',
        category_id: t.fixture.categories.constructionNoise,
        confidential: 0,
        contact_required: 0,
        reopen_count: 0,
        return_count: 0,
        created_at: created,
        updated_at: created,
        version: 1,
      };
    });
    // Rows only (no search terms): GET requests does not search text.
    await t.testDb.database.write(async (trx) => {
      for (let i = 0; i < rows.length; i += 250) {
        await trx
          .insertInto('tickets')
          .values(rows.slice(i, i + 250))
          .execute();
      }
    });
    const capped = await list({ service_code: '020101' });
    expect(capped).toHaveLength(1000);
    expect(capped[0]).toBe('20990000000000');
    expect(capped).not.toContain('20990000001000');
    await setSettings({ publicRequests: null });
    expect(await list({ service_code: '020101' })).toEqual([r2.service_request_id]);
  });

  it('shows the lead unit, the feedback deadline and each step of the ticket', async () => {
    const created = await fileStreetLight();
    const ticketId = (await ticketOf(created.service_request_id)).id;
    const read = async () =>
      document<Array<Record<string, unknown>>>(
        await get(`/requests/${created.service_request_id}.json`, keyed()),
        'requests.json',
      )[0]!;

    await staff('op1', `/tickets/${ticketId}/accept`, {});
    expect(await read()).toMatchObject({ status: 'open', status_notes: '已受理，等待派单' });
    await staff('disp1', `/tickets/${ticketId}/dispatch`, {
      leadUnitId: t.fixture.units.nanchengStreet,
    });
    const dispatched = await ticketOf(created.service_request_id);
    expect(await read()).toMatchObject({
      status: 'open',
      status_notes: '已派至南城街道，等待签收',
      agency_responsible: '南城街道',
      expected_datetime: formatInstant(dispatched.reply_due_at!, 'Asia/Shanghai'),
    });
    await staff('h-nancheng', `/tickets/${ticketId}/sign`);
    expect(await read()).toMatchObject({ status_notes: '南城街道正在办理' });
    t.clock.advance(3_600_000);
    await staff('h-nancheng', `/tickets/${ticketId}/reply`, {
      text: '已更换灯泡，张三先生已确认 𠮷',
    });
    expect(await read()).toMatchObject({
      status: 'open',
      status_notes: '南城街道已答复，等待回访',
    });
    // The reply itself is published only when the admin says so.
    await setSettings({ publishReplies: 'true' });
    expect(await read()).toMatchObject({ status_notes: '已更换灯泡，张三先生已确认 𠮷' });
    await setSettings({ publishReplies: null });
    t.clock.advance(3_600_000);
    await staff('cb1', `/tickets/${ticketId}/callback`, {
      contacted: true,
      resolved: true,
      satisfaction: 'satisfied',
    });
    expect(await read()).toMatchObject({
      status: 'closed',
      status_notes: '已办结',
      updated_datetime: formatInstant(t.clock.now().toISOString(), 'Asia/Shanghai'),
    });

    // In English when the admin chooses it.
    await setSettings({ locale: 'en' });
    expect(await read()).toMatchObject({ status_notes: 'Closed', service_name: '路灯' });
    await setSettings({ locale: null });
  });

  it('keeps confidential tickets unlocated, and never shows a citizen of any channel', async () => {
    await setSettings({ publicRequests: 'all' });
    const operator = await login('op1');
    const create = async (confidential: boolean) => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: { cookie: operator },
        payload: {
          channel: 'phone',
          appealType: 'complaint',
          urgency: 'normal',
          description: `工地夜间施工扰民 ${confidential ? '保密' : '公开'}`,
          categoryId: t.fixture.categories.constructionNoise,
          address: '江阳区某小区 3 栋',
          lat: 28.88,
          lng: 105.43,
          citizenName: '李四',
          citizenPhone: '13900001111',
          confidential,
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json<{ number: string }>().number;
    };
    const secret = await create(true);
    const open = await create(false);
    const response = await get(
      '/requests.json',
      keyed({ service_request_id: `${secret},${open}` }),
    );
    const byNumber = new Map(
      document<Array<Record<string, unknown>>>(response, 'requests.json').map((r) => [
        r.service_request_id,
        r,
      ]),
    );
    expect(byNumber.get(secret)).toMatchObject({ address: null, lat: null, long: null });
    expect(byNumber.get(open)).toMatchObject({
      address: '江阳区某小区 3 栋',
      lat: 28.88,
      long: 105.43,
    });
    expect(response.body).not.toContain('李四');
    expect(response.body).not.toContain('13900001111');
    const xml = await get('/requests.xml', keyed({ service_request_id: secret }));
    expect(xml.body).not.toContain('江阳区某小区');
    await setSettings({ publicRequests: null });
    document(await get(`/requests/${open}.json`, keyed()), 'errors.json', 404);
  });

  it('limits each key per minute, and callers without a key per address, with 429', async () => {
    const { apiKey: slow } = await newKey('slow app', 2);
    const call = (format = 'json') => get(`/services.${format}`, { api_key: slow });
    expect((await call()).statusCode).toBe(200);
    expect((await call('xml')).statusCode).toBe(200);
    const limited = await call();
    const errors = document<Array<{ code: number; description: string }>>(
      limited,
      'errors.json',
      429,
    );
    expect(errors[0]).toEqual({
      code: 429,
      description: expect.stringMatching(
        /^api_key may make 2 requests per minute; try again in \d+ s$/,
      ) as unknown,
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const limitedXml = await call('xml');
    expect(limitedXml.statusCode).toBe(429);
    conformance.check('errors.json', xmlAsJson(limitedXml.body, 'errors', 'error'));
    // Filing counts too, and is refused without a trace.
    const before = await counts();
    expect((await post('/requests.json', streetLightForm([['api_key', slow]]))).statusCode).toBe(
      429,
    );
    expect(await counts()).toEqual(before);
    t.clock.advance(60_000);
    expect((await call()).statusCode).toBe(200);
    // Other keys are not held up by it.
    expect((await get('/services.json', { api_key: apiKey })).statusCode).toBe(200);

    const address = '10.9.8.7';
    for (let i = 0; i < t.config.publicRateLimit; i++) {
      expect((await get('/services.json', {}, address)).statusCode).toBe(200);
    }
    document(await get('/services.json', {}, address), 'errors.json', 429);
  });

  afterAll(() => {
    // Every JSON document of the session was checked; say which schemas did the checking.
    if (conformance.projectSchemas) {
      for (const schema of [
        'services.json',
        'service-definition.json',
        'requests.json',
        'request.json',
      ]) {
        expect(conformance.counts.get(schema) ?? 0).toBeGreaterThan(0);
      }
    }
  });
});

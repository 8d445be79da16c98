// A scripted client session, as FixMyStreet-style clients talk to a GeoReport v2 endpoint: discover,
// read the services and a definition, post a report (jurisdiction_id in the query string,
// attribute[code][] in the form), poll the token, then follow the request until it is closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import {
  form,
  loadConformance,
  STREET_LIGHT_ATTRIBUTES,
  xmlAsJson,
} from './open311-test-support.js';

const conformance = loadConformance();
const JURISDICTION = 'luzhou.gov.cn';

/** What the client knows: the endpoint, its jurisdiction and its key; it speaks XML or JSON. */
class GeoReportClient {
  requests = 0;
  constructor(
    private readonly t: TestApp,
    private readonly endpoint: string,
    private readonly apiKey: string,
    private readonly format: 'xml' | 'json',
  ) {}

  private url(path: string, query: Record<string, string>) {
    const search = new URLSearchParams({ jurisdiction_id: JURISDICTION, ...query });
    return `${this.endpoint}/${path}.${this.format}?${search.toString()}`;
  }

  /** The document, read as the client would (XML into the JSON shape), checked by its schema. */
  private read<T>(
    body: string,
    root: string,
    item: string | undefined,
    schema: Parameters<typeof conformance.check>[0],
  ): T {
    const document =
      this.format === 'xml' ? xmlAsJson(body, root, item) : (JSON.parse(body) as unknown);
    conformance.check(schema, document);
    return document as T;
  }

  async get<T>(
    path: string,
    query: Record<string, string>,
    root: string,
    item: string | undefined,
    schema: Parameters<typeof conformance.check>[0],
  ): Promise<T> {
    this.requests += 1;
    const response = await this.t.app.inject({ method: 'GET', url: this.url(path, query) });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe(
      this.format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8',
    );
    return this.read<T>(response.body, root, item, schema);
  }

  async post<T>(path: string, fields: Array<[string, string]>): Promise<T> {
    this.requests += 1;
    const response = await this.t.app.inject({
      method: 'POST',
      url: this.url(path, {}),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      payload: form([['api_key', this.apiKey], ...fields]),
    });
    expect(response.statusCode, response.body).toBe(200);
    return this.read<T>(response.body, 'service_requests', 'request', 'created-requests.json');
  }
}

interface Service {
  service_code: string;
  metadata: boolean;
}
interface Definition {
  attributes: Array<{
    code: string;
    datatype: string;
    required: boolean;
    variable: boolean;
    values: Array<{ key: string }>;
  }>;
}
interface Request {
  service_request_id: string;
  status: string;
  status_notes: string | null;
  agency_responsible: string | null;
  updated_datetime: string | null;
  description: string | null;
}

describe.each(TEST_DIALECTS)('a GeoReport v2 client session on %s', (dialect) => {
  let t: TestApp;
  let apiKey: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await t.login('admin1');
    const put = (url: string, payload: object) =>
      t.app.inject({ method: 'PUT', url: `/api/v1${url}`, headers: { cookie: admin }, payload });
    expect(
      (await put('/admin/channels/open311', { jurisdictionId: JURISDICTION })).statusCode,
    ).toBe(200);
    expect(
      (
        await put(`/admin/open311/services/${t.fixture.categories.streetLight}/attributes`, {
          attributes: STREET_LIGHT_ATTRIBUTES,
        })
      ).statusCode,
    ).toBe(200);
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/open311/keys',
      headers: { cookie: admin },
      payload: { name: 'FixMyStreet' },
    });
    apiKey = key.json<{ apiKey: string }>().apiKey;
  });
  afterAll(async () => {
    await t.close();
  });

  /** What staff do meanwhile, through the platform's own API. */
  const staff = async (username: string, path: string, payload: object = {}) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1${path}`,
      headers: { cookie: await t.login(username) },
      payload,
    });
    expect(response.statusCode, response.body).toBe(200);
  };

  it.each(['xml', 'json'] as const)(
    'reports a street light and follows it to the end, in %s',
    async (format) => {
      // 1. Discovery names the endpoint the client then uses.
      const bootstrap = new GeoReportClient(t, '/api/v1/open311/v2', apiKey, format);
      const discovery = await bootstrap.get<{
        endpoints: Array<{ url: string; formats: string[] }>;
      }>('discovery', {}, 'discovery', undefined, 'discovery.json');
      const endpoint = new URL(discovery.endpoints[0]!.url).pathname;
      expect(discovery.endpoints[0]!.formats).toEqual(['text/xml', 'application/json']);
      const client = new GeoReportClient(t, endpoint, apiKey, format);

      // 2. The services, and the definition of the one with metadata.
      const services = await client.get<Service[]>(
        'services',
        {},
        'services',
        'service',
        'services.json',
      );
      const light = services.find((s) => s.service_code === '010101')!;
      expect(light.metadata).toBe(true);
      const definition = await client.get<Definition>(
        `services/${light.service_code}`,
        {},
        'service_definition',
        undefined,
        'service-definition.json',
      );

      // 3. The form, filled as the definition says: a value for each required attribute, two for the multi-value list.
      const fields: Array<[string, string]> = [
        ['service_code', light.service_code],
        ['lat', '28.8712'],
        ['long', '105.4423'],
        ['address_string', '江阳区大山坪路 12 号'],
        ['description', `整条路的路灯都不亮 𠮷😀 (${format})`],
        ['email', 'citizen@example.cn'],
        ['first_name', 'Wei'],
        ['last_name', 'Chen'],
      ];
      for (const attribute of definition.attributes.filter((a) => a.variable)) {
        if (attribute.datatype === 'multivaluelist') {
          for (const value of attribute.values.slice(0, 2))
            fields.push([`attribute[${attribute.code}][]`, value.key]);
        } else if (attribute.datatype === 'singlevaluelist') {
          fields.push([`attribute[${attribute.code}]`, attribute.values[0]!.key]);
        } else if (attribute.required) {
          fields.push([`attribute[${attribute.code}]`, 'A-12']);
        }
      }
      const [created] = await client.post<Array<{ token: string; service_request_id: string }>>(
        'requests',
        fields,
      );

      // 4. The client polls its token until the request has an id (here at once: filing is synchronous).
      let id: string | null = null;
      for (let attempt = 0; attempt < 5 && id === null; attempt++) {
        const [answer] = await client.get<Array<{ service_request_id: string | null }>>(
          `tokens/${created!.token}`,
          {},
          'service_requests',
          'request',
          'tokens.json',
        );
        id = answer!.service_request_id;
      }
      expect(id).toBe(created!.service_request_id);

      const follow = async () =>
        (
          await client.get<Request[]>(
            'requests',
            { service_request_id: id! },
            'service_requests',
            'request',
            'requests.json',
          )
        )[0]!;
      expect(await follow()).toMatchObject({
        status: 'open',
        description: `整条路的路灯都不亮 𠮷😀 (${format})`,
        agency_responsible: null,
      });

      // 5. Staff accept, dispatch, handle and call back; the client sees each step.
      const ticket = await t.testDb.database.db
        .selectFrom('tickets')
        .select(['id', 'description'])
        .where('number', '=', id!)
        .executeTakeFirstOrThrow();
      expect(ticket.description).toContain('问题：不亮、闪烁');
      await staff('op1', `/tickets/${ticket.id}/accept`);
      await staff('disp1', `/tickets/${ticket.id}/dispatch`, {
        leadUnitId: t.fixture.units.nanchengStreet,
      });
      expect(await follow()).toMatchObject({ status: 'open', agency_responsible: '南城街道' });
      await staff('h-nancheng', `/tickets/${ticket.id}/sign`);
      await staff('h-nancheng', `/tickets/${ticket.id}/reply`, { text: '已修复' });
      await staff('cb1', `/tickets/${ticket.id}/callback`, {
        contacted: true,
        resolved: true,
        satisfaction: 'satisfied',
      });

      // 6. Like FixMyStreet's update fetch: every request changed in a window, by dates.
      const window = {
        start_date: '2026-03-01T00:00:00+08:00',
        end_date: '2026-03-03T00:00:00+08:00',
      };
      const all = await client.get<Request[]>(
        'requests',
        window,
        'service_requests',
        'request',
        'requests.json',
      );
      expect(all.find((r) => r.service_request_id === id)).toMatchObject({
        status: 'closed',
        status_notes: '已办结',
      });
      const closed = await client.get<Request[]>(
        'requests',
        { ...window, status: 'closed' },
        'service_requests',
        'request',
        'requests.json',
      );
      expect(closed.map((r) => r.service_request_id)).toContain(id);
      expect(client.requests + bootstrap.requests).toBeGreaterThanOrEqual(9);
    },
  );
});

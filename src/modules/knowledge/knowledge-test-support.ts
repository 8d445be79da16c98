// Test helpers for the knowledge base: the whole app on a real database, the fixture, two unit
// editors beside the centre's kb1, and a small HTTP client per user. No mocks.
import type { LightMyRequestResponse } from 'fastify';
import type { DialectName } from '../../platform/db/database.js';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { FIXTURE_PASSWORD } from '../../test-support/fixtures.js';
import type { KnowledgeArticle } from './article.js';

export interface Client {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: object): Promise<LightMyRequestResponse>;
  put(url: string, payload: object): Promise<LightMyRequestResponse>;
  /** A multipart request with the given files (field "file"). */
  upload(
    url: string,
    files: { name: string; type: string; content: Buffer | string }[],
  ): Promise<LightMyRequestResponse>;
}

export interface KnowledgeTest extends TestApp {
  /** A client logged in as `username` (kb1: centre editor; kb-housing, kb-water: unit editors). */
  as(username: string): Client;
  /** A client without a login. */
  anonymous: Client;
  /** Creates an article as `username` and takes it through submit and approval by kb1. */
  publish(username: string, input: Record<string, unknown>): Promise<KnowledgeArticle>;
}

export const UNIT_EDITORS = { housing: 'kb-housing', water: 'kb-water' } as const;

const BOUNDARY = '----openhotline-kb-test';

export function multipartBody(files: { name: string; type: string; content: Buffer | string }[]) {
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8'),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

export async function createKnowledgeTest(
  dialect: DialectName,
  start?: string,
): Promise<KnowledgeTest> {
  const t = await createTestApp(dialect, start);
  for (const [username, unitId] of [
    [UNIT_EDITORS.housing, t.fixture.units.housingBureau],
    [UNIT_EDITORS.water, t.fixture.units.waterCompany],
  ] as const) {
    await t.services.auth.users.createUser('system', {
      username,
      displayName: username,
      password: FIXTURE_PASSWORD,
      unitId,
      roles: ['kb_editor'],
    });
  }
  // Sessions end with the (fake) clock, and a login purges sessions it sees as expired: a
  // client logs in again when its session was refused.
  const sessions = new Map<string, string>();
  const login = async (username: string): Promise<string> => {
    const known = sessions.get(username);
    if (known) return known;
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: FIXTURE_PASSWORD },
    });
    const session = response.cookies.find((c) => c.name === 'oh_session');
    if (!session) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
    const cookie = `oh_session=${session.value}`;
    sessions.set(username, cookie);
    return cookie;
  };
  const client = (username: string | null): Client => {
    const send = async (options: {
      method: 'GET' | 'POST' | 'PUT';
      url: string;
      payload?: object | Buffer;
      headers?: Record<string, string>;
    }): Promise<LightMyRequestResponse> => {
      const attempt = async () =>
        t.app.inject({
          ...options,
          headers: { ...options.headers, ...(username ? { cookie: await login(username) } : {}) },
        });
      const response = await attempt();
      if (response.statusCode !== 401 || !username) return response;
      sessions.delete(username);
      return attempt();
    };
    return {
      get: (url) => send({ method: 'GET', url }),
      post: (url, payload = {}) => send({ method: 'POST', url, payload }),
      put: (url, payload) => send({ method: 'PUT', url, payload }),
      upload: (url, files) => {
        const body = multipartBody(files);
        return send({ method: 'POST', url, payload: body.payload, headers: body.headers });
      },
    };
  };
  const as = (username: string) => client(username);
  const publish = async (username: string, input: Record<string, unknown>) => {
    const created = await as(username).post('/api/v1/knowledge/articles', input);
    if (created.statusCode !== 201)
      throw new Error(`create: ${created.statusCode} ${created.body}`);
    const { id, version } = created.json<KnowledgeArticle>();
    const submitted = await as(username).post(`/api/v1/knowledge/articles/${id}/submit`, {
      expectedVersion: version,
    });
    if (submitted.statusCode !== 200) throw new Error(`submit: ${submitted.body}`);
    const approved = await as('kb1').post(`/api/v1/knowledge/articles/${id}/approve`, {
      expectedVersion: version,
    });
    if (approved.statusCode !== 200) throw new Error(`approve: ${approved.body}`);
    return approved.json<KnowledgeArticle>();
  };
  return { ...t, as, anonymous: client(null), publish };
}

import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { createTestApp, type TestApp } from './test-support/app.js';
import { loadConfig } from './config.js';

describe.each(['sqlite'] as const)('HTTP surface on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers an unknown route with the error envelope and a request id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    const body = response.json<{ error: { code: string; message: string; requestId: string } }>();
    expect(body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an anonymous call to a staff route with 401 UNAUTHENTICATED', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/tickets' });
    expect(response.statusCode).toBe(401);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('UNAUTHENTICATED');
  });

  it('publishes an OpenAPI document at /api/docs with every module and its response schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<{
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/tickets',
      '/api/v1/tickets/{id}/dispatch',
      '/api/v1/tickets/{id}/reply',
      '/api/v1/tickets/{id}/callback',
      '/api/v1/units',
      '/api/v1/categories',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const getTicket = doc.paths['/api/v1/tickets/{id}']?.get;
    expect(getTicket?.responses['200']).toBeDefined();
  });
});

describe('logs', () => {
  it('never carry a citizen phone number, name, address or session cookie', async () => {
    const t = await createTestApp('sqlite');
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    const config = loadConfig({
      LOG_LEVEL: 'trace',
      DATABASE_URL: t.testDb.url,
      DATA_DIR: t.config.dataDir,
    });
    const app = await buildApp({ config, services: t.services, logStream: stream });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'op1', password: 'secret-pass-1' },
      });
      const cookie = `oh_session=${login.cookies.find((c) => c.name === 'oh_session')?.value}`;
      await app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: { cookie },
        payload: {
          channel: 'phone',
          appealType: 'complaint',
          urgency: 'normal',
          description: '路灯不亮',
          citizenName: '王𠮷秘',
          citizenPhone: '13912345678',
          address: '佳乐世纪城7栋',
          disposition: 'dispatch',
        },
      });
      await app.inject({
        method: 'GET',
        url: '/api/v1/contacts?caller=13912345678',
        headers: { cookie },
      });
      await app.inject({
        method: 'GET',
        url: '/api/v1/tickets?citizenPhone=13912345678&q=佳乐',
        headers: { cookie },
      });
      const log = lines.join('');
      expect(log.length).toBeGreaterThan(0);
      expect(log).toContain('/api/v1/contacts');
      expect(log).not.toContain('13912345678');
      expect(log).not.toContain('王𠮷秘');
      expect(log).not.toContain('佳乐世纪城7栋');
      expect(log).not.toContain(cookie.split('=')[1]);
    } finally {
      await app.close();
      await t.close();
    }
  });
});

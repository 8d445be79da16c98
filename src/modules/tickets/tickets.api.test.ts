import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/app.js';
import { TEST_DIALECTS } from '../../test-support/databases.js';
import { multipart, PNG } from '../../test-support/http.js';
import { seedAssignment } from '../../test-support/tickets.js';

interface ErrorBody {
  error: { code: string; field?: string };
}
interface ListBody {
  items: Array<Record<string, unknown> & { id: number }>;
  total: number;
  page: number;
  pageSize: number;
}

describe.each(TEST_DIALECTS)('tickets API on %s', (dialect) => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  const ids = { light: 0, water: 0, noise: 0 };

  const get = (url: string, user = 'op1') =>
    t.app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
  const create = async (payload: object): Promise<{ id: number; number: string }> => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      payload: { channel: 'phone', appealType: 'complaint', urgency: 'normal', ...payload },
      headers: { cookie: cookies.op1! },
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const upload = (ticketId: number, user: string, body: ReturnType<typeof multipart>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${ticketId}/attachments`,
      payload: body.payload,
      headers: { ...body.headers, cookie: cookies[user]! },
    });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    for (const user of ['op1', 'h-nancheng', 'h-anfu', 'sup1', 'ana1'])
      cookies[user] = await t.login(user);
    const u = t.fixture.units;
    ids.light = (
      await create({
        description: '滨江路路灯不亮 street light broken',
        citizenName: '张三丰',
        citizenPhone: '13812345678',
        districtId: u.jiangyang,
        categoryId: t.fixture.categories.streetLight,
        urgency: 'urgent',
      })
    ).id;
    ids.water = (
      await create({
        description: '小区停水三天了',
        citizenPhone: '13900001111',
        districtId: u.naxi,
      })
    ).id;
    ids.noise = (
      await create({ description: '夜间施工噪音', channel: 'web', disposition: 'dispatch' })
    ).id;
    await seedAssignment(t.testDb.database, ids.light, u.nanchengStreet);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists with filters from the query string, masked, paged, and only within scope', async () => {
    const all = (await get('/api/v1/tickets?pageSize=2&sort=createdAt&order=asc')).json<ListBody>();
    expect(all).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(all.items.map((i) => i.id)).toEqual([ids.light, ids.water]);
    expect(all.items[0]).toMatchObject({ citizenPhone: '138****5678', citizenName: '张**' });
    expect(all.items[0]).not.toHaveProperty('description');
    const q = (await get(`/api/v1/tickets?q=${encodeURIComponent('停水')}`)).json<ListBody>();
    expect(q.items.map((i) => i.id)).toEqual([ids.water]);
    const statuses = (
      await get('/api/v1/tickets?status=pending_dispatch&status=closed&channel=web')
    ).json<ListBody>();
    expect(statuses.items.map((i) => i.id)).toEqual([ids.noise]);
    const urban = (
      await get(`/api/v1/tickets?categoryId=${t.fixture.categories.urban}&urgency=urgent`)
    ).json<ListBody>();
    expect(urban.items.map((i) => i.id)).toEqual([ids.light]);
    const handler = (await get('/api/v1/tickets', 'h-nancheng')).json<ListBody>();
    expect(handler.items.map((i) => i.id)).toEqual([ids.light]);
    const bad = await get('/api/v1/tickets?pageSize=500');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.field).toBe('querystring.pageSize');
  });

  it('shows one ticket by id or number within scope, and 404s it elsewhere', async () => {
    const mine = await get(`/api/v1/tickets/${ids.light}`, 'h-nancheng');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      citizenPhone: '138****5678',
      citizenVisibility: 'masked',
      assignments: [{ role: 'lead' }],
    });
    expect(mine.json()).not.toHaveProperty('queryCodeHash');
    const other = await get(`/api/v1/tickets/${ids.light}`, 'h-anfu');
    expect(other.statusCode).toBe(404);
    expect(other.json<ErrorBody>().error.code).toBe('TICKET_NOT_FOUND');
    const number = mine.json<{ number: string }>().number;
    expect((await get(`/api/v1/tickets/by-number/${number}`)).json()).toMatchObject({
      id: ids.light,
      citizenPhone: '13812345678',
    });
    expect((await get(`/api/v1/tickets/by-number/${number}`, 'h-anfu')).statusCode).toBe(404);
    expect((await get(`/api/v1/tickets/${ids.light}/events`, 'h-anfu')).statusCode).toBe(404);
    const events = (await get(`/api/v1/tickets/${ids.light}/events`, 'h-nancheng')).json<{
      items: Array<{ type: string; after: unknown; actorName: string; actorUnitName: string }>;
    }>();
    expect(events.items.map((e) => e.type)).toEqual(['created', 'accept']);
    // The history names who acted, as the ticket page shows it.
    expect(events.items[0]).toMatchObject({ actorName: 'op1', actorUnitName: '泸州市12345中心' });
    expect(JSON.stringify(events)).not.toMatch(/13812345678|张三丰/);
  });

  it('tells a supervisor who viewed the citizen in full', async () => {
    await get(`/api/v1/tickets/${ids.water}`);
    const audit = await get(`/api/v1/audit?ticketId=${ids.water}`, 'sup1');
    expect(audit.statusCode).toBe(200);
    expect(audit.json()).toMatchObject({ items: [{ action: 'view_citizen', actorName: 'op1' }] });
    expect((await get(`/api/v1/audit?ticketId=${ids.water}`, 'h-nancheng')).statusCode).toBe(403);
  });

  it('uploads a file checked by its content, lists it and downloads the same bytes', async () => {
    const uploaded = await upload(
      ids.light,
      'h-nancheng',
      multipart({ purpose: 'reply' }, { name: '现场照片𠮷.png', type: 'image/png', content: PNG }),
    );
    expect(uploaded.statusCode).toBe(201);
    const attachment = uploaded.json<{ id: number; sha256: string; name: string }>();
    expect(attachment).toMatchObject({
      name: '现场照片𠮷.png',
      sha256: createHash('sha256').update(PNG).digest('hex'),
      purpose: 'reply',
    });
    expect(attachment).not.toHaveProperty('storageKey');
    const listed = (await get(`/api/v1/tickets/${ids.light}/attachments`)).json<{
      items: unknown[];
    }>();
    expect(listed.items).toHaveLength(1);
    const download = await get(
      `/api/v1/tickets/${ids.light}/attachments/${attachment.id}`,
      'h-nancheng',
    );
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%E7%8E%B0");
    expect(Buffer.compare(download.rawPayload, PNG)).toBe(0);
    expect(
      (await get(`/api/v1/tickets/${ids.light}/attachments/${attachment.id}`, 'h-anfu')).statusCode,
    ).toBe(404);
  });

  it('answers 415 for a disguised file and 413 beyond the size limit', async () => {
    const disguised = await upload(
      ids.light,
      'op1',
      multipart(
        { purpose: 'appeal' },
        { name: 'x.png', type: 'image/png', content: Buffer.from('%PDF-1.7 not a picture') },
      ),
    );
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json<ErrorBody>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = Buffer.concat([PNG, Buffer.alloc(t.config.attachmentMaxBytes)]);
    const tooBig = await upload(
      ids.light,
      'op1',
      multipart({ purpose: 'appeal' }, { name: 'big.png', type: 'image/png', content: big }),
    );
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json<ErrorBody>().error.code).toBe('PAYLOAD_TOO_LARGE');
    const notAllowed = await upload(
      ids.light,
      'ana1',
      multipart({ purpose: 'appeal' }, { name: 'x.png', type: 'image/png', content: PNG }),
    );
    expect(notAllowed.statusCode).toBe(403);
    const noPurpose = await upload(
      ids.light,
      'op1',
      multipart({}, { name: 'x.png', type: 'image/png', content: PNG }),
    );
    expect(noPurpose.json<ErrorBody>().error.field).toBe('purpose');
    const listed = (await get(`/api/v1/tickets/${ids.light}/attachments`)).json<{
      items: unknown[];
    }>();
    expect(listed.items).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/actor.js';
import { TEST_DIALECTS } from '../../../test-support/databases.js';
import { createWorkflow, type FixtureUser, type Workflow } from '../../../test-support/workflow.js';
import { findTicketRowByNumber, listEvents } from '../../tickets/index.js';

const MINUTE = 60_000;

interface Candidate {
  ticketId: number;
  number: string;
  score: number;
  likely: boolean;
  address: string | null;
  parts: { text: number; category: string; placeMatch: string; hoursApart: number };
}

describe.each(TEST_DIALECTS)('duplicates (%s)', (dialect) => {
  let w: Workflow;
  let operator: Actor;
  let jiangyang: number;
  let nancheng: number;
  let naxi: number;
  let streetLight: number;
  let constructionNoise: number;
  let place = 0;

  beforeAll(async () => {
    w = await createWorkflow(dialect);
    operator = await w.actor('operator');
    ({ jiangyang, nanchengStreet: nancheng, naxi } = w.fixture.units);
    ({ streetLight, constructionNoise } = w.fixture.categories);
  });
  afterAll(() => w.close());

  /** A fresh place for each test, so tests do not find each other's tickets. */
  function freshPlace() {
    place++;
    return {
      house: `${place * 10 + 8}`,
      lat: 28.8 + place * 0.02,
      lng: 105.4 + place * 0.02,
    };
  }

  async function idOf(number: string): Promise<number> {
    return (await findTicketRowByNumber(w.database.db, number))!.id;
  }

  /** The same street light out, reported from the portal, WeChat and by phone. */
  async function fileAcrossChannels(p: ReturnType<typeof freshPlace>) {
    const portal = await w.services.intake.publicAppeals.submit({
      description: `滨江路${p.house}号门口的路灯连续三晚不亮，晚上走路很危险 🚧`,
      categoryId: streetLight,
      districtId: jiangyang,
      address: `江阳区南城街道滨江路${p.house}号`,
      lat: p.lat,
      lng: p.lng,
      citizenPhone: '13812345678',
    });
    w.clock.advance(20 * MINUTE);
    const wechat = await w.services.intake.channels.fileAppeal({
      channel: 'wechat',
      externalId: `msg-${p.house}`,
      sender: `openid-${p.house}`,
      description: `反映滨江路 ${p.house} 号附近路灯坏了好几天，𠮷祥小区门口一片黑`,
      categoryId: streetLight,
      districtId: jiangyang,
      address: `滨江路${p.house}号`,
      lat: p.lat + 0.00004,
      lng: p.lng - 0.00003,
    });
    w.clock.advance(40 * MINUTE);
    const phone = await w.services.intake.tickets.create(operator, {
      channel: 'phone',
      appealType: 'complaint',
      title: '路灯不亮',
      description: `市民来电：滨江路${p.house}号旁边的路灯晚上不亮`,
      categoryId: streetLight,
      districtId: jiangyang,
      streetId: nancheng,
      address: `江阳区滨江路 ${p.house} 号`,
      citizenPhone: '13900001111',
    });
    return {
      portal: await idOf(portal.number),
      wechat: wechat.ticketId,
      phone: phone.id,
    };
  }

  async function put(user: FixtureUser, body: Record<string, unknown>) {
    const response = await w.app.inject({
      method: 'PUT',
      url: '/api/v1/intelligence/duplicates/settings',
      headers: { cookie: await w.login(user) },
      payload: body,
    });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
  }

  it('shows an operator the open ticket a call repeats, scored with its parts, best first', async () => {
    const p = freshPlace();
    const filed = await fileAcrossChannels(p);
    // Same words elsewhere, another matter here, and one long closed: none of them a repeat.
    await w.services.intake.tickets.create(operator, {
      channel: 'phone',
      appealType: 'complaint',
      title: '路灯不亮',
      description: `滨江路${p.house}号门口的路灯连续三晚不亮`,
      categoryId: streetLight,
      districtId: naxi,
      address: `纳溪区安富街道滨江路${p.house}号`,
      lat: p.lat + 0.1,
      lng: p.lng + 0.1,
    });
    const noise = await w.services.intake.tickets.create(operator, {
      channel: 'phone',
      appealType: 'complaint',
      title: '施工噪音',
      description: `滨江路${p.house}号工地晚上施工噪音扰民`,
      categoryId: constructionNoise,
      districtId: jiangyang,
      address: `江阳区南城街道滨江路${p.house}号`,
    });

    const { status, body } = await w.call<{ candidates: Candidate[] }>(
      'operator',
      'POST',
      '/intelligence/duplicates',
      {
        title: '',
        description: `滨江路${p.house}号的路灯坏了，黑灯瞎火 𠮷`,
        categoryId: streetLight,
        districtId: jiangyang,
        address: `滨江路${p.house}号`,
      },
    );
    expect(status).toBe(200);
    const ids = body.candidates.map((c) => c.ticketId);
    expect(ids.slice(0, 3).sort()).toEqual([filed.portal, filed.wechat, filed.phone].sort());
    expect(ids).not.toContain(noise.id);
    expect(body.candidates.map((c) => c.score)).toEqual(
      [...body.candidates.map((c) => c.score)].sort((a, b) => b - a),
    );
    expect(body.candidates[0]).toMatchObject({
      likely: true,
      parts: { category: 'same', placeMatch: 'same_address' },
    });
    // Masked as in the ticket list: the road stays, the house number goes.
    expect(body.candidates[0]!.address).toMatch(/\*\*\*$/);
  });

  it('flags the WeChat and phone tickets as likely duplicates of the portal one; the dispatcher merges them', async () => {
    const filed = await fileAcrossChannels(freshPlace());
    const likely = await w.call<{ items: Array<{ ticketId: number; duplicateOf: Candidate }> }>(
      'dispatcher',
      'GET',
      `/intelligence/duplicates/likely?ticketId=${filed.portal}&ticketId=${filed.wechat}&ticketId=${filed.phone}`,
    );
    expect(likely.status).toBe(200);
    const byTicket = new Map(likely.body.items.map((i) => [i.ticketId, i.duplicateOf]));
    expect(byTicket.has(filed.portal)).toBe(false);
    expect(byTicket.get(filed.wechat)).toMatchObject({ ticketId: filed.portal, likely: true });
    expect(byTicket.get(filed.phone)?.likely).toBe(true);
    expect(byTicket.get(filed.phone)!.ticketId).toBe(filed.portal);

    const ofTicket = await w.call<{ candidates: Candidate[] }>(
      'dispatcher',
      'GET',
      `/intelligence/tickets/${filed.phone}/duplicates`,
    );
    expect(ofTicket.body.candidates.map((c) => c.ticketId)).toContain(filed.portal);
    expect(ofTicket.body.candidates[0]!.parts.hoursApart).toBeLessThanOrEqual(1);

    for (const child of [filed.wechat, filed.phone]) {
      const merged = await w.call('dispatcher', 'POST', `/tickets/${child}/merge`, {
        parentId: filed.portal,
        reason: '疑似重复：同一路灯',
      });
      expect(merged.status).toBe(200);
    }
    const parent = await w.ticket(filed.portal);
    const children = await Promise.all([filed.wechat, filed.phone].map((id) => w.ticket(id)));
    expect(parent).toMatchObject({ parentId: null, status: 'received' });
    expect(children.map((t) => [t.status, t.parentId])).toEqual([
      ['merged', filed.portal],
      ['merged', filed.portal],
    ]);
    // Merged children are no longer anyone's likely duplicate or candidate.
    const after = await w.call<{ items: unknown[] }>(
      'dispatcher',
      'GET',
      `/intelligence/duplicates/likely?ticketId=${filed.wechat}&ticketId=${filed.phone}`,
    );
    expect(after.body.items).toEqual([]);
  });

  it('merges automatically, as the system and marked, only once the admin enables it', async () => {
    const service = w.services.duplicates.service;
    await service.autoMergeFromEvents(); // reads what earlier tests left
    const off = await fileAcrossChannels(freshPlace());
    await service.autoMergeFromEvents();
    expect((await w.ticket(off.wechat)).status).not.toBe('merged');

    expect((await put('dispatcher', { autoMerge: true })).status).toBe(403);
    const enabled = await put('admin', { autoMerge: true, likelyThreshold: 0.6 });
    expect(enabled).toMatchObject({ status: 200, body: { autoMerge: true, likelyThreshold: 0.6 } });

    const on = await fileAcrossChannels(freshPlace());
    let merged = 0;
    for (let i = 0; i < 5; i++) merged += (await service.autoMergeFromEvents()).merged;
    expect(merged).toBe(2);
    const children = await Promise.all([on.wechat, on.phone].map((id) => w.ticket(id)));
    expect(children.map((c) => c.status)).toEqual(['merged', 'merged']);
    // One parent, two children: the phone call matched the WeChat ticket, which speaks for its parent.
    expect(children.map((c) => c.parentId)).toEqual([on.portal, on.portal]);
    expect((await w.ticket(on.portal)).status).toBe('received');
    const mergeEvent = (await listEvents(w.database.db, on.wechat)).find((e) => e.type === 'merge');
    expect(mergeEvent).toMatchObject({
      actorId: null,
      data: { automatic: true, parentId: on.portal },
    });
    // Tickets filed before automatic merging was enabled stay as they were.
    expect((await w.ticket(off.wechat)).status).not.toBe('merged');
    await put('admin', { autoMerge: false });
  });

  it('answers only the desks that take and dispatch appeals', async () => {
    const draft = { description: '路灯不亮', districtId: jiangyang };
    expect((await w.call('handler', 'POST', '/intelligence/duplicates', draft)).status).toBe(403);
    expect((await w.call('callback', 'POST', '/intelligence/duplicates', draft)).status).toBe(403);
    expect((await w.call(null, 'POST', '/intelligence/duplicates', draft)).status).toBe(401);
    expect((await w.call('dispatcher', 'POST', '/intelligence/duplicates', draft)).status).toBe(
      200,
    );
    expect((await w.call('coordinator', 'POST', '/intelligence/duplicates', draft)).status).toBe(
      200,
    );
    const empty = await w.call('operator', 'POST', '/intelligence/duplicates', { title: ' ' });
    expect(empty).toMatchObject({ status: 400, body: { error: { field: 'description' } } });
    expect((await w.call('handler', 'GET', '/intelligence/duplicates/settings')).status).toBe(403);
    expect((await put('admin', { likelyThreshold: 0.1 })).status).toBe(400);
  });
});

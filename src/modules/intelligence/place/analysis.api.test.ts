import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../app.js';
import { createServices, type Services } from '../../../composition.js';
import { loadConfig } from '../../../config.js';
import { FakeClock } from '../../../platform/clock.js';
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from '../../../test-support/databases.js';
import { actorFor } from '../../../test-support/fixtures.js';
import { DEMO_PASSWORD, seedDemo } from '../../demo/index.js';
import { PLACE_CASES } from './place.test-data.js';

interface Candidate {
  districtId: number;
  districtName: string;
  streetId: number | null;
  streetName: string | null;
  confidence: number;
}
interface Analysis {
  place: (Candidate & { source: string; matched: string; alternatives: Candidate[] }) | null;
  placeReason: string | null;
  urgency: {
    level: string;
    reasons: Array<{ phrase: string; danger: string; referral: string | null }>;
  };
}
type Ring = number[][];
interface DistrictMap {
  features: Array<{
    properties: { id: number; name: string };
    geometry:
      { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
  }>;
}

const polygonsOf = (geometry: DistrictMap['features'][number]['geometry']): Ring[][] =>
  geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;

/** Where the horizontal line at latitude y crosses the rings (longitudes, sorted). */
function crossings(rings: Ring[], y: number): number[] {
  const xs: number[] = [];
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
    }
  return xs.sort((a, b) => a - b);
}

/** A point well inside a polygon: the middle of the widest inside stretch of a line across it. */
function interiorPoint(polygons: Ring[][]): { lat: number; lng: number } {
  let best = { lat: 0, lng: 0, width: -1 };
  for (const rings of polygons) {
    const ys = rings[0]!.map((p) => p[1]!);
    const [low, high] = [Math.min(...ys), Math.max(...ys)];
    for (const share of [0.3, 0.4, 0.5, 0.6, 0.7]) {
      // An irrational-looking offset keeps the line off the vertices.
      const y = low + (high - low) * share + 1.234e-7;
      const xs = crossings(rings, y);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const width = xs[k + 1]! - xs[k]!;
        if (width > best.width) best = { lat: y, lng: (xs[k]! + xs[k + 1]!) / 2, width };
      }
    }
  }
  return { lat: best.lat, lng: best.lng };
}

describe.each(TEST_DIALECTS)('appeal analysis on the Luzhou organisation on %s', (dialect) => {
  let testDb: TestDatabase;
  let services: Services;
  let app: FastifyInstance;
  let clock: FakeClock;
  let dataDir: string;
  const cookies = new Map<string, string>();

  const login = async (username: string) => {
    const known = cookies.get(username);
    if (known) return known;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: DEMO_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = `oh_session=${response.cookies.find((c) => c.name === 'oh_session')!.value}`;
    cookies.set(username, cookie);
    return cookie;
  };
  const analyse = async (payload: object, username = 'operator') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/intelligence/analyse',
      payload,
      headers: { cookie: await login(username) },
    });
  const analysed = async (payload: object) => {
    const response = await analyse(payload);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Analysis>();
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openhotline-place-'));
    const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, DATABASE_URL: testDb.url });
    clock = new FakeClock('2026-11-27T06:30:00.000Z');
    services = createServices(testDb.database, config, clock);
    await seedDemo(testDb.database, services, clock, { tickets: 0, months: 1, config });
    app = await buildApp({ config, services });
    // Seeding the whole demo city takes a while on a busy machine, PostgreSQL most.
  }, 400_000);
  afterAll(async () => {
    await app?.close();
    await testDb?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads the district and street of at least 40 Luzhou addresses and appeals', async () => {
    expect(PLACE_CASES.length).toBeGreaterThanOrEqual(40);
    const wrong: string[] = [];
    for (const c of PLACE_CASES) {
      const { place, placeReason } = await analysed({
        ...(c.address !== undefined && { address: c.address }),
        ...(c.title !== undefined && { title: c.title }),
        ...(c.description !== undefined && { description: c.description }),
      });
      const label = c.address ?? c.title ?? c.description;
      const got = place ? `${place.districtName}/${place.streetName ?? '-'}` : 'null';
      const want = c.district ? `${c.district}/${c.street ?? '-'}` : 'null';
      if (got !== want) wrong.push(`${label}: got ${got}, want ${want}`);
      if (!place) {
        expect(placeReason).toBe('no_place_named');
        continue;
      }
      expect(place.source).toBe(c.source ?? 'address');
      expect(place.confidence).toBeGreaterThan(0);
      expect(place.confidence).toBeLessThanOrEqual(1);
      expect(place.matched.length).toBeGreaterThan(0);
      if (c.atLeast !== undefined)
        expect(place.confidence, label).toBeGreaterThanOrEqual(c.atLeast);
      if (c.below !== undefined) expect(place.confidence, label).toBeLessThan(c.below);
      if (c.alternative)
        expect(
          place.alternatives.map((a) => `${a.districtName}/${a.streetName ?? '-'}`),
          label,
        ).toContain(`${c.alternative.district}/${c.alternative.street ?? '-'}`);
    }
    expect(wrong).toEqual([]);
  });

  it('puts a point computed inside each district in that district, with no street guessed', async () => {
    const map = (
      await app.inject({ method: 'GET', url: '/api/v1/public/districts/map' })
    ).json<DistrictMap>();
    expect(map.features).toHaveLength(7);
    for (const feature of map.features) {
      const point = interiorPoint(polygonsOf(feature.geometry));
      const { place } = await analysed({ description: '路灯不亮', ...point });
      expect(place, feature.properties.name).toMatchObject({
        districtId: feature.properties.id,
        districtName: feature.properties.name,
        streetId: null,
        source: 'coordinates',
      });
    }
  });

  it('knows the city edge: just inside is a district, just outside is nothing, with the reason', async () => {
    const map = (
      await app.inject({ method: 'GET', url: '/api/v1/public/districts/map' })
    ).json<DistrictMap>();
    const all = map.features.flatMap((f) =>
      polygonsOf(f.geometry).map((rings) => ({ feature: f, rings })),
    );
    const lat = 28.8 + 1.234e-7;
    // The westmost crossing of the whole city on this line is its edge.
    const edges = all
      .flatMap(({ feature, rings }) => crossings(rings, lat).map((x) => ({ x, feature })))
      .sort((a, b) => a.x - b.x);
    const [edge, next] = edges;
    const step = Math.min(1e-4, (next!.x - edge!.x) / 2);
    const inside = await analysed({ lat, lng: edge!.x + step });
    expect(inside.place).toMatchObject({
      districtId: edge!.feature.properties.id,
      source: 'coordinates',
    });
    const outside = await analysed({ lat, lng: edge!.x - step });
    expect(outside).toMatchObject({ place: null, placeReason: 'outside_every_district' });
    // Far away (Beijing), with words that name no place.
    const beijing = await analysed({ description: '路灯坏了', lat: 39.9042, lng: 116.4074 });
    expect(beijing).toMatchObject({ place: null, placeReason: 'outside_every_district' });
  });

  it('weighs an address against the reported position', async () => {
    const map = (
      await app.inject({ method: 'GET', url: '/api/v1/public/districts/map' })
    ).json<DistrictMap>();
    const naxi = map.features.find((f) => f.properties.name === '纳溪区')!;
    const point = interiorPoint(polygonsOf(naxi.geometry));
    const agreeing = await analysed({ address: '纳溪区', ...point });
    const alone = await analysed({ address: '纳溪区' });
    expect(agreeing.place!.confidence).toBeGreaterThan(alone.place!.confidence);
    const contradicted = await analysed({ address: '古蔺县', ...point });
    expect(contradicted.place).toMatchObject({ districtName: '古蔺县', source: 'address' });
    expect(contradicted.place!.confidence).toBeLessThan(alone.place!.confidence);
    expect(contradicted.place!.alternatives[0]).toMatchObject({ districtId: naxi.properties.id });
    // A position with a street named in the appeal's words: the street of that district.
    const withStreet = await analysed({ description: '永宁街道路灯坏了', ...point });
    expect(withStreet.place).toMatchObject({
      districtId: naxi.properties.id,
      streetName: '永宁街道',
      source: 'coordinates',
    });
  });

  it('flags an emergency with its reason and referral, and not a negated one', async () => {
    const gas = await analysed({
      description: '家里煤气泄漏了，味道很大',
      address: '江阳区南城街道',
    });
    expect(gas.urgency.level).toBe('emergency');
    expect(gas.urgency.reasons[0]).toMatchObject({ danger: 'gas', referral: '119' });
    expect(gas.place).toMatchObject({ districtName: '江阳区', streetName: '南城街道' });
    const negated = await analysed({ description: '不是燃气泄漏，是想问燃气费怎么交' });
    expect(negated.urgency).toEqual({ level: 'normal', reasons: [] });
    expect(negated.place).toBeNull();
  });

  it('takes a new alias or a renamed street once the organisation changes', async () => {
    const before = await analysed({ address: '张坝桂圆林' });
    expect(before.place).toBeNull();
    const admin = await actorFor(testDb.database, 'admin');
    const [street] = await services.organisation.service.listUnits({
      type: 'street',
      q: '蓝田街道',
    });
    await services.organisation.service.updateUnit(admin, street!.id, {
      aliases: ['张坝桂圆林'],
    });
    // Each instance looks again within a few seconds.
    clock.advance(6_000);
    const after = await analysed({ address: '张坝桂圆林' });
    expect(after.place).toMatchObject({ streetId: street!.id, districtName: '江阳区' });
  });

  it('is for the desks that take and route appeals, and needs something to read', async () => {
    expect((await analyse({ address: '纳溪区' }, 'dispatcher')).statusCode).toBe(200);
    expect((await analyse({ address: '纳溪区' }, 'supervisor')).statusCode).toBe(200);
    const handler = await analyse({ address: '纳溪区' }, 'handler');
    expect(handler.statusCode).toBe(403);
    const empty = await analyse({ address: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ error: object }>().error).toMatchObject({
      field: 'description',
      rule: 'required',
    });
    const halfPosition = await analyse({ description: '路灯', lat: 28.9 });
    expect(halfPosition.statusCode).toBe(400);
    expect(halfPosition.json<{ error: object }>().error).toMatchObject({
      field: 'lng',
      rule: 'required',
    });
    const tooLong = await analyse({ address: '江'.repeat(501) });
    expect(tooLong.statusCode).toBe(400);
  });
});

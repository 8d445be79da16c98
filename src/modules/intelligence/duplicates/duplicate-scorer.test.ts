import { describe, expect, it } from 'vitest';
import { DuplicateIndex } from './duplicate-index.js';
import {
  addressKey,
  DEFAULT_LIKELY_THRESHOLD,
  prepare,
  scoreDuplicate,
  SHOW_FLOOR,
  type DuplicateSubject,
} from './duplicate-scorer.js';
import { shingles, ShingleStats, textSimilarity } from './text-shingles.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T01:00:00Z');

/** A street light out on 滨江路 18号, reported at T0. */
const base: DuplicateSubject = {
  title: '路灯不亮',
  description: '滨江路18号门口的路灯连续三晚不亮，晚上走路很危险 🚧',
  categoryId: 11,
  categoryTopId: 1,
  districtId: 100,
  streetId: 101,
  address: '江阳区南城街道滨江路18号',
  lat: 28.8712,
  lng: 105.4423,
  at: T0,
};
const like = (over: Partial<DuplicateSubject>) => prepare({ ...base, ...over });

/** Statistics as a deployment would have them: the subjects plus some unrelated appeals. */
function statsOf(...subjects: ReturnType<typeof prepare>[]): ShingleStats {
  const stats = new ShingleStats();
  for (const text of [
    '小区楼下烧烤油烟很大',
    '工地夜间施工噪音扰民',
    '自来水停水两天没有通知',
    '路口红绿灯坏了',
    '公交站台广告牌松动',
  ])
    stats.add(shingles(text));
  for (const s of subjects) stats.add(s.bag);
  return stats;
}

describe('text shingles', () => {
  it('cuts Chinese into character bigrams and keeps 𠮷 and emoji whole', () => {
    const bag = shingles('路灯𠮷坏 🚧');
    expect([...bag.keys()]).toEqual(['路灯', '灯𠮷', '𠮷坏', '🚧']);
    expect(shingles('Loud Music at 233 Landing Road')).toEqual(
      new Map([
        ['loud', 1],
        ['music', 1],
        ['#233', 1],
        ['landing', 1],
        ['road', 1],
      ]),
    );
  });

  it('finds the same incident told in other words more alike than another matter', () => {
    const a = shingles('滨江路的路灯坏了，晚上一片漆黑');
    const b = shingles('反映滨江路路灯不亮已经三天');
    const c = shingles('滨江路有工地晚上施工噪音很大');
    const stats = new ShingleStats();
    for (const s of [a, b, c]) stats.add(s);
    expect(textSimilarity(a, b, stats)).toBeGreaterThan(textSimilarity(b, c, stats));
    expect(textSimilarity(a, a, stats)).toBeCloseTo(1, 6);
  });
});

describe('duplicate score', () => {
  it('scores the same incident in different words, an hour later, as a likely duplicate', () => {
    const earlier = like({});
    const repeat = like({
      title: '',
      description: '反映滨江路 18 号附近路灯坏了好几天，𠮷祥小区门口一片黑',
      address: '滨江路 18 号',
      lat: 28.87125,
      lng: 105.44228,
      at: T0 + HOUR,
    });
    const { score, parts } = scoreDuplicate(repeat, earlier, statsOf(earlier, repeat));
    expect(score).toBeGreaterThanOrEqual(DEFAULT_LIKELY_THRESHOLD);
    expect(parts).toMatchObject({ category: 'same', hoursApart: 1 });
    expect(parts.place).toBeGreaterThan(0.9);
    expect(parts.distanceM).toBeLessThan(10);
    expect(parts.text).toBeGreaterThan(0.1);
    // Without coordinates, the address written differently still says it is the same place.
    const noCoords = { ...repeat, lat: null, lng: null };
    const byAddress = scoreDuplicate(noCoords, earlier, statsOf(earlier, noCoords));
    expect(byAddress.parts.placeMatch).toBe('same_address');
    expect(byAddress.score).toBeGreaterThanOrEqual(DEFAULT_LIKELY_THRESHOLD);
  });

  it('keeps apart the same words at another place, another matter at the same place, and long ago', () => {
    const earlier = like({});
    const stats = statsOf(earlier);
    const elsewhere = like({
      districtId: 200,
      streetId: 201,
      address: '纳溪区安富街道滨江路18号',
      lat: 28.7731,
      lng: 105.3712,
      at: T0 + HOUR,
    });
    const otherMatter = like({
      title: '施工噪音',
      description: '滨江路18号门口工地晚上施工噪音扰民，睡不着觉',
      categoryId: 21,
      categoryTopId: 2,
      at: T0 + HOUR,
    });
    const longAgo = like({ at: T0 + 40 * 24 * HOUR });
    for (const other of [elsewhere, otherMatter, longAgo])
      expect(scoreDuplicate(other, earlier, stats).score).toBeLessThan(SHOW_FLOOR);
    expect(scoreDuplicate(elsewhere, earlier, stats).parts.placeMatch).toBe('different');
    expect(scoreDuplicate(otherMatter, earlier, stats).parts.category).toBe('different');
    expect(scoreDuplicate(longAgo, earlier, stats).parts.hoursApart).toBe(960);
  });

  it('orders candidates: same address now > nearby later > same street days later', () => {
    const appeal = like({ at: T0 + 2 * HOUR });
    const sameAddress = like({ at: T0 + HOUR });
    const nearby = like({ address: null, lat: 28.87135, lng: 105.4424, at: T0 });
    const sameStreet = like({ address: null, lat: null, lng: null, at: T0 - 3 * 24 * HOUR });
    const stats = statsOf(appeal, sameAddress, nearby, sameStreet);
    const scores = [sameAddress, nearby, sameStreet].map(
      (c) => scoreDuplicate(appeal, c, stats).score,
    );
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(scores).size).toBe(3);
    expect(scoreDuplicate(appeal, nearby, stats).parts).toMatchObject({ placeMatch: 'nearby' });
    expect(scoreDuplicate(appeal, sameStreet, stats).parts.placeMatch).toBe('same_street');
  });

  it('tells another house number on the same road from the same address written differently', () => {
    expect(addressKey('滨江路 18 号')).toBe(addressKey('滨江路18号'));
    const earlier = like({ lat: null, lng: null, streetId: null });
    const stats = statsOf(earlier);
    const sameHouse = like({
      address: '江阳区 南城街道 滨江路１８号',
      lat: null,
      lng: null,
      streetId: null,
    });
    const otherHouse = like({
      address: '江阳区南城街道滨江路98号',
      lat: null,
      lng: null,
      streetId: null,
    });
    expect(scoreDuplicate(sameHouse, earlier, stats).parts.placeMatch).toBe('same_address');
    expect(scoreDuplicate(otherHouse, earlier, stats).score).toBeLessThan(
      scoreDuplicate(sameHouse, earlier, stats).score / 2,
    );
  });
});

describe('duplicate index', () => {
  it('compares an appeal only with open appeals sharing its place or kind within the window', () => {
    const index = new DuplicateIndex<number>(7 * 24 * HOUR);
    index.add(1, like({}));
    index.add(
      2,
      like({ districtId: 200, streetId: 201, address: '别处1号', lat: 28.5, lng: 105.1 }),
    );
    index.add(3, like({ at: T0 - 30 * 24 * HOUR }));
    index.add(
      4,
      like({
        address: null,
        lat: null,
        lng: null,
        streetId: null,
        categoryId: 31,
        categoryTopId: 3,
      }),
    );
    const appeal = like({ at: T0 + HOUR });
    expect(index.candidates(appeal).map((c) => c.id)).toEqual([1]);
    expect(index.best(appeal, 5, SHOW_FLOOR).map((c) => c.id)).toEqual([1]);
    index.remove(1);
    expect(index.candidates(appeal)).toEqual([]);
    expect(index.size).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { findHotIssues, heatIndex, type ClusterInput } from './clustering.js';
import { characterBigrams, placeNames } from './text-features.js';

let next = 0;
const appeal = (title: string, day: number, likes = 0, description = ''): ClusterInput => ({
  id: ++next,
  title,
  description,
  at: `2026-03-${String(day).padStart(2, '0')}T02:00:00.000Z`,
  likes,
  dislikes: 0,
});

describe('text features', () => {
  it('cuts Chinese into bigrams and keeps whole code points (𠮷)', () => {
    expect(characterBigrams('路灯不亮𠮷')).toEqual(['路灯', '灯不', '不亮', '亮𠮷']);
  });
  it('finds place names by their suffix, cut at boundaries', () => {
    expect(placeNames('投诉A2区丽发新城附近修建搅拌站')).toEqual(['丽发新城']);
    expect(placeNames('A7县泉塘街道成菜园')).toEqual(['泉塘街道']);
    expect(placeNames('投诉A市伊景园滨河苑捆绑销售车位')).toEqual(['伊景园滨河苑']);
  });
});

describe('hot issues on a small fixed set', () => {
  const mixingPlant = [
    appeal('丽发新城附近搅拌站噪音扰民', 1),
    appeal('投诉丽发新城搅拌站噪音太大', 2),
    appeal('丽发新城搅拌站夜间施工噪音扰民', 4),
    appeal('丽发新城旁搅拌站灰尘噪音严重', 6),
    appeal('举报丽发新城附近非法搅拌站噪音', 9),
  ];
  const parking = [
    appeal('伊景园滨河苑捆绑销售车位', 3, 60),
    appeal('投诉伊景园滨河苑强制捆绑车位', 3, 30),
    appeal('伊景园滨河苑车位捆绑销售违法', 3, 10),
  ];
  const tooFew = [appeal('人才购房补贴申请不通过', 5), appeal('人才购房补贴何时发放', 7)];
  const singles = [
    appeal('公交车司机态度恶劣', 2),
    appeal('医保报销比例咨询', 3),
    appeal('学校食堂饭菜质量差', 8),
    appeal('建议增设共享单车停放点', 9),
  ];
  const issues = findHotIssues([...singles, ...tooFew, ...mixingPlant, ...parking]);

  it('groups each matter and leaves out clusters below the minimum and single appeals', () => {
    expect(issues.map((i) => i.ids)).toEqual([
      parking.map((a) => a.id),
      mixingPlant.map((a) => a.id),
    ]);
    expect(issues[1]!.places).toContain('丽发新城');
  });

  it('ranks by heat: 3 appeals with 100 likes on one day above 5 appeals over 5 days', () => {
    // 3 + 2·log₂(101) + 0 = 16.32; 5 + 0 + ½·4 = 7.
    expect(issues.map((i) => i.heat)).toEqual([16.32, 7]);
    expect(issues[0]).toMatchObject({ appeals: 3, likes: 100, activeDays: 1 });
    expect(heatIndex({ appeals: 5, likes: 0, dislikes: 0, activeDays: 5 })).toBe(7);
  });
});

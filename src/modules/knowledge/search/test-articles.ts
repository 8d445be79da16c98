import type { Fixture } from '../../../test-support/fixtures.js';
import type { IndexedArticle } from './search-types.js';

/** Articles for the search tests, in Chinese and English, over the fixture's units and categories. */
export function testArticles(fixture: Fixture): IndexedArticle[] {
  const { units, categories } = fixture;
  const article = (
    articleId: number,
    title: string,
    body: string,
    more: Partial<IndexedArticle> = {},
  ): IndexedArticle => ({
    articleId,
    title,
    body,
    keywords: [],
    synonyms: [],
    categoryIds: [],
    ownerUnitId: units.centre,
    audience: 'public',
    effectiveFrom: '2026-01-01',
    expiresOn: null,
    ...more,
  });
  return [
    article(
      1,
      '路灯不亮怎么报修',
      '小区外道路的**路灯不亮**或灯杆损坏，可拨打12345热线或向所在街道办事处报修，一般3个工作日内修复。',
      {
        keywords: ['路灯', '照明'],
        categoryIds: [categories.streetLight],
        ownerUnitId: units.nanchengStreet,
      },
    ),
    article(
      2,
      '施工噪音扰民的投诉处理',
      '夜间22时至次日6时，禁止在居民区进行产生环境噪声污染的建筑施工作业。确需连续作业的，应取得证明并公告附近居民。',
      {
        keywords: ['夜间施工'],
        categoryIds: [categories.constructionNoise],
        ownerUnitId: units.housingBureau,
      },
    ),
    article(
      3,
      '小区停水通知查询',
      '因管网维修需要临时停水的，供水企业应提前24小时在小区公告栏通知。可拨打供水服务热线查询恢复时间。',
      {
        keywords: ['供水'],
        categoryIds: [categories.municipal],
        ownerUnitId: units.waterCompany,
        audience: 'internal',
      },
    ),
    article(
      4,
      '用人单位拖欠工资如何维权',
      '用人单位拖欠劳动者工资的，劳动者可以向劳动保障监察机构投诉，也可以申请劳动争议仲裁。',
      { keywords: ['劳动仲裁'] },
    ),
    article(
      5,
      '住房公积金提取条件',
      '职工购买、建造、翻建、大修自住住房的，可以提取住房公积金账户内的存储余额。',
      { ownerUnitId: units.housingBureau },
    ),
    article(
      6,
      '社会保险缴费基数调整',
      '每年7月调整社会保险缴费基数，缴费基数按照上年度职工月平均工资确定。',
    ),
    article(
      7,
      '物业服务投诉渠道',
      '物业服务企业不履行物业服务合同约定义务的，业主可以向区住房和城乡建设部门投诉。',
      { ownerUnitId: units.housingBureau },
    ),
    article(
      8,
      '燃气泄漏应急处置',
      '闻到燃气异味时，请立即关闭阀门，打开门窗通风，不要开关电器，到室外拨打抢修电话。',
    ),
    article(
      9,
      '违章停车举报方式',
      '机动车违章停车堵塞消防通道的，可以拍照后通过交警部门的平台举报。',
    ),
    article(
      10,
      '医保异地就医备案',
      '参加基本医疗保险的人员到外地就医前应办理异地就医备案，备案后可直接结算。',
    ),
    article(
      11,
      '生活垃圾分类投放指南',
      '生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾，请按标识分类投放。',
    ),
    article(12, '户口迁移办理流程', '办理户口迁移需携带居民身份证、户口簿和迁入地的准予迁入证明。'),
    article(
      13,
      '电动自行车充电安全',
      '禁止在楼道、安全出口和疏散通道为电动自行车停放充电，请到集中充电点充电。',
    ),
    article(14, '占道经营的整治', '流动摊贩占用道路经营的，由城市管理综合行政执法部门依法处理。'),
    article(15, '餐饮油烟扰民投诉', '餐饮服务单位应安装油烟净化设施并保持正常使用。'),
    article(
      16,
      '𠮷野家门店食品安全投诉',
      '对𠮷野家🍜门店的食品安全问题，可以向市场监督管理部门投诉举报。',
    ),
    article(
      17,
      '<script>alert(1)</script> 标题测试',
      '正文里的 <b>标签</b> & 符号也要当作文字显示。',
    ),
    article(
      18,
      '道路坑洼和井盖缺失',
      '道路出现坑洼、井盖缺失或破损的，请说明具体位置，由市政部门维修。',
      { categoryIds: [categories.municipal] },
    ),
    article(
      19,
      '下水道堵塞疏通',
      '小区内下水道堵塞由物业负责疏通，市政道路的排水管道堵塞由排水公司处理。',
    ),
    article(
      20,
      '供暖不热怎么办',
      '室内温度低于18度的，可以先联系供热企业上门检查，仍不解决的可以投诉。',
    ),
    article(21, '新版停车收费标准', '自6月1日起执行新的停车收费标准。', {
      effectiveFrom: '2026-06-01',
    }),
    article(22, '旧版公积金贷款利率', '本利率已停止执行。', {
      effectiveFrom: '2025-01-01',
      expiresOn: '2026-01-31',
    }),
    article(
      23,
      'How to report a broken streetlight',
      'If a **streetlight** on your block is out or flickering, report it online or call 311. Crews repair most lights within ten days.',
      { keywords: ['lighting'], categoryIds: [categories.streetLight] },
    ),
    article(
      24,
      'Noise complaints about construction',
      'Construction is allowed on weekdays from 7 a.m. to 6 p.m. Work outside these hours needs a permit.',
      { categoryIds: [categories.constructionNoise] },
    ),
    article(
      25,
      'Missed trash collection',
      'If your trash was not picked up on your scheduled collection day, report it after 8 p.m.',
    ),
    article(
      26,
      'Heating complaints in apartments',
      'Landlords must provide heat from October 1 to May 31. Tenants without heat can file a complaint.',
    ),
    article(
      27,
      'Potholes on city streets',
      'Report potholes with the nearest address or intersection. Repairs are scheduled by priority.',
    ),
    article(
      28,
      'Wage theft',
      'Workers who have not received their wages can file a claim with the labor department.',
    ),
    article(
      29,
      'Rodent sightings',
      'Report rats and mice seen outside buildings; inspectors visit within two weeks.',
    ),
    article(
      30,
      'Elevator out of service in public housing',
      'Residents of public housing can report an elevator that is out of service to the housing authority.',
      { audience: 'internal' },
    ),
  ];
}

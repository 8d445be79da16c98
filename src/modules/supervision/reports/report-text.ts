// The words of the monthly report and the exports' column headers, in zh-CN and en
// (the measures' names as ../shared/DOMAIN.md gives them).
import type { CountName, RateName } from './contract.js';

export const REPORT_LANGS = ['zh-CN', 'en'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

type Words = Record<CountName | RateName | keyof typeof ZH_OTHER, string>;

const ZH_OTHER = {
  averageHandlingHours: '平均办理时长（小时）',
  handlingSeconds: '办理用时（秒）',
  key: '键',
  label: '名称',
  labelEn: '英文名称',
  rank: '排名',
  unitType: '单位类型',
  unitId: '单位编号',
  unitName: '单位',
  unitNameEn: '单位英文名',
  number: '工单编号',
  title: '标题',
  status: '状态',
  channel: '渠道',
  categoryName: '诉求分类',
  districtName: '区县',
  createdAt: '创建时间',
  id: '工单ID',
  total: '合计',
  reportTitle: '{scope} {month} 月度督办考核报告',
  generated: '生成于 {at}',
  keyFigures: '本月主要指标',
  previous: '上月',
  change: '环比',
  trend: '每日趋势',
  trendNote: '柱：来电/来件量；线：三率与按时办结率',
  categories: '诉求分类',
  categoryNote: '按来电/来件量排列的前 {count} 个分类',
  rankings: '综合考核排名',
  published: '已发布（{at}）',
  draft: '草稿：尚未发布，排名可能变化',
  weights: '权重：响应率 {response}%，解决率 {resolution}%，满意率 {satisfaction}%',
  overdueUnits: '超期工单最多的单位',
  noData: '本期无数据',
  district: '区县',
  street: '街道/乡镇',
  community: '社区/村',
  department: '市直部门',
  enterprise: '公共企业',
  centre: '中心',
  measure: '指标',
  value: '本月',
  month: '月份',
  overdueCount: '超期工单',
} as const;

const ZH: Words = {
  contacts: '来电/来件量',
  directAnswers: '直接答复',
  dispatched: '派单量',
  signedOnTime: '按时签收',
  due: '应办结',
  onTime: '按时办结',
  evaluated: '参评工单',
  contacted: '已响应',
  resolved: '已解决',
  satisfied: '满意',
  returned: '退单',
  reopened: '重办',
  overdue: '超期',
  replied: '已办结',
  directAnswerRate: '直接答复率',
  signOnTimeRate: '按时签收率',
  onTimeRate: '按时办结率',
  responseRate: '响应率',
  resolutionRate: '解决率',
  satisfactionRate: '满意率',
  compositeScore: '综合得分',
  returnRate: '退单率',
  reopenRate: '重办率',
  ...ZH_OTHER,
};

const EN: Words = {
  contacts: 'Contacts',
  directAnswers: 'Direct answers',
  dispatched: 'Dispatched',
  signedOnTime: 'Signed on time',
  due: 'Due',
  onTime: 'Replied on time',
  evaluated: 'Evaluated',
  contacted: 'Contacted',
  resolved: 'Resolved',
  satisfied: 'Satisfied',
  returned: 'Returned',
  reopened: 'Reopened',
  overdue: 'Overdue',
  replied: 'Replied',
  directAnswerRate: 'Direct-answer rate',
  signOnTimeRate: 'Sign-for on time',
  onTimeRate: 'On-time completion',
  responseRate: 'Response rate',
  resolutionRate: 'Resolution rate',
  satisfactionRate: 'Satisfaction rate',
  compositeScore: 'Composite score',
  returnRate: 'Return rate',
  reopenRate: 'Reopen rate',
  averageHandlingHours: 'Average handling time (hours)',
  handlingSeconds: 'Handling time (seconds)',
  key: 'Key',
  label: 'Name',
  labelEn: 'Name (English)',
  rank: 'Rank',
  unitType: 'Unit type',
  unitId: 'Unit ID',
  unitName: 'Unit',
  unitNameEn: 'Unit (English)',
  number: 'Ticket number',
  title: 'Title',
  status: 'Status',
  channel: 'Channel',
  categoryName: 'Category',
  districtName: 'District',
  createdAt: 'Created at',
  id: 'Ticket ID',
  total: 'Total',
  reportTitle: '{scope}: monthly supervision report, {month}',
  generated: 'Generated {at}',
  keyFigures: 'Key figures of the month',
  previous: 'Previous month',
  change: 'Change',
  trend: 'Daily trend',
  trendNote: 'Bars: contacts; lines: the three rates and on-time completion',
  categories: 'Categories',
  categoryNote: 'The {count} categories with the most contacts',
  rankings: 'Composite ranking',
  published: 'Published ({at})',
  draft: 'Draft: not published yet, the ranking may change',
  weights: 'Weights: response {response}%, resolution {resolution}%, satisfaction {satisfaction}%',
  overdueUnits: 'Units with the most overdue tickets',
  noData: 'No data for this period',
  district: 'Districts and counties',
  street: 'Streets and towns',
  community: 'Communities',
  department: 'City departments',
  enterprise: 'Public utilities',
  centre: 'Centre',
  measure: 'Measure',
  value: 'This month',
  month: 'Month',
  overdueCount: 'Overdue tickets',
};

export type WordKey = keyof Words;

/** The words of one language, with `{name}` placeholders filled in. */
export function wordsFor(lang: ReportLang) {
  const words = lang === 'en' ? EN : ZH;
  return (key: WordKey, values: Record<string, string | number> = {}): string =>
    words[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
}

/** A unit type's name ("district" → 区县), or the code itself when it is not one we know. */
export function unitTypeName(lang: ReportLang, type: string): string {
  const words = lang === 'en' ? EN : ZH;
  return type in words ? words[type as WordKey] : type;
}

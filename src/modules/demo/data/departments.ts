// Luzhou's city departments (市直部门) and public utilities (公共服务企业) that take 12345 orders.

export interface CityUnitSeed {
  /** Unit code, also the key the category routes use. */
  code: string;
  name: string;
  nameEn: string;
  type: 'department' | 'enterprise';
  aliases?: string[];
}

type Row = [code: string, name: string, nameEn: string, aliases: string[]];

const seed = ([code, name, nameEn, aliases]: Row, type: CityUnitSeed['type']): CityUnitSeed => ({
  code,
  name,
  nameEn,
  type,
  aliases,
});

export const DEPARTMENTS: readonly CityUnitSeed[] = (<Row[]>[
  [
    'housing',
    '市住房和城乡建设局',
    'Municipal Housing and Urban-Rural Development Bureau',
    ['住建局'],
  ],
  ['ecology', '市生态环境局', 'Municipal Ecology and Environment Bureau', ['环保局']],
  ['transport', '市交通运输局', 'Municipal Transport Bureau', ['交通局']],
  [
    'traffic-police',
    '市公安局交通警察支队',
    'Traffic Police Detachment of the Municipal Public Security Bureau',
    ['交警支队'],
  ],
  ['police', '市公安局', 'Municipal Public Security Bureau', ['公安局']],
  ['education', '市教育和体育局', 'Municipal Education and Sports Bureau', ['教体局', '教育局']],
  [
    'hrss',
    '市人力资源和社会保障局',
    'Municipal Human Resources and Social Security Bureau',
    ['人社局'],
  ],
  ['health', '市卫生健康委员会', 'Municipal Health Commission', ['卫健委']],
  ['market', '市市场监督管理局', 'Municipal Administration for Market Regulation', ['市场监管局']],
  [
    'urban-mgmt',
    '市城市管理行政执法局',
    'Municipal Urban Management and Law Enforcement Bureau',
    ['城管局', '综合执法局'],
  ],
  [
    'planning',
    '市自然资源和规划局',
    'Municipal Natural Resources and Planning Bureau',
    ['自然资源局', '规划局'],
  ],
  ['medical-security', '市医疗保障局', 'Municipal Healthcare Security Bureau', ['医保局']],
  ['civil-affairs', '市民政局', 'Municipal Civil Affairs Bureau', ['民政局']],
  ['water-affairs', '市水务局', 'Municipal Water Affairs Bureau', ['水务局']],
  ['agriculture', '市农业农村局', 'Municipal Agriculture and Rural Affairs Bureau', ['农业农村局']],
  ['commerce', '市商务局', 'Municipal Commerce Bureau', ['商务局']],
  [
    'culture-tourism',
    '市文化广播电视和旅游局',
    'Municipal Culture, Radio, Television and Tourism Bureau',
    ['文广旅局'],
  ],
  ['emergency', '市应急管理局', 'Municipal Emergency Management Bureau', ['应急局']],
  ['tax', '市税务局', 'Luzhou Municipal Tax Service', ['国家税务总局泸州市税务局', '税务局']],
  [
    'housing-fund',
    '市公积金中心',
    'Municipal Housing Provident Fund Centre',
    ['市住房公积金管理中心', '公积金中心'],
  ],
  [
    'real-estate-registry',
    '市不动产登记中心',
    'Municipal Real Estate Registration Centre',
    ['不动产登记中心'],
  ],
  ['veterans', '市退役军人事务局', 'Municipal Veterans Affairs Bureau', ['退役军人局']],
  ['disabled', '市残联', 'Municipal Disabled Persons’ Federation', ['市残疾人联合会', '残联']],
  ['petitions', '市信访局', 'Municipal Letters and Calls Bureau', ['信访局']],
  [
    'development-reform',
    '市发展和改革委员会',
    'Municipal Development and Reform Commission',
    ['发改委'],
  ],
  [
    'economy-it',
    '市经济和信息化局',
    'Municipal Economy and Information Technology Bureau',
    ['经信局'],
  ],
  ['justice', '市司法局', 'Municipal Justice Bureau', ['司法局']],
  ['finance', '市财政局', 'Municipal Finance Bureau', ['财政局']],
  ['housing-security', '市住房保障中心', 'Municipal Housing Security Centre', ['住房保障中心']],
  [
    'government-services',
    '市政务服务和资源交易服务中心',
    'Municipal Government Services and Public Resources Trading Centre',
    ['政务服务中心'],
  ],
  ['forestry', '市林业和竹产业局', 'Municipal Forestry and Bamboo Industry Bureau', ['林竹局']],
  ['statistics', '市统计局', 'Municipal Statistics Bureau', ['统计局']],
]).map((row) => seed(row, 'department'));

export const UTILITIES: readonly CityUnitSeed[] = (<Row[]>[
  [
    'water-company',
    '泸州市兴泸水务(集团)',
    'Luzhou Xinglu Water (Group)',
    ['泸州市兴泸水务(集团)股份有限公司', '兴泸水务', '自来水公司'],
  ],
  [
    'power-company',
    '国网泸州供电公司',
    'State Grid Luzhou Power Supply Company',
    ['国网四川省电力公司泸州供电公司', '供电公司'],
  ],
  [
    'gas-company',
    '泸州华润燃气',
    'China Resources Gas Luzhou',
    ['泸州华润兴泸燃气有限公司', '燃气公司'],
  ],
  [
    'china-mobile',
    '中国移动泸州分公司',
    'China Mobile Luzhou Branch',
    ['中国移动通信集团四川有限公司泸州分公司', '移动公司'],
  ],
  [
    'china-telecom',
    '中国电信泸州分公司',
    'China Telecom Luzhou Branch',
    ['中国电信股份有限公司泸州分公司', '电信公司'],
  ],
  [
    'china-unicom',
    '中国联通泸州分公司',
    'China Unicom Luzhou Branch',
    ['中国联合网络通信有限公司泸州市分公司', '联通公司'],
  ],
  [
    'bus-group',
    '泸州公交集团',
    'Luzhou Public Transport Group',
    ['泸州市公共交通集团有限公司', '公交公司'],
  ],
  [
    'sanitation',
    '泸州市环境卫生服务中心',
    'Luzhou Environmental Sanitation Service Centre',
    ['环卫中心'],
  ],
]).map((row) => seed(row, 'enterprise'));

// Addresses and appeal texts as Luzhou callers give them, with the district and street (街道/镇)
// an operator would pick. Names are those of the demo organisation (src/modules/demo/data).

export interface PlaceCase {
  address?: string;
  title?: string;
  description?: string;
  district: string | null;
  street: string | null;
  source?: 'address' | 'text';
  /** Another reading that must be offered beside the suggestion. */
  alternative?: { district: string; street: string | null };
  /** The suggestion is contradicted (or ambiguous): its confidence stays below this. */
  below?: number;
  /** The suggestion is clear: its confidence is at least this. */
  atLeast?: number;
}

export const PLACE_CASES: readonly PlaceCase[] = [
  // Full names, with the city, numbers, buildings.
  {
    address: '泸州市江阳区南城街道江阳中路32号',
    district: '江阳区',
    street: '南城街道',
    atLeast: 0.9,
  },
  {
    address: '江阳区北城街道大北街社区5栋2单元',
    district: '江阳区',
    street: '北城街道',
    atLeast: 0.9,
  },
  { address: '四川省泸州市龙马潭区小市街道上大街18号', district: '龙马潭区', street: '小市街道' },
  { address: '纳溪区安富街道云溪社区8组', district: '纳溪区', street: '安富街道' },
  { address: '泸县玉蟾街道玉蟾山路6号', district: '泸县', street: '玉蟾街道' },
  { address: '合江县符阳街道人民路120号附2号', district: '合江县', street: '符阳街道' },
  { address: '叙永县叙永镇西大街', district: '叙永县', street: '叙永镇' },
  { address: '古蔺县二郎镇郎酒厂对面', district: '古蔺县', street: '二郎镇' },
  { address: '合江县合江镇', district: '合江县', street: '合江镇', atLeast: 0.9 },
  { address: '泸州市纳溪区', district: '纳溪区', street: null, atLeast: 0.8 },
  { address: '泸县福集镇龙桥社区', district: '泸县', street: '福集镇' },
  {
    address: '泸州市江阳区酒城大道三段18号长江现代城2栋1单元1502',
    district: '江阳区',
    street: null,
  },
  { address: 'ＡＢＣ泸州市江阳区华阳街道１２号', district: '江阳区', street: '华阳街道' },
  { address: '𠮷田小区😀，江阳区茜草街道', district: '江阳区', street: '茜草街道' },
  // Short forms.
  { address: '纳溪 永宁街道 云溪西路', district: '纳溪区', street: '永宁街道' },
  { address: '龙马潭罗汉街道', district: '龙马潭区', street: '罗汉街道' },
  { address: '纳溪永宁', district: '纳溪区', street: '永宁街道' },
  { address: '合江城区', district: '合江县', street: null },
  { address: '叙永', district: '叙永县', street: null },
  { address: '古蔺县古蔺镇金兰大道', district: '古蔺县', street: '古蔺镇' },
  // A street or town without its district.
  { address: '高坝街道', district: '龙马潭区', street: '高坝街道' },
  { address: '方山镇云峰村', district: '江阳区', street: '方山镇' },
  { address: '胡市镇', district: '龙马潭区', street: '胡市镇' },
  { address: '双加镇政府旁边', district: '龙马潭区', street: '双加镇' },
  { address: '石洞街道', district: '龙马潭区', street: '石洞街道' },
  { address: '牛滩镇', district: '泸县', street: '牛滩镇' },
  { address: '榕山镇', district: '合江县', street: '榕山镇' },
  { address: '先滩镇老街', district: '合江县', street: '先滩镇' },
  { address: '马岭镇', district: '叙永县', street: '马岭镇' },
  { address: '太平镇红军街', district: '古蔺县', street: '太平镇' },
  { address: '护国镇', district: '纳溪区', street: '护国镇' },
  { address: '大渡口镇', district: '纳溪区', street: '大渡口镇' },
  { address: '特兴街道', district: '龙马潭区', street: '特兴街道' },
  { address: '黄舣镇', district: '江阳区', street: '黄舣镇' },
  // Communities (held by the organisation).
  { address: '大山坪社区佳乐世纪城3期', district: '江阳区', street: '大山坪街道' },
  { address: '钟鼓楼社区', district: '江阳区', street: '南城街道' },
  // A district named with a street of another: both readings, neither sure.
  {
    address: '江阳区小市街道',
    district: '江阳区',
    street: null,
    alternative: { district: '龙马潭区', street: '小市街道' },
    below: 0.6,
  },
  {
    address: '纳溪区高坝街道12号',
    district: '纳溪区',
    street: null,
    alternative: { district: '龙马潭区', street: '高坝街道' },
    below: 0.6,
  },
  // No place.
  { address: '泸州市', district: null, street: null },
  { address: '万达广场3楼', district: null, street: null },
  { description: '小区门口的路灯坏了一个星期了', district: null, street: null },
  // From the appeal's words when the address says nothing.
  {
    description: '我住在龙马潭区莲花池街道，小区门口路灯坏了',
    district: '龙马潭区',
    street: '莲花池街道',
    source: 'text',
  },
  {
    description: '纳溪区东升街道有人占道经营',
    district: '纳溪区',
    street: '东升街道',
    source: 'text',
  },
  {
    description: '叙永县江门镇的自来水停了三天',
    district: '叙永县',
    street: '江门镇',
    source: 'text',
  },
  {
    description: '古蔺县彰德街道垃圾没人清运',
    district: '古蔺县',
    street: '彰德街道',
    source: 'text',
  },
  { title: '红星街道噪音扰民', district: '龙马潭区', street: '红星街道', source: 'text' },
  {
    address: '3栋2单元501',
    description: '江阳区邻玉街道这边的公交车太少了',
    district: '江阳区',
    street: '邻玉街道',
    source: 'text',
  },
  // The address comes first.
  {
    address: '纳溪区安富街道',
    description: '我以前住在江阳区，现在搬过来了',
    district: '纳溪区',
    street: '安富街道',
    source: 'address',
  },
];

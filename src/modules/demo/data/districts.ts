// The county-level divisions of Luzhou (泸州, adcode 510500) and their township-level divisions
// (街道/镇/乡), with a few communities (社区/村) and the roads and landmarks residents name when
// they call. Township names follow Luzhou's divisions as of the 2019–2020 township reform, as well
// as we know them; coordinates are approximate (GCJ-02, like the boundary file) and only serve
// to place demo tickets on the map.

export interface StreetSeed {
  /** Unit code suffix, unique within the district. */
  key: string;
  name: string;
  nameEn: string;
  /** [lng, lat] of the township seat. */
  at: [number, number];
  communities?: Array<[name: string, nameEn: string]>;
  /** Roads, estates and landmarks in the township, used in ticket addresses and texts. */
  places: string[];
}

export interface DistrictSeed {
  key: string;
  adcode: string;
  name: string;
  nameEn: string;
  kind: 'district' | 'county';
  streets: StreetSeed[];
}

export const DISTRICTS: readonly DistrictSeed[] = [
  {
    key: 'jy',
    adcode: '510502',
    name: '江阳区',
    nameEn: 'Jiangyang District',
    kind: 'district',
    streets: [
      {
        key: 'nancheng',
        name: '南城街道',
        nameEn: 'Nancheng Subdistrict',
        at: [105.4445, 28.8707],
        communities: [
          ['钟鼓楼社区', 'Zhongulou Community'],
          ['白招牌社区', 'Baizhaopai Community'],
          ['水井沟社区', 'Shuijinggou Community'],
          ['澄溪口社区', 'Chengxikou Community'],
        ],
        places: ['江阳中路', '钟鼓楼', '水井沟', '白招牌', '澄溪口', '滨江路', '新街子', '迎晖路'],
      },
      {
        key: 'beicheng',
        name: '北城街道',
        nameEn: 'Beicheng Subdistrict',
        at: [105.4378, 28.8786],
        communities: [
          ['大北街社区', 'Dabeijie Community'],
          ['会津门社区', 'Huijinmen Community'],
        ],
        places: ['大北街', '会津门', '北城新街', '忠山路', '泸州老窖广场', '三星街'],
      },
      {
        key: 'dashanping',
        name: '大山坪街道',
        nameEn: 'Dashanping Subdistrict',
        at: [105.4262, 28.8772],
        communities: [
          ['大山坪社区', 'Dashanping Community'],
          ['佳乐社区', 'Jiale Community'],
        ],
        places: ['佳乐世纪城', '大山坪', '江阳西路', '酒城大道一段', '康城路', '忠山公园'],
      },
      {
        key: 'lantian',
        name: '蓝田街道',
        nameEn: 'Lantian Subdistrict',
        at: [105.4176, 28.8467],
        communities: [['蓝田社区', 'Lantian Community']],
        places: ['蓝田机场路', '蓝田坝', '蓝安路', '泸州西站', '云龙湖'],
      },
      {
        key: 'huayang',
        name: '华阳街道',
        nameEn: 'Huayang Subdistrict',
        at: [105.4052, 28.8636],
        places: ['华阳大道', '黄荆老街', '江阳南路', '泸州万达广场'],
      },
      {
        key: 'qiancao',
        name: '茜草街道',
        nameEn: 'Qiancao Subdistrict',
        at: [105.4541, 28.8542],
        places: ['茜草坝', '酒城大道三段', '长江现代城', '百子图广场', '茜草长江大桥'],
      },
      {
        key: 'linyu',
        name: '邻玉街道',
        nameEn: 'Linyu Subdistrict',
        at: [105.3512, 28.8398],
        places: ['邻玉场镇', '邻玉大道', '泸州职业技术学院'],
      },
      {
        key: 'fangshan',
        name: '方山镇',
        nameEn: 'Fangshan Town',
        at: [105.489, 28.7875],
        places: ['方山景区', '方山场镇', '云峰寺'],
      },
      {
        key: 'huangyi',
        name: '黄舣镇',
        nameEn: 'Huangyi Town',
        at: [105.5536, 28.8433],
        places: ['黄舣场镇', '泸州港', '长江经济开发区'],
      },
      {
        key: 'mituo',
        name: '弥陀镇',
        nameEn: 'Mituo Town',
        at: [105.6183, 28.8821],
        places: ['弥陀场镇', '弥陀古镇'],
      },
      {
        key: 'fenshuiling',
        name: '分水岭镇',
        nameEn: 'Fenshuiling Town',
        at: [105.2478, 28.8045],
        places: ['分水岭场镇', '分水岭荔枝园'],
      },
    ],
  },
  {
    key: 'nx',
    adcode: '510503',
    name: '纳溪区',
    nameEn: 'Naxi District',
    kind: 'district',
    streets: [
      {
        key: 'anfu',
        name: '安富街道',
        nameEn: 'Anfu Subdistrict',
        at: [105.3711, 28.7737],
        communities: [
          ['云溪社区', 'Yunxi Community'],
          ['永宁社区', 'Yongning Community'],
        ],
        places: ['云溪路', '安富老街', '纳溪客运站', '云溪西路'],
      },
      {
        key: 'yongning',
        name: '永宁街道',
        nameEn: 'Yongning Subdistrict',
        at: [105.3822, 28.7658],
        places: ['永宁路', '纳溪人民广场', '永宁河滨河路'],
      },
      {
        key: 'dongsheng',
        name: '东升街道',
        nameEn: 'Dongsheng Subdistrict',
        at: [105.3932, 28.7798],
        places: ['东升大道', '纳溪经开区', '江北新区'],
      },
      {
        key: 'dadukou',
        name: '大渡口镇',
        nameEn: 'Dadukou Town',
        at: [105.352, 28.752],
        places: ['大渡口场镇', '大渡口码头'],
      },
      {
        key: 'huguo',
        name: '护国镇',
        nameEn: 'Huguo Town',
        at: [105.3275, 28.6037],
        places: ['护国场镇', '护国陈列馆', '护国老街'],
      },
      {
        key: 'tianxian',
        name: '天仙镇',
        nameEn: 'Tianxian Town',
        at: [105.4366, 28.7288],
        places: ['天仙场镇', '天仙硐景区'],
      },
      {
        key: 'baijie',
        name: '白节镇',
        nameEn: 'Baijie Town',
        at: [105.4565, 28.6648],
        places: ['白节场镇', '白节茶园'],
      },
      {
        key: 'dagu',
        name: '打古镇',
        nameEn: 'Dagu Town',
        at: [105.3185, 28.5055],
        places: ['打古场镇', '打古茶山'],
      },
    ],
  },
  {
    key: 'lmt',
    adcode: '510504',
    name: '龙马潭区',
    nameEn: 'Longmatan District',
    kind: 'district',
    streets: [
      {
        key: 'xiaoshi',
        name: '小市街道',
        nameEn: 'Xiaoshi Subdistrict',
        at: [105.4432, 28.8962],
        communities: [
          ['上大街社区', 'Shangdajie Community'],
          ['下大街社区', 'Xiadajie Community'],
          ['桂花社区', 'Guihua Community'],
        ],
        places: ['小市上大街', '沱江二桥', '龙马大道一段', '小市码头', '桂花街'],
      },
      {
        key: 'gaoba',
        name: '高坝街道',
        nameEn: 'Gaoba Subdistrict',
        at: [105.4975, 28.9136],
        places: ['高坝工业园', '高坝大道', '高坝菜市场'],
      },
      {
        key: 'hongxing',
        name: '红星街道',
        nameEn: 'Hongxing Subdistrict',
        at: [105.4325, 28.9066],
        communities: [['杜家街社区', 'Dujiajie Community']],
        places: ['蜀泸大道', '春雨路', '西南商贸城', '回龙湾', '红星路'],
      },
      {
        key: 'luohan',
        name: '罗汉街道',
        nameEn: 'Luohan Subdistrict',
        at: [105.4105, 28.9321],
        places: ['罗汉场', '国窖广场', '泸州北站', '龙南路'],
      },
      {
        key: 'yutang',
        name: '鱼塘街道',
        nameEn: 'Yutang Subdistrict',
        at: [105.3885, 28.9312],
        places: ['鱼塘场镇', '长通路', '泸州医疗器械产业园'],
      },
      {
        key: 'lianhuachi',
        name: '莲花池街道',
        nameEn: 'Lianhuachi Subdistrict',
        at: [105.4408, 28.9025],
        communities: [['莲花池社区', 'Lianhuachi Community']],
        places: ['莲花池', '龙马大道二段', '九狮山', '红星村'],
      },
      {
        key: 'texing',
        name: '特兴街道',
        nameEn: 'Texing Subdistrict',
        at: [105.4868, 28.9605],
        places: ['特兴场镇', '泸州港多用途码头', '魏园'],
      },
      {
        key: 'anning',
        name: '安宁街道',
        nameEn: 'Anning Subdistrict',
        at: [105.4535, 28.9545],
        places: ['安宁场镇', '安宁工业园', '泸州职教城'],
      },
      {
        key: 'shidong',
        name: '石洞街道',
        nameEn: 'Shidong Subdistrict',
        at: [105.4262, 29.0282],
        places: ['石洞场镇', '石洞花博园'],
      },
      {
        key: 'hushi',
        name: '胡市镇',
        nameEn: 'Hushi Town',
        at: [105.3868, 28.9965],
        places: ['胡市场镇', '胡市金龙湖', '胡市中学'],
      },
      {
        key: 'shuangjia',
        name: '双加镇',
        nameEn: 'Shuangjia Town',
        at: [105.4595, 29.0192],
        places: ['双加场镇', '双加水库'],
      },
    ],
  },
  {
    key: 'lx',
    adcode: '510521',
    name: '泸县',
    nameEn: 'Lu County',
    kind: 'county',
    streets: [
      {
        key: 'yuchan',
        name: '玉蟾街道',
        nameEn: 'Yuchan Subdistrict',
        at: [105.3848, 29.1553],
        communities: [['玉蟾社区', 'Yuchan Community']],
        places: ['玉蟾山', '玉蟾大道', '龙城大道'],
      },
      {
        key: 'fuji',
        name: '福集镇',
        nameEn: 'Fuji Town',
        at: [105.3762, 29.1489],
        communities: [['龙脑桥社区', 'Longnaoqiao Community']],
        places: ['福集老街', '泸县客运中心', '九曲河', '龙桥文化生态园'],
      },
      {
        key: 'jiaming',
        name: '嘉明镇',
        nameEn: 'Jiaming Town',
        at: [105.4178, 29.0535],
        places: ['嘉明场镇', '泸州云龙机场'],
      },
      {
        key: 'yusi',
        name: '喻寺镇',
        nameEn: 'Yusi Town',
        at: [105.4698, 29.1002],
        places: ['喻寺场镇', '喻寺中学'],
      },
      {
        key: 'niutan',
        name: '牛滩镇',
        nameEn: 'Niutan Town',
        at: [105.2712, 29.0468],
        places: ['牛滩场镇', '牛滩渡口'],
      },
      {
        key: 'lishi',
        name: '立石镇',
        nameEn: 'Lishi Town',
        at: [105.5478, 29.1602],
        places: ['立石场镇'],
      },
      {
        key: 'xuantan',
        name: '玄滩镇',
        nameEn: 'Xuantan Town',
        at: [105.5095, 29.2085],
        places: ['玄滩场镇', '玄滩老街'],
      },
      {
        key: 'yunlong',
        name: '云龙镇',
        nameEn: 'Yunlong Town',
        at: [105.4212, 29.0935],
        places: ['云龙场镇', '云龙机场路'],
      },
    ],
  },
  {
    key: 'hj',
    adcode: '510522',
    name: '合江县',
    nameEn: 'Hejiang County',
    kind: 'county',
    streets: [
      {
        key: 'fuyang',
        name: '符阳街道',
        nameEn: 'Fuyang Subdistrict',
        at: [105.8355, 28.8125],
        communities: [['少岷社区', 'Shaomin Community']],
        places: ['符阳大道', '少岷路', '合江长江大桥', '滨江公园'],
      },
      {
        key: 'hejiangzhen',
        name: '合江镇',
        nameEn: 'Hejiang Town',
        at: [105.8302, 28.8118],
        places: ['合江老城', '荔城大道', '东门码头'],
      },
      {
        key: 'rongshan',
        name: '榕山镇',
        nameEn: 'Rongshan Town',
        at: [105.8935, 28.8465],
        places: ['榕山场镇', '榕山荔枝基地'],
      },
      {
        key: 'baisha',
        name: '白沙镇',
        nameEn: 'Baisha Town',
        at: [105.6925, 28.8245],
        places: ['白沙场镇'],
      },
      {
        key: 'yaoba',
        name: '尧坝镇',
        nameEn: 'Yaoba Town',
        at: [105.7488, 28.6245],
        places: ['尧坝古镇', '尧坝场镇'],
      },
      {
        key: 'fubao',
        name: '福宝镇',
        nameEn: 'Fubao Town',
        at: [105.93, 28.7],
        places: ['福宝古镇', '福宝国家森林公园'],
      },
      {
        key: 'xiantan',
        name: '先滩镇',
        nameEn: 'Xiantan Town',
        at: [106.1225, 28.8812],
        places: ['先滩场镇', '先滩老街'],
      },
    ],
  },
  {
    key: 'xy',
    adcode: '510524',
    name: '叙永县',
    nameEn: 'Xuyong County',
    kind: 'county',
    streets: [
      {
        key: 'xicheng',
        name: '西城街道',
        nameEn: 'Xicheng Subdistrict',
        at: [105.4335, 28.1662],
        places: ['永宁河西城段', '叙永西门', '春秋祠'],
      },
      {
        key: 'dongcheng',
        name: '东城街道',
        nameEn: 'Dongcheng Subdistrict',
        at: [105.4432, 28.1702],
        places: ['叙永东城', '永宁大道', '鱼凫关'],
      },
      {
        key: 'xuyongzhen',
        name: '叙永镇',
        nameEn: 'Xuyong Town',
        at: [105.4392, 28.1578],
        places: ['叙永老街', '叙永客运站'],
      },
      {
        key: 'maling',
        name: '马岭镇',
        nameEn: 'Maling Town',
        at: [105.5265, 28.2845],
        places: ['马岭场镇'],
      },
      {
        key: 'jiangmen',
        name: '江门镇',
        nameEn: 'Jiangmen Town',
        at: [105.4215, 28.3535],
        places: ['江门场镇', '江门峡谷'],
      },
      {
        key: 'chishui',
        name: '赤水镇',
        nameEn: 'Chishui Town',
        at: [105.5882, 28.0102],
        places: ['赤水场镇'],
      },
      {
        key: 'luobu',
        name: '落卜镇',
        nameEn: 'Luobu Town',
        at: [105.3582, 28.2275],
        places: ['落卜场镇'],
      },
    ],
  },
  {
    key: 'gl',
    adcode: '510525',
    name: '古蔺县',
    nameEn: 'Gulin County',
    kind: 'county',
    streets: [
      {
        key: 'zhangde',
        name: '彰德街道',
        nameEn: 'Zhangde Subdistrict',
        at: [105.8125, 28.0412],
        places: ['彰德路', '古蔺汽车站', '蔺州大道'],
      },
      {
        key: 'jinlan',
        name: '金兰街道',
        nameEn: 'Jinlan Subdistrict',
        at: [105.8208, 28.0355],
        places: ['金兰大道', '金兰广场', '古蔺人民医院'],
      },
      {
        key: 'gulinzhen',
        name: '古蔺镇',
        nameEn: 'Gulin Town',
        at: [105.8152, 28.0448],
        places: ['古蔺老街', '古蔺中学'],
      },
      {
        key: 'erlang',
        name: '二郎镇',
        nameEn: 'Erlang Town',
        at: [106.0245, 28.0925],
        places: ['二郎场镇', '郎酒庄园', '赤水河二郎段'],
      },
      {
        key: 'taiping',
        name: '太平镇',
        nameEn: 'Taiping Town',
        at: [105.9985, 28.0225],
        places: ['太平渡', '太平古镇'],
      },
      {
        key: 'longshan',
        name: '龙山镇',
        nameEn: 'Longshan Town',
        at: [105.9235, 28.0718],
        places: ['龙山场镇'],
      },
      {
        key: 'jianzhu',
        name: '箭竹苗族乡',
        nameEn: 'Jianzhu Miao Ethnic Township',
        at: [105.7355, 27.8085],
        places: ['箭竹场镇', '箭竹苗寨'],
      },
    ],
  },
];

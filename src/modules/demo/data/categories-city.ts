// The demo's 12345 category tree, part 1: city, environment, transport, education, labour, health.
import { LOCAL, type TopSeed } from './category-types.js';

export const CITY_CATEGORIES: TopSeed[] = [
  {
    name: '城乡建设',
    nameEn: 'Urban and rural construction',
    groups: [
      {
        name: '市政设施',
        nameEn: 'Municipal facilities',
        leaves: [
          {
            name: '路灯',
            nameEn: 'Street lights',
            keywords: ['路灯', '不亮', '照明', '灯杆'],
            route: LOCAL,
            weight: 3,
            titles: ['{place}路灯不亮', '{estate}门口路灯时亮时不亮'],
            details: [
              '{place}附近有{n}盏路灯已经{days}天不亮了，晚上路面漆黑，老人小孩出行很不安全，希望尽快维修。',
              '{estate}门口到{place}这段路的路灯晚上时亮时不亮，前几天还有人摔倒，请相关部门派人检修。',
            ],
            reply:
              '已安排路灯维护人员到现场检修，更换了损坏的灯具和线路，目前该路段路灯已恢复正常照明。',
          },
          {
            name: '道路破损',
            nameEn: 'Damaged roads',
            keywords: ['坑洼', '路面', '破损', '积水'],
            route: LOCAL,
            weight: 3,
            titles: ['{place}路面坑洼破损', '{estate}旁道路坑洼多月未修'],
            details: [
              '{place}路段路面破损严重，有好几个大坑，下雨天积水，电瓶车经过容易摔倒，希望尽快修补。',
              '{estate}旁边的道路坑坑洼洼已经{months}个月了，车辆经过颠簸，多次反映没有修，请相关部门处理。',
            ],
            reply: '已组织养护单位对该路段破损路面进行了修补，并设置了临时警示标志，现已恢复通行。',
          },
          {
            name: '井盖缺失',
            nameEn: 'Missing manhole covers',
            keywords: ['井盖', '窨井', '缺失', '松动'],
            route: LOCAL,
            urgency: 'urgent',
            titles: ['{place}人行道井盖缺失', '{estate}门口窨井盖破损松动'],
            details: [
              '{place}人行道上有一个井盖不见了，只用树枝围着，晚上看不清很危险，请马上处理。',
              '{estate}门口的窨井盖已经破裂松动，车辆压过去哐哐响，担心有人踩空，希望尽快更换。',
            ],
            reply: '接单后立即到现场设置围挡，已联系产权单位更换了新井盖，安全隐患已消除。',
          },
          {
            name: '下水道堵塞',
            nameEn: 'Blocked drains',
            keywords: ['下水道', '堵塞', '污水', '冒水'],
            route: LOCAL,
            weight: 2,
            titles: ['{place}下水道堵塞冒污水', '{estate}外雨污管网堵塞'],
            details: [
              '{place}附近的下水道堵了，污水漫到路面上，气味很大，已经{days}天了，请尽快疏通。',
              '{estate}外面的排水沟一下雨就冒水，污水流进小区，居民意见很大，希望相关部门清掏疏通。',
            ],
            reply:
              '已安排管网维护人员对该处排水管道进行了清掏疏通，并清理了路面污渍，排水已恢复正常。',
          },
        ],
      },
      {
        name: '住房与物业',
        nameEn: 'Housing and property management',
        leaves: [
          {
            name: '物业管理',
            nameEn: 'Property management',
            keywords: ['物业', '物业费', '小区', '业委会'],
            route: LOCAL,
            weight: 4,
            titles: ['投诉{estate}物业服务不到位', '{estate}物业乱收费', '{estate}物业不作为'],
            details: [
              '{estate}的物业公司服务很差，楼道{days}天没人打扫，门禁坏了也不修，但物业费照收，希望相关部门督促整改。',
              '{estate}物业今年突然上调物业费，没有召开业主大会也没有公示，业主不认可，请相关部门调查。',
              '{estate}的物业把小区公共区域租给商家摆摊，收益去向不明，业主多次询问物业不予答复。',
            ],
            reply:
              '已约谈该小区物业服务企业，督促其整改保洁和设施维修问题，并要求按规定公示收费依据和公共收益。',
          },
          {
            name: '房屋质量',
            nameEn: 'Housing quality',
            keywords: ['房屋质量', '漏水', '开裂', '交房'],
            route: { lead: 'housing' },
            titles: ['{estate}新房墙体开裂渗水', '反映{estate}房屋质量问题'],
            details: [
              '本人在{estate}购买的商品房交房不到一年，卧室墙面开裂、卫生间渗水到楼下，开发商一直推诿，请主管部门协调。',
              '{estate}多户业主家外墙渗水，开发商说在保修期外不管，请住建部门督促开发商维修。',
            ],
            reply: '已约谈开发企业，督促其在保修期内对开裂渗水部位进行维修，并将跟踪维修进度。',
          },
          {
            name: '延期交房',
            nameEn: 'Delayed handover of new homes',
            keywords: ['延期交房', '烂尾', '开发商'],
            route: { lead: 'housing', coLocal: true },
            titles: ['{estate}项目延期交房', '{estate}楼盘停工迟迟不交房'],
            details: [
              '{estate}项目合同约定今年交房，现在工地已经停工{months}个月，开发商说不清交房时间，业主非常着急。',
              '{estate}一期到现在都没交房，我们在外面租房还要还房贷，请政府督促开发商复工。',
            ],
            reply:
              '已会同属地政府约谈开发企业，督促其制定复工计划，确保项目按新的节点交付，并向业主公开进度。',
          },
          {
            name: '不动产登记',
            nameEn: 'Real estate registration',
            keywords: ['房产证', '不动产', '办证'],
            route: { lead: 'real-estate-registry' },
            appeal: 'enquiry',
            directAnswer: true,
            titles: ['{estate}交房多年办不了不动产证', '咨询二手房过户登记材料'],
            details: [
              '{estate}交房已经{n}年了，开发商一直没给业主办不动产权证，孩子上学需要，请帮忙督促。',
              '想咨询二手房过户办理不动产登记需要带哪些材料，在哪里办理。',
            ],
            reply:
              '已核实该项目首次登记办理情况，督促开发企业补齐资料，不动产登记中心将开设绿色通道集中办证。',
          },
          {
            name: '公租房',
            nameEn: 'Public rental housing',
            keywords: ['公租房', '廉租房', '保障房'],
            route: { lead: 'housing-security' },
            appeal: 'enquiry',
            titles: ['咨询公租房申请条件', '公租房申请审核进度'],
            details: [
              '本人是外地来泸务工人员，想了解在泸州申请公租房需要满足什么条件，去哪里申请。',
              '去年就提交了公租房申请，到现在{months}个月还没有结果，想问问审核进度。',
            ],
            reply:
              '已电话联系市民，详细解释了公租房申请条件、所需材料和轮候流程，并查询告知了其申请的审核进度。',
          },
        ],
      },
      {
        name: '城市管理',
        nameEn: 'City management',
        leaves: [
          {
            name: '违章建筑',
            nameEn: 'Illegal construction',
            keywords: ['违建', '违章搭建', '私搭乱建'],
            route: LOCAL,
            weight: 2,
            appeal: 'report',
            titles: ['举报{estate}楼顶违章搭建', '{place}有人私搭乱建'],
            details: [
              '{estate}顶楼住户在楼顶搭建阳光房，施工噪音很大，还压坏了防水层导致楼下漏水，请城管部门查处。',
              '{place}路边有人私自搭建板房用于经营，占用人行道，请相关部门依法拆除。',
            ],
            reply:
              '执法人员已到现场核查，对违法搭建当事人下达了限期整改通知书，当事人已自行拆除违建部分。',
          },
          {
            name: '占道经营',
            nameEn: 'Street vending on roads',
            keywords: ['占道', '摆摊', '流动摊贩'],
            route: LOCAL,
            weight: 2,
            titles: ['{place}占道经营严重', '{shop}占用人行道经营'],
            details: [
              '{place}每天傍晚都有大量摊贩占道经营，车辆和行人都过不去，地上垃圾也很多，请加强管理。',
              '{shop}把桌椅摆到人行道上经营，行人只能走机动车道，很危险，多次反映未见改善。',
            ],
            reply: '已安排执法队员到现场劝导规范，清理了占道摊点，并将该路段纳入早晚高峰重点巡查。',
          },
          {
            name: '垃圾清运',
            nameEn: 'Waste collection',
            keywords: ['垃圾', '清运', '垃圾桶', '环卫'],
            route: LOCAL,
            weight: 2,
            titles: ['{place}垃圾堆积无人清运', '{estate}垃圾桶满溢'],
            details: [
              '{place}旁边的垃圾已经堆了{days}天没人清运，天气热臭味熏天，蚊蝇很多，请尽快处理。',
              '{estate}门口的垃圾桶天天满溢，环卫车来得不及时，希望增加清运频次。',
            ],
            reply: '已通知环卫作业单位对该点位积存垃圾进行了清运和消杀，并调整为每日早晚两次清运。',
          },
          {
            name: '渣土车',
            nameEn: 'Muck trucks',
            keywords: ['渣土车', '撒漏', '泥土'],
            route: { lead: 'urban-mgmt' },
            titles: ['{place}渣土车撒漏', '渣土车夜间在{place}飙车'],
            details: [
              '最近每天晚上都有渣土车从{place}经过，沿路撒漏泥土，白天尘土飞扬，下雨满地稀泥，请查处。',
              '{place}夜里渣土车开得飞快，噪音大还不遮盖，车牌{plate}，请有关部门管一管。',
            ],
            reply:
              '已对相关运输企业和工地开展联合执法，查处了未密闭运输车辆，并安排清扫车对撒漏路面进行了清洗。',
          },
        ],
      },
      {
        name: '建筑市场',
        nameEn: 'Construction market',
        leaves: [
          {
            name: '拖欠工程款',
            nameEn: 'Unpaid construction payments',
            keywords: ['工程款', '农民工', '欠款'],
            route: { lead: 'housing', coLocal: true },
            titles: ['反映{estate}项目拖欠工程款', '{company}拖欠工程款'],
            details: [
              '本人承包了{estate}项目的部分工程，{company}至今拖欠工程款{amount}元，多次催要无果，请协调解决。',
              '{company}在{place}的项目完工{months}个月了，一直不结算工程款，我们班组十几个人的工钱都发不了。',
            ],
            reply: '已约谈建设单位和施工企业，核实欠款金额，督促其制定付款计划，首笔款项已支付。',
          },
          {
            name: '施工扬尘',
            nameEn: 'Construction dust',
            keywords: ['扬尘', '工地', '灰尘'],
            route: { lead: 'housing', coLocal: true },
            titles: ['{place}工地扬尘污染', '{estate}旁工地灰尘大'],
            details: [
              '{place}的工地土方作业没有洒水降尘，灰尘很大，附近居民家里窗户都不敢开，请相关部门查处。',
              '{estate}旁边的工地裸土没有覆盖，车辆进出不冲洗，路面全是泥，请督促整改。',
            ],
            reply:
              '已责令施工单位落实裸土覆盖、洒水降尘和车辆冲洗措施，并对其作出书面警告，后续加强巡查。',
          },
        ],
      },
    ],
  },
  {
    name: '环境保护',
    nameEn: 'Environmental protection',
    groups: [
      {
        name: '噪声污染',
        nameEn: 'Noise',
        leaves: [
          {
            name: '施工噪音',
            nameEn: 'Construction noise',
            keywords: ['噪音', '施工', '夜间施工', '扰民'],
            route: { lead: 'ecology', coLocal: true },
            weight: 3,
            titles: ['{place}工地夜间施工噪音扰民', '{estate}附近工地噪音大'],
            details: [
              '{place}的工地每天晚上{hour}点以后还在打桩施工，噪音特别大，严重影响周边居民休息，请相关部门查处。',
              '{estate}旁边的工地凌晨还在浇筑混凝土，问他们有没有夜间施工许可也不出示，请尽快处理。',
            ],
            reply:
              '执法人员夜间到现场核查，该工地未取得夜间施工许可，已责令其停止夜间作业并依法立案处理。',
          },
          {
            name: '社会生活噪音',
            nameEn: 'Neighbourhood noise',
            keywords: ['广场舞', '噪音', '楼上', '音响'],
            route: LOCAL,
            weight: 2,
            titles: ['{place}广场舞噪音扰民', '{estate}邻居装修噪音'],
            details: [
              '{place}每天晚上都有人跳广场舞，音响开得很大，一直到晚上{hour}点，家里老人小孩无法休息。',
              '{estate}有住户装修，周末和中午也在电钻作业，多次沟通无果，请社区协调。',
            ],
            reply:
              '社区工作人员已上门协调，与广场舞队约定了活动时间和音量，装修住户承诺遵守装修作业时间。',
          },
          {
            name: '商业噪音',
            nameEn: 'Commercial noise',
            keywords: ['KTV', '酒吧', '商铺', '喇叭'],
            route: LOCAL,
            titles: ['{shop}噪音扰民', '{place}商铺高音喇叭促销'],
            details: [
              '{place}的{shop}每天营业到深夜，音乐声和喧哗声很大，楼上住户无法入睡。',
              '{place}一排商铺门口用高音喇叭循环播放促销广告，从早到晚，附近居民不堪其扰。',
            ],
            reply: '已对涉事商户进行教育劝导，责令其拆除门口高音喇叭、控制营业音量，并将持续巡查。',
          },
        ],
      },
      {
        name: '大气污染',
        nameEn: 'Air pollution',
        leaves: [
          {
            name: '油烟污染',
            nameEn: 'Cooking fumes',
            keywords: ['油烟', '餐馆', '烧烤', '排烟'],
            route: LOCAL,
            weight: 2,
            titles: ['{shop}油烟扰民', '{place}烧烤摊油烟大'],
            details: [
              '{estate}楼下的{shop}排烟管直接对着住户窗户，油烟味很重，衣服都不敢晾在外面。',
              '{place}夜市烧烤摊油烟弥漫，没有安装净化设施，附近住户意见很大。',
            ],
            reply: '已责令涉事餐饮店安装油烟净化设施并改造排烟管道走向，经复查已整改到位。',
          },
          {
            name: '工业废气',
            nameEn: 'Industrial emissions',
            keywords: ['废气', '异味', '工厂', '排放'],
            route: { lead: 'ecology' },
            appeal: 'report',
            titles: ['{place}附近工厂排放刺鼻气味', '举报{company}夜间偷排废气'],
            details: [
              '最近晚上{place}一带经常闻到刺鼻的化学气味，怀疑是附近工厂偷排废气，请环保部门调查。',
              '{company}每到夜间烟囱冒黄烟，周边居民喉咙不舒服，请生态环境部门查处。',
            ],
            reply:
              '执法人员对周边企业开展了突击检查并进行采样监测，对一家废气处理设施未正常运行的企业依法立案查处。',
          },
          {
            name: '焚烧垃圾',
            nameEn: 'Open burning',
            keywords: ['焚烧', '烧垃圾', '秸秆'],
            route: LOCAL,
            titles: ['{place}有人焚烧垃圾', '{place}露天焚烧秸秆'],
            details: [
              '{place}附近有人露天焚烧垃圾，浓烟很大，味道呛人，请相关部门制止。',
              '{street}一带最近有人焚烧秸秆，烟雾弥漫，影响道路视线，请尽快处理。',
            ],
            reply: '已安排网格员到现场制止焚烧行为并扑灭余火，对当事人进行了宣传教育。',
          },
        ],
      },
      {
        name: '水污染',
        nameEn: 'Water pollution',
        leaves: [
          {
            name: '河道污染',
            nameEn: 'River pollution',
            keywords: ['河道', '污水', '死鱼', '排污口'],
            route: { lead: 'ecology', co: ['water-affairs'] },
            appeal: 'report',
            titles: ['{place}河段水质发黑', '{place}排污口排放污水'],
            details: [
              '{place}附近的河沟这几天水发黑发臭，还有死鱼，怀疑有人偷排污水，请环保部门调查。',
              '{place}有一个排污口一直往河里排浑浊的水，请相关部门查处。',
            ],
            reply:
              '已对该河段进行采样监测并溯源排查，查明为一处小作坊违规排放，已责令停产整改并立案处罚。',
          },
        ],
      },
    ],
  },
  {
    name: '交通运输',
    nameEn: 'Transport',
    groups: [
      {
        name: '道路交通管理',
        nameEn: 'Road traffic management',
        leaves: [
          {
            name: '违章停车',
            nameEn: 'Illegal parking',
            keywords: ['乱停车', '违停', '占用车位', '堵车'],
            route: { lead: 'traffic-police' },
            weight: 3,
            titles: ['{place}车辆乱停乱放', '{estate}门口违停堵塞消防通道'],
            details: [
              '{place}路边长期有车辆违停，占用了一半车道，早晚高峰堵得很厉害，请交警加强管理。',
              '{estate}门口的消防通道被私家车长期占用，车牌{plate}，万一发生火灾后果不堪设想。',
            ],
            reply:
              '已安排辖区交警大队加强该路段巡逻管控，对违停车辆依法处罚，并联系相关部门增设禁停标志。',
          },
          {
            name: '交通信号灯',
            nameEn: 'Traffic signals',
            keywords: ['红绿灯', '信号灯', '配时'],
            route: { lead: 'traffic-police' },
            appeal: 'suggestion',
            titles: ['{place}路口红绿灯故障', '建议调整{place}路口信号灯配时'],
            details: [
              '{place}路口的红绿灯今天一直黄灯闪烁，车辆抢行很危险，请尽快维修。',
              '{place}路口左转绿灯时间太短，每次只能过几辆车，高峰期排队很长，建议调整配时。',
            ],
            reply:
              '交警部门已派人到现场修复信号机故障，并根据车流量对该路口左转相位配时进行了优化。',
          },
        ],
      },
      {
        name: '公共交通',
        nameEn: 'Public transport',
        leaves: [
          {
            name: '公交线路',
            nameEn: 'Bus routes',
            keywords: ['公交', '线路', '站点', '班次'],
            route: { lead: 'bus-group', co: ['transport'] },
            weight: 2,
            appeal: 'suggestion',
            titles: ['建议{route}公交增加班次', '建议在{place}增设公交站点'],
            details: [
              '{route}公交车早高峰间隔太长，经常等半个多小时，车上挤不上去，建议增加班次。',
              '{estate}入住的居民越来越多，附近没有公交站，建议在{place}增设站点或开通新线路。',
            ],
            reply:
              '公交集团已对该线路客流进行调查，早高峰已加密班次，站点增设建议纳入线网优化方案研究。',
          },
          {
            name: '公交服务',
            nameEn: 'Bus service',
            keywords: ['公交司机', '拒载', '甩站'],
            route: { lead: 'bus-group' },
            titles: ['投诉{route}公交司机甩站', '{route}公交车司机态度差'],
            details: [
              '今天上午在{place}站等{route}公交，车辆没有停靠直接开走了，耽误了上班，请处理。',
              '乘坐{route}公交时司机开车接打电话，急刹急停，乘客提醒还态度恶劣。',
            ],
            reply:
              '公交集团已调取车载视频核实，对当班驾驶员进行了批评教育和考核扣分，并向市民致歉。',
          },
          {
            name: '出租车',
            nameEn: 'Taxis',
            keywords: ['出租车', '拒载', '绕路', '打表'],
            route: { lead: 'transport' },
            weight: 2,
            titles: ['投诉出租车{plate}绕路', '出租车{plate}拒载'],
            details: [
              '今天在{place}乘坐出租车{plate}，司机故意绕路多收费，还不给发票，请处理。',
              '在{place}拦出租车{plate}，司机问了去向后拒载，请运管部门查处。',
            ],
            reply:
              '运输执法部门已约谈涉事驾驶员并核实营运记录，对绕路收费行为依法处理，退还乘客多收车费。',
          },
          {
            name: '网约车',
            nameEn: 'Ride-hailing',
            keywords: ['网约车', '顺风车', '平台'],
            route: { lead: 'transport' },
            titles: ['投诉网约车平台乱收费', '网约车司机中途甩客'],
            details: [
              '在{place}打的网约车，到达后平台收费比预估高出很多，申诉没有结果，请协调。',
              '网约车司机在{place}以道路施工为由让我中途下车，还照常扣费，请处理。',
            ],
            reply: '已联系平台企业核实订单，督促其退还多收费用，并对驾驶员作出处理。',
          },
        ],
      },
    ],
  },
];

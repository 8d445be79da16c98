// The demo's 12345 category tree, part 3: utilities, safety, tourism, government services,
// agriculture and land.
import { LOCAL, type TopSeed } from './category-types.js';

export const SERVICE_CATEGORIES: TopSeed[] = [
  {
    name: '水电气讯',
    nameEn: 'Water, power, gas and telecoms',
    groups: [
      {
        name: '供水',
        nameEn: 'Water supply',
        leaves: [
          {
            name: '停水',
            nameEn: 'Water outages',
            keywords: ['停水', '没水', '自来水'],
            route: { lead: 'water-company' },
            weight: 4,
            urgency: 'urgent',
            appeal: 'help',
            titles: ['{estate}突然停水', '{place}片区停水未通知'],
            details: [
              '{estate}从今天早上{hour}点开始停水，没有任何通知，家里老人小孩做饭洗漱都成问题，请尽快恢复供水。',
              '{place}一带已经停水{n}个小时了，打自来水公司电话一直占线，想知道什么时候来水。',
            ],
            reply:
              '经核实系片区主管爆管抢修导致停水，抢修已完成并恢复供水，已提醒做好停水提前公告。',
          },
          {
            name: '水压水质',
            nameEn: 'Water pressure and quality',
            keywords: ['水压', '水质', '浑浊', '黄水'],
            route: { lead: 'water-company' },
            weight: 2,
            titles: ['{estate}自来水浑浊发黄', '{estate}高层水压不足'],
            details: [
              '{estate}这两天放出来的自来水是黄色的，还有异味，不敢饮用，请检测水质。',
              '{estate}{n}楼以上用水高峰期水压很小，热水器都打不燃，请供水公司处理。',
            ],
            reply:
              '供水公司已对该小区管网进行冲洗并取样检测，水质指标合格；二次供水设备已调整加压参数。',
          },
          {
            name: '管道漏水',
            nameEn: 'Water main leaks',
            keywords: ['爆管', '漏水', '水管'],
            route: { lead: 'water-company' },
            urgency: 'urgent',
            titles: ['{place}自来水管爆裂', '{place}路面冒水'],
            details: [
              '{place}路边的自来水管爆了，水冲到马路上，浪费很严重，请赶紧派人来关阀门维修。',
              '{place}人行道下面一直在冒水，已经{days}天了，地面都泡软了。',
            ],
            reply: '抢修人员已到场关阀止水，更换了破损管段，路面已回填恢复。',
          },
        ],
      },
      {
        name: '供电',
        nameEn: 'Power supply',
        leaves: [
          {
            name: '停电',
            nameEn: 'Power outages',
            keywords: ['停电', '断电', '没电', '跳闸'],
            route: { lead: 'power-company' },
            weight: 3,
            urgency: 'urgent',
            appeal: 'help',
            titles: ['{estate}突然停电', '{place}频繁停电'],
            details: [
              '{estate}从{hour}点开始整栋楼停电，冰箱里的东西都要坏了，问物业说不清楚，请供电公司尽快抢修。',
              '{place}这个月已经停电{n}次了，每次都没有通知，影响正常生活和经营。',
            ],
            reply:
              '供电公司抢修人员已到现场排查，系台区变压器过负荷跳闸，已恢复供电并安排增容改造。',
          },
          {
            name: '电费电价',
            nameEn: 'Electricity bills',
            keywords: ['电费', '电表', '阶梯电价'],
            route: { lead: 'power-company' },
            appeal: 'enquiry',
            titles: ['电费异常偏高', '咨询阶梯电价'],
            details: [
              '家里这个月电费比平时多了{amount}元，用电习惯没有变化，怀疑电表有问题，请核查。',
              '想咨询泸州居民阶梯电价是怎么计算的，峰谷电怎么申请。',
            ],
            reply:
              '供电公司已上门校验电表，电表运行正常，已向市民解释季节性用电增加和阶梯电价计算方式。',
          },
        ],
      },
      {
        name: '燃气',
        nameEn: 'Gas supply',
        leaves: [
          {
            name: '燃气泄漏',
            nameEn: 'Gas leaks',
            keywords: ['燃气', '漏气', '天然气', '气味'],
            route: { lead: 'gas-company', co: ['emergency'] },
            urgency: 'emergency',
            appeal: 'help',
            titles: ['{estate}楼道有燃气味', '{place}疑似燃气泄漏'],
            details: [
              '{estate}{n}单元楼道里燃气味很浓，不知道是哪家漏气，请燃气公司马上来人排查。',
              '{place}路边燃气管道附近闻到很重的天然气味道，担心发生危险。',
            ],
            reply:
              '燃气公司抢险人员已在接报后赶到现场，查明为户外调压箱接口松动漏气，已紧固处理并检测无泄漏。',
          },
          {
            name: '燃气服务',
            nameEn: 'Gas services',
            keywords: ['燃气费', '开户', '停气', '安检'],
            route: { lead: 'gas-company' },
            weight: 2,
            titles: ['{estate}燃气停气未通知', '燃气公司上门安检收费'],
            details: [
              '{estate}今天突然停气，没有看到任何通知，中午饭都做不了，想知道什么时候恢复。',
              '有人自称燃气公司上门安检，要求更换{amount}元的软管，请问是否是燃气公司安排的。',
            ],
            reply:
              '燃气公司已向市民说明停气原因和恢复时间，并提醒市民认准官方安检人员，谨防上门推销。',
          },
        ],
      },
      {
        name: '通信',
        nameEn: 'Telecoms',
        leaves: [
          {
            name: '宽带故障',
            nameEn: 'Broadband faults',
            keywords: ['宽带', '网络', '断网'],
            route: { lead: 'china-telecom' },
            weight: 2,
            titles: ['宽带断网多日报修无人上门', '{estate}小区网速慢'],
            details: [
              '家里宽带已经断网{days}天了，报修后一直没人上门，孩子上网课受影响。',
              '{estate}整个小区晚上网速特别慢，打客服只说在处理。',
            ],
            reply: '运营商已派装维人员上门检修，更换了故障光猫并优化了小区端口，网络已恢复正常。',
          },
          {
            name: '手机信号',
            nameEn: 'Mobile signal',
            keywords: ['信号', '基站', '手机'],
            route: { lead: 'china-mobile' },
            appeal: 'suggestion',
            titles: ['{estate}手机信号差', '{place}没有信号'],
            details: [
              '{estate}地下车库和高层手机信号很差，打电话经常掉线，希望增设基站。',
              '{place}一带手机几乎没有信号，有急事联系不上人。',
            ],
            reply: '运营商已到现场测试信号覆盖，计划在该区域增设室分系统，预计近期完成建设。',
          },
          {
            name: '通信收费',
            nameEn: 'Telecom charges',
            keywords: ['话费', '套餐', '扣费'],
            route: { lead: 'china-unicom' },
            titles: ['手机被无故扣费', '套餐被擅自变更'],
            details: [
              '我的手机号这个月被扣了{amount}元增值业务费，我从来没有订过，请核查退费。',
              '营业厅没有经过我同意就给我改了套餐，费用涨了，要求恢复原套餐。',
            ],
            reply: '运营商已核实扣费记录，为市民退订了未经确认的增值业务并退还费用，套餐已恢复。',
          },
        ],
      },
    ],
  },
  {
    name: '公共安全',
    nameEn: 'Public safety',
    groups: [
      {
        name: '治安管理',
        nameEn: 'Public order',
        leaves: [
          {
            name: '治安隐患',
            nameEn: 'Public order concerns',
            keywords: ['治安', '偷盗', '监控'],
            route: { lead: 'police', coLocal: true },
            titles: ['{estate}电瓶车频繁被盗', '{place}夜间有人聚集滋事'],
            details: [
              '{estate}最近接连有电瓶车被盗，小区监控坏了也没人修，希望加强巡逻。',
              '{place}晚上经常有人喝酒聚集打闹，附近居民不敢出门。',
            ],
            reply: '辖区派出所已加强夜间巡逻，并督促小区物业修复监控设施，相关警情正在侦办中。',
          },
          {
            name: '户籍证件',
            nameEn: 'Household registration and IDs',
            keywords: ['户口', '身份证', '落户', '迁移'],
            route: { lead: 'police' },
            appeal: 'enquiry',
            directAnswer: true,
            titles: ['咨询落户泸州条件', '咨询身份证异地补办'],
            details: [
              '在泸州买了房，想咨询把户口迁过来需要什么条件和材料。',
              '身份证丢了，户籍不在泸州，想咨询能不能在泸州补办。',
            ],
            reply: '已告知市民落户政策、异地补办身份证的条件和办理地点。',
          },
        ],
      },
      {
        name: '安全生产',
        nameEn: 'Workplace and fire safety',
        leaves: [
          {
            name: '安全隐患',
            nameEn: 'Safety hazards',
            keywords: ['安全隐患', '消防通道', '违规储存'],
            route: { lead: 'emergency', coLocal: true },
            appeal: 'report',
            titles: ['{place}仓库违规储存易燃物', '{estate}消防设施损坏'],
            details: [
              '{place}有一个仓库堆放大量油漆和易燃物，没有消防设施，旁边就是居民楼，请尽快检查。',
              '{estate}楼道里的灭火器早就过期了，消防栓里面没有水带，请相关部门督促整改。',
            ],
            reply:
              '应急管理部门会同属地对该处开展了安全检查，责令清理违规储存物品，并督促物业补齐消防器材。',
          },
        ],
      },
    ],
  },
  {
    name: '商贸旅游',
    nameEn: 'Commerce and tourism',
    groups: [
      {
        name: '旅游服务',
        nameEn: 'Tourism',
        leaves: [
          {
            name: '景区服务',
            nameEn: 'Scenic spots',
            keywords: ['景区', '门票', '旅游'],
            route: { lead: 'culture-tourism' },
            titles: ['{place}景区服务差', '投诉景区强制消费'],
            details: [
              '国庆去{place}游玩，景区内停车位严重不足，排队两个小时，管理混乱。',
              '在景区被导游带去指定店铺购物，不买就态度很差，请文旅部门处理。',
            ],
            reply:
              '文旅部门已约谈景区管理方，督促其完善节假日停车和分流方案，对涉事导游进行了查处。',
          },
        ],
      },
      {
        name: '商贸流通',
        nameEn: 'Trade',
        leaves: [
          {
            name: '农贸市场',
            nameEn: 'Food markets',
            keywords: ['菜市场', '农贸市场', '缺斤短两'],
            route: { lead: 'commerce', coLocal: true },
            titles: ['{place}菜市场缺斤短两', '{place}农贸市场环境脏乱'],
            details: [
              '在{place}菜市场买菜，回家一称少了好几两，市场的公平秤也坏了。',
              '{place}农贸市场地面污水横流，垃圾没人清理，希望改造提升。',
            ],
            reply: '已督促市场开办方修复公平秤并加强计量检查，对市场环境卫生进行了集中整治。',
          },
        ],
      },
    ],
  },
  {
    name: '政务服务',
    nameEn: 'Government services',
    groups: [
      {
        name: '办事服务',
        nameEn: 'Public services',
        leaves: [
          {
            name: '公积金',
            nameEn: 'Housing provident fund',
            keywords: ['公积金', '提取', '贷款'],
            route: { lead: 'housing-fund' },
            weight: 2,
            appeal: 'enquiry',
            directAnswer: true,
            titles: ['咨询公积金提取', '公积金贷款审批慢'],
            details: [
              '想咨询租房提取住房公积金需要什么材料，一年可以提几次。',
              '公积金贷款申请已经提交{days}天了还没有审批下来，开发商在催，请帮忙查询。',
            ],
            reply: '已向市民说明公积金提取条件和材料，核实了贷款审批进度，目前已审批通过。',
          },
          {
            name: '税费办理',
            nameEn: 'Taxes',
            keywords: ['个税', '发票', '税务'],
            route: { lead: 'tax' },
            appeal: 'enquiry',
            directAnswer: true,
            titles: ['咨询个税汇算清缴', '咨询二手房交易税费'],
            details: [
              '想咨询个人所得税年度汇算怎么在手机上办理，有退税吗。',
              '准备卖一套二手房，想咨询需要交哪些税费。',
            ],
            reply: '已向市民解释个税年度汇算办理方式和二手房交易涉及的税费政策。',
          },
          {
            name: '办事效率',
            nameEn: 'Service efficiency',
            keywords: ['窗口', '办事难', '推诿'],
            route: { lead: 'government-services' },
            titles: ['政务服务中心窗口办事推诿', '办理营业执照来回跑'],
            details: [
              '到政务服务中心办事，窗口工作人员说材料不全，但不一次性告知，已经跑了{n}趟了。',
              '想办个体工商户营业执照，线上提交后一直显示审核中，窗口又说要线下重新交。',
            ],
            reply:
              '政务服务中心已核实情况，对窗口人员进行了批评教育，为市民提供了一次性告知和帮办服务。',
          },
        ],
      },
      {
        name: '政策咨询',
        nameEn: 'Policy enquiries',
        leaves: [
          {
            name: '惠企政策',
            nameEn: 'Business support policies',
            keywords: ['补贴', '惠企', '减税'],
            route: { lead: 'economy-it', co: ['development-reform'] },
            appeal: 'enquiry',
            directAnswer: true,
            titles: ['咨询小微企业扶持政策', '咨询技改补贴申报'],
            details: [
              '我们是一家小微企业，想咨询今年泸州有哪些扶持政策，怎么申报。',
              '想咨询企业技术改造补贴的申报条件和时间。',
            ],
            reply: '已向企业介绍今年惠企政策清单和申报渠道，并安排专人对接指导申报。',
          },
        ],
      },
    ],
  },
  {
    name: '农业农村',
    nameEn: 'Agriculture and rural affairs',
    groups: [
      {
        name: '农村管理',
        nameEn: 'Rural administration',
        leaves: [
          {
            name: '惠农补贴',
            nameEn: 'Farm subsidies',
            keywords: ['补贴', '耕地地力', '种粮'],
            route: { lead: 'agriculture', coLocal: true },
            appeal: 'enquiry',
            titles: ['耕地地力保护补贴未到账', '咨询种粮补贴标准'],
            details: [
              '我家在{street}，今年的耕地地力保护补贴还没有到账，想问什么原因。',
              '想咨询今年种粮补贴的标准是多少，什么时候发放。',
            ],
            reply: '已核实市民补贴发放情况，因银行账户信息有误导致发放失败，已更正并补发到位。',
          },
          {
            name: '土地承包',
            nameEn: 'Land contracts',
            keywords: ['土地', '承包', '流转'],
            route: LOCAL,
            titles: ['{street}土地流转租金未支付', '土地承包经营权纠纷'],
            details: [
              '{street}我们组的土地流转给{company}种植，已经{months}个月没有支付租金了。',
              '与邻居因为承包地边界有纠纷，村里调解不了，请求镇上处理。',
            ],
            reply: '镇农经站已召集双方调解，督促流转企业制定租金支付计划，并明确了承包地边界。',
          },
          {
            name: '动物防疫',
            nameEn: 'Animal health',
            keywords: ['病死猪', '防疫', '养殖'],
            route: { lead: 'agriculture' },
            appeal: 'report',
            titles: ['{street}有人乱扔病死猪', '{place}养殖场污染环境'],
            details: [
              '{street}的河沟里发现有人丢弃病死猪，气味很大，担心传播疫病。',
              '{place}附近的养猪场粪污直排，周边臭气熏天，请相关部门查处。',
            ],
            reply:
              '已对病死猪进行无害化处理并开展消毒，对养殖场粪污处理设施不完善问题责令限期整改。',
          },
        ],
      },
    ],
  },
  {
    name: '国土规划',
    nameEn: 'Land and planning',
    groups: [
      {
        name: '规划与土地',
        nameEn: 'Planning and land',
        leaves: [
          {
            name: '规划许可',
            nameEn: 'Planning permits',
            keywords: ['规划', '采光', '间距'],
            route: { lead: 'planning' },
            titles: ['{estate}新建楼盘遮挡采光', '咨询{place}地块规划'],
            details: [
              '{estate}旁边新建的楼离我们太近了，严重遮挡采光，请规划部门核查是否符合规划。',
              '想咨询{place}那块空地规划用途是什么，听说要建垃圾站。',
            ],
            reply:
              '已调阅项目规划审批资料并现场核查，该项目建筑间距符合规划要求，已向市民解释规划情况。',
          },
          {
            name: '征地拆迁',
            nameEn: 'Land acquisition',
            keywords: ['征地', '拆迁', '补偿', '安置'],
            route: { lead: 'planning', coLocal: true },
            titles: ['{street}征地补偿款未到位', '拆迁安置房迟迟不交付'],
            details: [
              '{street}的土地{months}个月前被征用，征地补偿款到现在还没有全部发放。',
              '拆迁已经{n}年了，安置房一直没有交付，过渡费也停发了，请政府解决。',
            ],
            reply:
              '已会同属地政府核实征地补偿发放情况，剩余款项已列入拨付计划，并向市民公开了安置房建设进度。',
          },
        ],
      },
    ],
  },
];

// The demo's 12345 category tree, part 2: education, labour, health, market, civil affairs.
import type { TopSeed } from './category-types.js';

export const PEOPLE_CATEGORIES: TopSeed[] = [
  {
    name: '教育文体',
    nameEn: 'Education, culture and sports',
    groups: [
      {
        name: '基础教育',
        nameEn: 'Basic education',
        leaves: [
          {
            name: '学位申请',
            nameEn: 'School places',
            keywords: ['入学', '学位', '学区', '划片'],
            route: { lead: 'education', coLocal: true },
            weight: 2,
            appeal: 'enquiry',
            titles: ['咨询{school}入学划片', '孩子在{estate}附近没有学位'],
            details: [
              '孩子明年上一年级，家住{estate}，想咨询对口的是哪所小学，需要准备哪些材料。',
              '我们在{estate}买了房，但被告知{school}学位已满，要分到很远的学校，希望教育部门解决。',
            ],
            reply:
              '已联系市民说明该片区学区划分和入学政策，并告知报名时间和所需材料，其子女已安排就近入学。',
          },
          {
            name: '校外培训',
            nameEn: 'Off-campus tutoring',
            keywords: ['培训机构', '退费', '补课'],
            route: { lead: 'education' },
            weight: 2,
            titles: ['{company}培训机构拒不退费', '举报{place}违规开展学科培训'],
            details: [
              '在{company}给孩子报了课，交了{amount}元，现在机构停课也不退费，请教育部门协调。',
              '{place}有一家机构周末偷偷给中小学生上学科类课程，请相关部门查处。',
            ],
            reply:
              '已约谈该培训机构负责人，督促其按协议为家长办理退费，并对违规开展学科类培训的行为立案查处。',
          },
          {
            name: '教育收费',
            nameEn: 'School fees',
            keywords: ['乱收费', '资料费', '校服'],
            route: { lead: 'education' },
            titles: ['{school}乱收费', '反映{school}强制购买教辅资料'],
            details: [
              '{school}要求每个学生交{amount}元资料费，没有收据，家长觉得不合理。',
              '{school}班主任让家长统一在指定书店购买教辅资料，不买就点名，请教育部门调查。',
            ],
            reply:
              '教育部门已到学校调查核实，责令学校立即停止违规收费并全额退还，对相关责任人进行了问责。',
          },
          {
            name: '校园安全',
            nameEn: 'School safety',
            keywords: ['校园', '安全', '校车', '放学'],
            route: { lead: 'education', co: ['traffic-police'] },
            titles: ['{school}门口放学交通混乱', '{school}周边安全隐患'],
            details: [
              '{school}放学时门口家长车辆乱停，学生从车缝里穿行，非常危险，希望安排交警疏导。',
              '{school}围墙有一处破损，外人可以随意进出，担心学生安全。',
            ],
            reply: '已会同交警部门在上下学高峰设置护学岗，学校已修复围墙破损处并加强门卫管理。',
          },
        ],
      },
      {
        name: '文化体育',
        nameEn: 'Culture and sports',
        leaves: [
          {
            name: '体育场馆',
            nameEn: 'Sports venues',
            keywords: ['体育馆', '健身器材', '球场'],
            route: { lead: 'education' },
            appeal: 'suggestion',
            titles: ['{place}健身器材损坏', '建议{place}体育场馆延长开放时间'],
            details: [
              '{place}小广场的健身器材有几件已经坏了，螺丝松动，担心老人孩子受伤，请维修。',
              '{place}的体育馆晚上八点就关门了，上班族没时间锻炼，建议延长开放时间。',
            ],
            reply:
              '已安排对损坏的健身器材进行维修更换，场馆开放时间调整建议已纳入下阶段惠民开放方案。',
          },
          {
            name: '文化活动',
            nameEn: 'Cultural activities',
            keywords: ['图书馆', '演出', '文化'],
            route: { lead: 'culture-tourism' },
            appeal: 'enquiry',
            directAnswer: true,
            titles: ['咨询市图书馆开放时间', '咨询泸州近期文化惠民演出'],
            details: [
              '想咨询市图书馆周末和节假日的开放时间，办借书证需要什么材料。',
              '想了解近期泸州有没有免费的文化惠民演出，在哪里领票。',
            ],
            reply: '已电话告知市民图书馆开放时间、办证要求和近期文化惠民活动安排。',
          },
        ],
      },
    ],
  },
  {
    name: '劳动和社会保障',
    nameEn: 'Labour and social security',
    groups: [
      {
        name: '劳动关系',
        nameEn: 'Labour relations',
        leaves: [
          {
            name: '拖欠工资',
            nameEn: 'Unpaid wages',
            keywords: ['欠薪', '工资', '农民工', '讨薪'],
            route: { lead: 'hrss', coLocal: true },
            weight: 3,
            urgency: 'urgent',
            appeal: 'help',
            titles: ['{company}拖欠工资', '反映{place}工地拖欠农民工工资'],
            details: [
              '本人在{company}工作，公司已经{months}个月没发工资了，共拖欠{amount}元，老板电话不接，请帮忙讨薪。',
              '我们在{place}的工地干活，包工头拖欠我们{n}个人的工资，快过节了还没结，请劳动监察部门处理。',
            ],
            reply:
              '劳动保障监察大队已约谈企业负责人，责令其限期支付拖欠工资，目前欠薪已足额发放到位。',
          },
          {
            name: '劳动合同',
            nameEn: 'Employment contracts',
            keywords: ['劳动合同', '辞退', '经济补偿', '加班'],
            route: { lead: 'hrss' },
            titles: ['{company}不签劳动合同', '{company}违法辞退员工'],
            details: [
              '我在{company}上班{months}个月了，公司一直不签劳动合同，也不买社保，请问该怎么维权。',
              '{company}突然以业绩不好为由辞退我，不给任何经济补偿，请劳动部门处理。',
            ],
            reply:
              '已联系市民了解情况，向其讲解劳动合同法相关规定，指导其申请劳动仲裁，并约谈企业督促依法整改。',
          },
        ],
      },
      {
        name: '社会保险',
        nameEn: 'Social insurance',
        leaves: [
          {
            name: '社保缴纳',
            nameEn: 'Social insurance contributions',
            keywords: ['社保', '缴费', '断缴', '灵活就业'],
            route: { lead: 'hrss' },
            weight: 3,
            appeal: 'enquiry',
            directAnswer: true,
            titles: ['咨询灵活就业人员社保缴纳', '{company}未给员工缴纳社保'],
            details: [
              '本人是灵活就业人员，想咨询在泸州怎么缴纳养老保险，每年的缴费档次是多少。',
              '{company}从去年开始就没有给我们缴纳社保了，但工资里照扣，请社保部门核查。',
            ],
            reply:
              '已电话告知市民灵活就业人员参保缴费的渠道和档次，对企业未缴社保问题已责令限期补缴。',
          },
          {
            name: '养老金待遇',
            nameEn: 'Pensions',
            keywords: ['养老金', '退休', '待遇'],
            route: { lead: 'hrss' },
            appeal: 'enquiry',
            directAnswer: true,
            titles: ['咨询退休手续办理', '养老金待遇核定有疑问'],
            details: [
              '本人下个月满{n}岁，想咨询办理退休需要准备什么材料，在哪里办理。',
              '我父亲的养老金这个月少发了{amount}元，不知道什么原因，希望社保局核实。',
            ],
            reply: '已核实市民养老金待遇核定情况，向其解释了待遇调整原因，并告知退休办理流程。',
          },
        ],
      },
      {
        name: '就业创业',
        nameEn: 'Jobs and entrepreneurship',
        leaves: [
          {
            name: '就业服务',
            nameEn: 'Employment services',
            keywords: ['招聘', '就业', '创业贷款', '补贴'],
            route: { lead: 'hrss' },
            appeal: 'enquiry',
            directAnswer: true,
            titles: ['咨询创业担保贷款', '咨询高校毕业生就业补贴'],
            details: [
              '想在{place}开个小店，听说有创业担保贷款，想咨询申请条件和额度。',
              '今年刚毕业回泸州找工作，想咨询有没有就业见习补贴和人才公寓政策。',
            ],
            reply:
              '已向市民详细介绍创业担保贷款和高校毕业生就业扶持政策，并告知办理窗口和所需材料。',
          },
        ],
      },
    ],
  },
  {
    name: '卫生健康',
    nameEn: 'Health',
    groups: [
      {
        name: '医疗服务',
        nameEn: 'Medical services',
        leaves: [
          {
            name: '医疗服务投诉',
            nameEn: 'Hospital service complaints',
            keywords: ['医院', '挂号', '服务态度', '排队'],
            route: { lead: 'health' },
            weight: 2,
            titles: ['投诉医院挂号难', '投诉医院工作人员态度差'],
            details: [
              '今天带孩子去医院看病，挂号排了{n}个小时，窗口只开了两个，请卫健委督促医院改进。',
              '在医院门诊缴费时，收费员态度恶劣，说话很难听，请相关部门处理。',
            ],
            reply:
              '卫健委已督促涉事医院核实情况，医院对当事工作人员进行了批评教育，并增开了高峰期窗口。',
          },
          {
            name: '医患纠纷',
            nameEn: 'Medical disputes',
            keywords: ['医疗事故', '纠纷', '赔偿'],
            route: { lead: 'health', co: ['justice'] },
            titles: ['反映医院诊疗过错', '医患纠纷请求调解'],
            details: [
              '家里老人在医院做完手术后出现并发症，医院说是正常风险，我们认为存在诊疗过错，请求调查。',
              '孩子在诊所输液后出现过敏反应，诊所推卸责任，请求相关部门调解。',
            ],
            reply: '已引导双方通过医疗纠纷人民调解委员会调解，并告知市民可申请医疗损害鉴定。',
          },
        ],
      },
      {
        name: '医疗保障',
        nameEn: 'Medical insurance',
        leaves: [
          {
            name: '医保报销',
            nameEn: 'Medical insurance reimbursement',
            keywords: ['医保', '报销', '异地就医', '门诊'],
            route: { lead: 'medical-security' },
            weight: 2,
            appeal: 'enquiry',
            directAnswer: true,
            titles: ['咨询异地就医医保报销', '医保报销比例有疑问'],
            details: [
              '家人在成都住院，想咨询异地就医备案怎么办理，回来后能报销多少。',
              '在医院住院报销的比例比去年低，想咨询现在的医保报销政策。',
            ],
            reply: '已向市民解释异地就医备案流程和现行报销政策，并协助其通过线上渠道完成备案。',
          },
          {
            name: '医保参保',
            nameEn: 'Medical insurance enrolment',
            keywords: ['城乡居民医保', '参保', '缴费'],
            route: { lead: 'medical-security' },
            appeal: 'enquiry',
            directAnswer: true,
            titles: ['咨询城乡居民医保缴费', '新生儿医保参保咨询'],
            details: [
              '想咨询明年城乡居民医保的缴费标准和缴费截止时间，可以在手机上交吗。',
              '孩子刚出生，想咨询新生儿怎么办理医保参保。',
            ],
            reply: '已告知市民居民医保缴费标准、缴费时间和线上缴费渠道，以及新生儿参保办理方式。',
          },
        ],
      },
      {
        name: '公共卫生',
        nameEn: 'Public health',
        leaves: [
          {
            name: '疫苗接种',
            nameEn: 'Vaccination',
            keywords: ['疫苗', '接种', '预防针'],
            route: { lead: 'health' },
            appeal: 'enquiry',
            directAnswer: true,
            titles: ['咨询儿童疫苗接种', '{street}社区卫生服务中心疫苗断货'],
            details: [
              '孩子的预防针到期了，想咨询{street}哪里可以接种，需要预约吗。',
              '{street}社区卫生服务中心说疫苗一直缺货，孩子已经超过接种时间了，很着急。',
            ],
            reply:
              '已联系辖区疾控部门核实疫苗供应，为市民孩子预约了接种时间，并告知就近接种点信息。',
          },
        ],
      },
    ],
  },
  {
    name: '市场监管',
    nameEn: 'Market regulation',
    groups: [
      {
        name: '食品药品安全',
        nameEn: 'Food and drug safety',
        leaves: [
          {
            name: '食品安全',
            nameEn: 'Food safety',
            keywords: ['过期', '变质', '食品', '超市'],
            route: { lead: 'market' },
            weight: 2,
            appeal: 'report',
            titles: ['{place}超市销售过期食品', '在{shop}就餐后全家腹泻'],
            details: [
              '在{place}的超市买的牛奶已经过期{days}天了还在货架上卖，请市场监管部门查处。',
              '在{shop}吃饭后全家出现腹泻，怀疑食材不新鲜，请相关部门检查。',
            ],
            reply:
              '市场监管所已到现场检查，下架了过期食品，对经营者立案调查，并督促其对消费者进行赔偿。',
          },
          {
            name: '餐饮卫生',
            nameEn: 'Restaurant hygiene',
            keywords: ['餐饮', '卫生', '后厨', '无证'],
            route: { lead: 'market' },
            appeal: 'report',
            titles: ['{shop}后厨卫生差', '举报{place}无证餐饮店'],
            details: [
              '{shop}后厨脏乱，有老鼠，员工没有健康证，请市场监管部门检查。',
              '{place}有一家小吃店没有营业执照和食品经营许可证，卫生条件很差。',
            ],
            reply: '执法人员对涉事餐饮店进行了现场检查，责令其停业整改，整改合格后方可恢复经营。',
          },
        ],
      },
      {
        name: '消费维权',
        nameEn: 'Consumer rights',
        leaves: [
          {
            name: '价格投诉',
            nameEn: 'Price complaints',
            keywords: ['价格', '明码标价', '宰客', '乱收费'],
            route: { lead: 'market' },
            weight: 2,
            titles: ['{shop}价格欺诈', '{place}商家未明码标价'],
            details: [
              '在{shop}消费，结账时价格比标价高出很多，商家拒绝解释，请相关部门处理。',
              '{place}的店铺商品都没有标价，结账时随意要价，外地游客尤其被宰。',
            ],
            reply:
              '市场监管部门已对商家进行检查，责令其规范明码标价，退还消费者多收款项，并依法作出处理。',
          },
          {
            name: '预付卡退费',
            nameEn: 'Prepaid card refunds',
            keywords: ['预付卡', '健身房', '跑路', '退费'],
            route: { lead: 'market', coLocal: true },
            weight: 2,
            titles: ['{company}关门预付卡无法退费', '健身房跑路会员卡退费难'],
            details: [
              '在{company}办了{amount}元的会员卡，现在门店突然关门，老板联系不上，请帮忙维权。',
              '{place}的健身房说要装修停业，会员卡里还有余额，商家拒绝退费。',
            ],
            reply:
              '已联系经营者协商，督促其为消费者办理退费，对联系不上的经营者已移交相关部门立案。',
          },
          {
            name: '电梯安全',
            nameEn: 'Lift safety',
            keywords: ['电梯', '困人', '故障', '维保'],
            route: { lead: 'market', coLocal: true },
            weight: 2,
            urgency: 'urgent',
            titles: ['{estate}电梯频繁故障困人', '{estate}电梯异响存在安全隐患'],
            details: [
              '{estate}{n}栋的电梯这个月已经坏了好几次，昨天还困了人，物业说在等配件，请督促维修。',
              '{estate}的电梯运行时异响明显，维保记录也没有按时更新，担心安全，请特种设备部门检查。',
            ],
            reply:
              '特种设备安全监察人员已到现场检查，责令使用单位停用整改，维保单位已更换故障部件并经检验合格。',
          },
        ],
      },
    ],
  },
  {
    name: '民政',
    nameEn: 'Civil affairs',
    groups: [
      {
        name: '社会救助',
        nameEn: 'Social assistance',
        leaves: [
          {
            name: '低保申请',
            nameEn: 'Minimum living allowance',
            keywords: ['低保', '救助', '困难'],
            route: { lead: 'civil-affairs', coLocal: true },
            appeal: 'help',
            titles: ['申请低保咨询', '家庭困难请求救助'],
            details: [
              '家里老人生病丈夫失业，生活很困难，想咨询在{street}怎么申请低保。',
              '去年申请了低保一直没有下文，想问问审核到哪一步了。',
            ],
            reply:
              '街道已安排工作人员入户核实家庭情况，指导市民提交低保申请材料，并告知审核流程和时限。',
          },
        ],
      },
      {
        name: '养老服务',
        nameEn: 'Elderly care',
        leaves: [
          {
            name: '高龄津贴',
            nameEn: 'Old-age allowance',
            keywords: ['高龄', '津贴', '老人'],
            route: { lead: 'civil-affairs' },
            appeal: 'enquiry',
            directAnswer: true,
            titles: ['咨询高龄津贴申领', '老人高龄津贴未到账'],
            details: [
              '家里老人今年满{n}岁，想咨询高龄津贴怎么申领，每月发多少。',
              '老人的高龄津贴已经{months}个月没到账了，请帮忙查一下。',
            ],
            reply: '已向市民说明高龄津贴申领条件和标准，核实了发放情况，补发款项已到账。',
          },
          {
            name: '养老机构',
            nameEn: 'Care homes',
            keywords: ['养老院', '护理', '收费'],
            route: { lead: 'civil-affairs' },
            titles: ['投诉{company}养老院护理不到位', '养老机构乱收费'],
            details: [
              '父亲住在{company}养老院，护理人员不按时翻身喂饭，身上都有褥疮了，请民政部门检查。',
              '{place}的养老院每年都涨价，还额外收取各种费用，请相关部门核查。',
            ],
            reply:
              '民政部门已对该养老机构开展检查，责令其整改护理服务和收费公示问题，并将持续跟踪。',
          },
        ],
      },
      {
        name: '优抚安置',
        nameEn: 'Veterans and special care',
        leaves: [
          {
            name: '退役军人待遇',
            nameEn: 'Veterans’ entitlements',
            keywords: ['退役军人', '优抚', '补助'],
            route: { lead: 'veterans' },
            appeal: 'enquiry',
            titles: ['咨询退役军人优抚补助', '退役军人安置问题'],
            details: [
              '本人是退役军人，想咨询优抚补助的申请条件和标准。',
              '退伍回来{months}个月了，安置工作还没有落实，想了解进度。',
            ],
            reply: '已联系市民了解情况，解释了优抚政策和安置流程，并协调相关部门加快办理。',
          },
          {
            name: '残疾人补贴',
            nameEn: 'Disability allowances',
            keywords: ['残疾人', '残疾证', '两项补贴'],
            route: { lead: 'disabled', co: ['civil-affairs'] },
            appeal: 'enquiry',
            titles: ['咨询残疾证办理', '残疾人两项补贴未发放'],
            details: [
              '家里孩子有智力障碍，想咨询残疾证怎么办理、需要去哪里鉴定。',
              '我母亲是二级残疾，残疾人护理补贴这几个月都没有发放，请核实。',
            ],
            reply:
              '已告知市民残疾证办理流程和鉴定机构，核实补贴停发原因为年审未完成，已协助办理并恢复发放。',
          },
        ],
      },
    ],
  },
];

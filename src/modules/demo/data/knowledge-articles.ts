// The demo's knowledge base: answers the Luzhou 12345 centre and its units keep (知识库). Hotline
// numbers are the national service numbers (95598, 12333, 12329, 12315); local details are
// illustrative.

export interface KnowledgeArticleSeed {
  /** Owner unit code (the centre is 'luzhou-12345'). */
  owner: string;
  title: string;
  body: string;
  /** Leaf category names (the third level of the demo tree). */
  categories: string[];
  keywords: string[];
  synonyms?: string[];
  audience: 'internal' | 'public';
  /** When it was written, as a share of the history (0 = its start, 1 = now). */
  written: number;
  /** Its life: published (default), still a draft, waiting for review, or retired. */
  state?: 'published' | 'draft' | 'in_review' | 'retired';
  /** Days from now: a past review date makes it due for review. */
  reviewInDays?: number;
  /** Days from now: a past expiry date takes it out of search. */
  expiresInDays?: number;
  /** A later edit (share of the history) with its new body, approved by the centre. */
  revised?: { at: number; body: string; note: string };
}

export const KNOWLEDGE_ARTICLES: readonly KnowledgeArticleSeed[] = [
  {
    owner: 'water-company',
    title: '停水了怎么查询停水通知和恢复供水时间',
    body: `计划停水会提前 **24 小时** 在小区公告栏、兴泸水务微信公众号和官网发布通知。

1. 先查看小区公告栏或"兴泸水务"公众号的"停水公告"；
2. 没有公告的，可能是突发爆管抢修，抢修一般在 **8 小时** 内恢复供水；
3. 超过公告时间仍未恢复的，请记下小区名称和楼栋号，由话务员转供水抢修。

恢复供水后如水质浑浊，请先放水 3–5 分钟再使用。`,
    categories: ['停水'],
    keywords: ['停水', '停水通知', '恢复供水', '爆管'],
    synonyms: ['没水', '断水', '不来水'],
    audience: 'public',
    written: 0.05,
  },
  {
    owner: 'water-company',
    title: '自来水水压低、水发黄怎么办',
    body: `- **高峰时段水压低**（早 7–9 点、晚 6–9 点）属正常现象，高层住户以二次供水设施为准；
- **整栋楼水压低**：多为二次供水泵房故障，请联系物业；
- **水发黄、有异味**：先放水几分钟；持续不改善的，由供水公司上门取样检测。

水质检测报告每月在兴泸水务官网公布。`,
    categories: ['水压水质'],
    keywords: ['水压', '水质', '水发黄', '二次供水'],
    synonyms: ['水小', '水浑'],
    audience: 'public',
    written: 0.1,
  },
  {
    owner: 'water-company',
    title: '户外供水管道漏水报修处理口径',
    body: `**内部口径**：户外公共管网漏水由兴泸水务负责，户内（水表后）管道由业主自行维修。

受理时请问清：
1. 具体位置（路名、门牌、参照物）；
2. 漏水量大小，是否影响交通；
3. 是否已造成停水。

大量漏水或影响交通的，按 **紧急** 工单派发。`,
    categories: ['管道漏水'],
    keywords: ['漏水', '爆管', '水管破裂'],
    audience: 'internal',
    written: 0.12,
    reviewInDays: -6,
  },
  {
    owner: 'power-company',
    title: '家里突然停电怎么办',
    body: `1. 先看邻居家是否有电：**只有自家停电**，多为家中空气开关跳闸或欠费，可在"网上国网" APP 查询电费；
2. **整栋楼或片区停电**：可拨打供电服务热线 **95598** 报修，或在"网上国网"查询停电信息；
3. 计划检修停电会提前 7 天公告。

夏季用电高峰请错峰使用大功率电器。`,
    categories: ['停电'],
    keywords: ['停电', '跳闸', '95598', '网上国网'],
    synonyms: ['断电', '没电'],
    audience: 'public',
    written: 0.08,
  },
  {
    owner: 'power-company',
    title: '居民阶梯电价怎么计算',
    body: `四川省居民生活用电实行 **阶梯电价**，按月用电量分三档计价，丰水期与枯水期标准不同。

具体分档电量和电价以国网四川省电力公司公布的标准为准，可在"网上国网" APP 的"电价标准"中查询。

对电费有疑问的，可申请核查电表读数。`,
    categories: ['电费电价'],
    keywords: ['电价', '阶梯电价', '电费'],
    audience: 'public',
    written: 0.3,
  },
  {
    owner: 'gas-company',
    title: '闻到燃气味怎么办（燃气泄漏应急处置）',
    body: `**请立即按以下顺序处置：**

1. 关闭燃气表前阀门；
2. 打开门窗通风；
3. **不要** 开关电灯、电器，不要使用明火和手机；
4. 到室外安全地点拨打燃气抢修电话或 119。

话务员受理时按 **紧急** 工单派发，同时提示市民撤离。`,
    categories: ['燃气泄漏'],
    keywords: ['燃气泄漏', '煤气味', '天然气'],
    synonyms: ['漏气', '煤气泄漏'],
    audience: 'public',
    written: 0.03,
  },
  {
    owner: 'gas-company',
    title: '燃气开户、过户办理指南',
    body: `**所需材料：** 不动产权证书（或购房合同）、户主身份证；过户另需原户主燃气卡。

**办理渠道：** 华润燃气营业厅或"华润燃气"微信公众号线上办理，资料齐全的 3 个工作日内完成。`,
    categories: ['燃气服务'],
    keywords: ['燃气开户', '燃气过户', '燃气卡'],
    audience: 'public',
    written: 0.4,
  },
  {
    owner: 'housing',
    title: '物业服务投诉受理口径',
    body: `**内部口径**：物业服务纠纷先由所在街道（社区）和区住建部门调处。

- 收费标准、服务质量问题：派发所在区住建局；
- 小区公共设施损坏：提示业主先向物业书面报修并保留记录；
- 涉及业主委员会选举的，转所在街道办事处。`,
    categories: ['物业管理'],
    keywords: ['物业', '物业费', '物业服务'],
    synonyms: ['物管'],
    audience: 'internal',
    written: 0.15,
    revised: {
      at: 0.7,
      body: `**内部口径**：物业服务纠纷先由所在街道（社区）和区住建部门调处。

- 收费标准、服务质量问题：派发所在区住建局；
- 小区公共设施损坏：提示业主先向物业书面报修并保留记录；
- 涉及业主委员会选举的，转所在街道办事处；
- 物业撤场、交接的，派发区住建局并抄送街道。`,
      note: '补充物业撤场交接的派单口径',
    },
  },
  {
    owner: 'housing',
    title: '商品房延期交房怎么维权',
    body: `1. 查看购房合同约定的交房日期和违约责任条款；
2. 与开发商协商，要求按合同支付违约金；
3. 协商不成的，可向市住建局反映，或依法向法院起诉。

住建部门依职责督促开发企业履行合同，但违约金争议需通过协商或诉讼解决。`,
    categories: ['延期交房'],
    keywords: ['延期交房', '逾期交房', '违约金'],
    audience: 'public',
    written: 0.2,
  },
  {
    owner: 'housing-security',
    title: '公租房申请条件和流程',
    body: `**申请条件（城镇中低收入住房困难家庭）：**
- 申请人具有本市城区户籍或稳定就业；
- 家庭人均收入、住房面积符合当年公布的标准。

**流程：** 向户籍或工作所在地街道（社区）提交申请 → 区级审核公示 → 轮候配租。`,
    categories: ['公租房'],
    keywords: ['公租房', '保障房', '配租'],
    synonyms: ['廉租房'],
    audience: 'public',
    written: 0.25,
  },
  {
    owner: 'real-estate-registry',
    title: '不动产登记（办房产证）需要哪些材料',
    body: `**新房首次登记：** 身份证、购房合同、契税完税证明、开发商提供的登记资料。

**二手房转移登记：** 买卖双方身份证、原不动产权证书、买卖合同、完税证明。

可在"泸州不动产登记"公众号预约，部分业务可"一窗受理、当日办结"。`,
    categories: ['不动产登记'],
    keywords: ['不动产登记', '房产证', '过户'],
    synonyms: ['办证', '产权证'],
    audience: 'public',
    written: 0.02,
  },
  {
    owner: 'hrss',
    title: '被拖欠工资怎么投诉',
    body: `1. 保留劳动合同、考勤记录、工资条、聊天记录等证据；
2. 向用工所在地的人力资源和社会保障局劳动保障监察机构投诉，或拨打 **12333**；
3. 建设工程领域欠薪，可同时向项目所在地住建部门反映。

受理时请问清：用人单位名称、地址、欠薪人数、金额和时间。`,
    categories: ['拖欠工资'],
    keywords: ['欠薪', '拖欠工资', '讨薪', '12333'],
    synonyms: ['工资不发', '拿不到工资'],
    audience: 'public',
    written: 0.04,
  },
  {
    owner: 'hrss',
    title: '灵活就业人员怎么缴纳社保',
    body: `灵活就业人员可以个人身份参加 **企业职工基本养老保险** 和 **职工基本医疗保险**。

- 办理渠道："四川人社"APP、社保经办大厅；
- 缴费基数在当年公布的上下限之间自选；
- 每月按时缴费，可通过银行代扣。`,
    categories: ['社保缴纳'],
    keywords: ['灵活就业', '社保缴纳', '个人参保'],
    synonyms: ['自己交社保'],
    audience: 'public',
    written: 0.06,
  },
  {
    owner: 'hrss',
    title: '养老金领取资格认证怎么做',
    body: `领取养老金的人员每年需进行一次 **领取资格认证**。

- 手机认证："四川人社"APP 或"电子社保卡"刷脸认证；
- 行动不便的老人可由社区工作人员上门认证；
- 逾期未认证的，养老金将暂停发放，认证后补发。`,
    categories: ['养老金待遇'],
    keywords: ['养老金', '资格认证', '刷脸认证'],
    synonyms: ['退休金认证'],
    audience: 'public',
    written: 0.09,
    reviewInDays: -2,
  },
  {
    owner: 'medical-security',
    title: '异地就医备案和报销',
    body: `**备案渠道：** "国家医保服务平台"APP、四川医保公众号或医保经办窗口。

备案后在就医地的定点医院可 **直接结算**；未备案先行垫付的，回参保地按规定报销，报销比例可能降低。

急诊抢救无需提前备案，可事后补办。`,
    categories: ['医保报销'],
    keywords: ['异地就医', '医保备案', '医保报销'],
    synonyms: ['外地看病报销'],
    audience: 'public',
    written: 0.07,
  },
  {
    owner: 'medical-security',
    title: '城乡居民医保集中缴费期',
    body: `城乡居民基本医疗保险按年度缴费，**集中缴费期** 内缴费的，次年 1 月 1 日起享受待遇。

缴费渠道："四川税务"微信公众号、银行 APP、村（社区）代收点。`,
    categories: ['医保参保'],
    keywords: ['城乡居民医保', '医保缴费', '集中缴费期'],
    synonyms: ['交医保'],
    audience: 'public',
    written: 0.11,
    expiresInDays: -3,
  },
  {
    owner: 'housing-fund',
    title: '住房公积金提取条件',
    body: `可以提取住房公积金的主要情形：

- 购买、建造、翻建自住住房；
- 偿还自住住房贷款本息；
- 无房职工租房自住；
- 离休、退休，或与单位终止劳动关系未再就业满一定期限。

线上可通过"泸州公积金"APP 办理，咨询可拨打 **12329**。`,
    categories: ['公积金'],
    keywords: ['公积金提取', '公积金', '12329'],
    synonyms: ['取公积金'],
    audience: 'public',
    written: 0.03,
  },
  {
    owner: 'urban-mgmt',
    title: '占道经营投诉处理口径',
    body: `**内部口径**：流动摊贩、店外经营占用人行道的，派发所在区城市管理和综合执法局。

- 早晚高峰、学校周边的，标注"优先处理"；
- 涉及农贸市场周边的，同时抄送市场监管部门。`,
    categories: ['占道经营'],
    keywords: ['占道经营', '流动摊贩', '店外经营'],
    synonyms: ['摆摊'],
    audience: 'internal',
    written: 0.18,
  },
  {
    owner: 'urban-mgmt',
    title: '渣土车夜间运输规定',
    body: `建筑垃圾运输车辆须办理 **处置核准** 并按核定的时间、路线行驶，车厢密闭、不得抛洒。

受理抛洒滴漏、超速、夜间扰民投诉时，请记录车牌号、时间和路段。`,
    categories: ['渣土车'],
    keywords: ['渣土车', '建筑垃圾', '抛洒'],
    audience: 'internal',
    written: 0.35,
    state: 'in_review',
  },
  {
    owner: 'ecology',
    title: '夜间施工噪音投诉处理',
    body: `**夜间（22:00 至次日 6:00）** 禁止产生环境噪声污染的建筑施工作业，因生产工艺需要连续作业的，须取得 **夜间施工证明** 并公告附近居民。

受理时请问清施工位置、持续时间，派发所在区生态环境部门或住建部门。`,
    categories: ['施工噪音'],
    keywords: ['夜间施工', '施工噪音', '夜间施工证明'],
    synonyms: ['工地扰民', '晚上施工'],
    audience: 'public',
    written: 0.14,
  },
  {
    owner: 'traffic-police',
    title: '违章停车举报处理',
    body: `**内部口径**：占用消防通道、人行道、公交站台的违章停车，派发交警支队所在辖区大队；小区内部道路停车由物业管理。

市民也可通过"交管12123"APP 随手拍举报。`,
    categories: ['违章停车'],
    keywords: ['违章停车', '乱停车', '交管12123'],
    synonyms: ['乱停乱放'],
    audience: 'internal',
    written: 0.22,
  },
  {
    owner: 'luzhou-12345',
    title: '12345热线受理范围与紧急事项转办口径',
    body: `**12345 受理：** 非紧急的咨询、求助、投诉、举报、建议。

**立即转办（三方通话）：**
- 治安、刑事案件 → **110**
- 火灾 → **119**
- 医疗急救 → **120**
- 交通事故 → **122**

涉及诉讼、仲裁、行政复议等法定途径的，告知市民依法办理渠道。`,
    categories: [],
    keywords: ['受理范围', '转办', '110', '119', '120', '122'],
    audience: 'internal',
    written: 0.01,
  },
  {
    owner: 'luzhou-12345',
    title: 'How to reach the Luzhou 12345 hotline (English)',
    body: `Call **12345** (24 hours a day) or leave a message on the "泸州12345" WeChat account or the city's web portal.

You will receive an appeal number and a query code to follow your appeal online. For emergencies, call **110** (police), **119** (fire), **120** (ambulance) or **122** (traffic accidents).`,
    categories: [],
    keywords: ['12345', 'hotline', 'English'],
    audience: 'public',
    written: 0.5,
  },
  {
    owner: 'civil-affairs',
    title: '高龄津贴怎么申请',
    body: `**对象：** 具有本市户籍、年满 80 周岁的老年人。

**办理：** 本人或家属持身份证、户口簿到户籍所在地村（社区）申请，审核通过后按月发放到社保卡。`,
    categories: ['高龄津贴'],
    keywords: ['高龄津贴', '高龄补贴', '老年人补贴'],
    audience: 'public',
    written: 0.16,
  },
  {
    owner: 'jy',
    title: '江阳区春节期间生活垃圾清运安排',
    body: `春节期间（除夕至初七）城区生活垃圾 **每日清运两次**，早 6 点、晚 8 点各一次；烟花爆竹残屑由环卫工人当日清扫。`,
    categories: ['垃圾清运'],
    keywords: ['春节', '垃圾清运', '环卫'],
    audience: 'internal',
    written: 0.13,
    expiresInDays: -20,
  },
  {
    owner: 'market',
    title: '预付卡（办卡）商家跑路怎么退费',
    body: `1. 保留预付卡、消费凭证、充值记录和合同；
2. 向经营场所所在地市场监管部门投诉，或拨打 **12315**；
3. 商家失联、涉嫌诈骗的，向公安机关报案。

单用途预付卡发卡企业应依法履行退卡承诺。`,
    categories: ['预付卡退费'],
    keywords: ['预付卡', '退费', '12315', '跑路'],
    synonyms: ['办卡退钱'],
    audience: 'public',
    written: 0.28,
    reviewInDays: -10,
  },
  {
    owner: 'market',
    title: '电梯困人应急处置口径（草稿）',
    body: `电梯困人属 **紧急** 事项：提示被困人员保持冷静、按警铃，话务员立即联系维保单位，必要时转 119。`,
    categories: ['电梯安全'],
    keywords: ['电梯困人', '电梯故障'],
    audience: 'internal',
    written: 0.85,
    state: 'draft',
  },
  {
    owner: 'housing',
    title: '2025年老旧小区改造申报通知',
    body: `2025 年度老旧小区改造项目申报已结束，后续批次以市住建局通知为准。`,
    categories: [],
    keywords: ['老旧小区改造'],
    audience: 'public',
    written: 0.05,
    state: 'retired',
  },
];

/** What operators could not find an answer to (知识缺口), with the leaf category, if any. */
export const KNOWLEDGE_GAPS: readonly { text: string; category: string | null }[] = [
  {
    text: '市民问：新能源汽车在小区安装充电桩需要物业同意吗？物业不让装怎么办？',
    category: '物业管理',
  },
  { text: '咨询老旧小区加装电梯的补贴标准和申请流程。', category: '物业管理' },
  { text: '问：孩子上小学，租房户口能不能在江阳区就近入学？', category: '学位申请' },
  { text: '外地退休人员来泸州随子女居住，医保怎么转过来？', category: '医保参保' },
  { text: '咨询养老金认证后多久恢复发放，补发的钱什么时候到账。', category: '养老金待遇' },
  { text: '问：公积金能不能用来支付父母的房子首付？', category: '公积金' },
  { text: '公积金贷款和商业贷款组合贷怎么办理？', category: '公积金' },
  { text: '宠物狗在小区乱叫扰民，找哪个部门？', category: null },
  { text: '问：网约车司机从业资格证在哪里考？', category: '网约车' },
  { text: '市民咨询燃气灶具报废年限，燃气公司说要强制更换是否合理。', category: '燃气服务' },
  { text: '小区楼顶私建彩钢棚，住建和城管互相推诿，到底谁管？', category: '违章建筑' },
  { text: '咨询失业保险金的申领条件和领取期限。', category: '就业服务' },
];

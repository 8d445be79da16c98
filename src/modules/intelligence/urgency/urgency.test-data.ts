// Appeals as callers say them, with the urgency a hotline supervisor would give each and the
// referral the operator should be offered. `must` cases are asserted one by one (a clear gas
// leak, fire or collapse is never missed; a negation or a resolved mention never flags); the
// others are harder readings that only count in the precision and recall figures.
import type { Referral, UrgencyLevel } from './urgency-rules.js';

export interface UrgencyCase {
  text: string;
  level: UrgencyLevel;
  /** Referrals the reasons must offer (in any order). */
  referrals?: Referral[];
  /** Danger classes the reasons must name. */
  dangers?: string[];
  must: boolean;
}

const emergency = (
  text: string,
  dangers: string[],
  referrals: Referral[],
  must = true,
): UrgencyCase => ({ text, level: 'emergency', dangers, referrals, must });
const urgent = (text: string, dangers: string[], must = true): UrgencyCase => ({
  text,
  level: 'urgent',
  dangers,
  must,
});
const normal = (text: string, must = true): UrgencyCase => ({ text, level: 'normal', must });

export const URGENCY_CASES: readonly UrgencyCase[] = [
  // Dangers to life, property or public safety.
  emergency('家里煤气泄漏了，味道很大', ['gas'], ['119']),
  emergency('厨房闻到一股很浓的天然气味，不敢开灯', ['gas'], ['119']),
  emergency('楼下餐馆的燃气管道被挖断了，一直在漏气', ['gas'], ['119']),
  emergency('燃气泄漏了怎么办，现在味道越来越大', ['gas'], ['119']),
  emergency('怀疑是燃气泄漏，楼道里闻着很刺鼻', ['gas'], ['119']),
  emergency('对面楼三楼着火了，冒着浓烟', ['fire'], ['119']),
  emergency('电动车在楼道里充电起火了', ['fire'], ['119']),
  emergency('单元楼下的配电箱冒烟了，还有响声', ['fire'], ['119']),
  emergency('老房子的墙倒塌了，压到了人', ['collapse'], ['119']),
  emergency('暴雨后山体滑坡，把进村的路堵住了', ['collapse'], ['119']),
  emergency('房子外墙开裂很严重，随时可能垮下来', ['collapse'], ['119']),
  emergency('路面塌陷出现一个大坑，车子差点掉进去', ['collapse'], ['119']),
  emergency('暴雨积水漫进一楼家里，水已经到膝盖了', ['flood'], ['119']),
  emergency('河水倒灌进地下室，里面还有人', ['flood'], ['119']),
  emergency('小孩被困在电梯里了，快半个小时了', ['trapped'], ['119']),
  emergency('我家孩子在公园走失了，找了一个小时还没找到', ['missing'], ['110']),
  emergency('路边电线掉落在地上，还在冒火花', ['electric'], []),
  emergency('有人触电了，倒在地上不动', ['medical'], ['120']),
  emergency('高空坠物砸到了停在楼下的车', ['falling'], []),
  emergency('小区门口井盖缺失，晚上很危险', ['traffic'], ['122']),
  emergency('十字路口发生车祸，有人受伤流血', ['traffic', 'medical'], ['122', '120']),
  emergency('有人在小区门口持刀打人', ['violence'], ['110']),
  emergency('一个老人晕倒在公交站旁边', ['medical'], ['120']),
  emergency('楼顶有个人说要跳楼', ['violence'], ['110']),
  emergency('一家人煤气中毒，已经叫不醒了', ['medical'], ['120']),
  // Harder: said around the danger rather than naming it.
  emergency('家里一股臭鸡蛋味，怕是气管子坏了', ['gas'], ['119'], false),
  emergency('商铺卷帘门里面在冒烟，里面好像有东西烧起来了', ['fire'], ['119'], false),
  emergency('大风把广告牌吹得摇摇欲坠，下面都是行人', ['falling'], [], false),

  // Urgent: a danger feared or a utility out, to be handled fast but not an emergency call.
  urgent('楼道里堆满杂物，存在火灾隐患', ['fire']),
  urgent('停电一整天了，冰箱里的东西都坏了', ['utility']),
  urgent('路口红绿灯坏了，车和人都乱走', ['traffic']),
  urgent('担心楼道里的电线老化会引发火灾', ['fire']),
  urgent('房屋墙体出现裂缝，一下雨就漏水', ['collapse']),
  urgent('小区停水两天了，也没有通知', ['utility']),
  urgent('路边一根电线裸露在外面，小孩经常在那玩', ['electric'], false),

  // Negations, past or resolved mentions, and false friends.
  normal('不是燃气泄漏，是想问燃气费怎么交'),
  normal('上个月家里燃气泄漏，已经修好了，想投诉维修收费太高'),
  normal('去年这里发生过火灾，建议增加消防设施'),
  normal('想咨询燃气泄漏报警器在哪里安装'),
  normal('下雨后路面积水，行人不好走'),
  normal('楼下烧烤店每天冒烟，油烟很大'),
  normal('社区组织火灾演练，喇叭声音太大'),
  normal('手机没电了，想问一下营业厅在哪'),
  normal('没有发现漏电的情况，只是电费太高'),
  normal('咨询交通事故认定书怎么领取'),
  normal('以前有过井盖丢失的情况，现在已经修好了'),
  normal('想知道明天的停水通知什么时候发'),
  normal('家里漏电保护器老是跳闸，想请电工'),
  normal('房子不会倒塌吧，想咨询危房鉴定怎么申请'),
  normal('火灾隐患排查工作什么时候开展'),
  normal('火车站附近出租车拒载'),
  normal('小区停车位被占，打车主电话也不接'),
  normal('楼下火锅店的排烟管道噪音很大'),
  normal('燃气公司上门安检收费是否合理'),
  normal('小区的消防通道标识不清楚', false),
  normal('烟囱里冒黑烟，污染空气'),
  normal('孩子走丢的事情去年已经解决了，谢谢你们', false),
  normal('之前的塌方已经处理好了，路也通了'),
];

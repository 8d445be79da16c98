import { ESTATES } from './data/vocabulary.js';
import type { PlannedTicket } from './plan-types.js';
import type { Random } from './random.js';
import type { SeededLeaf } from './seed-categories.js';
import { fill } from './texts.js';

// Appeals closed during the call: emergencies go at once to 110/119/122 and matters of another
// legal procedure are explained (转办, ../shared/DOMAIN.md); praise is recorded and passed on.

const REFERRALS = [
  {
    target: '110',
    leaf: '治安隐患',
    title: '{place}有人打架斗殴',
    detail: '{place}附近现在有一群人在打架，有人受伤了，情况很危险。',
    reason: '属于正在发生的治安警情，已告知市民立即拨打110报警，并三方转接110处置。',
  },
  {
    target: '119',
    leaf: '安全隐患',
    title: '{estate}楼道冒烟起火',
    detail: '{estate}楼道里有电瓶车在冒烟，好像着火了，有很大的焦味。',
    reason: '属于火灾警情，已立即转接119消防救援处置，并提醒市民迅速撤离。',
  },
  {
    target: '122',
    leaf: '违章停车',
    title: '{place}发生交通事故',
    detail: '{place}路口两辆车追尾了，堵住了路口，双方在争吵。',
    reason: '属于道路交通事故，已转接122交通事故报警台处置。',
  },
  {
    target: 'other',
    leaf: '医患纠纷',
    title: '咨询医疗纠纷诉讼',
    detail: '家人手术出现问题，已经向法院起诉医院，想让12345督促法院尽快判决。',
    reason: '该事项已进入司法程序，12345不能干预，已告知市民依法通过法院诉讼程序主张权利。',
  },
];

/** An emergency or a matter for another legal procedure: referred at once, no ticket to handle. */
export function makeReferral(
  rng: Random,
  plan: PlannedTicket,
  leaves: readonly SeededLeaf[],
): void {
  const script = rng.pick(REFERRALS);
  const leaf = leaves.find((l) => l.seed.name === script.leaf);
  if (!leaf) return;
  const where = {
    district: plan.district.seed,
    street: plan.street.seed,
    place: rng.pick(plan.street.seed.places),
    estate: rng.pick(ESTATES),
  };
  plan.leaf = leaf;
  plan.urgency = script.target === 'other' ? 'normal' : 'emergency';
  plan.appealType = script.target === 'other' ? 'enquiry' : 'help';
  plan.closeAtIntake = 'referral';
  plan.referral = { target: script.target, reason: script.reason };
  plan.text = {
    ...plan.text,
    title: fill(script.title, where, rng),
    description: `市民来电反映：${fill(script.detail, where, rng)}`,
  };
}

const PRAISES = [
  {
    title: '表扬{street}工作人员',
    detail:
      '之前反映的{place}问题，{street}的工作人员当天就到现场处理了，态度很好，特地打电话表扬。',
  },
  {
    title: '表扬12345热线办事高效',
    detail: '上次反映{place}的问题很快就解决了，感谢12345热线和相关部门，希望继续保持。',
  },
];

/** A caller who only wants to thank someone (表扬): recorded and passed on at once. */
export function makePraise(rng: Random, plan: PlannedTicket): void {
  const script = rng.pick(PRAISES);
  const where = {
    district: plan.district.seed,
    street: plan.street.seed,
    place: rng.pick(plan.street.seed.places),
    estate: rng.pick(ESTATES),
  };
  plan.appealType = 'praise';
  plan.urgency = 'normal';
  plan.closeAtIntake = 'direct_answer';
  plan.answer = '已记录市民的表扬意见，将转达相关单位，感谢市民对12345热线工作的支持。';
  plan.text = {
    ...plan.text,
    title: fill(script.title, where, rng),
    description: `市民来电：${fill(script.detail, where, rng)}`,
  };
}

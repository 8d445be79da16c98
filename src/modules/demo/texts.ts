import type { Channel } from '../tickets/index.js';
import type { LeafSeed } from './data/category-types.js';
import type { DistrictSeed, StreetSeed } from './data/districts.js';
import {
  BUS_ROUTES,
  CLOSINGS,
  COMPANIES,
  ESTATES,
  GIVEN_NAMES,
  PHONE_PREFIXES,
  PLATE_LETTERS,
  SCHOOLS,
  SHOPS,
  SURNAMES,
  CALLBACK_NOTES,
} from './data/vocabulary.js';
import type { Random } from './random.js';

// Believable, varied appeal texts from the category templates: the words a caller would use,
// about real places of the district, with invented people, shops and numbers.

/** Where an appeal happens. */
export interface AppealPlace {
  district: DistrictSeed;
  street: StreetSeed;
  place: string;
  estate: string;
}

export interface AppealText {
  title: string;
  description: string;
  address: string;
}

const CHANNEL_OPENING: Record<Channel, string[]> = {
  phone: ['市民来电反映：', '市民来电称：', '来电人反映：'],
  // Portal and app appeals are the citizen's own words.
  web: [''],
  app: [''],
  wechat: ['市民通过12345微信公众号反映：'],
  weibo: ['网民通过微博反映：'],
  sms: ['市民发送短信反映：'],
  email: ['市民来信反映：'],
  walk_in: ['市民来访反映：'],
};

export const personName = (rng: Random): string => rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);

/** An invented 11-digit mobile number (13x/15x/18x). */
export const phoneNumber = (rng: Random): string =>
  rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');

/** A place in the district: the urban subdistricts (街道) call more than the towns. */
export function pickPlace(rng: Random, district: DistrictSeed): AppealPlace {
  const street = rng.weighted(district.streets, (s) => (s.name.endsWith('街道') ? 3 : 1));
  return { district, street, place: rng.pick(street.places), estate: rng.pick(ESTATES) };
}

/**
 * Fills the {placeholders} of a template. Pass the same `memo` to fill a title and its details
 * alike: the same shop, company or number in both.
 */
export function fill(
  template: string,
  where: AppealPlace,
  rng: Random,
  memo = new Map<string, string>(),
): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    let value = memo.get(key);
    if (value === undefined) {
      value = placeholder(key, where, rng) ?? whole;
      memo.set(key, value);
    }
    return value;
  });
}

function placeholder(key: string, where: AppealPlace, rng: Random): string | null {
  switch (key) {
    case 'place':
      return where.place;
    case 'estate':
      return where.estate;
    case 'street':
      return where.street.name;
    case 'district':
      return where.district.name;
    case 'days':
      return String(rng.int(2, 15));
    case 'months':
      return String(rng.int(2, 8));
    case 'n':
      return String(rng.int(2, 9));
    case 'hour':
      return String(rng.pick([6, 7, 8, 9, 10, 11, 12, 22, 23]));
    case 'shop':
      return rng.pick(SHOPS);
    case 'company':
      return rng.pick(COMPANIES);
    case 'route':
      return rng.pick(BUS_ROUTES);
    case 'school':
      return rng.pick(SCHOOLS);
    case 'plate':
      return `川E${rng.pick([...PLATE_LETTERS])}${String(rng.int(0, 9999)).padStart(4, '0')}`;
    case 'amount':
      return String(rng.pick([800, 1200, 2680, 3500, 4800, 6000, 12000, 23500, 46000]));
    default:
      return null;
  }
}

/** The title, description and address of one appeal about `leaf` at `where`. */
export function composeAppeal(
  rng: Random,
  leaf: LeafSeed,
  where: AppealPlace,
  channel: Channel,
): AppealText {
  const memo = new Map<string, string>();
  const i = rng.int(0, leaf.titles.length - 1);
  const title = fill(leaf.titles[i]!, where, rng, memo);
  const detail = fill(leaf.details[i % leaf.details.length]!, where, rng, memo);
  const asks = detail.includes('请') || detail.includes('希望') || leaf.appeal === 'enquiry';
  const closing = asks ? '' : rng.pick(CLOSINGS);
  const building = rng.chance(0.6) ? `${rng.int(1, 30)}栋${rng.int(1, 4)}单元` : '';
  const address = `泸州市${where.district.name}${where.street.name}${where.place}${
    rng.chance(0.5) ? where.estate + building : ''
  }`;
  return {
    title,
    description: `${rng.pick(CHANNEL_OPENING[channel])}${detail}${closing}`,
    address,
  };
}

/** A unit's reply: what it found, what it did, and that the citizen was told. */
export function composeReply(rng: Random, leaf: LeafSeed, unitName: string): string {
  const found = rng.pick([
    '经核实，市民反映的情况属实。',
    '接到工单后，我单位立即安排工作人员到现场核实。',
    `${unitName}收到工单后高度重视，安排专人跟进处理。`,
    '经现场调查，情况基本属实。',
  ]);
  const told = rng.pick([
    '已电话联系市民告知处理结果，市民表示认可。',
    '已与市民电话沟通，告知处理情况。',
    '工作人员已将处理结果当面告知市民。',
    '已将处理情况短信告知市民，后续将持续关注。',
  ]);
  return `${found}${leaf.reply}${told}`;
}

export function callbackNote(rng: Random, outcome: keyof typeof CALLBACK_NOTES): string {
  return rng.pick(CALLBACK_NOTES[outcome]);
}

/** Why a unit sends a misrouted order back (退单). */
export function returnReason(rng: Random, unitName: string): string {
  return rng.pick([
    `该诉求地点不在${unitName}辖区范围内，请重新派单。`,
    `经核实，该事项不属于${unitName}职责范围，建议派相关主管部门办理。`,
    '诉求地址不详，无法核实具体位置，且市民电话无法接通，申请退回。',
    '该事项已进入司法程序，不属于本单位受理范围，申请退单。',
  ]);
}

export function extensionReason(rng: Random): string {
  return rng.pick([
    '该问题涉及多个部门协调，需进一步会商处理，申请延期。',
    '维修需要采购配件，预计到货时间较长，申请延期办理。',
    '涉及资金拨付审批流程，短期内无法办结，申请延期。',
    '需等待检测机构出具检测报告，申请延期。',
  ]);
}

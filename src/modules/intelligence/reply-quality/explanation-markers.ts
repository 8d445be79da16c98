// What a good reply explains (the 12345 evaluation practice "办理结果 + 依据 + 时限 + 责任单位"):
// what was done, on what basis, by when, and who is responsible or whom to contact. Each is
// recognised by its usual wording in Chinese replies.

/** The stock sentences of a reply: greetings, "received", thanks, apologies, the signature. */
const STOCK =
  /您好|你好|收悉|收到|如下|感谢|谢谢|支持|理解|监督|关心|关注|谅解|信任|欢迎|满意|祝您|此复|特此/u;

const ACTION =
  /已(?!收悉|收到|经收)|经(?:调查|核实|核查|查|了解|研究|现场)|安排|处理|整改|落实|协调|维修|修复|更换|清理|清运|督促|责令|约谈|查处|核查|调查|组织|现场|走访|告知|拆除|疏通|恢复|完成|执法|检查|处罚|立案|下发|开展|启动|回访/u;
const BASIS =
  /根据|依据|按照|依照|遵照|《[^》]{2,}》|规定|条例|办法|政策|标准|法律|法规|文件|第[一二三四五六七八九十百千\d]+条|规划|方案/u;
const TIME =
  /\d{4}\s*年\s*\d{1,2}\s*月|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{1,2}\s*月(?:底|初|中旬|上旬|下旬)|[月年]底|日前|近日|近期|\d+\s*个?(?:工作日|日|天|周|星期|个月|小时)内|[本下]周|[本下]月|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|预计|计划于|之前完成|前完成/u;
const RESPONSIBLE =
  /[\p{Script=Han}\dA-Za-z]{1,12}(?:局|委员会|委|办公室|街道|社区|居委会|村委会|镇|乡|中心|公司|大队|中队|支队|派出所|管理处|管理所|办事处)|联系人|联系电话|电话|热线|\d{3,4}-?\d{7,8}|1[3-9]\d{9}|负责人/u;

/** The signing date at the end of a reply ("2019年5月9日") tells when it was written, not by when. */
const SIGNATURE_DATE = /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?\s*[。.]?\s*$/u;

export interface ExplanationMarkers {
  action: boolean;
  basis: boolean;
  time: boolean;
  responsible: boolean;
}

/** Whether a sentence is stock wording only (greeting, thanks…) with nothing of the matter in it. */
export const isStockSentence = (sentence: string, hasContent: boolean): boolean =>
  !hasContent && STOCK.test(sentence);

export function explanationMarkers(reply: string): ExplanationMarkers {
  const text = reply.trim().replace(SIGNATURE_DATE, '');
  return {
    action: ACTION.test(text),
    basis: BASIS.test(text),
    time: TIME.test(text),
    responsible: RESPONSIBLE.test(text),
  };
}

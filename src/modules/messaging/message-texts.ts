// What the centre says to citizens on SMS, Weibo and e-mail. Pure functions of what each text may
// contain: a public Weibo comment takes nothing but the ticket number, so it cannot echo a name,
// a phone number, an address or a query code.

/** Where an outbox body carries the query code until it is sent (the code is kept apart). */
export const QUERY_CODE_PLACEHOLDER = '{queryCode}';

/** At most `max` characters (code points: 𠮷 is one), with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text.trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** A reply as one line of SMS: whitespace runs folded, at most this many characters. */
const SMS_REPLY_CHARS = 300;
const fold = (text: string): string => text.replace(/\s+/g, ' ').trim();

export const smsTexts = {
  receipt: (signature: string, number: string, withCode: boolean) =>
    withCode
      ? `${signature}您的诉求已受理，工单号${number}，查询码${QUERY_CODE_PLACEHOLDER}。可凭工单号和查询码在网上查询办理进度。`
      : `${signature}您的诉求已受理，工单号${number}。`,
  answer: (signature: string, number: string, reply: string) =>
    `${signature}您的诉求（工单号${number}）已答复：${clip(fold(reply), SMS_REPLY_CHARS)}`,
  survey: (signature: string, number: string) =>
    `${signature}请您对工单${number}的办理结果进行评价：满意回复1，基本满意回复2，不满意回复3。`,
  resolutionQuestion: (signature: string, number: string) =>
    `${signature}请问工单${number}反映的问题是否已解决？已解决回复1，未解决回复2。`,
  thanks: (signature: string, number: string, reopened: boolean) =>
    reopened
      ? `${signature}感谢您的评价。工单${number}已转回承办单位重新办理。`
      : `${signature}感谢您对工单${number}的评价。`,
  alreadyEvaluated: (signature: string, number: string) =>
    `${signature}工单${number}已完成回访，感谢您的反馈。`,
};

/** Public comments under a citizen's post: the ticket number and neutral words, nothing else. */
export const weiboPublicTexts = {
  receipt: (number: string) =>
    `您好，您反映的问题已受理，工单号${number}。为保护您的隐私，请勿在评论区公开个人信息；补充情况或查询进度请私信本账号并注明工单号。`,
  answered: (number: string) =>
    `您好，工单${number}已办理答复。为保护您的隐私，答复内容请私信本账号并注明工单号查询。`,
};

/** Private messages to the citizen's own Weibo account: the query code and the reply may go here. */
export const weiboPrivateTexts = {
  receipt: (number: string, withCode: boolean) =>
    withCode
      ? `您好，您的诉求已受理，工单号${number}，查询码${QUERY_CODE_PLACEHOLDER}。可凭工单号和查询码在网上查询办理进度。`
      : `您好，您的诉求已受理，工单号${number}。`,
  answer: (number: string, reply: string) =>
    `您好，工单${number}已答复：${clip(fold(reply), 1000)}`,
  status: (number: string, status: string, reply: string | null) =>
    reply
      ? weiboPrivateTexts.answer(number, reply)
      : `您好，工单${number}正在办理中（${STATUS_WORDS[status] ?? '办理中'}），有答复后我们会通知您。`,
};

const STATUS_WORDS: Record<string, string> = {
  received: '已受理，待分派',
  pending_dispatch: '待派单',
  dispatched: '已派至承办单位',
  in_progress: '承办单位办理中',
  return_review: '重新分派中',
  merged: '已与同一事项合并办理',
};

export const emailTexts = {
  receiptSubject: (subject: string | null, number: string) =>
    `${subject ? `Re: ${clip(subject, 150)} ` : ''}[工单号 ${number}] 您的来信已受理`,
  receipt: (number: string, withCode: boolean, skipped: string[]) =>
    [
      '您好：',
      '',
      `您的来信已收到并受理，工单号 ${number}${withCode ? `，查询码 ${QUERY_CODE_PLACEHOLDER}` : ''}。`,
      withCode ? '可凭工单号和查询码在网上查询办理进度，并在答复后评价。' : '',
      skipped.length > 0
        ? `以下附件的格式不能接收，未能保存：${skipped.join('、')}。可接收的格式：图片、PDF、音频、视频和纯文本。`
        : '',
      '',
      '回复本邮件可补充情况。',
    ]
      .filter((line, i, all) => line !== '' || all[i - 1] !== '')
      .join('\n'),
  answerSubject: (subject: string | null, number: string) =>
    `${subject ? `Re: ${clip(subject, 150)} ` : ''}[工单号 ${number}] 答复`,
  answer: (number: string, reply: string, canEvaluate: boolean) =>
    [
      '您好：',
      '',
      `您的来信（工单号 ${number}）已答复：`,
      '',
      reply.trim(),
      '',
      canEvaluate ? '欢迎凭工单号和查询码在网上评价本次办理。' : '',
    ]
      .join('\n')
      .trimEnd(),
  staffReplySubject: (subject: string | null) =>
    `${subject ? `Re: ${clip(subject, 150)} ` : ''}本邮箱不接收对工作通知的回复 / Replies to staff notices are not read`,
  staffReply: [
    '您好：',
    '',
    '本邮箱只受理市民来信，对督办提醒等工作通知的回复不会有人阅读，也不会记入工单。',
    '请通过通知中的链接在工作台办理该工单（签收、回复、申请延期或退回）。',
    '',
    "This mailbox takes citizens' appeals only: replies to staff notices are not read and do not",
    'reach the ticket. Please use the link in the notice to act on the ticket in the workspace.',
  ].join('\n'),
};

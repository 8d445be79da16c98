// Pure rules of supervision notices by e-mail and SMS: the contact fields, the topics a user
// chooses from and their defaults, and the words of each notice in Chinese and English.
import { ValidationError } from '../../../platform/errors.js';
import type { NoticeKind } from '../notices.js';

/** What a user chooses to receive by e-mail and SMS: several notice kinds share a topic. */
export const NOTICE_TOPICS = [
  'near',
  'overdue',
  'reminder',
  'escalation',
  'order',
  'evaluation',
] as const;
export type NoticeTopic = (typeof NOTICE_TOPICS)[number];

export const NOTICE_LANGUAGES = ['zh-CN', 'en'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];

export interface TopicChoice {
  email: boolean;
  sms: boolean;
}

/** Urgent topics by SMS and e-mail; the rest by e-mail only. */
export const DEFAULT_CHOICES: Readonly<Record<NoticeTopic, TopicChoice>> = {
  near: { email: true, sms: false },
  overdue: { email: true, sms: true },
  reminder: { email: true, sms: false },
  escalation: { email: true, sms: true },
  order: { email: true, sms: true },
  evaluation: { email: true, sms: false },
};

export function topicOf(kind: NoticeKind): NoticeTopic {
  switch (kind) {
    case 'sv_near':
      return 'near';
    case 'sv_overdue':
      return 'overdue';
    case 'sv_reminder':
      return 'reminder';
    case 'sv_escalation':
      return 'escalation';
    case 'sv_order_issued':
    case 'sv_order_replied':
    case 'sv_order_sent_back':
    case 'sv_order_closed':
      return 'order';
    case 'sv_evaluation_requested':
    case 'sv_evaluation_decided':
      return 'evaluation';
  }
}

const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/u;
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

/** A work e-mail: trimmed, at most 254 characters, one address; '' or null clears it. */
export function normaliseEmail(value: string | null | undefined): string | null {
  const email = (value ?? '').normalize('NFC').trim();
  if (email === '') return null;
  if (email.length > 254)
    throw new ValidationError('email', 'An e-mail address has at most 254 characters', undefined, {
      rule: 'maxLength',
      limit: 254,
    });
  if (!EMAIL.test(email))
    throw new ValidationError('email', 'Not an e-mail address (name@example.gov.cn)', undefined, {
      rule: 'format',
    });
  return email;
}

/**
 * A mobile number: a mainland number (11 digits, 1[3-9]…) or E.164 (+8613800000000); spaces and
 * dashes are dropped; '' or null clears it.
 */
export function normaliseMobile(value: string | null | undefined): string | null {
  const mobile = (value ?? '').normalize('NFKC').replace(/[\s-]/g, '');
  if (mobile === '') return null;
  if (!MAINLAND_MOBILE.test(mobile) && !E164.test(mobile))
    throw new ValidationError(
      'mobile',
      'Not a mobile number: 11 digits starting 13–19, or +<country code><number>',
      undefined,
      { rule: 'pattern' },
    );
  return mobile;
}

export function normaliseLanguage(value: string | undefined, fallback: NoticeLanguage) {
  if (value === undefined) return fallback;
  if (!(NOTICE_LANGUAGES as readonly string[]).includes(value))
    throw new ValidationError('language', 'The language is zh-CN or en', undefined, {
      rule: 'enum',
      allowed: [...NOTICE_LANGUAGES],
    });
  return value as NoticeLanguage;
}

/** What a notice says, per channel: an e-mail's subject and body, a text's one paragraph. */
export interface NoticeWords {
  subject: string;
  text: string;
  sms: string;
}

export interface NoticeFacts {
  kind: NoticeKind;
  ticket: { id: number; number: string; title: string };
  /** The unit an escalation is about (its name), if known. */
  unitName?: string | null;
  /** sv_evaluation_*: exemption | objection; and for a decision, approve | refuse. */
  requestKind?: string | null;
  decision?: string | null;
  /** The ticket's page in the staff workspace, if the workspace address is set. */
  link: string | null;
}

const ZH: Record<NoticeKind, (f: NoticeFacts) => [title: string, line: string]> = {
  sv_near: () => ['临期提醒', '即将到期，请抓紧办理。'],
  sv_overdue: () => ['超期提醒', '已超过办理时限，请立即办理。'],
  sv_escalation: (f) => [
    '超期提级督办',
    `${f.unitName ? `承办单位（${f.unitName}）` : '承办单位'}超期未办，已提级至您处督办。`,
  ],
  sv_reminder: () => ['催办', '收到催办，请尽快办理并反馈。'],
  sv_order_issued: () => ['督办单', '收到督办单，请按期办理并回复。'],
  sv_order_replied: () => ['督办单已回复', '督办单已回复，请审核。'],
  sv_order_sent_back: () => ['督办单回复被退回', '督办单回复未通过，已退回，请重新办理。'],
  sv_order_closed: () => ['督办单已办结', '督办单已办结。'],
  sv_evaluation_requested: (f) => [`${requestZh(f)}申请`, `有新的${requestZh(f)}申请待审核。`],
  sv_evaluation_decided: (f) => [
    `${requestZh(f)}申请结果`,
    f.decision === 'approve'
      ? `${requestZh(f)}申请已获批准。`
      : f.decision === 'refuse'
        ? `${requestZh(f)}申请未获批准。`
        : `${requestZh(f)}申请已有结果，请查看。`,
  ],
};

const EN: Record<NoticeKind, (f: NoticeFacts) => [title: string, line: string]> = {
  sv_near: () => ['Deadline near', 'is close to its deadline. Please handle it soon.'],
  sv_overdue: () => ['Overdue', 'is past its deadline. Please handle it now.'],
  sv_escalation: (f) => [
    'Escalated to you',
    `is overdue at ${f.unitName ?? 'the handling unit'} and has been escalated to you.`,
  ],
  sv_reminder: () => ['Reminder', 'has been chased. Please handle it and report back.'],
  sv_order_issued: () => [
    'Supervision order',
    'has a supervision order. Please handle and reply in time.',
  ],
  sv_order_replied: () => [
    'Supervision order replied',
    'has a reply to its supervision order. Please review it.',
  ],
  sv_order_sent_back: () => [
    'Supervision order sent back',
    'had its supervision order reply sent back. Please handle it again.',
  ],
  sv_order_closed: () => ['Supervision order closed', 'had its supervision order closed.'],
  sv_evaluation_requested: (f) => [
    `${requestEn(f)} request`,
    `has a new ${requestEn(f).toLowerCase()} request to review.`,
  ],
  sv_evaluation_decided: (f) => [
    `${requestEn(f)} decision`,
    f.decision === 'approve'
      ? `had its ${requestEn(f).toLowerCase()} request approved.`
      : f.decision === 'refuse'
        ? `had its ${requestEn(f).toLowerCase()} request refused.`
        : `had its ${requestEn(f).toLowerCase()} request decided.`,
  ],
};

function requestZh(f: NoticeFacts): string {
  return f.requestKind === 'exemption'
    ? '核减'
    : f.requestKind === 'objection'
      ? '申诉'
      : '核减/申诉';
}

function requestEn(f: NoticeFacts): string {
  return f.requestKind === 'exemption'
    ? 'Exemption'
    : f.requestKind === 'objection'
      ? 'Objection'
      : 'Exemption or objection';
}

/**
 * The words of a notice: the ticket's number and title (as the in-app notice shows them, no
 * citizen's data), what happened, and the link to the ticket. `smsSignature` ('【12345】') goes
 * before a text, as the SMS channel requires.
 */
export function noticeWords(
  facts: NoticeFacts,
  language: NoticeLanguage,
  smsSignature = '',
): NoticeWords {
  const { number, title } = facts.ticket;
  const shortTitle = shorten(title, SMS_TITLE_CHARS);
  if (language === 'en') {
    const [heading, line] = EN[facts.kind](facts);
    const link = facts.link ? `\nOpen the ticket: ${facts.link}` : '';
    return {
      subject: `[12345] ${heading}: ticket ${number} ${title}`,
      text:
        `Ticket ${number} "${title}" ${line}\n${link}\n\n` +
        'This message was sent automatically by the 12345 hotline system. Please do not reply.\n',
      sms: `${smsSignature}${heading}: ticket ${number} "${shortTitle}" ${line}${facts.link ? ` ${facts.link}` : ''}`,
    };
  }
  const [heading, line] = ZH[facts.kind](facts);
  const link = facts.link ? `\n查看工单：${facts.link}` : '';
  return {
    subject: `【${heading}】工单${number}「${title}」`,
    text: `工单${number}「${title}」${line}\n${link}\n\n本邮件由12345热线系统自动发送，请勿回复。\n`,
    sms: `${smsSignature}【${heading}】工单${number}「${shortTitle}」${line}${facts.link ? `查看：${facts.link}` : ''}`,
  };
}

/** A text stays short: a long title is cut (by characters, so 𠮷 and emoji stay whole). */
const SMS_TITLE_CHARS = 30;

function shorten(text: string, chars: number): string {
  const all = Array.from(text);
  return all.length <= chars ? text : `${all.slice(0, chars - 1).join('')}…`;
}

/** The ticket's page under the workspace's address, or null when the address is not set. */
export function ticketLink(baseUrl: string | null, ticketId: number): string | null {
  if (!baseUrl) return null;
  return `${baseUrl.replace(/\/+$/, '')}/tickets/${ticketId}`;
}

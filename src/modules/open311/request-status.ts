// How a ticket's life reads to an Open311 client: open or closed, and a short note on where it
// stands. Pure: no I/O.
import { TICKET_STATUSES, type TicketStatus } from '../tickets/index.js';
import type { Open311Status } from './request-query-rules.js';
import type { Open311Locale } from './open311-settings.js';

/**
 * Closed only once the ticket is closed. A replied ticket waits for its callback and may still be
 * reopened; a merged one is handled with its parent and its caller still gets the answer.
 */
export const open311StatusOf = (status: TicketStatus): Open311Status =>
  status === 'closed' ? 'closed' : 'open';

/** Our statuses behind each Open311 status, for filtering. */
export function ticketStatusesOf(statuses: readonly Open311Status[]): TicketStatus[] {
  return TICKET_STATUSES.filter((s) => statuses.includes(open311StatusOf(s)));
}

export interface StatusFacts {
  status: TicketStatus;
  resolution: string | null;
  /** The lead unit's name (the agency responsible), once dispatched. */
  unitName: string | null;
  /** The ticket it was merged into. */
  parentNumber: string | null;
}

type Notes = Record<TicketStatus, (facts: StatusFacts) => string>;

const unitOr = (facts: StatusFacts, fallback: string) => facts.unitName ?? fallback;

const CLOSED = {
  'zh-CN': {
    direct_answer: '已当场答复，办结',
    referral: '不属于本热线受理范围，已告知相应办理渠道',
    invalid: '经核实为无效诉求，已关闭',
    default: '已办结',
  },
  en: {
    direct_answer: 'Answered on the spot; closed',
    referral: 'Outside the hotline’s remit; referred to the right channel',
    invalid: 'Found not to be a valid request; closed',
    default: 'Closed',
  },
} as const;

const NOTES: Record<Open311Locale, Notes> = {
  'zh-CN': {
    received: () => '已收到，等待受理',
    pending_dispatch: () => '已受理，等待派单',
    dispatched: (f) => `已派至${unitOr(f, '承办单位')}，等待签收`,
    in_progress: (f) => `${unitOr(f, '承办单位')}正在办理`,
    return_review: () => '正在重新确定承办单位',
    replied: (f) => `${unitOr(f, '承办单位')}已答复，等待回访`,
    closed: (f) => closedNote(f, 'zh-CN'),
    merged: (f) =>
      f.parentNumber ? `与工单 ${f.parentNumber} 合并办理` : '与同一事项的其他工单合并办理',
  },
  en: {
    received: () => 'Received; waiting to be accepted',
    pending_dispatch: () => 'Accepted; waiting to be dispatched',
    dispatched: (f) => `Dispatched to ${unitOr(f, 'the handling unit')}; waiting for sign-for`,
    in_progress: (f) => `Being handled by ${unitOr(f, 'the handling unit')}`,
    return_review: () => 'The handling unit is being decided again',
    replied: (f) => `${unitOr(f, 'The handling unit')} has replied; a callback follows`,
    closed: (f) => closedNote(f, 'en'),
    merged: (f) =>
      f.parentNumber
        ? `Handled together with request ${f.parentNumber}`
        : 'Handled together with other requests about the same matter',
  },
};

function closedNote(facts: StatusFacts, locale: Open311Locale): string {
  const notes = CLOSED[locale];
  switch (facts.resolution) {
    case 'direct_answer':
    case 'referral':
    case 'invalid':
      return notes[facts.resolution];
    default:
      return notes.default;
  }
}

/** Where the ticket stands, in a sentence for the citizen. */
export const statusNote = (facts: StatusFacts, locale: Open311Locale): string =>
  NOTES[locale][facts.status](facts);

/** What happens after filing, unless the admin wrote a service_notice of their own. */
export const DEFAULT_SERVICE_NOTICE: Record<Open311Locale, string> = {
  'zh-CN':
    '您的诉求已收到。网上来件 2 小时内受理，受理后派至承办单位，一般事项 7 个工作日内答复，办结后回访。',
  en: 'Your request has been received. Online requests are accepted within 2 hours and then dispatched to the handling unit, which replies within 7 working days for most matters; we call back after the reply.',
};

/** The private part of the answer to a POST: how to follow the appeal on the portal. */
export function followUpNotice(number: string, queryCode: string, locale: Open311Locale): string {
  return locale === 'zh-CN'
    ? `工单号 ${number}，查询码 ${queryCode}：可凭此在市民门户查询进度、评价答复。`
    : `Request ${number}, query code ${queryCode}: use them on the citizens' portal to follow the request and rate the reply.`;
}

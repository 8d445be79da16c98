// What a citizen is told about their ticket on WeChat: its status in plain words when they ask
// ("查询"), and a message when it changes in a way they care about. Never personal data, never
// the handling unit's internals. No I/O here.
import { localDate } from '../../platform/time-zone.js';
import type { TicketStatus } from '../tickets/index.js';
import { clipReply } from './conversation-rules.js';

export const STATUS_WORDS: Record<TicketStatus, string> = {
  received: '已收到，等待受理',
  pending_dispatch: '已受理，正在转交承办单位',
  dispatched: '已转交承办单位',
  in_progress: '承办单位正在办理',
  // A return under review is the centre's business: the citizen sees it still being handled.
  return_review: '正在办理',
  replied: '已答复',
  closed: '已办结',
  merged: '已与反映同一问题的工单合并办理',
};

export interface TicketProgress {
  number: string;
  status: TicketStatus;
  createdAt: string;
  replyText: string | null;
}

const ANSWERED: readonly TicketStatus[] = ['replied', 'closed'];

/** One ticket's progress, for "查询 <number>". */
export function progressReply(ticket: TicketProgress, timeZone: string): string {
  const day = localDate(new Date(ticket.createdAt), timeZone);
  const lines = [`工单 ${ticket.number}（${day} 提交）：${STATUS_WORDS[ticket.status]}。`];
  if (ANSWERED.includes(ticket.status) && ticket.replyText) lines.push(`答复：${ticket.replyText}`);
  return clipReply(lines.join('\n'));
}

/** The citizen's recent tickets, for "查询" alone. */
export function progressListReply(tickets: TicketProgress[]): string {
  if (tickets.length === 0) {
    return '您还没有通过本公众号提交过工单。直接发送文字即可反映问题。';
  }
  return clipReply(
    [
      '您最近提交的工单：',
      ...tickets.map((t) => `${t.number}：${STATUS_WORDS[t.status]}`),
      '发送“查询 + 工单号”查看详情。',
    ].join('\n'),
  );
}

export const notFoundReply = (number: string): string =>
  /^\d{14}$/.test(number)
    ? `没有找到您提交的工单 ${number}。这里只能查询通过本公众号提交的工单；其他渠道的工单请凭查询码在网上查询。`
    : '工单号是 14 位数字，例如“查询 20260302000001”。';

/** One event of a ticket's history, as the push needs it. */
export interface ProgressEvent {
  type: string;
  after: Record<string, unknown> | null;
}

/**
 * The customer-service message for a change of a ticket filed over WeChat, or null when the
 * citizen need not hear of it (a reassignment, a sign-for, a return under review).
 */
export function progressPush(
  event: ProgressEvent,
  ticket: { number: string; replyText: string | null },
): string | null {
  const status = event.after?.status;
  if (typeof status !== 'string') return null;
  const replyText =
    typeof event.after?.replyText === 'string' ? event.after.replyText : ticket.replyText;
  const head = `您的诉求（工单号 ${ticket.number}）`;
  switch (status) {
    case 'pending_dispatch':
      return event.type === 'accept' ? `${head}已受理，正在转交承办单位办理。` : null;
    case 'dispatched':
      return event.type === 'dispatch' ? `${head}已转交承办单位办理，请耐心等待。` : null;
    case 'in_progress':
      // Reopened by the centre, or by a callback that found it unresolved.
      return event.type === 'reopen' || event.type === 'callback'
        ? `${head}已重新交办，承办单位将再次办理。`
        : null;
    case 'replied':
      return clipReply(
        `${head}已办理答复：\n${replyText ?? '（详见工单）'}\n如对办理结果有意见，可回复“查询 ${ticket.number}”或拨打 12345。`,
      );
    case 'merged':
      // A merged ticket follows its parent back when the parent is reopened.
      return event.type === 'merge'
        ? `${head}与其他市民反映的同一问题合并办理，办理结果会同样通知您。`
        : `${head}已重新办理，办理结果会再通知您。`;
    case 'closed':
      switch (event.type) {
        case 'direct_answer':
          return clipReply(`${head}已答复：\n${replyText ?? ''}`);
        case 'refer':
          return clipReply(`${head}需由其他部门办理：\n${replyText ?? ''}`);
        case 'invalidate':
          return `${head}经核实未予受理。如有疑问，请拨打 12345。`;
        default:
          return `${head}已办结，感谢您的支持与监督。`;
      }
    default:
      return null;
  }
}

/** Closed tickets are still watched for a while: a reopening would reach the citizen too. */
export const WATCH_AFTER_CLOSE_MS = 30 * 24 * 3600_000;

import { describe, expect, it } from 'vitest';
import {
  appealOf,
  converse,
  IDLE,
  MAX_PHOTOS,
  TEXTS,
  type Conversation,
  type Step,
} from './conversation-rules.js';
import { progressPush, progressReply, STATUS_WORDS } from './progress-rules.js';
import type { InboundMessage } from './wechat-message.js';

const common = { toUser: 'gh_1', openid: 'o-citizen', createTime: 1772413200, msgId: '1' };
const text = (content: string): InboundMessage => ({ ...common, kind: 'text', content });
const image: InboundMessage = { ...common, kind: 'image', picUrl: 'http://p/1.jpg', mediaId: 'm1' };
const location: InboundMessage = {
  ...common,
  kind: 'location',
  lat: 28.87,
  lng: 105.44,
  label: '泸州市江阳区𠮷祥路',
};
const event = (name: string): InboundMessage => ({
  ...common,
  kind: 'event',
  event: name,
  eventKey: null,
});

/** Plays messages from idle and returns every step. */
function play(...messages: InboundMessage[]): Step[] {
  let conversation: Conversation = IDLE;
  return messages.map((message) => {
    const step = converse(conversation, message);
    conversation = step.next;
    return step;
  });
}

const replyOf = (step: Step | undefined) => (step?.kind === 'reply' ? step.reply : null);

describe('the WeChat conversation', () => {
  it('takes an appeal: what, where, confirm', () => {
    const [what, where, confirm] = play(
      text(' 小区路灯坏了三天，１２号楼😀 '),
      text('江阳区南城街道 12 号'),
      text('1'),
    );
    expect(what).toMatchObject({ kind: 'reply', next: { state: 'awaiting_where' } });
    expect(replyOf(what)).toBe(TEXTS.askWhere);
    expect(where).toMatchObject({ kind: 'reply', next: { state: 'awaiting_confirm' } });
    expect(replyOf(where)).toContain('【问题】小区路灯坏了三天，１２号楼😀');
    expect(replyOf(where)).toContain('【地点】江阳区南城街道 12 号');
    expect(replyOf(where)).toContain('回复 1 确认提交');
    expect(confirm).toMatchObject({ kind: 'file', next: IDLE });
    if (confirm?.kind !== 'file') throw new Error('expected a filing');
    expect(appealOf(confirm.draft)).toEqual({
      description: '小区路灯坏了三天，１２号楼😀',
      address: '江阳区南城街道 12 号',
      lat: null,
      lng: null,
    });
  });

  it('takes the place from a location message, photos at any step, and more words before confirming', () => {
    const steps = play(image, text('井盖丢了'), location, text('很危险'), image, text('确认'));
    expect(replyOf(steps[0])).toBe(`${TEXTS.photoAdded(1)}\n${TEXTS.askWhat}`);
    expect(steps[1]?.next.state).toBe('awaiting_where');
    expect(replyOf(steps[2])).toContain('位置已收到：泸州市江阳区𠮷祥路。');
    expect(replyOf(steps[3])).toContain('【问题】井盖丢了\n很危险');
    expect(replyOf(steps[4])).toContain('【照片】2 张');
    const filed = steps[5];
    if (filed?.kind !== 'file') throw new Error('expected a filing');
    expect(appealOf(filed.draft)).toEqual({
      description: '井盖丢了\n很危险',
      address: '泸州市江阳区𠮷祥路',
      lat: 28.87,
      lng: 105.44,
    });
    expect(filed.draft.photos).toEqual([
      { mediaId: 'm1', picUrl: 'http://p/1.jpg' },
      { mediaId: 'm1', picUrl: 'http://p/1.jpg' },
    ]);
  });

  it('keeps at most four photos', () => {
    const steps = play(...Array.from({ length: MAX_PHOTOS + 1 }, () => image));
    expect(steps[MAX_PHOTOS - 1]?.next.draft.photos).toHaveLength(MAX_PHOTOS);
    expect(replyOf(steps[MAX_PHOTOS])).toContain(TEXTS.tooManyPhotos);
    expect(steps[MAX_PHOTOS]?.next.draft.photos).toHaveLength(MAX_PHOTOS);
  });

  it('uses a voice message by its recognition, and says so when there is none', () => {
    const voice = (recognition: string | null): InboundMessage => ({
      ...common,
      kind: 'voice',
      mediaId: 'v1',
      recognition,
    });
    expect(play(voice('路灯不亮'))[0]).toMatchObject({
      next: { state: 'awaiting_where', draft: { what: '路灯不亮' } },
    });
    expect(replyOf(play(voice(null))[0])).toContain(TEXTS.voiceUnreadable);
  });

  it('cancels with 2 or 取消, and only confirms with a summary on screen', () => {
    expect(play(text('路灯坏了'), text('南城街道'), text('2'))[2]).toMatchObject({
      next: IDLE,
      reply: TEXTS.cancelled,
    });
    expect(play(text('路灯坏了'), text('南城街道'), text('１'))[2]?.kind).toBe('file');
    expect(play(text('路灯坏了'), text('取消'))[1]).toMatchObject({
      next: IDLE,
      reply: TEXTS.cancelled,
    });
    // "1" while asked where is an address, not a confirmation.
    expect(play(text('路灯坏了'), text('1'))[1]).toMatchObject({
      kind: 'reply',
      next: { state: 'awaiting_confirm' },
    });
  });

  it('answers "查询" with or without a number at any step, keeping the draft', () => {
    const steps = play(
      text('路灯坏了'),
      text('查询 20260302000001'),
      text('查询'),
      text('查询：2026 0302 000001'),
    );
    expect(steps[1]).toMatchObject({
      kind: 'query',
      number: '20260302000001',
      next: { state: 'awaiting_where' },
    });
    expect(steps[2]).toMatchObject({ kind: 'query', number: null });
    expect(steps[3]).toMatchObject({ kind: 'query', number: '20260302000001' });
    // An appeal that happens to start with 查询 is an appeal.
    expect(play(text('查询一下社保怎么办理'))[0]).toMatchObject({
      next: { state: 'awaiting_where' },
    });
  });

  it('greets new followers and greetings, says nothing to other events, forgets on unsubscribe', () => {
    expect(replyOf(play(event('subscribe'))[0])).toBe(TEXTS.welcome);
    expect(replyOf(play(text('你好！'))[0])).toBe(TEXTS.welcome);
    expect(play(text('路灯坏了'), event('CLICK'))[1]).toMatchObject({
      reply: null,
      next: { state: 'awaiting_where' },
    });
    expect(play(text('路灯坏了'), event('unsubscribe'))[1]).toMatchObject({
      reply: null,
      next: IDLE,
    });
    expect(replyOf(play({ ...common, kind: 'other', msgType: 'video' })[0])).toBe(
      TEXTS.unsupported,
    );
  });
});

describe('what a WeChat citizen is told of their ticket', () => {
  const ticket = { number: '20260302000001', replyText: '已更换灯泡 𠮷😀' };

  it('tells the changes a citizen cares about, and only those', () => {
    const push = (type: string, after: Record<string, unknown> | null) =>
      progressPush({ type, after }, ticket);
    expect(push('accept', { status: 'pending_dispatch' })).toContain('已受理');
    expect(push('dispatch', { status: 'dispatched', leadUnitId: 4 })).toContain('已转交承办单位');
    expect(push('reply', { status: 'replied', replyText: '路灯已修复' })).toContain('路灯已修复');
    expect(push('follow_parent', { status: 'replied' })).toContain('已更换灯泡 𠮷😀');
    expect(push('callback', { status: 'closed' })).toContain('已办结');
    expect(push('callback', { status: 'in_progress' })).toContain('重新交办');
    expect(push('invalidate', { status: 'closed' })).toContain('未予受理');
    for (const [type, after] of [
      ['created', null],
      ['reassign', { leadUnitId: 5 }],
      ['sign', { status: 'in_progress' }],
      ['request_return', { status: 'return_review' }],
      ['refuse_return', { status: 'dispatched' }],
      ['accept_return', { status: 'pending_dispatch' }],
      ['attachment_added', null],
    ] as const) {
      expect(push(type, after), type).toBeNull();
    }
  });

  it('words a status with the reply once answered', () => {
    const base = {
      number: ticket.number,
      createdAt: '2026-03-02T01:00:00.000Z',
      replyText: '已修复',
    };
    expect(progressReply({ ...base, status: 'in_progress' }, 'Asia/Shanghai')).toBe(
      `工单 ${ticket.number}（2026-03-02 提交）：${STATUS_WORDS.in_progress}。`,
    );
    expect(progressReply({ ...base, status: 'replied' }, 'Asia/Shanghai')).toContain(
      '答复：已修复',
    );
  });
});

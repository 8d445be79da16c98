// The conversation with a citizen on the official account, as pure rules: what they want (the
// appeal), where, a summary to confirm, then the ticket; "查询" for the progress. Texts are
// zh-CN, friendly and short. No I/O here.
import type { InboundMessage } from './wechat-message.js';

export const CONVERSATION_STATES = [
  'idle',
  'awaiting_what',
  'awaiting_where',
  'awaiting_confirm',
] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

export interface Place {
  address: string | null;
  lat: number | null;
  lng: number | null;
  /** WeChat's name of a sent location ("泸州市江阳区…"). */
  label: string | null;
}

/** A photo sent during the conversation: fetched and attached after the ticket is filed. */
export interface Photo {
  mediaId: string | null;
  picUrl: string | null;
}

export interface Draft {
  what: string | null;
  where: Place | null;
  photos: Photo[];
}

export interface Conversation {
  state: ConversationState;
  draft: Draft;
}

/** An unfinished appeal is forgotten after half an hour of silence. */
export const CONVERSATION_TTL_MS = 30 * 60_000;
/** As many photos as a citizen may add to an appeal (the tickets module's limit). */
export const MAX_PHOTOS = 4;
/** Passive replies and customer-service texts stay well under WeChat's 2,048 bytes. */
export const MAX_REPLY = 600;

const MAX_WHAT = 4000;
const MAX_ADDRESS = 500;

export const IDLE: Conversation = { state: 'idle', draft: { what: null, where: null, photos: [] } };

/** What to do with one message. */
export type Step =
  /** Answer `reply` (null: nothing to say, WeChat gets "success"). */
  | { kind: 'reply'; next: Conversation; reply: string | null }
  /** The citizen confirmed: file the draft, then tell them the ticket's number. */
  | { kind: 'file'; next: Conversation; draft: Draft & { what: string } }
  /** "查询" (with a number, or for the list of their tickets). */
  | { kind: 'query'; next: Conversation; number: string | null };

export const TEXTS = {
  welcome:
    '您好，欢迎关注 12345 政务服务便民热线！\n' +
    '遇到问题，直接发送文字或语音告诉我们，可附照片和位置，我们会为您登记工单并跟进办理。\n' +
    '发送“查询 + 工单号”可查看办理进度。',
  help:
    '直接发送文字或语音描述您遇到的问题（可附照片和位置），我们会为您登记工单。\n' +
    '发送“查询 + 工单号”查看进度，发送“取消”放弃正在填写的诉求。',
  askWhat: '请用文字或语音描述您遇到的问题。',
  askWhere: '收到。请问问题发生在哪里？请发送详细地址，或点“+”发送位置。',
  photoAdded: (count: number) => `照片已收到（共 ${count} 张）。`,
  tooManyPhotos: `最多可附 ${MAX_PHOTOS} 张照片，这张没有保存。`,
  placeAdded: (place: string) => `位置已收到：${place}。`,
  cancelled: '已取消，本次诉求没有提交。需要时随时发消息给我们。',
  nothingToCancel: '目前没有正在填写的诉求。',
  voiceUnreadable: '抱歉，没能识别这段语音，请改用文字发送。',
  unsupported: '暂不支持这类消息，请发送文字、语音、照片或位置。',
  confirmPrompt: '回复 1 确认提交，回复 2 取消；如需补充，直接发送文字、照片或位置。',
} as const;

const clip = (text: string, max: number): string => {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
};

/** The place in words: the address typed, the location's name, or its coordinates. */
export function describePlace(place: Place): string {
  if (place.address) return place.address;
  if (place.label) return place.label;
  return `纬度 ${place.lat ?? '?'}，经度 ${place.lng ?? '?'}`;
}

/** The summary the citizen confirms. */
export function summary(draft: Draft): string {
  const lines = ['请确认您的诉求：', `【问题】${clip(draft.what ?? '', 200)}`];
  if (draft.where) lines.push(`【地点】${clip(describePlace(draft.where), 100)}`);
  if (draft.photos.length > 0) lines.push(`【照片】${draft.photos.length} 张`);
  lines.push(TEXTS.confirmPrompt);
  return lines.join('\n');
}

/** The answer once the ticket is filed (the query code only the first time it is told). */
export function filedReply(receipt: { number: string; queryCode: string | null }): string {
  const code = receipt.queryCode ? `，查询码 ${receipt.queryCode}` : '';
  return (
    `您的诉求已登记，工单号 ${receipt.number}${code}。\n` +
    `我们会尽快处理，进展会在这里通知您。发送“查询 ${receipt.number}”可随时查看进度。`
  );
}

const normalise = (text: string): string => text.normalize('NFKC').trim();

const QUERY = /^(?:查询|查进度|进度查询)\s*[:：]?\s*([0-9][0-9\s]*)?$/;
const CONFIRM = /^(?:1|确认|确定|提交|是|好|好的)[!！。.]*$/;
const CANCEL = /^(?:2|取消|不用了|否)[!！。.]*$/;
const HELP = /^(?:帮助|help|菜单|\?|？)$/i;
const GREETING = /^(?:你好|您好|在吗|在不在|hi|hello|哈喽|嗨)[!！。.？?~]*$/i;

/** What the citizen is asked next, in a state. */
function prompt(conversation: Conversation): string | null {
  switch (conversation.state) {
    case 'idle':
      return null;
    case 'awaiting_what':
      return TEXTS.askWhat;
    case 'awaiting_where':
      return TEXTS.askWhere;
    case 'awaiting_confirm':
      return summary(conversation.draft);
  }
}

const joined = (...parts: Array<string | null>): string =>
  parts.filter((p): p is string => p !== null && p !== '').join('\n');

/** The next state once the draft holds `draft`: what is missing is asked for, else the summary. */
function advance(draft: Draft, lead: string | null = null): Step {
  if (!draft.what) {
    return {
      kind: 'reply',
      next: { state: 'awaiting_what', draft },
      reply: joined(lead, TEXTS.askWhat),
    };
  }
  if (!draft.where) {
    return {
      kind: 'reply',
      next: { state: 'awaiting_where', draft },
      reply: joined(lead, TEXTS.askWhere),
    };
  }
  return {
    kind: 'reply',
    next: { state: 'awaiting_confirm', draft },
    reply: joined(lead, summary(draft)),
  };
}

function onText(current: Conversation, raw: string): Step {
  // Commands are matched on the normalised text (full-width digits, spaces); what the citizen
  // says is kept as they wrote it.
  const command = normalise(raw);
  const text = raw.trim();
  const { state, draft } = current;
  const query = QUERY.exec(command);
  if (query) {
    return { kind: 'query', next: current, number: query[1]?.replace(/\s/g, '') ?? null };
  }
  if (HELP.test(command))
    return { kind: 'reply', next: current, reply: joined(TEXTS.help, prompt(current)) };
  if (state === 'awaiting_confirm' && CONFIRM.test(command) && draft.what) {
    return { kind: 'file', next: IDLE, draft: { ...draft, what: draft.what } };
  }
  if (command === '取消' || (state === 'awaiting_confirm' && CANCEL.test(command))) {
    return {
      kind: 'reply',
      next: IDLE,
      reply: state === 'idle' ? TEXTS.nothingToCancel : TEXTS.cancelled,
    };
  }
  switch (state) {
    case 'idle':
      if (GREETING.test(command) || Array.from(command).length < 2) {
        return { kind: 'reply', next: current, reply: TEXTS.welcome };
      }
      return advance({ ...draft, what: clip(text, MAX_WHAT) });
    case 'awaiting_what':
      return advance({ ...draft, what: clip(text, MAX_WHAT) });
    case 'awaiting_where':
      return advance({
        ...draft,
        where: { address: clip(text, MAX_ADDRESS), lat: null, lng: null, label: null },
      });
    case 'awaiting_confirm':
      // More words before confirming: they add to the description.
      return advance({ ...draft, what: clip(`${draft.what ?? ''}\n${text}`, MAX_WHAT) });
  }
}

/**
 * The step one message leads to from the current conversation (idle when it expired). Events
 * other than a new follower say nothing; unsubscribing forgets the draft.
 */
export function converse(current: Conversation, message: InboundMessage): Step {
  switch (message.kind) {
    case 'text':
      return onText(current, message.content);
    case 'voice':
      if (!message.recognition) {
        return {
          kind: 'reply',
          next: current,
          reply: joined(TEXTS.voiceUnreadable, prompt(current)),
        };
      }
      return onText(current, message.recognition);
    case 'image': {
      const { draft } = current;
      if (draft.photos.length >= MAX_PHOTOS) {
        return {
          kind: 'reply',
          next: current,
          reply: joined(TEXTS.tooManyPhotos, prompt(current)),
        };
      }
      const photos = [...draft.photos, { mediaId: message.mediaId, picUrl: message.picUrl }];
      return advance({ ...draft, photos }, TEXTS.photoAdded(photos.length));
    }
    case 'location': {
      const where: Place = {
        address: null,
        lat: message.lat,
        lng: message.lng,
        label: message.label ? clip(message.label, MAX_ADDRESS) : null,
      };
      return advance({ ...current.draft, where }, TEXTS.placeAdded(describePlace(where)));
    }
    case 'event':
      if (message.event === 'subscribe')
        return { kind: 'reply', next: current, reply: TEXTS.welcome };
      if (message.event === 'unsubscribe') return { kind: 'reply', next: IDLE, reply: null };
      return { kind: 'reply', next: current, reply: null };
    case 'other':
      return { kind: 'reply', next: current, reply: joined(TEXTS.unsupported, prompt(current)) };
  }
}

/** The appeal's description: what the citizen said (the place goes to its own fields). */
export function appealOf(draft: Draft & { what: string }) {
  const where = draft.where;
  return {
    description: draft.what,
    address: where ? (where.address ?? where.label) : null,
    lat: where?.lat ?? null,
    lng: where?.lng ?? null,
  };
}

export const clipReply = (text: string): string => clip(text, MAX_REPLY);

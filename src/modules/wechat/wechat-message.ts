// What WeChat delivers (普通消息 and 事件推送), read from the XML fields into one typed shape.
import { ValidationError } from '../../platform/errors.js';

interface Common {
  /** The official account (its original id, gh_…): a reply comes from it. */
  toUser: string;
  /** The citizen's openid on this account. */
  openid: string;
  /** Seconds since 1970, WeChat's clock. */
  createTime: number;
  /** The message's id; events have none. */
  msgId: string | null;
}

export type InboundMessage = Common &
  (
    | { kind: 'text'; content: string }
    | { kind: 'image'; picUrl: string | null; mediaId: string | null }
    /** `recognition` is WeChat's speech-to-text, when the account has it switched on. */
    | { kind: 'voice'; mediaId: string | null; recognition: string | null }
    | { kind: 'location'; lat: number; lng: number; label: string | null }
    | { kind: 'event'; event: string; eventKey: string | null }
    | { kind: 'other'; msgType: string }
  );

const MAX_ID = 128;

function required(fields: Record<string, string>, name: string): string {
  const value = fields[name]?.trim();
  if (!value || value.length > MAX_ID) {
    throw new ValidationError(
      name,
      `${name} is required (1 to ${MAX_ID} characters)`,
      'WECHAT_MESSAGE_INVALID',
    );
  }
  return value;
}

const optional = (fields: Record<string, string>, name: string): string | null => {
  const value = fields[name]?.trim();
  return value ? value : null;
};

function coordinate(fields: Record<string, string>, name: string, limit: number): number {
  const value = Number(fields[name]);
  if (!fields[name]?.trim() || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw new ValidationError(
      name,
      `${name} must be a number from -${limit} to ${limit}`,
      'WECHAT_MESSAGE_INVALID',
    );
  }
  return value;
}

/** The typed message of a decrypted XML's fields; a field it needs but lacks is a ValidationError naming it. */
export function readInboundMessage(fields: Record<string, string>): InboundMessage {
  const createTime = Number(required(fields, 'CreateTime'));
  if (!Number.isInteger(createTime) || createTime < 0) {
    throw new ValidationError(
      'CreateTime',
      'CreateTime must be seconds since 1970',
      'WECHAT_MESSAGE_INVALID',
    );
  }
  const msgId = optional(fields, 'MsgId') ?? optional(fields, 'MsgID');
  if (msgId !== null && (msgId.length > MAX_ID || !/^[0-9A-Za-z_-]+$/.test(msgId))) {
    throw new ValidationError('MsgId', 'MsgId must be digits', 'WECHAT_MESSAGE_INVALID');
  }
  const common: Common = {
    toUser: required(fields, 'ToUserName'),
    openid: required(fields, 'FromUserName'),
    createTime,
    msgId,
  };
  const msgType = required(fields, 'MsgType');
  switch (msgType) {
    case 'text':
      return { ...common, kind: 'text', content: fields.Content ?? '' };
    case 'image':
      return {
        ...common,
        kind: 'image',
        picUrl: optional(fields, 'PicUrl'),
        mediaId: optional(fields, 'MediaId'),
      };
    case 'voice':
      return {
        ...common,
        kind: 'voice',
        mediaId: optional(fields, 'MediaId'),
        recognition: optional(fields, 'Recognition'),
      };
    case 'location':
      return {
        ...common,
        kind: 'location',
        // Location_X is the latitude, Location_Y the longitude (GCJ-02, as WeChat's maps give them).
        lat: coordinate(fields, 'Location_X', 90),
        lng: coordinate(fields, 'Location_Y', 180),
        label: optional(fields, 'Label'),
      };
    case 'event':
      return {
        ...common,
        kind: 'event',
        event: required(fields, 'Event'),
        eventKey: optional(fields, 'EventKey'),
      };
    default:
      return { ...common, kind: 'other', msgType };
  }
}

/**
 * What makes a delivery the same message: its MsgId, or for an event (which has none) the
 * sender and creation time, as WeChat advises, with the event's name.
 */
export function messageKey(message: InboundMessage): string {
  if (message.msgId) return `msg:${message.msgId}`;
  const event = message.kind === 'event' ? message.event : message.kind;
  return `event:${message.openid}:${message.createTime}:${event}`;
}

// FreeSWITCH's event socket (mod_event_socket), inbound mode: the wire framing and the event
// translation. Pure: no sockets here.
//
// The wire: every message is a block of "Name: value" header lines ended by an empty line; a
// Content-Length header (in bytes) announces a body of that many bytes after the empty line.
// After connecting, the switch sends "Content-Type: auth/request"; the client answers
// "auth <password>\n\n" and gets "Content-Type: command/reply" with "Reply-Text: +OK accepted"
// (or "-ERR invalid"); then "event plain <names>\n\n" subscribes. Each event arrives as
// "Content-Type: text/event-plain" whose body is itself a header block with URL-encoded values
// (and, for some events, a Content-Length and a body of their own). "text/disconnect-notice"
// says the switch is closing the connection.
//
// Which event carries what:
//   CHANNEL_CREATE, Call-Direction inbound     a call coming in: Unique-ID is the call, the
//                                              caller Caller-Caller-ID-Number, the number dialled
//                                              Caller-Destination-Number
//   CHANNEL_CREATE, Call-Direction outbound    a leg to an agent's phone when its
//                                              Other-Leg-Unique-ID (or variable_originating_leg_uuid)
//                                              is a call: that phone rings; the extension is
//                                              variable_dialed_user, else Caller-Destination-Number
//   CHANNEL_ANSWER on an agent's leg           the agent answered (on the caller's own leg it is
//                                              the IVR answering: not counted)
//   CHANNEL_BRIDGE                             Bridge-A-Unique-ID (the call) joined with
//                                              Bridge-B-Unique-ID: answered, also when the agent's
//                                              leg was not seen being created
//   CHANNEL_HANGUP_COMPLETE                    the caller's leg: the call ended, and
//                                              variable_sip_hangup_disposition says who hung up
//                                              (recv_bye/recv_cancel: the caller); an agent's
//                                              leg never answered: its ring is over
// Times come from Event-Date-Timestamp (microseconds since the epoch).
import type { CallEvent, HungUpBy } from './call-events.js';
import { calledNumberOf, callerNumberOf, isExtension } from './call-rules.js';

/** The events the adapter subscribes to. */
export const ESL_EVENTS = [
  'CHANNEL_CREATE',
  'CHANNEL_ANSWER',
  'CHANNEL_HANGUP_COMPLETE',
  'CHANNEL_BRIDGE',
] as const;

export interface EslMessage {
  headers: Record<string, string>;
  /** The body (an event's header block, a command's answer), '' when there is none. */
  body: string;
}

const HEADER_END = Buffer.from('\n\n');

/** Parses "Name: value" lines; values URL-decoded when `decode` (an event's headers). */
export function parseHeaderBlock(text: string, decode: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    let value = line.slice(colon + 1).trim();
    if (decode) {
      try {
        value = decodeURIComponent(value);
      } catch {
        // a stray '%': keep the value as sent
      }
    }
    headers[name] = value;
  }
  return headers;
}

/**
 * Splits the byte stream into messages, whatever the TCP chunks: a header block may arrive in
 * pieces, a body may hold multi-byte UTF-8, several messages may share one chunk.
 */
export class EslFramer {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: { headers: Record<string, string>; length: number } | null = null;

  push(chunk: Buffer): EslMessage[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const messages: EslMessage[] = [];
    for (;;) {
      if (!this.pending) {
        // Stray newlines between messages are allowed.
        let start = 0;
        while (start < this.buffer.length && this.buffer[start] === 0x0a) start++;
        if (start > 0) this.buffer = this.buffer.subarray(start);
        const end = this.buffer.indexOf(HEADER_END);
        if (end < 0) break;
        const headers = parseHeaderBlock(this.buffer.subarray(0, end).toString('utf8'), false);
        this.buffer = this.buffer.subarray(end + HEADER_END.length);
        const length = Number(headers['Content-Length'] ?? '0');
        if (!Number.isInteger(length) || length <= 0) {
          messages.push({ headers, body: '' });
          continue;
        }
        this.pending = { headers, length };
      }
      if (this.buffer.length < this.pending.length) break;
      const body = this.buffer.subarray(0, this.pending.length).toString('utf8');
      this.buffer = this.buffer.subarray(this.pending.length);
      messages.push({ headers: this.pending.headers, body });
      this.pending = null;
    }
    return messages;
  }
}

/** An event's headers (URL-decoded) and its own body, from a text/event-plain message's body. */
export function parsePlainEvent(body: string): { headers: Record<string, string>; body: string } {
  const end = body.indexOf('\n\n');
  const head = end < 0 ? body : body.slice(0, end);
  const headers = parseHeaderBlock(head, true);
  const length = Number(headers['Content-Length'] ?? '0');
  const rest = end < 0 ? '' : body.slice(end + 2);
  return { headers, body: length > 0 ? rest : '' };
}

function eventTime(headers: Record<string, string>, fallback: Date): string {
  const micros = Number(headers['Event-Date-Timestamp']);
  return Number.isFinite(micros) && micros > 0
    ? new Date(Math.floor(micros / 1000)).toISOString()
    : fallback.toISOString();
}

function hungUpByOf(headers: Record<string, string>): HungUpBy {
  const disposition = headers['variable_sip_hangup_disposition'] ?? '';
  if (disposition.startsWith('recv_')) return 'caller';
  if (disposition.startsWith('send_')) return 'switch';
  return null;
}

const extensionOf = (...candidates: Array<string | undefined>): string | null =>
  candidates.find((c): c is string => !!c && isExtension(c)) ?? null;

interface Leg {
  callId: string;
  extension: string;
  answered: boolean;
}

/** Translates one connection's events; a new connection starts a new translator. */
export class EslTranslator {
  private readonly calls = new Set<string>();
  private readonly legs = new Map<string, Leg>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  translate(headers: Record<string, string>): CallEvent[] {
    const id = headers['Unique-ID'];
    if (!id) return [];
    const at = eventTime(headers, this.now());
    switch (headers['Event-Name']) {
      case 'CHANNEL_CREATE':
        return this.created(id, headers, at);
      case 'CHANNEL_ANSWER': {
        const leg = this.legs.get(id);
        return leg ? this.answered(id, leg, at) : [];
      }
      case 'CHANNEL_BRIDGE':
        return this.bridged(headers, at);
      case 'CHANNEL_HANGUP_COMPLETE':
        return this.hungUp(id, headers, at);
      default:
        return [];
    }
  }

  private created(id: string, headers: Record<string, string>, at: string): CallEvent[] {
    if (headers['Call-Direction'] === 'inbound') {
      if (this.calls.has(id) || this.legs.has(id)) return [];
      this.calls.add(id);
      return [
        {
          kind: 'offered',
          callId: id,
          at,
          callerNumber: callerNumberOf(headers['Caller-Caller-ID-Number'] ?? headers['Caller-ANI']),
          calledNumber: calledNumberOf(headers['Caller-Destination-Number']),
        },
      ];
    }
    const other = headers['Other-Leg-Unique-ID'] ?? headers['variable_originating_leg_uuid'];
    // An other leg this connection has not seen may be a call that began before it: the call
    // service ignores ids it has no call for.
    const callId = other ? (this.callOf(other) ?? other) : null;
    const extension = extensionOf(
      headers['variable_dialed_user'],
      headers['Caller-Destination-Number'],
    );
    if (!callId || !extension || this.legs.has(id)) return [];
    const leg = { callId, extension, answered: false };
    this.legs.set(id, leg);
    return [{ kind: 'ringing', callId, at, legId: id, extension }];
  }

  private callOf(channelId: string): string | null {
    if (this.calls.has(channelId)) return channelId;
    return this.legs.get(channelId)?.callId ?? null;
  }

  private bridged(headers: Record<string, string>, at: string): CallEvent[] {
    const a = headers['Bridge-A-Unique-ID'];
    const b = headers['Bridge-B-Unique-ID'];
    if (!a || !b) return [];
    const callId = this.callOf(a) ?? a;
    let leg = this.legs.get(b);
    if (!leg) {
      const extension = extensionOf(
        headers['Other-Leg-Destination-Number'],
        headers['Other-Leg-Callee-ID-Number'],
      );
      if (!extension) return [];
      leg = { callId, extension, answered: false };
      this.legs.set(b, leg);
    }
    return this.answered(b, leg, at);
  }

  private answered(legId: string, leg: Leg, at: string): CallEvent[] {
    if (leg.answered) return [];
    leg.answered = true;
    return [{ kind: 'answered', callId: leg.callId, at, legId, extension: leg.extension }];
  }

  private hungUp(id: string, headers: Record<string, string>, at: string): CallEvent[] {
    const leg = this.legs.get(id);
    if (leg) {
      this.legs.delete(id);
      return leg.answered
        ? []
        : [{ kind: 'ring_stopped', callId: leg.callId, at, legId: id, extension: leg.extension }];
    }
    const known = this.calls.delete(id);
    // A call that began before this connection ends here too; the call service ignores ids it
    // has no call for. Outbound legs nobody linked to a call are not calls.
    if (!known && headers['Call-Direction'] !== 'inbound') return [];
    return [{ kind: 'ended', callId: id, at, hungUpBy: hungUpByOf(headers) }];
  }
}

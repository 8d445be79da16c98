// Asterisk's ARI events (the JSON messages of GET /ari/events, rest-api/api-docs/events.json in
// Asterisk's source) translated into call events. Pure: it remembers the channels of the calls
// it has seen, nothing else.
//
// Which ARI event carries what (the adapter subscribes with subscribeAll=true, as an observer:
// the dialplan — Queue() or Dial() — controls the calls):
//
//   ChannelCreated {channel}       a channel created in state "Ring" is a call coming in: the
//                                  caller's number is channel.caller.number, the number dialled
//                                  channel.dialplan.exten (agents' and dialled channels start "Down")
//   StasisStart {channel, args}    a channel entering the app: also a call coming in, for
//                                  dialplans that hand the caller to the app by name
//   Dial {caller, peer, dialstring, dialstatus}
//                                  links the agent's channel (peer) to the call (caller); dialstatus
//                                  RINGING = the agent's phone rings, ANSWER = the agent answered,
//                                  BUSY/NOANSWER/CANCEL/CHANUNAVAIL/CONGESTION = that ring is over
//   ChannelVarset {variable, value, channel}
//                                  OPENHOTLINE_EXTENSION set on the agent's channel (a pre-dial
//                                  handler) or on the caller's before Dial() names the extension;
//                                  otherwise it comes from the agent channel's name (PJSIP/1001-…)
//                                  or the dial string (PJSIP/1001)
//   ChannelStateChange {channel}   an agent channel going "Ringing" rings, "Up" answered (the
//                                  caller's own channel going Up is the IVR answering: not counted)
//   ChannelHangupRequest {channel, cause, soft}
//                                  on the caller's channel and not soft: the caller hung up
//   ChannelDestroyed {channel, cause, cause_txt}
//                                  the caller's channel: the call ended; an agent's channel never
//                                  answered: its ring is over
//   ApplicationReplaced            another connection took the app name (see AriAdapter)
//   ChannelDialplan and the rest   not needed: the number dialled is on the caller's channel
import type { CallEvent, HungUpBy } from './call-events.js';
import { calledNumberOf, callerNumberOf, extensionFromChannelName } from './call-rules.js';

/** The variable a dialplan sets to name the agent's extension, when channel names do not. */
export const EXTENSION_VARIABLE = 'OPENHOTLINE_EXTENSION';

interface AriChannel {
  id: string;
  name?: string;
  state?: string;
  caller?: { number?: string; name?: string };
  dialplan?: { exten?: string; context?: string };
  creationtime?: string;
}

interface AriMessage {
  type?: string;
  timestamp?: string;
  channel?: AriChannel;
  caller?: AriChannel;
  peer?: AriChannel;
  dialstring?: string;
  dialstatus?: string;
  variable?: string;
  value?: string;
  soft?: boolean;
}

interface Leg {
  callId: string;
  name: string;
  extension: string | null;
  answered: boolean;
  /** Its ring is over (reported once). */
  stopped: boolean;
}

/** Asterisk writes '2019-04-01T19:57:23.302+0200'; ISO 8601 wants '+02:00'. */
export function ariTime(value: string | undefined, fallback: Date): string {
  if (!value) return fallback.toISOString();
  const iso = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? fallback.toISOString() : new Date(ms).toISOString();
}

const isChannel = (value: unknown): value is AriChannel =>
  typeof value === 'object' && value !== null && typeof (value as AriChannel).id === 'string';

/** Translates one connection's ARI events; a new connection starts a new translator. */
export class AriTranslator {
  /** The caller's channels of calls in progress. */
  private readonly calls = new Set<string>();
  /** Agents' channels, by channel id. */
  private readonly legs = new Map<string, Leg>();
  /** OPENHOTLINE_EXTENSION values seen before the Dial that uses them, by channel id. */
  private readonly pendingExtensions = new Map<string, string>();
  /** Callers' channels on which the caller asked to hang up. */
  private readonly hungUpByCaller = new Set<string>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  translate(raw: unknown): CallEvent[] {
    if (typeof raw !== 'object' || raw === null) return [];
    const message = raw as AriMessage;
    const at = ariTime(message.timestamp, this.now());
    const channel = isChannel(message.channel) ? message.channel : null;
    switch (message.type) {
      case 'ChannelCreated':
        return channel?.state === 'Ring' && !this.legs.has(channel.id)
          ? this.offered(channel, at)
          : [];
      case 'StasisStart':
        return channel && !this.legs.has(channel.id) ? this.offered(channel, at) : [];
      case 'Dial':
        return this.dial(message, at);
      case 'ChannelVarset':
        if (channel && message.variable === EXTENSION_VARIABLE && message.value) {
          const leg = this.legs.get(channel.id);
          if (leg) leg.extension = message.value;
          else this.pendingExtensions.set(channel.id, message.value);
        }
        return [];
      case 'ChannelStateChange': {
        const leg = channel ? this.legs.get(channel.id) : undefined;
        if (!channel || !leg?.extension) return [];
        if (channel.state === 'Ringing') return [this.legEvent('ringing', channel.id, leg, at)];
        if (channel.state === 'Up') return this.answered(channel.id, leg, at);
        return [];
      }
      case 'ChannelHangupRequest':
        if (channel && this.calls.has(channel.id) && message.soft !== true)
          this.hungUpByCaller.add(channel.id);
        return [];
      case 'ChannelDestroyed':
        return channel ? this.destroyed(channel, at) : [];
      default:
        return [];
    }
  }

  private offered(channel: AriChannel, at: string): CallEvent[] {
    if (this.calls.has(channel.id)) return [];
    this.calls.add(channel.id);
    return [
      {
        kind: 'offered',
        callId: channel.id,
        at: channel.creationtime ? ariTime(channel.creationtime, new Date(at)) : at,
        callerNumber: callerNumberOf(channel.caller?.number),
        calledNumber: calledNumberOf(channel.dialplan?.exten),
      },
    ];
  }

  /** The call a channel belongs to: its own, or the one of the agent leg it is part of. */
  private callOf(channel: AriChannel): string | null {
    if (this.calls.has(channel.id)) return channel.id;
    const leg = this.legs.get(channel.id);
    if (leg) return leg.callId;
    // The second half of a Local channel pair ('…;2') dials on behalf of its first half ('…;1').
    if (channel.name?.startsWith('Local/') && channel.name.endsWith(';2')) {
      const first = channel.name.slice(0, -1) + '1';
      for (const other of this.legs.values()) if (other.name === first) return other.callId;
    }
    return null;
  }

  private dial(message: AriMessage, at: string): CallEvent[] {
    if (!isChannel(message.peer)) return [];
    const peer = message.peer;
    const events: CallEvent[] = [];
    let callId = this.legs.get(peer.id)?.callId ?? null;
    if (!callId && isChannel(message.caller)) {
      callId = this.callOf(message.caller);
      // A call already in progress when this connection started: its caller is the call.
      if (!callId && !this.legs.has(message.caller.id)) {
        events.push(...this.offered(message.caller, at));
        callId = message.caller.id;
      }
    }
    if (!callId) return events;
    let leg = this.legs.get(peer.id);
    if (!leg) {
      const fromCaller = isChannel(message.caller)
        ? this.pendingExtensions.get(message.caller.id)
        : undefined;
      leg = {
        callId,
        name: peer.name ?? '',
        extension:
          this.pendingExtensions.get(peer.id) ??
          fromCaller ??
          extensionFromChannelName(peer.name) ??
          extensionFromChannelName(message.dialstring),
        answered: false,
        stopped: false,
      };
      this.pendingExtensions.delete(peer.id);
      this.legs.set(peer.id, leg);
    }
    if (!leg.extension) return events;
    switch (message.dialstatus) {
      case 'RINGING':
        events.push(this.legEvent('ringing', peer.id, leg, at));
        break;
      case 'ANSWER':
        events.push(...this.answered(peer.id, leg, at));
        break;
      case undefined:
      case '':
      case 'PROGRESS':
      case 'PROCEEDING':
        break;
      default:
        // BUSY, NOANSWER, CANCEL, CHANUNAVAIL, CONGESTION…: this ring is over.
        events.push(...this.stoppedRinging(peer.id, leg, at));
    }
    return events;
  }

  private answered(legId: string, leg: Leg, at: string): CallEvent[] {
    if (leg.answered) return [];
    leg.answered = true;
    return [this.legEvent('answered', legId, leg, at)];
  }

  private stoppedRinging(legId: string, leg: Leg, at: string): CallEvent[] {
    if (leg.answered || leg.stopped) return [];
    leg.stopped = true;
    return [this.legEvent('ring_stopped', legId, leg, at)];
  }

  private legEvent(
    kind: 'ringing' | 'ring_stopped' | 'answered',
    legId: string,
    leg: Leg,
    at: string,
  ): CallEvent {
    return { kind, callId: leg.callId, at, legId, extension: leg.extension ?? '' };
  }

  private destroyed(channel: AriChannel, at: string): CallEvent[] {
    this.pendingExtensions.delete(channel.id);
    const leg = this.legs.get(channel.id);
    if (leg) {
      this.legs.delete(channel.id);
      return leg.extension ? this.stoppedRinging(channel.id, leg, at) : [];
    }
    const known = this.calls.delete(channel.id);
    const hungUpBy: HungUpBy = this.hungUpByCaller.delete(channel.id)
      ? 'caller'
      : known
        ? 'switch'
        : null;
    // Unknown channels too: a call that began before this connection ends here; the call
    // service ignores ids it has no call for.
    return [{ kind: 'ended', callId: channel.id, at, hungUpBy }];
  }
}

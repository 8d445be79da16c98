// What every phone switch adapter reports, in one vocabulary: the Asterisk (ARI) and FreeSWITCH
// (event socket) adapters translate their own events into these, and one CallService records
// them. No I/O here.

export const SWITCH_KINDS = ['asterisk', 'freeswitch'] as const;
export type SwitchKind = (typeof SWITCH_KINDS)[number];

/** Who ended a call that no operator answered: the caller (abandoned) or the switch (missed). */
export type HungUpBy = 'caller' | 'switch' | null;

/**
 * One thing that happened to a call, in the switch's own time. `callId` is the switch's id of
 * the caller's leg (Asterisk channel id, FreeSWITCH Unique-ID); `legId` the id of the leg that
 * rings an operator's phone, so that one ring reported twice is one ring.
 */
export type CallEvent =
  | {
      kind: 'offered';
      callId: string;
      at: string;
      callerNumber: string | null;
      calledNumber: string | null;
    }
  | { kind: 'ringing'; callId: string; at: string; legId: string; extension: string }
  | { kind: 'ring_stopped'; callId: string; at: string; legId: string; extension: string }
  | { kind: 'answered'; callId: string; at: string; legId: string; extension: string }
  | { kind: 'ended'; callId: string; at: string; hungUpBy: HungUpBy };

/** Where an adapter delivers its events, one at a time and in the switch's order. */
export type CallEventSink = (event: CallEvent) => Promise<void>;

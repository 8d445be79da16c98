import { describe, expect, it } from 'vitest';
import { ariCallEvents, ariChannel, ariTimestamp } from '../../test-support/fake-pbx.js';
import type { CallEvent } from './call-events.js';
import { AriTranslator, ariTime } from './ari-events.js';

const translateAll = (events: unknown[]): CallEvent[] => {
  const translator = new AriTranslator(() => new Date('2026-03-02T01:00:00.000Z'));
  return events.flatMap((event) => translator.translate(event));
};

describe('ARI events as calls', () => {
  it('reads Asterisk times with a +hhmm offset', () => {
    expect(ariTime('2026-03-02T09:00:05.250+0800', new Date(0))).toBe('2026-03-02T01:00:05.250Z');
    expect(ariTime('nonsense', new Date(0))).toBe('1970-01-01T00:00:00.000Z');
  });

  it('follows a queue call answered by an agent', () => {
    const events = translateAll(
      ariCallEvents({
        callId: '1772413200.101',
        callerNumber: '13812345678',
        offeredAt: '2026-03-02T01:00:00.000Z',
        ring: {
          legId: '1772413204.102',
          extension: '8001',
          at: '2026-03-02T01:00:04.000Z',
          answeredAt: '2026-03-02T01:00:09.000Z',
        },
        endedAt: '2026-03-02T01:03:00.000Z',
      }),
    );
    expect(events).toEqual([
      {
        kind: 'offered',
        callId: '1772413200.101',
        at: '2026-03-02T01:00:00.000Z',
        callerNumber: '13812345678',
        calledNumber: '12345',
      },
      // ChannelStateChange Ringing and Dial RINGING: the same ring (the call service keeps one).
      ...[0, 1].map(() => ({
        kind: 'ringing',
        callId: '1772413200.101',
        at: '2026-03-02T01:00:04.000Z',
        legId: '1772413204.102',
        extension: '8001',
      })),
      {
        kind: 'answered',
        callId: '1772413200.101',
        at: '2026-03-02T01:00:09.000Z',
        legId: '1772413204.102',
        extension: '8001',
      },
      {
        kind: 'ended',
        callId: '1772413200.101',
        at: '2026-03-02T01:03:00.000Z',
        hungUpBy: 'caller',
      },
    ]);
  });

  it('tells a caller who gave up from a call the switch ended', () => {
    const script = {
      callId: 'c1',
      callerNumber: '13812345678',
      offeredAt: '2026-03-02T01:00:00.000Z',
      ring: { legId: 'l1', extension: '8001', at: '2026-03-02T01:00:02.000Z' },
      endedAt: '2026-03-02T01:00:30.000Z',
    };
    const abandoned = translateAll(ariCallEvents(script));
    expect(abandoned.map((e) => e.kind)).toEqual([
      'offered',
      'ringing',
      'ringing',
      'ring_stopped',
      'ended',
    ]);
    expect(abandoned.at(-1)).toMatchObject({ kind: 'ended', hungUpBy: 'caller' });
    const missed = translateAll(ariCallEvents({ ...script, callerHungUp: false }));
    expect(missed.at(-1)).toMatchObject({ kind: 'ended', hungUpBy: 'switch' });
  });

  it('takes the extension from OPENHOTLINE_EXTENSION when the channel name does not tell', () => {
    const at = ariTimestamp('2026-03-02T01:00:00.000Z');
    const caller = ariChannel({
      id: 'c2',
      name: 'PJSIP/trunk-1',
      state: 'Ring',
      callerNumber: '02866668888',
      exten: '12345',
      creationtime: at,
    });
    const peer = ariChannel({
      id: 'p2',
      name: 'PJSIP/desk-7f3a-00000009',
      state: 'Down',
      creationtime: at,
    });
    const events = translateAll([
      { type: 'StasisStart', timestamp: at, application: 'openhotline', args: [], channel: caller },
      {
        type: 'ChannelVarset',
        timestamp: at,
        variable: 'OPENHOTLINE_EXTENSION',
        value: '8002',
        channel: peer,
      },
      { type: 'Dial', timestamp: at, caller, peer, dialstring: 'PJSIP/desk-7f3a', dialstatus: '' },
      { type: 'ChannelStateChange', timestamp: at, channel: { ...peer, state: 'Ringing' } },
      { type: 'ChannelStateChange', timestamp: at, channel: { ...peer, state: 'Up' } },
      // The caller's own channel going Up is not an operator answering.
      { type: 'ChannelStateChange', timestamp: at, channel: { ...caller, state: 'Up' } },
    ]);
    expect(events.map((e) => [e.kind, 'extension' in e ? e.extension : null])).toEqual([
      ['offered', null],
      ['ringing', '8002'],
      ['answered', '8002'],
    ]);
  });

  it('picks up a call already in progress from its Dial event, and ignores other traffic', () => {
    const at = ariTimestamp('2026-03-02T01:00:00.000Z');
    const caller = ariChannel({
      id: 'c3',
      name: 'PJSIP/trunk-3',
      state: 'Up',
      callerNumber: 'anonymous',
      exten: '12345',
      creationtime: at,
    });
    const peer = ariChannel({
      id: 'p3',
      name: 'PJSIP/8003-00000003',
      state: 'Ringing',
      creationtime: at,
    });
    const events = translateAll([
      { type: 'ChannelCreated', timestamp: at, channel: { ...peer, id: 'other', state: 'Down' } },
      { type: 'PlaybackStarted', timestamp: at, playback: {} },
      'not an object',
      { type: 'Dial', timestamp: at, caller, peer, dialstatus: 'RINGING' },
    ]);
    expect(events).toMatchObject([
      { kind: 'offered', callId: 'c3', callerNumber: null, calledNumber: '12345' },
      { kind: 'ringing', callId: 'c3', legId: 'p3', extension: '8003' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { eslCallEvents, eslEventFrame } from '../../test-support/fake-pbx.js';
import { EslFramer, EslTranslator, parsePlainEvent } from './esl-protocol.js';

describe('the FreeSWITCH event socket protocol', () => {
  it('frames replies and events whatever the chunks, counting bytes not characters', () => {
    const event = eslEventFrame({
      'Event-Name': 'CHANNEL_CREATE',
      'Unique-ID': 'a-1',
      'Caller-Caller-ID-Name': '张三 𠮷 🙂',
    });
    const stream = Buffer.concat([
      Buffer.from('Content-Type: auth/request\n\n'),
      Buffer.from('Content-Type: command/reply\nReply-Text: +OK accepted\n\n'),
      event,
      event,
    ]);
    for (const size of [1, 3, 7, stream.length]) {
      const framer = new EslFramer();
      const messages = [];
      for (let i = 0; i < stream.length; i += size)
        messages.push(...framer.push(stream.subarray(i, i + size)));
      expect(messages.map((m) => m.headers['Content-Type'])).toEqual([
        'auth/request',
        'command/reply',
        'text/event-plain',
        'text/event-plain',
      ]);
      expect(messages[1]!.headers['Reply-Text']).toBe('+OK accepted');
      const headers = parsePlainEvent(messages[3]!.body).headers;
      expect(headers['Caller-Caller-ID-Name']).toBe('张三 𠮷 🙂');
      expect(headers['Unique-ID']).toBe('a-1');
    }
  });

  it("reads an event's own body after its headers", () => {
    const parsed = parsePlainEvent(
      'Event-Name: BACKGROUND_JOB\nJob-UUID: 7f4d\nContent-Length: 10\n\n+OK done\n\n',
    );
    expect(parsed.headers['Event-Name']).toBe('BACKGROUND_JOB');
    expect(parsed.body).toBe('+OK done\n\n');
    expect(parsePlainEvent('Bad-Value: 100%25 and %zz\n\n').headers['Bad-Value']).toBe(
      '100%25 and %zz',
    );
  });

  it('follows a call answered by an agent, not counting the IVR answering it', () => {
    const translator = new EslTranslator();
    const events = eslCallEvents({
      callId: 'a-leg',
      callerNumber: '13812345678',
      offeredAt: '2026-03-02T01:00:00.000Z',
      ring: {
        legId: 'b-leg',
        extension: '8001',
        at: '2026-03-02T01:00:03.000Z',
        answeredAt: '2026-03-02T01:00:08.500Z',
      },
      endedAt: '2026-03-02T01:02:00.000Z',
    }).flatMap((headers) => translator.translate(headers));
    expect(events).toEqual([
      {
        kind: 'offered',
        callId: 'a-leg',
        at: '2026-03-02T01:00:00.000Z',
        callerNumber: '13812345678',
        calledNumber: '12345',
      },
      {
        kind: 'ringing',
        callId: 'a-leg',
        at: '2026-03-02T01:00:03.000Z',
        legId: 'b-leg',
        extension: '8001',
      },
      {
        kind: 'answered',
        callId: 'a-leg',
        at: '2026-03-02T01:00:08.500Z',
        legId: 'b-leg',
        extension: '8001',
      },
      { kind: 'ended', callId: 'a-leg', at: '2026-03-02T01:02:00.000Z', hungUpBy: 'caller' },
    ]);
  });

  it('tells who hung up an unanswered call from the SIP disposition', () => {
    const script = {
      callId: 'a2',
      callerNumber: '13812345678',
      offeredAt: '2026-03-02T01:00:00.000Z',
      ring: { legId: 'b2', extension: '8001', at: '2026-03-02T01:00:03.000Z' },
      endedAt: '2026-03-02T01:00:20.000Z',
    };
    const run = (disposition: string) => {
      const translator = new EslTranslator();
      return eslCallEvents({ ...script, disposition }).flatMap((h) => translator.translate(h));
    };
    expect(run('recv_cancel').map((e) => e.kind)).toEqual([
      'offered',
      'ringing',
      'ring_stopped',
      'ended',
    ]);
    expect(run('recv_cancel').at(-1)).toMatchObject({ hungUpBy: 'caller' });
    expect(run('send_bye').at(-1)).toMatchObject({ hungUpBy: 'switch' });
  });
});

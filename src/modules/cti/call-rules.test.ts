import { describe, expect, it } from 'vitest';
import {
  ariEventsUrl,
  callerNumberOf,
  extensionFromChannelName,
  isHotlineCall,
  outcomeOf,
  readCtiSettings,
  recordingUrlOf,
} from './call-rules.js';

describe('phone switch rules', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138-1234-5678', '+8613812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['anonymous', null],
    ['', null],
    [undefined, null],
  ])('reads the caller number %s as %s', (raw, expected) => {
    expect(callerNumberOf(raw)).toBe(expected);
  });

  it.each([
    ['PJSIP/1001-0000002a', '1001'],
    ['SIP/8002-00000001', '8002'],
    ['Local/1003@agents-00000001;1', '1003'],
    ['sofia/internal/1004@10.0.0.5', '1004'],
    ['PJSIP/1001', '1001'],
    ['garbage', null],
    [undefined, null],
  ])('finds the extension of channel %s', (name, expected) => {
    expect(extensionFromChannelName(name)).toBe(expected);
  });

  it('decides how a call ended', () => {
    expect(outcomeOf(true, 'caller')).toBe('answered');
    expect(outcomeOf(false, 'caller')).toBe('abandoned');
    expect(outcomeOf(false, null)).toBe('abandoned');
    expect(outcomeOf(false, 'switch')).toBe('missed');
  });

  it('counts every call without numbers, else only calls to them', () => {
    expect(isHotlineCall('8001', [])).toBe(true);
    expect(isHotlineCall('12345', ['12345', 'hotline'])).toBe(true);
    expect(isHotlineCall('8001', ['12345'])).toBe(false);
    expect(isHotlineCall(null, ['12345'])).toBe(false);
  });

  it('links a recording without caller data', () => {
    expect(
      recordingUrlOf('https://pbx.example/rec/{switch}/{day}/{callId}.wav', {
        callId: '1709341200.42',
        day: '2026-03-02',
        switch: 'asterisk',
      }),
    ).toBe('https://pbx.example/rec/asterisk/2026-03-02/1709341200.42.wav');
    expect(recordingUrlOf(null, { callId: 'x', day: '2026-03-02', switch: 'asterisk' })).toBeNull();
  });

  it('reads the settings, off when a kind lacks what it needs to connect', () => {
    const ari = readCtiSettings({
      kind: 'asterisk',
      ari_url: 'http://pbx:8088/ari/',
      ari_app: 'openhotline',
      ari_user: 'hotline',
      ari_password: 'p&ss word',
      numbers: '12345, 12345-1，queue9',
    });
    expect(ari.kind).toBe('asterisk');
    expect(ari.numbers).toEqual(['12345', '12345-1', 'queue9']);
    const url = new URL(ariEventsUrl(ari.ari!));
    expect(url.protocol).toBe('ws:');
    expect(url.pathname).toBe('/ari/events');
    expect(url.searchParams.get('app')).toBe('openhotline');
    expect(url.searchParams.get('api_key')).toBe('hotline:p&ss word');
    expect(url.searchParams.get('subscribeAll')).toBe('true');
    expect(readCtiSettings({ kind: 'asterisk', ari_url: 'http://pbx:8088' }).kind).toBe('off');
    expect(readCtiSettings({ kind: 'freeswitch', esl_host: 'pbx', esl_password: 'x' }).esl).toEqual(
      {
        host: 'pbx',
        port: 8021,
        password: 'x',
      },
    );
    expect(readCtiSettings({ kind: 'nonsense' }).kind).toBe('off');
    expect(ariEventsUrl({ ...ari.ari!, baseUrl: 'https://pbx' })).toMatch(
      /^wss:\/\/pbx\/ari\/events\?/,
    );
  });
});

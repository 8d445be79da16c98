import { describe, expect, it } from 'vitest';
import { clip, smsTexts, weiboPublicTexts } from './message-texts.js';
import { afterFailure, MAX_ATTEMPTS, retryDelayMs } from './outbox-rules.js';
import { evaluationOf, parseSurveyAnswer } from './sms-survey-rules.js';
import {
  smsSignature,
  verifySmsSignature,
  verifyWeiboSignature,
  weiboSignature,
} from './webhook-signature.js';
import { weiboTime } from './weibo.service.js';

describe('SMS survey answers', () => {
  it.each([
    ['1', 'asked', 'satisfied'],
    ['１', 'asked', 'satisfied'],
    [' 2。', 'asked', 'basically_satisfied'],
    ['不满意', 'asked', 'dissatisfied'],
    ['满意!', 'asked', 'satisfied'],
    ['3', 'asked', 'dissatisfied'],
    ['4', 'asked', null],
    ['路灯还是不亮', 'asked', null],
    ['1', 'asked_resolution', 'resolved'],
    ['未解决', 'asked_resolution', 'unresolved'],
    ['2', 'asked_resolution', 'unresolved'],
    ['3', 'asked_resolution', null],
    ['1', 'waiting', null],
  ] as const)('%j while %s is %s', (text, state, answer) => {
    expect(parseSurveyAnswer(text, state)).toBe(answer);
  });

  it('turns answers into the callback’s three answers; a 3 asks about resolution first', () => {
    expect(evaluationOf('satisfied', null)).toEqual({
      contacted: true,
      resolved: true,
      satisfaction: 'satisfied',
    });
    expect(evaluationOf('dissatisfied', null)).toBe('ask_resolution');
    expect(evaluationOf('unresolved', 'dissatisfied')).toEqual({
      contacted: true,
      resolved: false,
      satisfaction: 'dissatisfied',
    });
    expect(evaluationOf('resolved', 'dissatisfied')).toMatchObject({ resolved: true });
  });
});

describe('message texts', () => {
  it('clips by characters, not UTF-16 units (𠮷 and 😀 count once)', () => {
    expect(clip('𠮷😀ab', 4)).toBe('𠮷😀ab');
    expect(clip('𠮷😀abc', 4)).toBe('𠮷😀a…');
    expect(smsTexts.answer('', '1', `${'𠮷'.repeat(400)}`)).toHaveLength(
      '您的诉求（工单号1）已答复：'.length + 299 * 2 + 1,
    );
  });

  it('says nothing but the number in a public Weibo comment', () => {
    for (const text of [
      weiboPublicTexts.receipt('20260302000001'),
      weiboPublicTexts.answered('20260302000001'),
    ]) {
      expect(text).toContain('20260302000001');
      expect(text).not.toMatch(/查询码|\{queryCode\}/);
      expect(Array.from(text).length).toBeLessThanOrEqual(140);
    }
  });
});

describe('webhook signatures', () => {
  const now = new Date('2026-03-02T01:00:00.000Z');
  const seconds = String(now.getTime() / 1000);

  it('checks the SMS gateway’s HMAC of timestamp and body, within five minutes', () => {
    const body = Buffer.from('{"text":"𠮷"}');
    const signature = `sha256=${smsSignature('s3cret', seconds, body)}`;
    expect(verifySmsSignature('s3cret', { timestamp: seconds, signature }, body, now)).toBe(true);
    expect(verifySmsSignature('other', { timestamp: seconds, signature }, body, now)).toBe(false);
    expect(
      verifySmsSignature('s3cret', { timestamp: seconds, signature }, Buffer.from('{}'), now),
    ).toBe(false);
    const late = new Date(now.getTime() + 6 * 60_000);
    expect(verifySmsSignature('s3cret', { timestamp: seconds, signature }, body, late)).toBe(false);
    expect(verifySmsSignature('s3cret', { timestamp: seconds }, body, now)).toBe(false);
  });

  it('computes Weibo’s signature as its documentation’s example does', () => {
    // open.weibo.com, 粉丝服务平台 接入指南: appsecret xyz123xyz, timestamp 1397022061823, nonce 57155157.
    expect(weiboSignature('xyz123xyz', '1397022061823', '57155157')).toBe(
      '90e4c22c90a58f26526c2dd5b6c56c8822edeaa1',
    );
    const at = new Date(1397022061823 + 1000);
    const query = {
      signature: '90e4c22c90a58f26526c2dd5b6c56c8822edeaa1',
      timestamp: '1397022061823',
      nonce: '57155157',
    };
    expect(verifyWeiboSignature('xyz123xyz', query, at)).toBe(true);
    expect(verifyWeiboSignature('xyz123xyz', { ...query, nonce: '1' }, at)).toBe(false);
    expect(verifyWeiboSignature('xyz123xyz', query, new Date(1397022061823 + 3600_000))).toBe(
      false,
    );
  });

  it('reads Weibo’s time format', () => {
    expect(weiboTime('Mon Jul 16 18:09:20 +0800 2012')).toBe('2012-07-16T10:09:20.000Z');
    expect(weiboTime('2026-03-02T09:00:00+08:00')).toBe('2026-03-02T01:00:00.000Z');
    expect(weiboTime('yesterday')).toBeUndefined();
  });
});

describe('outbox retries', () => {
  const now = new Date('2026-03-02T01:00:00.000Z');
  it('waits 30 s, doubling up to four hours, or as long as the gateway asked', () => {
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(3)).toBe(120_000);
    expect(retryDelayMs(20)).toBe(4 * 3600_000);
    expect(retryDelayMs(1, 300_000)).toBe(300_000);
  });

  it('gives up on a final error at once and on a passing one after the last attempt', () => {
    const busy = { code: 'GATEWAY_ERROR', message: 'answered 503', retryable: true };
    expect(afterFailure(1, busy, now)).toEqual({
      status: 'pending',
      nextAttemptAt: '2026-03-02T01:00:30.000Z',
      error: 'GATEWAY_ERROR: answered 503',
    });
    expect(afterFailure(MAX_ATTEMPTS, busy, now)).toMatchObject({ status: 'failed' });
    expect(afterFailure(1, { ...busy, retryable: false }, now)).toMatchObject({ status: 'failed' });
  });
});

import { describe, expect, it } from 'vitest';
import {
  checkCoordinates,
  defaultDisposition,
  defaultTitle,
  hashQueryCode,
  newQueryCode,
  normalisePhone,
  ticketDay,
  toDispositionStep,
} from './appeal-rules.js';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { details?: { field?: string } }).details?.field;
  }
};

describe('appeal rules', () => {
  it.each([
    ['138 1234-5678', '13812345678'],
    ['+86 138 1234 5678', '+8613812345678'],
    ['0830-3112345', '08303112345'],
    ['110', '110'],
    ['１３８１２３４５６７８', '13812345678'],
  ])('normalises the phone %s', (typed, stored) => {
    expect(normalisePhone('citizenPhone', typed)).toBe(stored);
  });

  it.each(['12', '138-abcd-5678', '1+38', '+', '123456789012345678901', '138\n1234'])(
    'refuses the phone %s, naming the field',
    (typed) => {
      expect(fieldOf(() => normalisePhone('citizenPhone', typed))).toBe('citizenPhone');
    },
  );

  it('checks coordinates together and in range', () => {
    expect(checkCoordinates(28.87, 105.44)).toEqual({ lat: 28.87, lng: 105.44 });
    expect(checkCoordinates(undefined, null)).toEqual({ lat: null, lng: null });
    expect(fieldOf(() => checkCoordinates(28.87, undefined))).toBe('lng');
    expect(fieldOf(() => checkCoordinates(null, 105))).toBe('lat');
    expect(fieldOf(() => checkCoordinates(-91, 105))).toBe('lat');
    expect(fieldOf(() => checkCoordinates(28, 181))).toBe('lng');
  });

  it('titles a ticket by the first 30 characters, counting 𠮷 and emoji as one', () => {
    const text = '𠮷'.repeat(10) + '😀'.repeat(10) + '路灯'.repeat(10);
    expect(Array.from(defaultTitle(text))).toHaveLength(30);
    expect(defaultTitle('  路灯\n\n不亮  ')).toBe('路灯 不亮');
  });

  it('numbers by the local day of the time zone', () => {
    expect(ticketDay(new Date('2026-03-02T15:59:59Z'), 'Asia/Shanghai')).toBe('20260302');
    expect(ticketDay(new Date('2026-03-02T16:00:00Z'), 'Asia/Shanghai')).toBe('20260303');
    expect(ticketDay(new Date('2026-03-02T03:00:00Z'), 'America/New_York')).toBe('20260301');
  });

  it('makes readable query codes and hashes them the way they are typed back', () => {
    const code = newQueryCode();
    expect(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{10}$/);
    expect(newQueryCode()).not.toBe(code);
    expect(hashQueryCode(code.toLowerCase())).toBe(hashQueryCode(code));
    expect(hashQueryCode(`${code.slice(0, 5)} ${code.slice(5)}`)).toBe(hashQueryCode(code));
  });

  it('receives written messages and dispatches calls by default', () => {
    expect(defaultDisposition('phone')).toBe('dispatch');
    expect(defaultDisposition('walk_in')).toBe('dispatch');
    expect(defaultDisposition('wechat')).toBe('received');
    expect(toDispositionStep('web', {})).toEqual({ kind: 'received' });
  });

  it('asks each disposition for what it needs', () => {
    expect(fieldOf(() => toDispositionStep('phone', { disposition: 'direct_answer' }))).toBe(
      'answer',
    );
    expect(
      fieldOf(() => toDispositionStep('phone', { disposition: 'referral', referralTarget: '110' })),
    ).toBe('referralReason');
    expect(
      toDispositionStep('phone', {
        disposition: 'referral',
        referralTarget: '120',
        referralReason: '老人晕倒',
      }),
    ).toEqual({ kind: 'referral', target: '120', reason: '老人晕倒' });
  });
});
